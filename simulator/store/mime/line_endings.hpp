#pragma once
// Line ends of a stored message. IMAP sends messages with CRLF line ends (RFC 9051 §2.2); Dovecot
// normalizes a message when it is saved (APPEND, delivery), and the sizes, sections and body
// structures it reports are those of the normalized text.
#include <string>
#include <string_view>

namespace imaplab {

/// The message text as Dovecot 2.3 saves it: the CR right before each LF is dropped, then every
/// LF gets one CR (so "a\nb", "a\r\nb" and "a\r\r\nb" all become "a\r\nb"; "a\r\r\r\nb" becomes
/// "a\r\r\nb"), and a CR at the very end is dropped. Other lone CRs stay.
std::string normalize_line_endings(std::string_view text);

}  // namespace imaplab
