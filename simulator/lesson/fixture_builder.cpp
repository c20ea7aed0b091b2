#include "lesson/fixture_builder.hpp"

#include <memory>
#include <stdexcept>

#include "store/mime/encoded_words.hpp"
#include "store/mime/header.hpp"
#include "types/date_time.hpp"

namespace imaplab {

std::string display_header(const std::string& message_text, std::string_view field) {
    auto v = header_field(message_text, field);
    return v ? decode_encoded_words(*v) : std::string();
}

void build_fixture(const Fixture& fixture, MailStore& store, TraceSink* trace) {
    for (const auto& fa : fixture.accounts) {
        Account* account = store.add_account(fa.user, fa.password);
        if (!account) throw std::invalid_argument("duplicate account " + fa.user);
        for (const auto& fm : fa.mailboxes) {
            const std::uint32_t uidvalidity = fm.uidvalidity ? fm.uidvalidity : fixture.uidvalidity;
            Mailbox* mb = account->create(fm.name, uidvalidity);
            if (!mb) throw std::invalid_argument("duplicate mailbox " + fm.name);
            mb->set_subscribed(fm.subscribed);
            if (trace) trace->record(0, MailboxCreated{mb->name(), uidvalidity});
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
                if (trace) {
                    MessageAdded added;
                    added.mailbox = mb->name();
                    added.uid = msg.uid;
                    added.flags = mb->flag_names(m);
                    added.size = m.size();
                    added.internal_date = format_imap_date_time(DateTime{m.internal_date, m.tz_minutes});
                    added.from = display_header(msg.text, "From");
                    added.subject = display_header(msg.text, "Subject");
                    trace->record(0, std::move(added));
                }
                mb->append(std::move(m));
            }
            if (fm.uidnext) mb->raise_uidnext(fm.uidnext);
            mb->set_first_recent_uid(first_recent ? first_recent : mb->uidnext());
        }
    }
}

}  // namespace imaplab
