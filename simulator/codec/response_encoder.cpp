#include "codec/response_encoder.hpp"

#include "codec/mailbox_name.hpp"
#include "types/flags.hpp"

namespace imaplab {

bool quotable(std::string_view value) {
    if (value.size() > 1024) return false;
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u == 0 || c == '\r' || c == '\n' || u >= 0x80) return false;
    }
    return true;
}

void append_text(std::string& out, std::string_view text) {
    const auto* b = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = b[i];
        if (c < 0x80) {
            out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
            ++i;
            continue;
        }
        // UTF8-2 / UTF8-3 / UTF8-4 of RFC 3629 §4 (no overlongs, no surrogates, at most U+10FFFF).
        const std::size_t len = utf8_sequence_length(text, i);
        if (len == 0) {
            out += '?';
            ++i;
            continue;
        }
        out.append(text.substr(i, len));
        i += len;
    }
}

void append_quoted(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_literal(std::string& out, std::string_view value) {
    out += '{';
    out += std::to_string(value.size());
    out += "}\r\n";
    out.append(value);
}

void append_string(std::string& out, std::string_view value) {
    if (quotable(value)) append_quoted(out, value);
    else append_literal(out, value);
}

void append_astring(std::string& out, std::string_view value) {
    bool atom = !value.empty() && !iequals(value, "NIL");
    for (char c : value)
        if (!(is_atom_char(c) || c == ']')) {
            atom = false;
            break;
        }
    if (atom) out.append(value);
    else append_string(out, value);
}

void append_flag_list(std::string& out, const std::vector<std::string>& flags) {
    out += '(';
    for (std::size_t i = 0; i < flags.size(); ++i) {
        if (i) out += ' ';
        out += flags[i];
    }
    out += ')';
}

}  // namespace imaplab
