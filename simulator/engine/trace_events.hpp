#pragma once
// Building trace events from store values (the trace is pure data; the store knows nothing of it).
#include "store/mailbox.hpp"
#include "trace/trace_event.hpp"

namespace imaplab {

/// A MessageAdded event for `message` in `mailbox`: stored flags, size, INTERNALDATE, and the
/// From/Subject a view shows (unfolded, RFC 2047 words decoded).
MessageAdded message_added_event(const Mailbox& mailbox, const Message& message);

}  // namespace imaplab
