#pragma once
// The header of an RFC 5322 message: where it ends, its fields, and the subsets that
// BODY[HEADER.FIELDS (...)] and BODY[HEADER.FIELDS.NOT (...)] return (RFC 9051 §6.4.5).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// One header field as written (RFC 5322 §2.2): `name` without the colon (trailing whitespace
/// trimmed), `raw` the whole field including folded lines and its final line end.
struct HeaderField {
    std::string_view name;
    std::string_view raw;

    /// The value the way Dovecot's header parser gives it ("full value"): the text after the colon
    /// with the whitespace right after the colon skipped, folded lines kept with their line breaks
    /// (CRLF + WSP) except before a folded line of only whitespace, trailing whitespace kept, the
    /// final line end removed.
    std::string full_value() const;
};

/// The fields of `header` (which may be a whole message: reading stops at the blank line), in
/// order. A line without a colon becomes a field with an empty name (no name matches it).
std::vector<HeaderField> header_fields(std::string_view header);

/// Size of the header in octets, including the blank line that ends it (CRLF CRLF). A message with
/// no blank line is all header.
std::size_t header_size(std::string_view message);

/// The header (BODY[HEADER]) and the text after it (BODY[TEXT]).
std::string_view message_header(std::string_view message);
std::string_view message_text(std::string_view message);

/// The value of the first field called `name` (case-insensitive), unfolded (CRLF + WSP becomes
/// WSP), leading/trailing whitespace removed; nullopt when there is no such field.
std::optional<std::string> header_field(std::string_view message, std::string_view name);

/// The values of every field called `name` (case-insensitive), in order, unfolded and trimmed
/// like header_field(). Empty when there is none.
std::vector<std::string> header_field_values(std::string_view message, std::string_view name);

/// The fields whose names are (or, with `exclude`, are not) in `names`, raw with their folding,
/// followed by the blank line: what BODY[HEADER.FIELDS ...] returns.
std::string header_fields_subset(std::string_view message, const std::vector<std::string>& names, bool exclude);

}  // namespace imaplab
