#include "engine/trace_events.hpp"

#include "store/mime/encoded_words.hpp"
#include "store/mime/header.hpp"
#include "types/date_time.hpp"

namespace imaplab {
namespace {
std::string display_header(const std::string& text, std::string_view field) {
    auto v = header_field(text, field);
    return v ? decode_encoded_words(*v) : std::string();
}
}  // namespace

MessageAdded message_added_event(const Mailbox& mailbox, const Message& message) {
    MessageAdded added;
    added.mailbox = mailbox.name();
    added.uid = message.uid.value;
    added.flags = mailbox.flag_names(message);
    added.size = message.size();
    added.internal_date = format_imap_date_time(DateTime{message.internal_date, message.tz_minutes});
    if (message.text) {
        added.from = display_header(*message.text, "From");
        added.subject = display_header(*message.text, "Subject");
    }
    return added;
}

}  // namespace imaplab
