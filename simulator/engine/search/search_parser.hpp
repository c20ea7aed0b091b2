#pragma once
// Parsing the arguments of SEARCH / UID SEARCH into a SearchProgram. RFC 9051 §6.4.4 and §9:
//   search         = "SEARCH" [search-return-opts] SP search-program
//   search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"
//   search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
// RFC 4731 (MIN MAX ALL COUNT), RFC 5182 (SAVE, "$"). Errors carry Dovecot's texts:
// BAD "Unknown argument FOO", "Missing parameter for search key (for search key: ON)",
// "Invalid search date parameter", ..., and NO [BADCHARSET] "Unknown charset.".
#include <string>
#include <vector>

#include "codec/command_parser.hpp"
#include "engine/search/search_key.hpp"
#include "types/result.hpp"

namespace imaplab::search {

struct SearchParseError {
    bool no = false;   ///< NO with `code` (BADCHARSET); otherwise BAD about the arguments
    std::string code;  ///< "BADCHARSET" or ""
    std::string text;  ///< BAD: the reason (no final period); NO: the whole text
    bool save = false; ///< RETURN (SAVE) had been read (a failed SEARCH ... SAVE empties "$" on NO)
};

/// Parses a SEARCH command's arguments. With `imap4rev2`, a search without RETURN answers
/// with ESEARCH ALL (RFC 9051 §6.4.4). String arguments are converted from the CHARSET to
/// UTF-8 (iconv; UTF-8 and US-ASCII are taken as UTF-8, as Dovecot does) and folded.
Result<SearchProgram, SearchParseError> parse_search_program(const std::vector<Arg>& args, bool imap4rev2);

}  // namespace imaplab::search
