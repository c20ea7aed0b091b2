#include "store/mime/rfc822_parser.hpp"

#include <algorithm>
#include <cstring>

#include "types/flags.hpp"

namespace imaplab {

bool is_atext(unsigned char c) {
    if (c >= 0x80) return true;  // 8-bit text is accepted as atext, as Dovecot does
    if (c <= 0x20 || c == 0x7F) return false;
    return std::strchr("()<>[]:;@\\,.\"", c) == nullptr;
}

bool is_mime_token_char(unsigned char c) { return is_atext(c) && c != '/' && c != '?' && c != '='; }

int Rfc822Parser::skip_comment() {
    // at '('
    int level = 1;
    comment_.clear();
    std::size_t start = ++p_;
    for (; p_ < s_.size(); ++p_) {
        char c = s_[p_];
        if (c == '(') {
            ++level;
        } else if (c == ')') {
            if (--level == 0) {
                comment_.append(s_.substr(start, p_ - start));
                ++p_;
                return p_ < s_.size() ? 1 : 0;
            }
        } else if (c == '\\') {
            comment_.append(s_.substr(start, p_ - start));
            start = p_ + 1;
            if (++p_ >= s_.size()) return -1;
        }
    }
    return -1;  // missing ')'
}

int Rfc822Parser::skip_lwsp() {
    while (p_ < s_.size()) {
        char c = s_[p_];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++p_;
            continue;
        }
        if (c != '(') break;
        if (skip_comment() < 0) return -1;
    }
    return p_ < s_.size() ? 1 : 0;
}

int Rfc822Parser::parse_atom(std::string& out) {
    if (at_end() || !is_atext(static_cast<unsigned char>(s_[p_]))) return -1;
    std::size_t start = p_++;
    while (p_ < s_.size() && is_atext(static_cast<unsigned char>(s_[p_]))) ++p_;
    out.append(s_.substr(start, p_ - start));
    if (at_end()) return 0;
    return skip_lwsp();
}

int Rfc822Parser::parse_dot_atom(std::string& out) {
    if (at_end() || !is_atext(static_cast<unsigned char>(s_[p_]))) return -1;
    std::size_t start = p_++;
    while (true) {
        while (p_ < s_.size() && is_atext(static_cast<unsigned char>(s_[p_]))) ++p_;
        out.append(s_.substr(start, p_ - start));
        if (at_end()) return 0;
        int r = skip_lwsp();
        if (r <= 0) return r;
        if (s_[p_] != '.') return 1;
        ++p_;
        out += '.';
        // As Dovecot 2.3: a dot must be followed by another atom ("b." and "b..c" are errors).
        r = skip_lwsp();
        if (r < 0) return r;
        if (r == 0 || !is_atext(static_cast<unsigned char>(s_[p_]))) return -1;
        start = p_;
    }
}

