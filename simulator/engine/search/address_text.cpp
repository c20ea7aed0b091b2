#include "engine/search/address_text.hpp"

#include "store/mime/encoded_words.hpp"

#include "store/mime/address.hpp"

namespace imaplab::search {
namespace {

/// RFC 5322 atext, with 8-bit bytes counted as text (as Dovecot's tables do).
bool is_atext(unsigned char c) {
    if (c >= 0x80) return true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '/':
        case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
            return true;
        default:
            return false;
    }
}

/// Appends `s` as it is when it is a plain atom (dots allowed unless `quote_dot`), otherwise as
/// a quoted string with \" and \\ escaped (Dovecot's str_append_maybe_escape).
void append_maybe_quoted(std::string& out, std::string_view s, bool quote_dot) {
    bool plain = true;
    for (unsigned char c : s)
        if (!is_atext(c) && (quote_dot || c != '.')) {
            plain = false;
            break;
        }
    if (plain) {
        out.append(s);
        return;
    }
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

}  // namespace

std::string normalized_address_text(std::string_view raw_value) {
    const std::vector<MailAddress> list = parse_address_list(raw_value);
    std::string out;
    bool in_group = false, first_in_group = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const MailAddress& a = list[i];
        if (!a.domain) {
            if (!in_group) {  // group start: mailbox holds the group name
                if (i > 0) out += ", ";
                const std::string name = a.mailbox.value_or("");
                if (name.empty()) out += "\"\"";
                else if (name.find("=?") != std::string::npos) out += name;
                else append_maybe_quoted(out, name, true);
                out += ':';
                in_group = true;
                first_in_group = true;
            } else {  // group end
                out += ';';
                in_group = false;
            }
            continue;
        }
        if (in_group) {
            out += first_in_group ? " " : ", ";
            first_in_group = false;
        } else if (i > 0) {
            out += ", ";
        }
        if (a.name && !a.name->empty()) {
            if (a.name->find("=?") != std::string::npos) out += *a.name;
            else append_maybe_quoted(out, *a.name, true);
            out += ' ';
        }
        out += '<';
        if (a.route && !a.route->empty()) out += *a.route + ":";
        append_maybe_quoted(out, a.mailbox.value_or(""), false);
        out += '@';
        out += *a.domain;
        out += '>';
    }
    return decode_encoded_words(out);
}

}  // namespace imaplab::search
