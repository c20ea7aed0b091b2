#include "net/trace_printer.hpp"

#include <fmt/core.h>

namespace imaplab::net {
namespace {

void append_visible(std::string& out, std::string_view bytes, std::vector<std::string>& lines) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
        if (c == '\n') {
            lines.push_back(std::move(out));
            out.clear();
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02X}", c);
        } else {
            out += static_cast<char>(c);  // UTF-8 passes through
        }
    }
}

bool is_text(std::string_view bytes) {
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0 || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')) return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> printable_lines(const WireLine& w, std::size_t max_literal_shown) {
    std::vector<std::string> lines;
    std::string current;
    std::size_t pos = 0;
    for (const auto& l : w.literals) {
        if (l.offset < pos || l.offset + l.length > w.text.size()) continue;
        append_visible(current, std::string_view(w.text).substr(pos, l.offset - pos), lines);
        std::string_view data = std::string_view(w.text).substr(l.offset, l.length);
        if (data.size() <= max_literal_shown && is_text(data)) append_visible(current, data, lines);
        else current += fmt::format("<literal: {} octets>", data.size());
        pos = l.offset + l.length;
    }
    append_visible(current, std::string_view(w.text).substr(pos), lines);
    lines.push_back(std::move(current));
    return lines;
}

void TracePrinter::record(std::uint32_t connection, TraceData data) {
    if (const auto* w = std::get_if<WireLine>(&data)) {
        const char* who = w->is_client() ? "C" : "S";
        for (const auto& line : printable_lines(*w)) print_(fmt::format("conn {} {}: {}", connection, who, line));
    }
    if (next_) next_->record(connection, std::move(data));
}

}  // namespace imaplab::net
