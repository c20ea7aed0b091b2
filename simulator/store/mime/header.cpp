#include "store/mime/header.hpp"

#include "types/flags.hpp"

namespace imaplab {

std::size_t header_size(std::string_view m) {
    if (m.rfind("\r\n", 0) == 0) return 2;
    if (!m.empty() && m[0] == '\n') return 1;
    std::size_t p = 0;
    while (true) {
        std::size_t nl = m.find('\n', p);
        if (nl == std::string_view::npos) return m.size();
        std::size_t next = nl + 1;
        if (next < m.size() && m[next] == '\n') return next + 1;
        if (next + 1 < m.size() && m[next] == '\r' && m[next + 1] == '\n') return next + 2;
        p = next;
    }
}

std::string_view message_header(std::string_view m) { return m.substr(0, header_size(m)); }
std::string_view message_text(std::string_view m) { return m.substr(header_size(m)); }

std::string HeaderField::full_value() const {
    std::size_t colon = raw.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view v = raw.substr(colon + 1);
    if (!v.empty() && v.back() == '\n') v.remove_suffix(1);
    if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
    // Whitespace after the colon is skipped, except that a first line of only whitespace loses
    // just one character (Dovecot's message-header-parser).
    const std::size_t eol = v.find('\n');
    const std::string_view first = v.substr(0, eol == std::string_view::npos ? v.size() : eol);
    std::size_t b = 0;
    while (b < first.size() && (first[b] == ' ' || first[b] == '\t')) ++b;
    const bool blank_first = b == first.size() || (first.back() == '\r' && b + 1 == first.size());
    if (blank_first) b = first.empty() || first[0] == '\r' ? 0 : 1;
    v.remove_prefix(b);
    // Folded lines: the line break stays, unless the folded line is only whitespace.
    std::string out;
    out.reserve(v.size());
    std::size_t p = 0;
    while (p < v.size()) {
        const std::size_t nl = v.find('\n', p);
        if (nl == std::string_view::npos) {
            out.append(v.substr(p));
            break;
        }
        std::size_t line_end = nl + 1;
        const std::size_t next_nl = v.find('\n', line_end);
        std::string_view next_line = v.substr(line_end, next_nl == std::string_view::npos ? std::string_view::npos : next_nl - line_end);
        if (!next_line.empty() && next_line.back() == '\r') next_line.remove_suffix(1);
        const bool blank = next_line.find_first_not_of(" \t") == std::string_view::npos;
        std::size_t text_end = nl;
        if (blank && text_end > p && v[text_end - 1] == '\r') --text_end;
        out.append(v.substr(p, (blank ? text_end : line_end) - p));
        p = line_end;
    }
    return out;
}

std::vector<HeaderField> header_fields(std::string_view header) {
    std::vector<HeaderField> out;
    std::size_t p = 0;
    while (p < header.size()) {
        std::size_t start = p;
        if (header[p] == '\n' || header.compare(p, 2, "\r\n") == 0) break;  // the empty line
        // The field ends at a line end not followed by WSP.
        while (true) {
            std::size_t nl = header.find('\n', p);
            if (nl == std::string_view::npos) {
                p = header.size();
                break;
            }
            p = nl + 1;
            if (p >= header.size() || (header[p] != ' ' && header[p] != '\t')) break;
        }
        std::string_view raw = header.substr(start, p - start);
        if (raw == "\r\n" || raw == "\n") break;  // the blank line
        // A line without a colon is kept as a field that no name matches (as in Dovecot). Names
        // end at a NUL, as the C strings Dovecot compares them as.
        std::size_t colon = raw.find(':');
        std::string_view name = colon == std::string_view::npos ? std::string_view{} : raw.substr(0, colon);
        name = name.substr(0, name.find('\0'));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        out.push_back({name, raw});
    }
    return out;
}

namespace {

std::string unfolded_value(std::string_view raw) {
    std::size_t colon = raw.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view v = raw.substr(colon + 1);
    std::string out;
    for (char c : v)
        if (c != '\r' && c != '\n') out += c;
    std::size_t b = out.find_first_not_of(" \t");
    std::size_t e = out.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

}  // namespace

std::optional<std::string> header_field(std::string_view message, std::string_view name) {
    for (const auto& f : header_fields(message_header(message)))
        if (iequals(f.name, name)) return unfolded_value(f.raw);
    return std::nullopt;
}

std::vector<std::string> header_field_values(std::string_view message, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& f : header_fields(message_header(message)))
        if (iequals(f.name, name)) out.push_back(unfolded_value(f.raw));
    return out;
}

std::string header_fields_subset(std::string_view message, const std::vector<std::string>& names, bool exclude) {
    std::string out;
    for (const auto& f : header_fields(message_header(message))) {
        bool listed = false;
        for (const auto& n : names)
            if (iequals(f.name, n)) listed = true;
        if (listed != exclude) out.append(f.raw);
    }
    out += "\r\n";
    return out;
}

}  // namespace imaplab
