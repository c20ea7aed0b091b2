#pragma once
// Building the mail store a lesson starts from, recording MailboxCreated and MessageAdded events
// (connection 0) so the views can show the store from step 0.
#include "lesson/lesson.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"

namespace imaplab {

/// Fills `store` from `fixture`. \Recent: messages marked recent must be the ones with the highest
/// UIDs of their mailbox (they arrived last); the lowest recent UID becomes the mailbox's \Recent
/// boundary. Throws std::invalid_argument on a fixture the loader should have rejected.
void build_fixture(const Fixture& fixture, MailStore& store, TraceSink* trace);

}  // namespace imaplab
