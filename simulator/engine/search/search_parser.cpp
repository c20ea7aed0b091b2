#include "engine/search/search_parser.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "engine/search/search_date.hpp"
#include "engine/search/text_fold.hpp"
#include "store/mime/encoded_words.hpp"
#include "types/flags.hpp"
#include "types/ascii.hpp"

namespace imaplab::search {
namespace {

bool is_atom(const Arg& a, std::string_view word) { return a.type == Arg::Type::Atom && iequals(a.value, word); }

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp, min;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n;
    }
    return true;
}

bool is_utf8_alias(std::string_view charset) {
    return charset.empty() || iequals(charset, "UTF-8") || iequals(charset, "UTF8") || iequals(charset, "US-ASCII");
}

/// Recursive descent over the key arguments. Every step returns false after setting error_.
class Parser {
public:
    explicit Parser(std::string charset) : charset_(std::move(charset)) {}

    const SearchParseError& error() const { return error_; }

    /// Parses args[i..end) as an implicit AND of keys.
    bool parse_all(const std::vector<Arg>& args, std::size_t i, SearchKey& out) {
        out = SearchKey{};
        out.kind = KeyKind::And;
        while (i < args.size()) {
            SearchKey k;
            if (!parse_key(args, i, k)) return false;
            out.children.push_back(std::move(k));
        }
        // Cheap keys first: AND stops at the first key that fails.
        std::stable_sort(out.children.begin(), out.children.end(), [](const SearchKey& a, const SearchKey& b) { return a.cost() < b.cost(); });
        return true;
    }

    /// An unknown charset is refused even when no string argument needed converting.
    bool check_charset() {
        if (is_utf8_alias(charset_)) return true;
        std::string ignored;
        return convert_to_utf8("", charset_, ignored) || no_charset();
    }

private:
    std::string charset_;
    SearchParseError error_;

    bool bad(std::string text) {
        error_ = {false, {}, std::move(text)};
        return false;
    }
    bool no_charset() {
        error_ = {true, "BADCHARSET", "Unknown charset."};
        return false;
    }

    /// A string parameter of `key` (atom, quoted string or literal).
    bool string_param(const std::vector<Arg>& args, std::size_t& i, const std::string& key, std::string& out) {
        if (i >= args.size()) return bad("Missing parameter for search key (for search key: " + key + ")");
        const Arg& a = args[i];
        if (a.type == Arg::Type::List) return bad("Unexpected ( (for search key: " + key + ")");
        ++i;
        out = a.value;
        return true;
    }

    /// A string parameter to match text against: converted to UTF-8 and folded.
    bool needle_param(const std::vector<Arg>& args, std::size_t& i, const std::string& key, std::string& out) {
        std::string raw, utf8;
        if (!string_param(args, i, key, raw)) return false;
        if (is_utf8_alias(charset_)) {
            utf8 = std::move(raw);
        } else {
            std::string ignored;
            if (!convert_to_utf8("", charset_, ignored)) return no_charset();
            if (!convert_to_utf8(raw, charset_, utf8)) return bad("Invalid search key");
        }
        if (!valid_utf8(utf8)) return bad("Invalid search key");
        out = fold(utf8);
        return true;
    }

