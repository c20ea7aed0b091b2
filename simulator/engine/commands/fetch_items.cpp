#include "engine/commands/fetch_items.hpp"

#include <cctype>

#include "codec/response_encoder.hpp"
#include "store/mime/header.hpp"
#include "types/date_time.hpp"

#include "types/flags.hpp"

namespace imaplab {
namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

bool parse_number(std::string_view s, std::uint32_t& out) {
    if (s.empty() || s.size() > 10) return false;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v > 0xFFFFFFFFull) return false;
    out = static_cast<std::uint32_t>(v);
    return true;
}

// Parses "HEADER.FIELDS (A B)" style field lists: names are astrings separated by SP.
bool parse_field_list(std::string_view s, std::vector<std::string>& out, std::string& error) {
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') {
        error = "Invalid BODY[..] parameter: expected a parenthesised list of header field names";
        return false;
    }
    s = s.substr(1, s.size() - 2);
    std::size_t p = 0;
    while (p < s.size()) {
        std::size_t sp = s.find(' ', p);
        std::string_view name = s.substr(p, sp == std::string_view::npos ? std::string_view::npos : sp - p);
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
        if (name.empty()) {
            error = "Invalid BODY[..] parameter: empty header field name";
            return false;
        }
        for (char c : name)
            if (!is_atom_char(c) && c != ']') {
                error = "Invalid header field name";
                return false;
            }
        out.push_back(upper(std::string(name)));
        if (sp == std::string_view::npos) break;
        p = sp + 1;
    }
    if (out.empty()) {
        error = "Invalid BODY[..] parameter: empty header field list";
        return false;
    }
    return true;
}

bool parse_body(const std::string& token, FetchItem& item, std::string& error) {
    const std::string up = upper(token);
    std::size_t open = token.find('[');
    std::string name = up.substr(0, open);
    if (name == "BODY") item.peek = false;
    else if (name == "BODY.PEEK") item.peek = true;
    else {
        error = "Unknown parameter: " + token;
        return false;
    }
    item.kind = FetchItem::Kind::Body;
    std::size_t close = token.find(']', open);
    if (close == std::string::npos) {
        error = "Missing ']'";
        return false;
    }
    std::string section = token.substr(open + 1, close - open - 1);
    std::string usec = upper(section);
    if (usec.empty()) item.section = FetchItem::Section::Full;
    else if (usec == "HEADER") item.section = FetchItem::Section::Header;
    else if (usec == "TEXT") item.section = FetchItem::Section::Text;
    else if (usec.rfind("HEADER.FIELDS.NOT ", 0) == 0) {
        item.section = FetchItem::Section::HeaderFieldsNot;
        if (!parse_field_list(std::string_view(section).substr(18), item.fields, error)) return false;
    } else if (usec.rfind("HEADER.FIELDS ", 0) == 0) {
        item.section = FetchItem::Section::HeaderFields;
        if (!parse_field_list(std::string_view(section).substr(14), item.fields, error)) return false;
    } else if (!usec.empty() && std::isdigit(static_cast<unsigned char>(usec[0]))) {
        error = "MIME part sections such as BODY[" + section + "] are not supported by this server yet";
        return false;
    } else {
        error = "Invalid BODY[..] parameter: " + section;
        return false;
    }
    std::string rest = token.substr(close + 1);
    if (!rest.empty()) {
        if (rest.front() != '<' || rest.back() != '>') {
            error = "Invalid partial: " + rest;
            return false;
        }
        std::string inner = rest.substr(1, rest.size() - 2);
        std::size_t dot = inner.find('.');
        if (dot == std::string::npos || !parse_number(std::string_view(inner).substr(0, dot), item.origin) ||
            !parse_number(std::string_view(inner).substr(dot + 1), item.count) || item.count == 0) {
            error = "Invalid partial: " + rest;
            return false;
        }
        item.partial = true;
    }
    return true;
}

