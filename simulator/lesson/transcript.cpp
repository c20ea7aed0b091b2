#include "lesson/transcript.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace imaplab {

std::string TranscriptError::to_string() const {
    return line > 0 ? fmt::format("{}:{}: {}", file, line, message) : fmt::format("{}: {}", file, message);
}

namespace {

/// n when `text` ends in "{n}" or "{n+}".
std::optional<std::uint64_t> trailing_literal(std::string_view text) {
    if (text.empty() || text.back() != '}') return std::nullopt;
    std::size_t open = text.rfind('{');
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view digits = text.substr(open + 1, text.size() - open - 2);
    if (!digits.empty() && digits.back() == '+') digits.remove_suffix(1);
    if (digits.empty() || digits.size() > 19) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

}  // namespace

Result<Transcript, TranscriptError> parse_transcript(std::string_view text, const std::string& file) {
    using R = Result<Transcript, TranscriptError>;
    Transcript t;
    t.file = file;
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        pos = eol == std::string_view::npos ? text.size() : eol + 1;
        ++number;
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        auto fail = [&](std::string msg) { return R::failure(TranscriptError{file, number, std::move(msg)}); };
        if (line.size() < 2 || (line[0] != 'C' && line[0] != 'S') || line[1] != ':')
            return fail("expected \"C: \" (client) or \"S: \" (server) at the start of the line, a \"#\" comment or a blank line");
        TranscriptLine tl;
        tl.direction = line[0] == 'C' ? TranscriptLine::Direction::Client : TranscriptLine::Direction::Server;
        tl.line = number;
        std::string_view rest = line.substr(2);
        if (rest.empty()) return fail(fmt::format("empty {} line", tl.is_client() ? "client" : "server"));
        if (rest[0] != ' ') return fail(fmt::format("expected a space after \"{}:\"", line[0]));
        tl.text = std::string(rest.substr(1));
        if (tl.text.empty()) return fail(fmt::format("empty {} line", tl.is_client() ? "client" : "server"));
        if (tl.text == "...") {
            if (tl.is_client()) return fail("an elision \"...\" stands for server lines only; type every client line");
            if (!t.lines.empty() && t.lines.back().elision) return fail("two elisions in a row");
            tl.elision = true;
        } else {
            tl.literal_octets = trailing_literal(tl.text);
        }
        t.lines.push_back(std::move(tl));
    }
    return t;
}

Result<Transcript, TranscriptError> load_transcript_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Result<Transcript, TranscriptError>::failure(TranscriptError{path, 0, fmt::format("cannot read: {}", std::strerror(errno))});
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_transcript(ss.str(), path);
}

}  // namespace imaplab
