#pragma once
// Encoding values into response syntax. RFC 9051 §4.3 (strings: atom, quoted, literal) and §9.
// The encoder picks the form: an atom when every byte is an ASTRING-CHAR, a quoted string when
// the value has no CR, LF, NUL or 8-bit bytes, otherwise a literal {n}CRLF<n octets>.
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// astring: atom if possible, else quoted, else literal. RFC 9051 §9 `astring`.
void append_astring(std::string& out, std::string_view value);
/// string: quoted if possible, else literal. RFC 9051 §9 `string`.
void append_string(std::string& out, std::string_view value);
/// Always a literal: "{n}" CRLF and the n octets. RFC 9051 §4.3.
void append_literal(std::string& out, std::string_view value);
/// Quoted string with \" and \\ escaped; caller ensures no CR/LF/NUL.
void append_quoted(std::string& out, std::string_view value);
/// "(" flag *(SP flag) ")". RFC 9051 §9 `flag-list`.
void append_flag_list(std::string& out, const std::vector<std::string>& flags);
/// resp-text's `text` (RFC 9051 §9: TEXT-CHAR or UTF-8): appends `text` with every CR, LF, NUL,
/// other control byte and byte of an invalid UTF-8 sequence replaced by '?', so a human-readable
/// text that quotes the client's input stays one line of valid text.
void append_text(std::string& out, std::string_view text);
/// True when `value` can be sent as a quoted string.
bool quotable(std::string_view value);


}  // namespace imaplab
