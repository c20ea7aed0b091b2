#pragma once
// Mailbox names on the wire. Inside the store names are UTF-8 with "/" as hierarchy delimiter.
// IMAP4rev1 clients send and receive them in modified UTF-7 (RFC 3501 §5.1.3); IMAP4rev2 uses
// UTF-8 (RFC 9051 §5.1).
#include <string>
#include <string_view>

#include "types/result.hpp"

namespace imaplab {

/// Decodes a mailbox name as the client sent it. `utf8` selects IMAP4rev2 rules. Errors say what
/// is wrong (e.g. "Invalid modified UTF-7 in mailbox name").
Result<std::string> decode_mailbox_name(std::string_view wire, bool utf8);

/// Encodes a stored (UTF-8) name for a response.
std::string encode_mailbox_name(std::string_view name, bool utf8);

}  // namespace imaplab
