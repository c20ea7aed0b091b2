#pragma once
// JSON form of trace events and timelines (nlohmann/json), for export and for other tools.
// Each event: {"index", "step", "connection", "type", ...fields of the event}.
#include <nlohmann/json.hpp>

#include "trace/timeline.hpp"

namespace imaplab {

/// One event as JSON; "type" is one of wire_line, state_changed, mailbox_created, message_added,
/// flags_changed, message_expunged, mailbox_selected, mailbox_closed, step_started,
/// mailbox_deleted, mailbox_renamed, mailbox_subscribed.
nlohmann::json to_json(const TraceEvent& event);
/// {"events": [...]} for the whole timeline.
nlohmann::json to_json(const Timeline& timeline);

}  // namespace imaplab
