#include "codec/command_parser.hpp"

#include <algorithm>
#include <cctype>

#include "types/flags.hpp"
#include "types/ascii.hpp"

namespace imaplab {

bool Arg::is_nil() const { return type == Type::Atom && iequals(value, "NIL"); }

bool is_tag_char(char c) { return c != '+' && (is_atom_char(c) || c == ']'); }

namespace {

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'; }

class ArgParser {
public:
    ArgParser(std::string_view bytes, const std::vector<LiteralSpan>& literals, std::size_t pos)
        : s_(bytes), lits_(literals), pos_(pos) {}

    bool parse_all(std::vector<Arg>& out, ParseError& err) {
        // Arguments are separated by exactly one SP. A single trailing SP is tolerated
        // (Dovecot accepts it, and lecture transcripts contain it).
        while (pos_ < s_.size()) {
            if (s_[pos_] == ')') return fail(err, "Unexpected ')'");
            if (s_[pos_] != ' ') return fail(err, "Expected a space between arguments");
            ++pos_;
            if (pos_ == s_.size()) break;
            Arg a;
            if (!parse_one(a, err, 0)) return false;
            out.push_back(std::move(a));
        }
        return true;
    }

private:
    std::string_view s_;
    const std::vector<LiteralSpan>& lits_;
    std::size_t pos_;

    bool fail(ParseError& err, std::string reason) {
        err.offset = pos_;
        err.reason = std::move(reason);
        return false;
    }

