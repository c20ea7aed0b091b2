#include "store/mime/line_endings.hpp"

namespace imaplab {

std::string normalize_line_endings(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' && (i + 1 == text.size() || text[i + 1] == '\n')) continue;  // dropped (re-added below)
        if (c == '\n' && (out.empty() || out.back() != '\r')) out += '\r';
        out += c;
    }
    return out;
}

}  // namespace imaplab
