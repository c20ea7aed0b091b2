#include "net/login_snapshot.hpp"

#include "engine/trace_events.hpp"
#include "store/mail_store.hpp"

namespace imaplab::net {

void LoginSnapshotSink::record(std::uint32_t connection, TraceData data) {
    const auto* change = std::get_if<StateChanged>(&data);
    const bool logged_in = change && change->from == SessionState::NotAuthenticated && change->to == SessionState::Authenticated;
    if (next_) next_->record(connection, std::move(data));
    if (!logged_in || !next_) return;
    const Account* account = account_ ? account_() : nullptr;
    if (!account) return;
    for (const Mailbox* mb : account->mailboxes()) {
        next_->record(connection, MailboxCreated{mb->name(), mb->uidvalidity(), account->special_use(mb->name())});
        for (const Message& m : mb->messages()) next_->record(connection, message_added_event(*mb, m));
    }
}

}  // namespace imaplab::net