bool parse_one(const Arg& a, std::vector<FetchItem>& items, std::string& error, bool allow_macro) {
    if (a.type != Arg::Type::Atom) {
        error = "Invalid fetch item";
        return false;
    }
    const std::string up = upper(a.value);
    FetchItem item;
    using K = FetchItem::Kind;
    auto push = [&](K k) {
        FetchItem i;
        i.kind = k;
        items.push_back(i);
    };
    if (allow_macro && (up == "ALL" || up == "FULL")) {
        error = up + " needs ENVELOPE, which this server does not support yet; use FAST or list the items";
        return false;
    }
    if (allow_macro && up == "FAST") {
        push(K::Flags);
        push(K::InternalDate);
        push(K::Rfc822Size);
        return true;
    }
    if (up == "FLAGS") push(K::Flags);
    else if (up == "UID") push(K::Uid);
    else if (up == "RFC822.SIZE") push(K::Rfc822Size);
    else if (up == "INTERNALDATE") push(K::InternalDate);
    else if (up == "RFC822") push(K::Rfc822);
    else if (up == "RFC822.HEADER") push(K::Rfc822Header);
    else if (up == "RFC822.TEXT") push(K::Rfc822Text);
    else if (up == "ENVELOPE" || up == "BODYSTRUCTURE" || up == "BODY" || up.rfind("BINARY", 0) == 0) {
        error = up.substr(0, up.find('[')) + " is not supported by this server yet";
        return false;
    } else if (a.value.find('[') != std::string::npos) {
        if (!parse_body(a.value, item, error)) return false;
        items.push_back(item);
    } else {
        error = "Unknown parameter: " + a.value;
        return false;
    }
    return true;
}

}  // namespace

std::string FetchItem::response_name() const {
    switch (kind) {
        case Kind::Flags: return "FLAGS";
        case Kind::Uid: return "UID";
        case Kind::Rfc822Size: return "RFC822.SIZE";
        case Kind::InternalDate: return "INTERNALDATE";
        case Kind::Rfc822: return "RFC822";
        case Kind::Rfc822Header: return "RFC822.HEADER";
        case Kind::Rfc822Text: return "RFC822.TEXT";
        case Kind::Body: break;
    }
    std::string s = "BODY[";
    switch (section) {
        case Section::Full: break;
        case Section::Header: s += "HEADER"; break;
        case Section::Text: s += "TEXT"; break;
        case Section::HeaderFields:
        case Section::HeaderFieldsNot:
            s += section == Section::HeaderFields ? "HEADER.FIELDS (" : "HEADER.FIELDS.NOT (";
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if (i) s += ' ';
                s += fields[i];
            }
            s += ')';
            break;
    }
    s += ']';
    if (partial) s += "<" + std::to_string(origin) + ">";
    return s;
}

namespace {

std::string body_data(const FetchItem& item, const std::string& text) {
    using K = FetchItem::Kind;
    using S = FetchItem::Section;
    std::string data;
    if (item.kind == K::Rfc822) return text;
    if (item.kind == K::Rfc822Header) return std::string(message_header(text));
    if (item.kind == K::Rfc822Text) return std::string(message_text(text));
    switch (item.section) {
        case S::Full: data = text; break;
        case S::Header: data = message_header(text); break;
        case S::Text: data = message_text(text); break;
        case S::HeaderFields: data = header_fields_subset(text, item.fields, false); break;
        case S::HeaderFieldsNot: data = header_fields_subset(text, item.fields, true); break;
    }
    if (item.partial) {
        if (item.origin >= data.size()) return {};
        return data.substr(item.origin, item.count);
    }
    return data;
}

}  // namespace

void append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m) {
    const Message& msg = m.message;
    switch (item.kind) {
        case FetchItem::Kind::Flags:
            out += "FLAGS ";
            append_flag_list(out, m.selected.fetch_flags(msg));
            return;
        case FetchItem::Kind::Uid: out += "UID " + std::to_string(m.uid); return;
        case FetchItem::Kind::Rfc822Size: out += "RFC822.SIZE " + std::to_string(msg.size()); return;
        case FetchItem::Kind::InternalDate:
            out += "INTERNALDATE \"" + format_imap_date_time(DateTime{msg.internal_date, msg.tz_minutes}) + "\"";
            return;
        default: break;
    }
    out += item.response_name();
    out += ' ';
    append_literal(out, body_data(item, *msg.text));
}

bool parse_fetch_items(const Arg& arg, std::vector<FetchItem>& items, std::string& error) {
    if (arg.type == Arg::Type::List) {
        if (arg.children.empty()) {
            error = "Empty fetch item list";
            return false;
        }
        for (const auto& c : arg.children)
            if (!parse_one(c, items, error, false)) return false;
        return true;
    }
    return parse_one(arg, items, error, true);
}

}  // namespace imaplab
