#pragma once
// Base64 as SASL uses it in IMAP (RFC 4648 §4, RFC 9051 §6.2.2): challenges and responses of
// AUTHENTICATE are base64 text on one line. Encoding and decoding are OpenSSL's
// (EVP_EncodeBlock / EVP_DecodeBlock); this file only adds the strict checks OpenSSL leaves out.
#include <optional>
#include <string>
#include <string_view>

namespace imaplab::sasl {

/// The base64 text of `bytes` (with "=" padding, no line breaks). "" for "".
std::string base64_encode(std::string_view bytes);

/// Decodes base64 text strictly: only A-Z a-z 0-9 + / are data characters, the length is a
/// multiple of 4, and "=" appears only as one or two final padding characters. Anything else
/// (spaces, line breaks, a non-terminal "=", missing padding) gives nullopt: RFC 9051 §6.2.2
/// requires a tagged BAD for such a response. "" decodes to "".
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace imaplab::sasl
