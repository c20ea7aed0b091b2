#include "store/mime/envelope.hpp"

#include "store/mime/header.hpp"
#include "types/flags.hpp"

namespace imaplab {

MessageEnvelope parse_envelope(std::string_view header) {
    MessageEnvelope e;
    for (const auto& f : header_fields(header)) {
        std::optional<std::string>* str = nullptr;
        std::optional<std::vector<MailAddress>>* addr = nullptr;
        const std::string_view n = f.name;
        if (iequals(n, "Date")) str = &e.date;
        else if (iequals(n, "Subject")) str = &e.subject;
        else if (iequals(n, "In-Reply-To")) str = &e.in_reply_to;
        else if (iequals(n, "Message-ID")) str = &e.message_id;
        else if (iequals(n, "From")) addr = &e.from;
        else if (iequals(n, "Sender")) addr = &e.sender;
        else if (iequals(n, "Reply-To")) addr = &e.reply_to;
        else if (iequals(n, "To")) addr = &e.to;
        else if (iequals(n, "Cc")) addr = &e.cc;
        else if (iequals(n, "Bcc")) addr = &e.bcc;
        if (str) {
            *str = f.full_value();
        } else if (addr) {
            std::vector<MailAddress> list = parse_address_list(f.full_value());
            if (!*addr) *addr = std::move(list);
            else (*addr)->insert((*addr)->end(), list.begin(), list.end());
        }
    }
    return e;
}

}  // namespace imaplab
