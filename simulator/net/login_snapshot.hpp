#pragma once
// What a user sees when they log in, put into a real connection's trace: the server's store was
// filled before the connection existed (a fixture, a saved state), so a per-connection view (the
// window's Network panel, trace/connection_log.hpp) would show empty mailboxes. At login the
// account's mailboxes and messages are recorded as events of that connection.
#include <functional>

#include "trace/timeline.hpp"

namespace imaplab {
class Account;
}

namespace imaplab::net {

/// A TraceSink for one connection: passes every event on to `next`; after a StateChanged from Not
/// Authenticated to Authenticated, records a MailboxCreated for each mailbox of `account()` (the
/// session's account; null = none) and a MessageAdded for each of its messages, as events of the
/// same connection. Cost: one event per message at each login; servers with a trace only.
class LoginSnapshotSink final : public TraceSink {
public:
    LoginSnapshotSink(TraceSink* next, std::function<const Account*()> account) : next_(next), account_(std::move(account)) {}
    void record(std::uint32_t connection, TraceData data) override;

private:
    TraceSink* next_;
    std::function<const Account*()> account_;
};

}  // namespace imaplab::net
