#pragma once
// C:/S: transcripts (transcripts/*.txt): a recorded IMAP session as plain text, one protocol line
// per source line. The format (docs/lesson-format.md, "Transcripts"):
//   C: A0001 LOGIN username password     a line the client sent (tag included, no CRLF)
//   S: A0001 OK User logged in           a line the server sent
//   S: ...                               an elision: matches any number of server lines
//   # comment                            ignored, as are blank lines
// Trailing spaces and tabs (and a CR of a CRLF file) are not part of a line. A line ending in a
// literal announcement "{n}" (RFC 9051 §4.3; "{n+}" for LITERAL+) records n in literal_octets.
// Literal data is not typed: after a server line announcing a literal, the next S: line is the
// text that follows the literal's n octets (e.g. ")") or an elision; after a client line, the
// next C: line holds the literal's bytes and the rest of the command, as the client sent them
// after the server's "+" continuation request.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/result.hpp"

namespace imaplab {

struct TranscriptLine {
    enum class Direction : std::uint8_t { Client, Server };
    Direction direction = Direction::Client;
    std::string text;           ///< the protocol line after "C: " / "S: ", trailing blanks removed; "..." for an elision
    std::size_t line = 0;       ///< 1-based line in the transcript file
    bool elision = false;       ///< "S: ...": any number (zero or more) of server lines
    std::optional<std::uint64_t> literal_octets;  ///< n when the line ends in "{n}" or "{n+}"

    bool is_client() const { return direction == Direction::Client; }
};

struct Transcript {
    std::string file;  ///< as given to the reader
    std::vector<TranscriptLine> lines;
};

struct TranscriptError {
    std::string file;
    std::size_t line = 0;  ///< 1-based; 0 when the file could not be read
    std::string message;
    /// "transcripts/x.txt:7: expected \"C: \" or \"S: \" at the start of the line"
    std::string to_string() const;
};

/// Reads transcript text. Errors: a line that is neither blank, a comment, "C: ..." nor "S: ...";
/// an empty protocol line; an elision on a client line; two elisions in a row.
Result<Transcript, TranscriptError> parse_transcript(std::string_view text, const std::string& file);

/// Reads the transcript file at `path` (errors name `path`).
Result<Transcript, TranscriptError> load_transcript_file(const std::string& path);

}  // namespace imaplab
