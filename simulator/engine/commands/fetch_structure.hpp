#pragma once
// Writing ENVELOPE, BODY and BODYSTRUCTURE values in IMAP syntax (RFC 9051 §7.5.2, §9 `envelope`,
// `body`), byte for byte as Dovecot 2.3 writes them: string values are quoted unless they hold
// CR, LF, 8-bit bytes or more than four quoted-specials (then a literal {n}CRLF...), absent
// values are NIL, the Subject and display names are cleaned for humans (tabs and runs of spaces
// become one space, line breaks go), MIME defaults are filled in ("text" "plain",
// ("charset" "us-ascii"), "7bit"), parameter names and values keep their case.
#include <optional>
#include <string>
#include <string_view>

#include "store/mime/envelope.hpp"
#include "store/mime/mime_part.hpp"

namespace imaplab {

/// "(" date subject from sender reply-to to cc bcc in-reply-to message-id ")"; Sender and
/// Reply-To default to From.
void append_envelope(std::string& out, const MessageEnvelope& envelope);

/// The body structure of `part` (usually parse_mime(message)), without the surrounding
/// parentheses Dovecot adds around the top level: the caller writes "BODYSTRUCTURE (" ... ")".
/// `extended` selects BODYSTRUCTURE (with extension data: md5, disposition, language,
/// location; multipart parameters) over BODY.
void append_body_structure(std::string& out, const MimePart& part, std::string_view message, bool extended);

/// Dovecot's string rules (imap-quote.c): `nstring` NIL / quoted / literal; `nolf` first drops
/// CR and LF (a line break followed by text becomes a space); `for_humans` as described above.
void append_imap_nstring(std::string& out, const std::optional<std::string>& value);
void append_imap_string(std::string& out, std::string_view value);
void append_imap_nstring_nolf(std::string& out, const std::optional<std::string>& value);
void append_imap_string_for_humans(std::string& out, std::string_view value);

}  // namespace imaplab
