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

/// A message number at the start of `args`, RFC 1939 §3 ("msg"), read as Dovecot's pop3 does:
/// digits, then either the end (`then_space` false) or a space. Returns the number and the text
/// after the spaces that follow, or the "-ERR ..." line (without CRLF) to answer:
/// "Invalid message number: X", "Message number too large: X", "Noise after message number: X".
struct Pop3Number {
    std::uint64_t value = 0;
    std::string rest;   ///< what follows the number and its spaces
    std::string error;  ///< non-empty: the -ERR line
};
Pop3Number parse_pop3_number(std::string_view args, bool then_space, std::string_view what_invalid,
                             std::string_view what_large, std::string_view what_noise);

}  // namespace imaplab
