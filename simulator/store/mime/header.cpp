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

std::string_view HeaderField::full_value() const {
    std::size_t colon = raw.find(':');
    if (colon == std::string_view::npos) return {};
    std::string_view v = raw.substr(colon + 1);
    std::size_t b = 0;
    while (b < v.size() && (v[b] == ' ' || v[b] == '\t')) ++b;
    v.remove_prefix(b);
    if (!v.empty() && v.back() == '\n') v.remove_suffix(1);
    if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
    return v;
}

std::vector<HeaderField> header_fields(std::string_view header) {
    std::vector<HeaderField> out;
    std::size_t p = 0;
    while (p < header.size()) {
        std::size_t start = p;
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
        // A line without a colon is kept as a field that no name matches (as in Dovecot).
        std::size_t colon = raw.find(':');
        std::string_view name = colon == std::string_view::npos ? std::string_view{} : raw.substr(0, colon);
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
