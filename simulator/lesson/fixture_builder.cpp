#include "lesson/fixture_builder.hpp"

#include <memory>
#include <stdexcept>

#include "engine/trace_events.hpp"
#include "types/date_time.hpp"

namespace imaplab {

void build_fixture(const Fixture& fixture, MailStore& store, TraceSink* trace) {
    for (const auto& fa : fixture.accounts) {
        Account* account = store.add_account(fa.user, fa.password);
        if (!account) throw std::invalid_argument("duplicate account " + fa.user);
        for (const auto& fm : fa.mailboxes) {
            const std::uint32_t uidvalidity = fm.uidvalidity ? fm.uidvalidity : fixture.uidvalidity;
            Mailbox* mb = account->create(fm.name, uidvalidity);
            if (!mb) throw std::invalid_argument("duplicate mailbox " + fm.name);
            if (!fm.special_use.empty()) account->set_special_use(mb->name(), fm.special_use);
            for (const auto& [id, letters] : fm.acl) {
                char bad = 0;
                const auto rights = parse_acl_rights(letters, bad);
                if (!rights) throw std::invalid_argument("bad ACL right in " + fm.name);
                const bool negative = id.size() > 1 && id[0] == '-';
                mb->acl().modify(negative ? id.substr(1) : id, negative, AclModify::Replace, *rights);
            }
            if (trace) trace->record(0, MailboxCreated{mb->name(), uidvalidity, fm.special_use});
            if (fm.subscribed) {
                account->subscribe(mb->name());
                if (trace) trace->record(0, MailboxSubscribed{mb->name(), true});
            }
            for (const auto& k : fm.keywords) mb->define_keyword(k);
            std::uint32_t first_recent = 0;
            for (const auto& msg : fm.messages) {
                Message m;
                m.uid = Uid{msg.uid};
                mb->set_flags(m, msg.flags);
                auto date = parse_imap_date_time(msg.internal_date);
                if (!date) throw std::invalid_argument("bad internal date " + msg.internal_date);
                m.internal_date = date->unix_seconds;
                m.tz_minutes = date->tz_minutes;
                m.text = std::make_shared<const std::string>(msg.text);
                if (msg.recent) {
                    if (!first_recent) first_recent = msg.uid;
                } else if (first_recent) {
                    throw std::invalid_argument("in " + fm.name + ", UID " + std::to_string(msg.uid) +
                                                " is not \\Recent but an earlier UID is: recent messages must be the newest");
                }
                if (trace) trace->record(0, message_added_event(*mb, m));
                mb->append(std::move(m));
            }
            if (fm.uidnext) mb->raise_uidnext(fm.uidnext);
            mb->set_first_recent_uid(first_recent ? first_recent : mb->uidnext());
        }
    }
}

}  // namespace imaplab
