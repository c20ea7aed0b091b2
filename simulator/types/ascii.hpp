#pragma once
// ASCII case folding for protocol keywords: IMAP atoms such as command names, FETCH items and
// SEARCH keys are case-insensitive (RFC 9051 §9, "case-insensitive" note), in ASCII only.
#include <string>
#include <string_view>

namespace imaplab {

/// `s` with a–z turned into A–Z; every other byte (UTF-8 included) unchanged.
std::string ascii_upper(std::string_view s);

}  // namespace imaplab
