#include "engine/commands/fetch_structure.hpp"

#include "types/flags.hpp"

namespace imaplab {
namespace {

constexpr int kQuotedMaxEscapes = 4;  // Dovecot switches to a literal after 4 quoted-specials

// Values are C strings in Dovecot: a NUL is replaced the way its header parser does.
std::string without_nuls(std::string_view v) {
    std::string s;
    s.reserve(v.size());
    for (char c : v) {
        if (c == '\0') s += "\xEF\xBF\xBD";
        else s += c;
    }
    return s;
}

void append_literal_value(std::string& out, std::string_view v) {
    out += '{';
    out += std::to_string(v.size());
    out += "}\r\n";
    out.append(v);
}

void append_quoted_value(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '\r' || c == '\n' || static_cast<unsigned char>(c) >= 0x80) continue;
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_string_value(std::string& out, std::string_view raw) {
    const std::string v = without_nuls(raw);
    int escapes = 0;
    for (char c : v) {
        bool literal = false;
        if (c == '"' || c == '\\') literal = escapes++ >= kQuotedMaxEscapes;
        else if (c == '\r' || c == '\n' || static_cast<unsigned char>(c) >= 0x80) literal = true;
        if (literal) {
            append_literal_value(out, v);
            return;
        }
    }
    append_quoted_value(out, v);
}

std::string remove_newlines(std::string_view v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c != '\r' && c != '\n') {
            s += c;
            continue;
        }
        char next = i + 1 < v.size() ? v[i + 1] : '\0';
        if (next != ' ' && next != '\t' && next != '\r' && next != '\n' && next != '\0') s += ' ';
    }
    return s;
}

}  // namespace

void append_imap_string(std::string& out, std::string_view value) { append_string_value(out, value); }

void append_imap_nstring(std::string& out, const std::optional<std::string>& value) {
    if (!value) out += "NIL";
    else append_string_value(out, *value);
}

void append_imap_nstring_nolf(std::string& out, const std::optional<std::string>& value) {
    if (!value) out += "NIL";
    else if (value->find_first_of("\r\n") == std::string::npos) append_string_value(out, *value);
    else append_string_value(out, remove_newlines(*value));
}

void append_imap_string_for_humans(std::string& out, std::string_view raw) {
    // Dovecot 2.3: tabs, CRs and LFs count as spaces (and force a literal), runs of spaces
    // become one, leading and trailing spaces go.
    const std::string src = without_nuls(raw);
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    bool modify = false, last_lwsp = true, whitespace_prefix = true;
    std::size_t remove = 0;
    for (char ch : src) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_space(ch)) {
            if (ch != ' ') modify = true;
            if (last_lwsp) {
                modify = true;
                ++remove;
            }
            last_lwsp = true;
        } else {
            if (c == '"' || c == '\\' || (c & 0x80)) modify = true;
            last_lwsp = false;
        }
        if (!last_lwsp) whitespace_prefix = false;
    }
    if (last_lwsp && !src.empty() && !whitespace_prefix) {
        modify = true;
        ++remove;
    }
    if (!modify) {
        out += '"';
        out += src;
        out += '"';
        return;
    }
    if (src.size() == remove) {
        out += "\"\"";
        return;
    }
    std::string v;
    last_lwsp = true;
    for (char ch : src) {
        if (is_space(ch)) {
            if (!last_lwsp) v += ' ';
            last_lwsp = true;
        } else {
            last_lwsp = false;
            v += ch;
        }
    }
    if (last_lwsp && !v.empty()) v.pop_back();
    append_literal_value(out, v);
}

namespace {

void append_addresses(std::string& out, const std::optional<std::vector<MailAddress>>& list) {
    if (!list || list->empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const auto& a : *list) {
        out += '(';
        if (a.name) append_imap_string_for_humans(out, *a.name);
        else out += "NIL";
        out += ' ';
        append_imap_nstring(out, a.route);
        out += ' ';
        append_imap_nstring(out, a.mailbox);
        out += ' ';
        append_imap_nstring(out, a.domain);
        out += ')';
    }
    out += ')';
}

}  // namespace

void append_envelope(std::string& out, const MessageEnvelope& e) {
    auto present = [](const std::optional<std::vector<MailAddress>>& l) { return l && !l->empty(); };
    out += '(';
    append_imap_nstring_nolf(out, e.date);
    out += ' ';
    if (e.subject) append_imap_string_for_humans(out, *e.subject);
    else out += "NIL";
    out += ' ';
    append_addresses(out, e.from);
    out += ' ';
    append_addresses(out, present(e.sender) ? e.sender : e.from);
    out += ' ';
    append_addresses(out, present(e.reply_to) ? e.reply_to : e.from);
    out += ' ';
    append_addresses(out, e.to);
    out += ' ';
    append_addresses(out, e.cc);
    out += ' ';
    append_addresses(out, e.bcc);
    out += ' ';
    append_imap_nstring_nolf(out, e.in_reply_to);
    out += ' ';
    append_imap_nstring_nolf(out, e.message_id);
    out += ')';
}

namespace {

constexpr std::string_view kEmptyBody = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)";
constexpr std::string_view kEmptyBodyStructure =
    "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)";