int Rfc822Parser::parse_mime_token(std::string& out) {
    std::size_t start = p_;
    while (p_ < s_.size() && (is_mime_token_char(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.')) ++p_;
    out.append(s_.substr(start, p_ - start));
    if (at_end()) return 0;
    return skip_lwsp();
}

int Rfc822Parser::parse_quoted_string(std::string& out) {
    // at '"'
    std::size_t start = ++p_;
    for (; p_ < s_.size(); ++p_) {
        char c = s_[p_];
        if (c == '"') {
            out.append(s_.substr(start, p_ - start));
            ++p_;
            return skip_lwsp();
        }
        if (c == '\n') {
            std::size_t len = p_ - start;
            if (len > 0 && s_[start + len - 1] == '\r') --len;
            out.append(s_.substr(start, len));
            start = p_ + 1;
        } else if (c == '\\') {
            if (++p_ >= s_.size()) return -1;
            out.append(s_.substr(start, p_ - start - 1));
            start = p_;
        }
    }
    return -1;  // missing '"' (what was read so far stays appended, as in Dovecot)
}

int Rfc822Parser::parse_atom_or_dot(std::string& out) {
    std::size_t start = p_;
    while (p_ < s_.size() && (is_atext(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.')) ++p_;
    out.append(s_.substr(start, p_ - start));
    if (at_end()) return 0;
    return skip_lwsp();
}

int Rfc822Parser::parse_phrase(std::string& out) {
    if (at_end()) return 0;
    if (s_[p_] == '.') return -1;
    while (true) {
        int r = s_[p_] == '"' ? parse_quoted_string(out) : parse_atom_or_dot(out);
        if (r <= 0) return r;
        unsigned char c = static_cast<unsigned char>(s_[p_]);
        if (!is_atext(c) && c != '"' && c != '.') break;
        out += ' ';
    }
    return skip_lwsp();
}

int Rfc822Parser::parse_domain_literal(std::string& out) {
    // at '['
    std::size_t start = p_;
    for (; p_ < s_.size(); ++p_) {
        if (s_[p_] == '\\') {
            if (++p_ >= s_.size()) break;
        } else if (s_[p_] == ']') {
            ++p_;
            out.append(s_.substr(start, p_ - start));
            return skip_lwsp();
        }
    }
    return -1;  // missing ']'
}

int Rfc822Parser::parse_domain(std::string& out) {
    // at '@'
    ++p_;
    if (skip_lwsp() <= 0) return -1;
    if (s_[p_] == '[') return parse_domain_literal(out);
    return parse_dot_atom(out);
}

int Rfc822Parser::parse_content_type(std::string& out) {
    // As Dovecot 2.3: a type that ends the value is kept ("text" -> type "text"), any other
    // malformed value ("text/", "/plain", "text/plain x", "text;charset=x") gives "".
    const std::size_t start = out.size();
    if (skip_lwsp() <= 0) return -1;
    if (parse_mime_token(out) <= 0 || out.size() == start) return -1;
    auto fail = [&] {
        out.resize(start);
        return -1;
    };
    if (s_[p_] != '/') return fail();
    ++p_;
    if (skip_lwsp() <= 0) return fail();
    out += '/';
    const std::size_t sub = out.size();
    int r = parse_mime_token(out);
    if (r < 0 || out.size() == sub || (!at_end() && s_[p_] != ';')) return fail();
    return r;
}

namespace {

// One `; name=value`: 1 = read, 0 = end of input, -1 = broken.
int parse_content_param(Rfc822Parser& p, std::string& key, std::string& value) {
    key.clear();
    value.clear();
    if (p.at_end()) return 0;
    if (p.peek() != ';') return -1;
    p.advance();
    if (p.skip_lwsp() <= 0) return -1;
    if (p.parse_mime_token(key) <= 0) return -1;
    if (p.peek() != '=') return -1;
    p.advance();
    int r = p.skip_lwsp();
    if (r <= 0) {
        // broken / no value
    } else if (p.peek() == '"') {
        r = p.parse_quoted_string(value);
    } else if (p.peek() == '=') {
        // workaround for broken input: name==?utf-8?b?...?=
        while (!p.at_end()) {
            char c = p.peek();
            if (c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
            value += c;
            p.advance();
        }
    } else {
        r = p.parse_mime_token(value);
    }
    return r < 0 ? -1 : 1;
}

struct Section {
    std::string key;
    std::string value;
    unsigned idx = 0;
    bool extended = false;
};

void escape_percent(std::string& out, std::string_view v) {
    for (char c : v) {
        if (c == '%') out += "%25";
        else out += c;
    }
}

}  // namespace

std::vector<MimeParam> parse_mime_params(Rfc822Parser& p) {
    std::vector<MimeParam> result;
    std::vector<Section> sections;
    Section cur;  // idx deliberately carries over between parameters, as in Dovecot
    std::string key, value;
    int r;
    while ((r = parse_content_param(p, key, value)) != 0) {
        if (r < 0) {
            if (p.at_end()) break;
            p.advance();  // try to continue anyway
            continue;
        }
        std::size_t star = key.find('*');
        bool plain = true;
        if (star != std::string::npos) {
            std::size_t q = star;
            if (q + 1 < key.size()) {
                ++q;
                cur.idx = 0;
                while (q < key.size() && key[q] >= '0' && key[q] <= '9') cur.idx = cur.idx * 10 + static_cast<unsigned>(key[q++] - '0');
            }
            if (q >= key.size() || key[q] != '*') {
                cur.extended = false;
            } else {
                cur.extended = true;
                ++q;
            }
            if (q >= key.size()) {
                cur.key = key.substr(0, star);
                cur.value = value;
                sections.push_back(cur);
                plain = false;
            }
        }
        if (plain) result.push_back({key, value});
    }
    if (sections.empty()) return result;

    std::sort(sections.begin(), sections.end(), [](const Section& a, const Section& b) {
        int c = a.key.compare(b.key);
        if (c != 0) return c < 0;
        return a.idx < b.idx;
    });
    for (std::size_t i = 0, next = 0; i < sections.size(); i = next) {
        bool ok = true, have_extended = false;
        unsigned next_idx = 0;
        std::size_t j = i;
        for (; j < sections.size(); ++j) {
            if (!iequals(sections[i].key, sections[j].key)) break;
            if (sections[j].idx != next_idx) ok = false;
            if (sections[j].extended) have_extended = true;
            ++next_idx;
        }
        next = j;
        if (!ok) {
            for (j = i; j < next; ++j) {
                std::string k = sections[j].key + "*" + std::to_string(sections[j].idx);
                if (sections[j].extended) k += '*';
                result.push_back({k, sections[j].value});
            }
            continue;
        }
        std::string v;
        if (!sections[i].extended && have_extended) v = "''";
        for (j = i; j < next; ++j) {
            if (!sections[j].extended && have_extended) escape_percent(v, sections[j].value);
            else v += sections[j].value;
        }
        std::string k = sections[i].key;
        if (have_extended) k += '*';
        result.push_back({k, v});
    }
    return result;
}

}  // namespace imaplab