    bool parse_key(const std::vector<Arg>& args, std::size_t& i, SearchKey& k) {
        const Arg& a = args[i++];
        if (a.type == Arg::Type::List) {
            if (a.children.empty()) return bad("No search parameters inside list");
            if (!parse_all(a.children, 0, k)) return false;
            if (k.children.size() == 1) {
                SearchKey only = std::move(k.children.front());
                k = std::move(only);
            }
            return true;
        }
        if (a.type != Arg::Type::Atom) return bad("Unexpected string as search key: " + a.value);
        const std::string key = ascii_upper(a.value);
        auto flag = [&](KeyKind kind, std::uint8_t bits) {
            k.kind = kind;
            k.flags = bits;
            return true;
        };
        auto simple = [&](KeyKind kind) {
            k.kind = kind;
            return true;
        };
        auto date = [&](DateField field, DateOp op) {
            std::string v;
            if (!string_param(args, i, key, v)) return false;
            auto day = parse_search_date(v);
            if (!day) return bad("Invalid search date parameter");
            k.kind = KeyKind::Date;
            k.date_field = field;
            k.date_op = op;
            k.day = *day;
            return true;
        };
        auto header = [&](std::string field, HeaderMatch match) {
            k.kind = KeyKind::Header;
            k.field = std::move(field);
            k.header_match = match;
            return needle_param(args, i, key, k.text);
        };
        auto size = [&](KeyKind kind) {
            std::string v;
            if (!string_param(args, i, key, v)) return false;
            std::uint64_t n = 0;
            if (v.empty()) return bad("Invalid search size parameter");
            for (char c : v) {
                if (c < '0' || c > '9' || n > (UINT64_MAX - 9) / 10) return bad("Invalid search size parameter");
                n = n * 10 + static_cast<unsigned>(c - '0');
            }
            k.kind = kind;
            k.size = n;
            return true;
        };
        auto sub = [&](SearchKey& out) {
            if (i >= args.size()) return bad("Missing argument");
            return parse_key(args, i, out);
        };

        if (key == "ALL") return simple(KeyKind::All);
        if (key == "ANSWERED") return flag(KeyKind::FlagSet, kAnswered);
        if (key == "DELETED") return flag(KeyKind::FlagSet, kDeleted);
        if (key == "DRAFT") return flag(KeyKind::FlagSet, kDraft);
        if (key == "FLAGGED") return flag(KeyKind::FlagSet, kFlagged);
        if (key == "SEEN") return flag(KeyKind::FlagSet, kSeen);
        if (key == "UNANSWERED") return flag(KeyKind::FlagUnset, kAnswered);
        if (key == "UNDELETED") return flag(KeyKind::FlagUnset, kDeleted);
        if (key == "UNDRAFT") return flag(KeyKind::FlagUnset, kDraft);
        if (key == "UNFLAGGED") return flag(KeyKind::FlagUnset, kFlagged);
        if (key == "UNSEEN") return flag(KeyKind::FlagUnset, kSeen);
        if (key == "RECENT") return simple(KeyKind::Recent);
        if (key == "NEW") return simple(KeyKind::New);
        if (key == "OLD") return simple(KeyKind::Old);
        if (key == "KEYWORD") return string_param(args, i, key, k.text) && simple(KeyKind::Keyword);
        if (key == "UNKEYWORD") return string_param(args, i, key, k.text) && simple(KeyKind::Unkeyword);
        if (key == "BEFORE") return date(DateField::Internal, DateOp::Before);
        if (key == "ON") return date(DateField::Internal, DateOp::On);
        if (key == "SINCE") return date(DateField::Internal, DateOp::Since);
        if (key == "SENTBEFORE") return date(DateField::Sent, DateOp::Before);
        if (key == "SENTON") return date(DateField::Sent, DateOp::On);
        if (key == "SENTSINCE") return date(DateField::Sent, DateOp::Since);
        if (key == "LARGER") return size(KeyKind::Larger);
        if (key == "SMALLER") return size(KeyKind::Smaller);
        if (key == "FROM") return header("From", HeaderMatch::Address);
        if (key == "TO") return header("To", HeaderMatch::Address);
        if (key == "CC") return header("Cc", HeaderMatch::Address);
        if (key == "BCC") return header("Bcc", HeaderMatch::Address);
        if (key == "SUBJECT") return header("Subject", HeaderMatch::Subject);
        if (key == "HEADER") {
            std::string field;
            return string_param(args, i, key, field) && header(std::move(field), HeaderMatch::Raw);
        }
        if (key == "BODY") return needle_param(args, i, key, k.text) && simple(KeyKind::Body);
        if (key == "TEXT") return needle_param(args, i, key, k.text) && simple(KeyKind::Text);
        if (key == "UID") {
            std::string v;
            if (!string_param(args, i, key, v)) return false;
            auto set = SequenceSet::parse(v);
            if (!set) return bad("Invalid UID messageset");
            k.kind = KeyKind::Uid;
            k.set = *set;
            return true;
        }
        if (key == "NOT") {
            k.kind = KeyKind::Not;
            k.children.resize(1);
            return sub(k.children[0]);
        }
        if (key == "OR") {
            k.kind = KeyKind::Or;
            k.children.resize(2);
            return sub(k.children[0]) && sub(k.children[1]);
        }
        // Anything else that starts like a sequence set is one ("$" is the saved result).
        const char c0 = a.value.empty() ? '\0' : a.value[0];
        if ((c0 >= '0' && c0 <= '9') || c0 == '*' || a.value == "$") {
            auto set = SequenceSet::parse(a.value);
            if (!set) return bad("Invalid messageset");
            k.kind = KeyKind::Sequence;
            k.set = *set;
            return true;
        }
        return bad("Unknown argument " + key);
    }
};

}  // namespace

int SearchKey::cost() const {
    switch (kind) {
        case KeyKind::Header: return 2;
        case KeyKind::Date: return date_field == DateField::Sent ? 2 : 0;
        case KeyKind::Body: return 3;
        case KeyKind::Text: return 4;
        case KeyKind::And:
        case KeyKind::Or:
        case KeyKind::Not: {
            int c = 0;
            for (const auto& k : children) c = std::max(c, k.cost());
            return c;
        }
        default: return 0;
    }
}

Result<SearchProgram, SearchParseError> parse_search_program(const std::vector<Arg>& args, bool imap4rev2) {
    using R = Result<SearchProgram, SearchParseError>;
    SearchProgram program;
    std::size_t i = 0;
    if (i + 1 < args.size() && is_atom(args[i], "RETURN") && args[i + 1].type == Arg::Type::List) {
        ReturnOptions& r = program.ret;
        for (const Arg& o : args[i + 1].children) {
            if (o.type != Arg::Type::Atom) return R::failure({false, {}, "SEARCH return options contain non-atoms"});
            const std::string name = ascii_upper(o.value);
            if (name == "MIN") r.min = true;
            else if (name == "MAX") r.max = true;
            else if (name == "ALL") r.all = true;
            else if (name == "COUNT") r.count = true;
            else if (name == "SAVE") r.save = true;
            else if (name == "CONTEXT") continue;  // RFC 5267: a hint only (Dovecot ignores it too)
            else return R::failure({false, {}, "Unknown SEARCH return option"});
        }
        if (!r.min && !r.max && !r.all && !r.count && !r.save) r.all = true;
        r.esearch = true;
        i += 2;
    } else {
        program.ret.all = true;
        program.ret.esearch = imap4rev2;
    }
    if (i < args.size() && is_atom(args[i], "CHARSET")) {
        if (i + 1 >= args.size() || args[i + 1].type == Arg::Type::List) return R::failure({false, {}, "Invalid charset argument"});
        program.charset = args[i + 1].value;
        i += 2;
    }
    if (i >= args.size()) return R::failure({false, {}, "Missing search parameters"});
    Parser parser(program.charset);
    if (!parser.parse_all(args, i, program.key) || !parser.check_charset()) {
        SearchParseError e = parser.error();
        e.save = program.ret.save;
        return R::failure(std::move(e));
    }
    return program;
}

}  // namespace imaplab::search
