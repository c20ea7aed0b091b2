#pragma once
// Decoding RFC 2047 encoded words ("=?UTF-8?B?0J/RgNC40LLQtdGC?=") in header values for display.
// Base64 comes from OpenSSL, charset conversion from iconv.
#include <string>
#include <string_view>

namespace imaplab {

/// Decodes every encoded word in `value` to UTF-8; whitespace between adjacent encoded words is
/// dropped (RFC 2047 §6.2). Words that cannot be decoded are left as they are.
std::string decode_encoded_words(std::string_view value);

/// Converts `text` from `charset` to UTF-8 with iconv; returns false for an unknown charset or
/// invalid input.
bool convert_to_utf8(std::string_view text, std::string_view charset, std::string& out);

/// Like convert_to_utf8, but bytes that are invalid in `charset` become U+FFFD instead of
/// failing the whole conversion. Returns false (and leaves `out` untouched) only for an unknown
/// charset.
bool convert_to_utf8_lossy(std::string_view text, std::string_view charset, std::string& out);

}  // namespace imaplab
