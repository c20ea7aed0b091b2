#pragma once
// Text of a message for SEARCH (RFC 9051 §6.4.4: FROM, SUBJECT, HEADER, BODY, TEXT ... match
// "case-insensitively" on the decoded text). All functions return UTF-8; the caller folds case.
// They never throw and accept any bytes (malformed MIME is read leniently, like Dovecot).
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// The values of every header field of the top-level header called `field` (case-insensitive,
/// without the colon), in message order: unfolded (each CRLF before folding whitespace removed),
/// leading and trailing whitespace trimmed, RFC 2047 encoded words decoded to UTF-8 with iconv
/// (e.g. "=?KOI8-R?B?...?=" -> "Привет"). Words in unknown charsets stay as they are. An empty
/// vector when the field is absent; a present but empty field gives one "" entry.
std::vector<std::string> decoded_header_values(std::string_view message, std::string_view field);

/// The body text of the message as UTF-8, what SEARCH BODY looks at (Dovecot skips every header,
/// also the MIME headers of parts and the header of an attached message): every text/* part
/// (a part without Content-Type is text/plain) and every other message/* leaf part, in order,
/// each followed by "\n"; parts inside multipart/* and message/rfc822 are included. Its
/// Content-Transfer-Encoding (base64, quoted-printable) is undone and its charset parameter
/// (default us-ascii; KOI8-R, windows-1251, ISO-8859-x, UTF-8 ...) converted to UTF-8 with iconv.
/// Bytes of an unknown charset, and undecodable bytes, are kept as they are. Non-text parts
/// (images, application/*) and multipart preambles/epilogues contribute nothing.
std::string decoded_body_text(std::string_view message);

/// What SEARCH TEXT looks at: every header field of every part (the top-level header, MIME
/// headers and attached messages' headers) as "Name: value\n" with the value unfolded and RFC 2047
/// decoded, followed by decoded_body_text().
std::string decoded_full_text(std::string_view message);

}  // namespace imaplab
