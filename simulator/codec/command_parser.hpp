#pragma once
// Parsing a framed command (client -> server) into tag, command name and a generic argument tree.
// RFC 9051 §9: command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF;
// tag = 1*<any ASTRING-CHAR except "+">. Arguments are atoms, quoted strings, literals and
// parenthesised lists; each command's handler then reads its own arguments (engine/arg_reader.hpp).
// Parse results are values: a ParsedCommand or a ParseError (offset + reason), never exceptions.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_event.hpp"
#include "types/result.hpp"

namespace imaplab {

/// One argument token. RFC 9051 §4 data formats.
struct Arg {
    enum class Type : std::uint8_t {
        Atom,     ///< atom-like token; may contain a "[...]" section (BODY[HEADER.FIELDS (From)]<0.10>)
        Quoted,   ///< quoted string, escapes removed
        Literal,  ///< {n} / {n+} literal (or ~{n} literal8 when `binary`), `value` holds the n octets
        List,     ///< "(" ... ")", `children` holds the items
    };
    Type type = Type::Atom;
    std::string value;
    std::vector<Arg> children;
    std::size_t offset = 0;  ///< byte offset of the token in the command
    bool binary = false;     ///< a literal8 "~{n}" (RFC 3516, RFC 9051 §4.3.1): may hold NUL

    bool is_string() const { return type == Type::Quoted || type == Type::Literal; }
    /// Atom "NIL" (case-insensitive).
    bool is_nil() const;
};

struct ParsedCommand {
    std::string tag;
    std::string name;  ///< upper-case; "UID FETCH" etc. for UID commands
    std::vector<Arg> args;
};

struct ParseError {
    enum class Stage : std::uint8_t { Tag, Name, Args };
    Stage stage = Stage::Args;
    std::string tag;     ///< "" when the tag itself is invalid
    std::string name;    ///< upper-case command name when it was read
    std::size_t offset = 0;
    std::string reason;  ///< e.g. "Missing ')'", "Invalid tag"
};

/// Reads only the tag and command name (used before a synchronising literal is accepted, so a
/// command that will be refused anyway is refused before the client sends its literal).
Result<ParsedCommand, ParseError> parse_command_head(std::string_view bytes);

/// Parses a whole framed command. `literals` are the spans the framer found.
Result<ParsedCommand, ParseError> parse_command(std::string_view bytes, const std::vector<LiteralSpan>& literals);

/// True for a valid tag character (ASTRING-CHAR except "+").
bool is_tag_char(char c);

}  // namespace imaplab
