#pragma once
// Undoing Content-Transfer-Encoding (RFC 2045 §6): base64 with OpenSSL's EVP decoder,
// quoted-printable the way Dovecot's decoder reads it.
#include <string>
#include <string_view>

namespace imaplab {

/// The Content-Transfer-Encoding of a part as Dovecot classifies it: the first token of the
/// field value, case-insensitive; anything else (also an empty value) is Unknown.
enum class TransferEncoding : unsigned char { SevenOrEightBit, Binary, QuotedPrintable, Base64, Unknown };
TransferEncoding classify_transfer_encoding(std::string_view field_value);

/// Base64 (RFC 2045 §6.8): whitespace and line breaks are skipped. Appends what it decoded to
/// `out`; returns false for characters outside the alphabet, data after the padding or a
/// truncated final group.
bool decode_base64(std::string_view in, std::string& out);

/// Quoted-printable (RFC 2045 §6.7): "=XX" (upper- or lower-case hex) decoded, soft line breaks
/// ("=" [WSP] CRLF) removed, whitespace at the end of a line dropped, bare LF written as CRLF.
/// Appends to `out`; returns false for "=" not followed by two hex digits or a line break, or a
/// CR not followed by LF (the bytes are then kept as they are).
bool decode_quoted_printable(std::string_view in, std::string& out);

}  // namespace imaplab