    bool parse_one(Arg& a, ParseError& err, int depth) {
        a.offset = pos_;
        char c = s_[pos_];
        if (c == '(') {
            if (depth > 20) return fail(err, "Too deeply nested lists");
            a.type = Arg::Type::List;
            ++pos_;
            bool first = true;
            while (true) {
                if (pos_ >= s_.size()) return fail(err, "Missing ')'");
                if (s_[pos_] == ')') {
                    ++pos_;
                    return true;
                }
                if (!first) {
                    if (s_[pos_] != ' ') return fail(err, "Expected a space or ')' in list");
                    ++pos_;
                    if (pos_ >= s_.size()) return fail(err, "Missing ')'");
                }
                first = false;
                Arg child;
                if (!parse_one(child, err, depth + 1)) return false;
                a.children.push_back(std::move(child));
            }
        }
        if (c == ')') return fail(err, "Unexpected ')'");
        if (c == '"') {
            a.type = Arg::Type::Quoted;
            ++pos_;
            while (true) {
                if (pos_ >= s_.size() || s_[pos_] == '\r' || s_[pos_] == '\n') return fail(err, "Missing '\"'");
                char q = s_[pos_];
                if (q == '"') {
                    ++pos_;
                    return true;
                }
                if (q == '\\') {
                    if (pos_ + 1 >= s_.size()) return fail(err, "Missing '\"'");
                    char e = s_[pos_ + 1];
                    if (e != '"' && e != '\\') return fail(err, "Invalid escape in quoted string (only \\\" and \\\\ are allowed)");
                    a.value += e;
                    pos_ += 2;
                    continue;
                }
                if (q == '\0') return fail(err, "NUL in quoted string");
                a.value += q;
                ++pos_;
            }
        }
        if (c == '~' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '{') {
            // literal8 (RFC 3516): "~{n}" CRLF and n octets that may include NUL.
            a.binary = true;
            ++pos_;
            c = '{';
        }
        if (c == '{') {
            std::size_t close = s_.find('}', pos_);
            if (close == std::string_view::npos) return fail(err, "Missing '}' in literal");
            std::size_t data = close + 1;
            if (data < s_.size() && s_[data] == '\r') ++data;
            if (data >= s_.size() || s_[data] != '\n') return fail(err, "Literal announcement must end the line");
            ++data;
            auto it = std::find_if(lits_.begin(), lits_.end(), [&](const LiteralSpan& l) { return l.offset == data; });
            if (it == lits_.end()) return fail(err, "Invalid literal");
            a.type = Arg::Type::Literal;
            a.value.assign(s_.substr(it->offset, it->length));
            if (!a.binary && a.value.find('\0') != std::string::npos) return fail(err, "NUL in literal (only a literal8 ~{n} may hold NUL)");
            pos_ = it->offset + it->length;
            return true;
        }
        // Atom-like token, with an optional bracketed section that may hold spaces and lists.
        a.type = Arg::Type::Atom;
        std::size_t start = pos_;
        while (pos_ < s_.size()) {
            char t = s_[pos_];
            if (t == '[') {
                std::size_t close = s_.find(']', pos_);
                std::size_t eol = s_.find_first_of("\r\n", pos_);
                if (close == std::string_view::npos || (eol != std::string_view::npos && eol < close))
                    return fail(err, "Missing ']'");
                pos_ = close + 1;
                continue;
            }
            if (t == ' ' || t == '(' || t == ')' || t == '\r' || t == '\n') break;
            if (t == '"') return fail(err, "Unexpected '\"' inside an atom");
            if (static_cast<unsigned char>(t) < 0x20 || t == 0x7F) return fail(err, "Control character in argument");
            ++pos_;
        }
        if (pos_ == start) return fail(err, "Expected an argument");
        a.value.assign(s_.substr(start, pos_ - start));
        return true;
    }
};

Result<ParsedCommand, ParseError> head(std::string_view bytes, std::size_t& pos) {
    ParsedCommand cmd;
    ParseError err;
    std::size_t i = 0;
    while (i < bytes.size() && is_tag_char(bytes[i])) ++i;
    if (i == 0 || (i < bytes.size() && bytes[i] != ' ')) {
        err.stage = ParseError::Stage::Tag;
        err.offset = i;
        err.reason = "Invalid tag";
        return Result<ParsedCommand, ParseError>::failure(err);
    }
    cmd.tag.assign(bytes.substr(0, i));
    err.tag = cmd.tag;
    if (i >= bytes.size()) {
        err.stage = ParseError::Stage::Name;
        err.offset = i;
        err.reason = "Invalid command name";
        return Result<ParsedCommand, ParseError>::failure(err);
    }
    ++i;
    std::size_t n = i;
    while (n < bytes.size() && is_name_char(bytes[n])) ++n;
    if (n == i || (n < bytes.size() && bytes[n] != ' ')) {
        err.stage = ParseError::Stage::Name;
        err.offset = i;
        err.reason = "Invalid command name";
        return Result<ParsedCommand, ParseError>::failure(err);
    }
    cmd.name = ascii_upper(bytes.substr(i, n - i));
    if (cmd.name == "UID" && n < bytes.size()) {
        std::size_t m = n + 1;
        std::size_t e = m;
        while (e < bytes.size() && is_name_char(bytes[e])) ++e;
        if (e > m && (e == bytes.size() || bytes[e] == ' ')) {
            cmd.name += " " + ascii_upper(bytes.substr(m, e - m));
            n = e;
        }
    }
    pos = n;
    return cmd;
}

}  // namespace

Result<ParsedCommand, ParseError> parse_command_head(std::string_view bytes) {
    std::size_t pos = 0;
    return head(bytes, pos);
}

Result<ParsedCommand, ParseError> parse_command(std::string_view bytes, const std::vector<LiteralSpan>& literals) {
    std::size_t pos = 0;
    auto h = head(bytes, pos);
    if (!h) return h;
    ParsedCommand cmd = std::move(h.value());
    ParseError err;
    err.tag = cmd.tag;
    err.name = cmd.name;
    ArgParser p(bytes, literals, pos);
    if (!p.parse_all(cmd.args, err)) return Result<ParsedCommand, ParseError>::failure(err);
    return cmd;
}

}  // namespace imaplab