void append_params(std::string& out, const std::vector<MimeParam>& params, bool default_charset) {
    if (!default_charset && params.empty()) {
        out += "NIL";
        return;
    }
    out += '(';
    bool seen_charset = false;
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (i) out += ' ';
        if (default_charset && iequals(params[i].name, "charset")) seen_charset = true;
        append_imap_string(out, params[i].name);
        out += ' ';
        append_imap_string(out, params[i].value);
    }
    if (default_charset && !seen_charset) {
        if (!params.empty()) out += ' ';
        out += "\"charset\" \"us-ascii\"";
    }
    out += ')';
}

void append_common_extension(std::string& out, const ContentFields& c) {
    out += ' ';
    if (!c.disposition) {
        out += "NIL";
    } else {
        out += '(';
        append_imap_string(out, *c.disposition);
        out += ' ';
        append_params(out, c.disposition_params, false);
        out += ')';
    }
    out += ' ';
    if (c.language.empty()) {
        out += "NIL";
    } else {
        out += '(';
        for (std::size_t i = 0; i < c.language.size(); ++i) {
            if (i) out += ' ';
            append_imap_string(out, c.language[i]);
        }
        out += ')';
    }
    out += ' ';
    append_imap_nstring_nolf(out, c.location);
}

void write_structure(std::string& out, const MimePart& part, std::string_view message, bool extended);

void append_children(std::string& out, const MimePart& part, std::string_view message, bool extended) {
    for (const auto& child : part.children) {
        out += '(';
        write_structure(out, child, message, extended);
        out += ')';
    }
}

// Dovecot's message_part_data_is_plain_7bit(): a single-part message that is text/plain with at
// most charset=us-ascii and nothing else. Dovecot keeps only a flag for such messages and writes
// their structure in a fixed lower-case form ("TEXT/PLAIN; CHARSET=US-ASCII" comes out as
// "text" "plain" ("charset" "us-ascii") ... "7bit").
bool plain_7bit(const MimePart& part) {
    const ContentFields& c = part.content;
    if (!part.text || !part.children.empty()) return false;
    if (c.subtype && !iequals(*c.subtype, "plain")) return false;
    if (!c.type_params.empty() &&
        (c.type_params.size() != 1 || !iequals(c.type_params[0].name, "charset") || !iequals(c.type_params[0].value, "us-ascii")))
        return false;
    if (c.id || c.description) return false;
    if (c.transfer_encoding && !iequals(*c.transfer_encoding, "7bit")) return false;
    return !c.md5 && !c.disposition && c.language.empty() && !c.location;
}

void append_multipart(std::string& out, const MimePart& part, std::string_view message, bool extended) {
    const ContentFields& c = part.content;
    if (!part.children.empty()) append_children(out, part, message, extended);
    else out += extended ? kEmptyBodyStructure : kEmptyBody;
    out += ' ';
    append_imap_string(out, c.subtype.value_or(""));
    if (!extended) return;
    out += ' ';
    append_params(out, c.type_params, false);
    append_common_extension(out, c);
}

void append_single(std::string& out, const MimePart& part, std::string_view message, bool extended) {
    const ContentFields& c = part.content;
    bool text;
    if (part.message_rfc822) {
        out += "\"message\" \"rfc822\"";
        text = false;
    } else if (part.unsplit) {
        out += "\"application\" \"octet-stream\"";  // as Dovecot writes parts beyond its limits
        text = false;
    } else if (!c.type) {
        out += "\"text\" \"plain\"";
        text = true;
    } else {
        text = iequals(*c.type, "text");
        append_imap_string(out, *c.type);
        out += ' ';
        append_imap_string(out, c.subtype.value_or(""));
    }
    out += ' ';
    append_params(out, c.type_params, text);
    out += ' ';
    append_imap_nstring_nolf(out, c.id);
    out += ' ';
    append_imap_nstring_nolf(out, c.description);
    out += ' ';
    if (c.transfer_encoding) append_imap_string(out, *c.transfer_encoding);
    else out += "\"7bit\"";
    out += ' ';
    out += std::to_string(part.body_vsize);
    if (text) {
        out += ' ';
        out += std::to_string(part.body_lines);
    } else if (part.message_rfc822 && !part.children.empty()) {
        const MimePart& inner = part.children.front();
        out += ' ';
        append_envelope(out, parse_envelope(inner.header(message)));
        out += " (";
        write_structure(out, inner, message, extended);
        out += ") ";
        out += std::to_string(part.body_lines);
    }
    if (!extended) return;
    out += ' ';
    append_imap_nstring_nolf(out, c.md5);
    append_common_extension(out, c);
}

void write_structure(std::string& out, const MimePart& part, std::string_view message, bool extended) {
    if (part.multipart) append_multipart(out, part, message, extended);
    else append_single(out, part, message, extended);
}

}  // namespace

void append_body_structure(std::string& out, const MimePart& part, std::string_view message, bool extended) {
    if (plain_7bit(part)) {
        out += "\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" ";
        out += std::to_string(part.body_vsize) + " " + std::to_string(part.body_lines);
        if (extended) out += " NIL NIL NIL NIL";
        return;
    }
    write_structure(out, part, message, extended);
}

}  // namespace imaplab
