#include "pop3/pop3_encode.hpp"

namespace imaplab {
namespace {

// Appends `text` line by line, stuffing lines that start with "."; stops after `max_lines` lines
// (counted from `count_from`, the first line that counts). Lines end in CRLF (a bare LF is kept
// as it is: the store holds CRLF text).
std::string stuff(std::string_view text, std::size_t count_from, std::uint64_t max_lines) {
    std::string out;
    out.reserve(text.size() + text.size() / 64 + 4);
    std::size_t pos = 0;
    std::uint64_t counted = 0;
    while (pos < text.size()) {
        if (pos >= count_from) {
            if (counted == max_lines) break;
            ++counted;
        }
        std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        if (text[pos] == '.') out.push_back('.');
        out.append(text.substr(pos, end - pos));
        pos = end;
    }
    if (!out.empty() && out.back() != '\n') out.append("\r\n");
    return out;
}

}  // namespace

std::string pop3_stuffed_message(std::string_view text) {
    return stuff(text, text.size(), 0);
}

std::string pop3_stuffed_top(std::string_view text, std::uint64_t body_lines) {
    std::size_t body = text.size();
    if (text.rfind("\r\n", 0) == 0) {
        body = 2;  // no header at all: the empty line comes first
    } else if (std::size_t blank = text.find("\r\n\r\n"); blank != std::string_view::npos) {
        body = blank + 4;
    }
    return stuff(text, body, body_lines);
}

}  // namespace imaplab
