#pragma once
// Writing a message as a POP3 multi-line response body. RFC 1939 §3: lines end in CRLF; a line
// that begins with "." gets another "." in front ("byte-stuffing"); the response ends with a line
// holding only ".". The terminating ".\r\n" is not written here.
#include <cstdint>
#include <string>
#include <string_view>

namespace imaplab {

/// The whole message `text` (CRLF line ends) dot-stuffed, ending in CRLF (one is added when the
/// message does not end with one, as Dovecot does). RFC 1939 §7 (RETR).
std::string pop3_stuffed_message(std::string_view text);

/// The header of `text`, the empty line after it and the first `body_lines` lines of the body,
/// dot-stuffed, ending in CRLF. A message without an empty line is all header. RFC 1939 §7 (TOP).
std::string pop3_stuffed_top(std::string_view text, std::uint64_t body_lines);

}  // namespace imaplab
