#pragma once
// The ENVELOPE of a message (RFC 9051 §7.5.2, RFC 3501 §7.4.2) as values: the raw Date,
// Subject, In-Reply-To and Message-ID field values and the parsed address lists. The IMAP
// syntax is written by the FETCH code (engine/commands/fetch_structure.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/mime/address.hpp"

namespace imaplab {

struct MessageEnvelope {
    /// Field values as Dovecot keeps them (HeaderField::full_value: raw, RFC 2047 words not
    /// decoded, folding line breaks still inside). The last occurrence of a field counts.
    std::optional<std::string> date, subject, in_reply_to, message_id;
    /// Address lists; nullopt when the field is absent. Repeated fields are concatenated.
    std::optional<std::vector<MailAddress>> from, sender, reply_to, to, cc, bcc;
};

/// Reads the envelope fields from a header (a whole message is fine: reading stops at the
/// blank line). Sender and Reply-To are NOT defaulted here; the writer uses From for them
/// when they are absent, as RFC 9051 §7.5.2 requires.
MessageEnvelope parse_envelope(std::string_view header);

}  // namespace imaplab
