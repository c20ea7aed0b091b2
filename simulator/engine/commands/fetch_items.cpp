#include "engine/commands/fetch_items.hpp"

#include <cctype>

#include "codec/response_encoder.hpp"
#include "engine/commands/fetch_structure.hpp"
#include "store/mime/envelope.hpp"
#include "store/mime/header.hpp"
#include "types/date_time.hpp"
#include "types/flags.hpp"
#include "types/ascii.hpp"

namespace imaplab {
namespace {

constexpr std::uint64_t kMaxPartialOffset = std::numeric_limits<std::int64_t>::max();  // Dovecot's OFF_T_MAX

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Digits of a number64; false when there are none or it does not fit in 64 bits.
bool read_number(std::string_view s, std::size_t& pos, std::uint64_t& out) {
    const std::size_t start = pos;
    out = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        const auto d = static_cast<std::uint64_t>(s[pos] - '0');
        if (out > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
        out = out * 10 + d;
        ++pos;
    }
    return pos > start;
}

// `<origin.count>` after the closing bracket. `what` is "BODY" or "BINARY" for error texts.
bool parse_partial(std::string_view rest, FetchItem& item, const char* what, std::string& error) {
    if (rest.empty()) return true;
    const std::string prefix = std::string("Invalid ") + what + "[..] parameter: ";
    if (rest.front() != '<') {
        error = prefix + "Unexpected data after ']'";
        return false;
    }
    std::size_t pos = 1;
    std::uint64_t origin = 0, count = 0;
    if (!read_number(rest, pos, origin) || origin > kMaxPartialOffset) {
        error = prefix + "Too big partial start";
        return false;
    }
    bool has_count = false;
    if (pos < rest.size() && rest[pos] == '.') {
        ++pos;
        if (!read_number(rest, pos, count) || count > kMaxPartialOffset) {
            error = prefix + "Too big partial end";
            return false;
        }
        has_count = true;
    }
    if (pos >= rest.size() || rest[pos] != '>') {
        error = prefix + "Missing '>' in partial";
        return false;
    }
    if (pos + 1 != rest.size()) {
        error = prefix + "Unexpected data after '>'";
        return false;
    }
    // RFC 9051: partial = "<" number64 "." nz-number64 ">" (Dovecot also takes <5> and <0.0>).
    if (!has_count || count == 0) {
        error = "Invalid partial: " + std::string(rest);
        return false;
    }
    item.partial = true;
    item.origin = origin;
    item.count = count;
    return true;
}

// Dovecot's imap_append_quoted: CR, LF and 8-bit bytes are left out, '"' and '\\' escaped.
void append_quoted_like_dovecot(std::string& out, std::string_view v) {
    out += '"';
    for (char c : v) {
        if (c == '\r' || c == '\n' || static_cast<unsigned char>(c) >= 0x80) continue;
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

// Dovecot's command parser refuses control characters and 8-bit bytes in atoms, also inside the
// brackets of BODY[...] (quoted header names may hold 8-bit bytes).
bool check_atom_bytes(std::string_view v, std::string& error) {
    bool quoted = false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto c = static_cast<unsigned char>(v[i]);
        if (quoted) {
            if (c == '\\') ++i;
            else if (c == '"') quoted = false;
            if (c == 0 || c == '\r' || c == '\n') {
                error = "Invalid characters in atom";
                return false;
            }
            continue;
        }
        if (c == '"') quoted = true;
        else if (c < 0x20 || c == 0x7f) {
            error = "Invalid characters in atom";
            return false;
        } else if (c >= 0x80) {
            error = "8bit data in atom";
            return false;
        }
    }
    return true;
}

// A header field name list "(FROM "X-Y")": atoms and quoted strings, echoed as Dovecot does.
enum class ListResult { Ok, NonStrings, Junk };
ListResult parse_field_list(std::string_view s, std::vector<std::string>& names, std::string& echo) {
    // s starts at '('
    std::size_t p = 1;
    echo = "(";
    bool first = true;
    while (true) {
        while (p < s.size() && s[p] == ' ') ++p;
        if (p >= s.size()) return ListResult::Junk;  // missing ')'
        if (s[p] == ')') {
            ++p;
            break;
        }
        if (!first) echo += ' ';
        first = false;
        if (s[p] == '"') {
            std::string v;
            ++p;
            while (p < s.size() && s[p] != '"') {
                if (s[p] == '\\' && p + 1 < s.size()) ++p;
                v += s[p++];
            }
            if (p >= s.size()) return ListResult::Junk;
            ++p;
            append_quoted_like_dovecot(echo, v);
            names.push_back(v);
        } else if (s[p] == '(') {
            return ListResult::NonStrings;
        } else {
            std::size_t b = p;
            while (p < s.size() && s[p] != ' ' && s[p] != ')' && s[p] != '(' && s[p] != '"') ++p;
            std::string v(s.substr(b, p - b));
            if (v == "NIL") append_quoted_like_dovecot(echo, v);  // Dovecot takes NIL as the name "NIL"
            else echo += v;
            names.push_back(v);
        }
    }
    echo += ')';
    while (p < s.size() && s[p] == ' ') ++p;
    return p == s.size() ? ListResult::Ok : ListResult::Junk;
}

// Dovecot's imap_msgpart_parse: "1.2.MIME", "HEADER.FIELDS", ... (`has_list`: a field list
// followed the text).
bool parse_section_text(std::string_view s, bool has_list, FetchItem& item) {
    std::size_t i = 0;
    bool next_digit = true;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') next_digit = false;
        else if (!next_digit && s[i] == '.') next_digit = true;
        else break;
    }
    std::string_view number, rest;
    if (i == 0) {
        rest = s;
    } else if (i == s.size()) {
        if (s[i - 1] == '.') return false;
        number = s;
    } else {
        if (s[i - 1] != '.') return false;
        number = s.substr(0, i - 1);
        rest = s.substr(i);
    }
    item.part.clear();
    if (!number.empty()) {
        std::uint32_t n = 0;  // wraps like Dovecot's unsigned int
        for (char c : number) {
            if (c == '.') {
                item.part.push_back(n);
                n = 0;
            } else {
                n = n * 10 + static_cast<std::uint32_t>(c - '0');
            }
        }
        item.part.push_back(n);
    }
    using S = FetchItem::Section;
    if (has_list) {
        if (rest == "HEADER.FIELDS") item.section = S::HeaderFields;
        else if (rest == "HEADER.FIELDS.NOT") item.section = S::HeaderFieldsNot;
        else return false;
        return !item.fields.empty();
    }
    if (rest.empty()) item.section = S::Full;
    else if (rest == "MIME" && !number.empty()) item.section = S::Mime;
    else if (rest == "TEXT") item.section = S::Text;
    else if (rest == "HEADER") item.section = S::Header;
    else return false;
    return true;
}

// BODY[...] / BODY.PEEK[...] / BINARY[...] / BINARY.PEEK[...] / BINARY.SIZE[...]; `up` is the
// upper-cased token, `p` what follows "BODY" or "BINARY".
bool parse_section_item(std::string_view p, bool binary, FetchItem& item, std::string& error) {
    const char* what = binary ? "BINARY" : "BODY";
    const std::string prefix = std::string("Invalid ") + what + "[..] parameter: ";
    item.kind = binary ? FetchItem::Kind::Binary : FetchItem::Kind::Body;
    if (binary && starts_with(p, ".SIZE")) {
        item.kind = FetchItem::Kind::BinarySize;
        p.remove_prefix(5);
    } else if (starts_with(p, ".PEEK")) {
        item.peek = true;
        p.remove_prefix(5);
    }
    if (p.empty() || p.front() != '[') {
        error = prefix + "Missing '['";
        return false;
    }
    const std::size_t close = p.find(']');
    if (close == std::string_view::npos) {
        error = prefix + "Missing ']'";
        return false;
    }
    std::string_view sec = p.substr(1, close - 1);
    const std::string_view rest = p.substr(close + 1);
    const std::size_t open = sec.find('(');
    bool has_list = false;
    std::string section_text;
    if (open != std::string_view::npos) {
        std::string_view head = sec.substr(0, open);
        while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
        std::string echo;
        switch (parse_field_list(sec.substr(open), item.fields, echo)) {
            case ListResult::NonStrings: error = prefix + "Header list contains non-strings"; return false;
            case ListResult::Junk: error = prefix + "Missing ']'"; return false;
            case ListResult::Ok: break;
        }
        has_list = true;
        sec = head;
        section_text = std::string(head) + " " + echo;
    } else {
        section_text = std::string(sec);
    }
    if (!parse_section_text(sec, has_list, item)) {
        error = std::string("Invalid ") + what + "[..] section";
        return false;
    }
    item.section_text = section_text;
    if (item.kind == FetchItem::Kind::BinarySize) return true;  // a partial is ignored
    return parse_partial(rest, item, what, error);
}

bool parse_one(const Arg& a, std::vector<FetchItem>& items, std::string& error) {
    using K = FetchItem::Kind;
    const std::string up = ascii_upper(a.value);
    std::size_t n = 0;
    while (n < up.size() && (std::isalnum(static_cast<unsigned char>(up[n])) || up[n] == '-')) ++n;
    const std::string name = up.substr(0, n);
    FetchItem item;
    bool ok = true;
    if (name == "FLAGS") item.kind = K::Flags;
    else if (name == "UID") item.kind = K::Uid;
    else if (name == "INTERNALDATE") item.kind = K::InternalDate;
    else if (name == "ENVELOPE") item.kind = K::Envelope;
    else if (name == "BODYSTRUCTURE") item.kind = K::BodyStructure;
    else if (name == "RFC822") {
        const std::string_view rest = std::string_view(up).substr(6);
        if (rest.empty()) item.kind = K::Rfc822;
        else if (rest == ".SIZE") item.kind = K::Rfc822Size;
        else if (rest == ".HEADER") item.kind = K::Rfc822Header;
        else if (rest == ".TEXT") item.kind = K::Rfc822Text;
        else {
            error = "Unknown parameter " + up;
            return false;
        }
    } else if (name == "BODY") {
        if (up.size() == 4) item.kind = K::BodyBasic;
        else ok = parse_section_item(std::string_view(up).substr(4), false, item, error);
    } else if (name == "BINARY") {
        ok = parse_section_item(std::string_view(up).substr(6), true, item, error);
    } else {
        error = "Unknown parameter: " + up;
        return false;
    }
    if (!ok) return false;
    const bool sectioned = item.kind == K::Body || item.kind == K::Binary || item.kind == K::BinarySize;
    if (!sectioned)
        for (const auto& it : items)
            if (it.kind == item.kind) return true;  // sent once
    items.push_back(std::move(item));
    return true;
}

bool push_macro(std::initializer_list<FetchItem::Kind> kinds, std::vector<FetchItem>& items) {
    for (auto k : kinds) {
        FetchItem i;
        i.kind = k;
        items.push_back(i);
    }
    return true;
}

}  // namespace

std::string FetchRequestItem::response_name() const {
    switch (kind) {
        case Kind::Flags: return "FLAGS";
        case Kind::Uid: return "UID";
        case Kind::Rfc822Size: return "RFC822.SIZE";
        case Kind::InternalDate: return "INTERNALDATE";
        case Kind::Rfc822: return "RFC822";
        case Kind::Rfc822Header: return "RFC822.HEADER";
        case Kind::Rfc822Text: return "RFC822.TEXT";
        case Kind::Envelope: return "ENVELOPE";
        case Kind::BodyStructure: return "BODYSTRUCTURE";
        case Kind::BodyBasic: return "BODY";
        case Kind::Body:
        case Kind::Binary:
        case Kind::BinarySize: break;
    }
    std::string s = kind == Kind::Body ? "BODY[" : kind == Kind::Binary ? "BINARY[" : "BINARY.SIZE[";
    s += section_text;
    s += ']';
    if (partial && kind != Kind::BinarySize) s += "<" + std::to_string(origin) + ">";
    return s;
}

const MimePart& FetchMessage::mime() const {
    if (!mime_cache) mime_cache = parse_mime(message.text ? std::string_view(*message.text) : std::string_view());
    return *mime_cache;
}

namespace {

// IMAP literals must not hold NUL: Dovecot sends 0x80 instead (outside BINARY).
std::string without_nuls(std::string s) {
    for (auto& c : s)
        if (c == '\0') c = '\x80';
    return s;
}

std::string apply_partial(std::string data, const FetchItem& item) {
    if (!item.partial) return data;
    if (item.origin >= data.size()) return {};
    return data.substr(static_cast<std::size_t>(item.origin),
                       static_cast<std::size_t>(std::min<std::uint64_t>(item.count, data.size() - item.origin)));
}

// Sections of the whole message only need to know where the header ends: no MIME parsing.
MimePart shallow_structure(std::string_view text) {
    MimePart r;
    r.header_size = header_size(text);
    r.body_size = text.size() - r.header_size;
    return r;
}

const MimePart& structure_for(const FetchMessage& m, const SectionSpec& spec) {
    if (!spec.part.empty() || m.mime_cache) return m.mime();
    if (!m.shallow_cache) m.shallow_cache = shallow_structure(m.message.text ? std::string_view(*m.message.text) : std::string_view());
    return *m.shallow_cache;
}

void append_literal8(std::string& out, std::string_view v) {
    out += "~{";
    out += std::to_string(v.size());
    out += "}\r\n";
    out.append(v);
}

}  // namespace

std::optional<FetchFailure> try_append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m) {
    using K = FetchItem::Kind;
    const Message& msg = m.message;
    const std::string_view text = msg.text ? std::string_view(*msg.text) : std::string_view();
    switch (item.kind) {
        case K::Flags:
            out += "FLAGS ";
            append_flag_list(out, m.selected.fetch_flags(msg));
            return std::nullopt;
        case K::Uid: out += "UID " + std::to_string(m.uid); return std::nullopt;
        case K::Rfc822Size: out += "RFC822.SIZE " + std::to_string(msg.size()); return std::nullopt;
        case K::InternalDate:
            out += "INTERNALDATE \"" + format_imap_date_time(DateTime{msg.internal_date, msg.tz_minutes}) + "\"";
            return std::nullopt;
        case K::Envelope:
            out += "ENVELOPE ";
            append_envelope(out, parse_envelope(text));  // reads up to the empty line
            return std::nullopt;
        case K::BodyStructure:
        case K::BodyBasic:
            out += item.kind == K::BodyStructure ? "BODYSTRUCTURE (" : "BODY (";
            append_body_structure(out, m.mime(), text, item.kind == K::BodyStructure);
            out += ')';
            return std::nullopt;
        case K::Rfc822:
        case K::Rfc822Header:
        case K::Rfc822Text: {
            SectionSpec spec;
            spec.kind = item.kind == K::Rfc822 ? SectionSpec::Kind::Full
                        : item.kind == K::Rfc822Header ? SectionSpec::Kind::Header
                                                        : SectionSpec::Kind::Text;
            out += item.response_name();
            out += ' ';
            append_literal(out, without_nuls(section_data(text, structure_for(m, spec), spec)));
            return std::nullopt;
        }
        case K::Body: {
            const SectionSpec spec = item.spec();
            out += item.response_name();
            out += ' ';
            append_literal(out, apply_partial(without_nuls(section_data(text, structure_for(m, spec), spec)), item));
            return std::nullopt;
        }
        case K::Binary:
        case K::BinarySize: {
            BinaryData b = binary_section_data(text, m.mime(), item.spec());
            if (b.error == BinaryError::UnknownCte) return FetchFailure{"UNKNOWN-CTE", "Unknown Content-Transfer-Encoding."};
            if (b.error == BinaryError::InvalidData) return FetchFailure{"PARSE", "Invalid data in MIME part."};
            out += item.response_name();
            out += ' ';
            if (item.kind == K::BinarySize) {
                out += std::to_string(b.data.size());
            } else if (b.binary) {
                append_literal8(out, apply_partial(std::move(b.data), item));
            } else {
                append_literal(out, apply_partial(without_nuls(std::move(b.data)), item));
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m) {
    if (try_append_fetch_item(out, item, m)) out += item.response_name() + " NIL";
}

bool parse_fetch_items(const Arg& arg, std::vector<FetchItem>& items, std::string& error) {
    using K = FetchItem::Kind;
    // Byte-level errors come first, as Dovecot finds them while reading the command.
    if (arg.type == Arg::Type::Atom && !check_atom_bytes(arg.value, error)) return false;
    if (arg.type == Arg::Type::List)
        for (const auto& c : arg.children)
            if (c.type == Arg::Type::Atom && !check_atom_bytes(c.value, error)) return false;
    if (arg.type == Arg::Type::List) {
        if (arg.children.empty()) {
            error = "FETCH list is empty";
            return false;
        }
        for (const auto& c : arg.children) {
            if (c.type != Arg::Type::Atom) {
                error = "FETCH list contains non-atoms";
                return false;
            }
            if (!parse_one(c, items, error)) return false;
        }
        return true;
    }
    if (arg.type != Arg::Type::Atom) {
        error = "Invalid arguments";
        return false;
    }
    const std::string up = ascii_upper(arg.value);
    if (up == "ALL") return push_macro({K::Flags, K::InternalDate, K::Rfc822Size, K::Envelope}, items);
    if (up == "FAST") return push_macro({K::Flags, K::InternalDate, K::Rfc822Size}, items);
    if (up == "FULL") return push_macro({K::Flags, K::InternalDate, K::Rfc822Size, K::Envelope, K::BodyBasic}, items);
    return parse_one(arg, items, error);
}

}  // namespace imaplab
