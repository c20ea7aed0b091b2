#pragma once
// One POP3 command line, split the way RFC 1939 §3 describes it: a case-insensitive keyword,
// then arguments after a single space. Like Dovecot, the argument text is kept as sent (it is
// parsed by the command that takes it), so "LIST 1 2" reaches LIST as "1 2".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace imaplab {

struct Pop3Command {
    std::string keyword;  ///< upper-cased ("RETR"); "" for an empty line
    std::string args;     ///< everything after the first space ("" when none)
};

/// Splits `line` (line end removed) into keyword and arguments. RFC 1939 §3.
Pop3Command parse_pop3_command(std::string_view line);

/// A number at the start of `args` (RFC 1939 §3 "msg", or TOP's line count), read as Dovecot's pop3
/// does: digits, then either the end (`then_space` false) or a space. Returns the number and the
/// text after the spaces that follow, or the "-ERR ..." line (without CRLF) to answer, e.g.
/// "Invalid message number: X", "Message number too large: ", "Noise after message number: X".
/// A number above `max` is "too large"; Dovecot then echoes the argument only for 64-bit sizes.
struct Pop3Number {
    std::uint64_t value = 0;
    std::string rest;   ///< what follows the number and its spaces
    std::string error;  ///< non-empty: the -ERR line
};
struct Pop3NumberKind {
    std::string_view invalid;  ///< "Invalid message number"
    std::string_view large;    ///< "Message number too large"
    std::string_view noise;    ///< "Noise after message number"
    std::uint64_t max;         ///< the largest value accepted
    bool echo_large;           ///< "too large" repeats the argument
};
/// Message numbers: 32-bit, "too large" without the argument (Dovecot's str_parse_uint).
inline constexpr Pop3NumberKind kPop3MessageNumber{"Invalid message number", "Message number too large",
                                                   "Noise after message number", 0xFFFFFFFFu, false};
/// TOP's line count: 64-bit, "too large" with the argument (Dovecot's str_parse_uoff).
inline constexpr Pop3NumberKind kPop3Size{"Invalid size", "Size too large", "Noise after size", ~std::uint64_t{0}, true};
Pop3Number parse_pop3_number(std::string_view args, bool then_space, const Pop3NumberKind& kind);

}  // namespace imaplab
