#include "codec/response_parser.hpp"

#include <fmt/format.h>

#include <cctype>

#include "codec/command_parser.hpp"
#include "types/flags.hpp"
#include "types/ascii.hpp"

namespace imaplab::resp {

const FetchItem* FetchData::find(FetchItem::Kind kind) const {
    for (const auto& i : items)
        if (i.kind == kind) return &i;
    return nullptr;
}

namespace {

constexpr std::uint64_t kMaxNumber = 0xFFFFFFFFull;             // number / nz-number (RFC 9051 §9)
constexpr std::uint64_t kMaxNumber64 = 0x7FFFFFFFFFFFFFFFull;   // number64
constexpr int kMaxDepth = 64;  // nesting of bodies, extension lists (a server never nests deeper)

/// ASTRING-CHAR = ATOM-CHAR / resp-specials ("]").
bool is_astring_char(char c) { return is_atom_char(c) || c == ']'; }

/// Characters of an atom-like scalar inside extension data: astring chars plus "*" (sequence sets).
bool is_ext_char(char c) { return is_astring_char(c) || c == '*'; }

/// Header field names in a BODY[HEADER.FIELDS (...)] response: astring characters, and also the
/// list wildcards "%" and "*", which Dovecot echoes unquoted as the client sent them.
bool is_header_name_char(char c) { return is_astring_char(c) || c == '%' || c == '*'; }

/// TEXT-CHAR plus UTF-8 (RFC 9051 `text`): anything but NUL, CR, LF.
bool is_text_char(char c) { return c != '\0' && c != '\r' && c != '\n'; }

bool is_base64_text(std::string_view t) {
    if (t.empty() || t.size() % 4 != 0) return false;
    std::size_t pad = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad) return false;  // "=" only at the end
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) return false;
    }
    return pad <= 2;
}

std::string_view status_name(ResponseStatus s) {
    switch (s) {
        case ResponseStatus::Ok: return "OK";
        case ResponseStatus::No: return "NO";
        case ResponseStatus::Bad: return "BAD";
        case ResponseStatus::Bye: return "BYE";
        case ResponseStatus::Preauth: return "PREAUTH";
        case ResponseStatus::None: break;
    }
    return "OK";
}

// ------------------------------------------------------------------------------------------------
// The parser: recursive descent over one framed response. Every function returns false after
// recording the first error (offset + reason); nothing throws.

class Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    Result<Response, ResponseParseError> run() {
        Response r;
        if (!response(r)) return Result<Response, ResponseParseError>::failure(*err_);
        if (!at_end()) {
            fail("Unexpected characters after the end of the response");
            return Result<Response, ResponseParseError>::failure(*err_);
        }
        return r;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    std::optional<ResponseParseError> err_;

    // ---- primitives ----
    bool at_end() const { return pos_ >= s_.size(); }
    bool is(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
    bool eat(char c) {
        if (!is(c)) return false;
        ++pos_;
        return true;
    }
    bool fail(std::string reason) { return fail_at(pos_, std::move(reason)); }
    bool fail_at(std::size_t offset, std::string reason) {
        if (!err_) err_ = ResponseParseError{offset, std::move(reason)};
        return false;
    }
    bool expect(char c, std::string_view context) {
        if (eat(c)) return true;
        const std::string what = c == ' ' ? "SP" : c == '\n' ? "CRLF" : fmt::format("'{}'", c);
        if (at_end()) return fail(fmt::format("Unexpected end of response: expected {} {}", what, context));
        return fail(fmt::format("Expected {} {}", what, context));
    }
    bool sp(std::string_view context) { return expect(' ', context); }

    struct Depth {
        Parser& p;
        explicit Depth(Parser& parser) : p(parser) { ++p.depth_; }
        ~Depth() { --p.depth_; }
        bool ok() const { return p.depth_ <= kMaxDepth || p.fail("Nesting too deep"); }
    };

    /// A run of characters accepted by `pred` (possibly empty).
    template <class Pred>
    std::string_view run_of(Pred pred) {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && pred(s_[pos_])) ++pos_;
        return s_.substr(start, pos_ - start);
    }

    /// 1*ATOM-CHAR.
    bool atom(std::string& out, std::string_view what) {
        auto a = run_of(is_atom_char);
        if (a.empty()) return fail(fmt::format("Expected {}", what));
        out.assign(a);
        return true;
    }

    /// A keyword made of letters, digits, "-", ".", "_" (response and item names).
    std::string_view keyword() {
        return run_of([](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'; });
    }

    /// "NIL" not followed by an astring character.
    bool at_nil() const {
        if (s_.size() - pos_ < 3 || !iequals(s_.substr(pos_, 3), "NIL")) return false;
        return pos_ + 3 == s_.size() || !is_ext_char(s_[pos_ + 3]);
    }

    bool number(std::uint64_t& v, std::uint64_t max, std::string_view what) {
        const std::size_t start = pos_;
        auto digits = run_of([](char c) { return c >= '0' && c <= '9'; });
        if (digits.empty()) return fail(fmt::format("Expected a number ({})", what));
        v = 0;
        for (char c : digits) {
            v = v * 10 + static_cast<unsigned>(c - '0');
            if (v > max) return fail_at(start, fmt::format("Number too large ({})", what));
        }
        return true;
    }
    bool number32(std::uint32_t& v, std::string_view what) {
        std::uint64_t n = 0;
        if (!number(n, kMaxNumber, what)) return false;
        v = static_cast<std::uint32_t>(n);
        return true;
    }
    bool nz_number32(std::uint32_t& v, std::string_view what) {
        const std::size_t start = pos_;
        if (!number32(v, what)) return false;
        if (v == 0) return fail_at(start, fmt::format("0 is not allowed here ({})", what));
        return true;
    }
    bool nz_number64(std::uint64_t& v, std::string_view what) {
        const std::size_t start = pos_;
        if (!number(v, kMaxNumber64, what)) return false;
        if (v == 0) return fail_at(start, fmt::format("0 is not allowed here ({})", what));
        return true;
    }

    /// quoted = DQUOTE *QUOTED-CHAR DQUOTE (UTF-8 allowed, RFC 9051).
    bool quoted(std::string& out) {
        const std::size_t start = pos_;
        if (!expect('"', "to start a quoted string")) return false;
        out.clear();
        while (true) {
            if (at_end()) return fail_at(start, "Missing '\"' at the end of a quoted string");
            const char c = s_[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\r' || c == '\n') return fail("CR or LF in a quoted string");
            if (c == '\0') return fail("NUL in a quoted string");
            if (c == '\\') {
                if (pos_ + 1 >= s_.size()) return fail_at(start, "Missing '\"' at the end of a quoted string");
                const char e = s_[pos_ + 1];
                if (e != '"' && e != '\\') return fail("Invalid escape in a quoted string (only \\\" and \\\\)");
                out += e;
                pos_ += 2;
                continue;
            }
            out += c;
            ++pos_;
        }
    }

    /// literal = "{" number64 "}" CRLF *CHAR8; literal8 = "~{" number64 "}" CRLF *OCTET.
    bool literal(IString& out, bool allow8) {
        const std::size_t start = pos_;
        bool eight = false;
        if (eat('~')) {
            if (!allow8) return fail_at(start, "literal8 is only allowed in BINARY data");
            eight = true;
        }
        if (!expect('{', "to start a literal")) return false;
        std::uint64_t n = 0;
        if (!number(n, kMaxNumber64, "literal size")) return false;
        if (is('+')) return fail("A server does not send non-synchronising literals");
        if (!expect('}', "after the literal size")) return false;
        eat('\r');
        if (!expect('\n', "after a literal announcement (it must end the line)")) return false;
        if (n > s_.size() - pos_) return fail(fmt::format("Literal data is shorter than the announced {} octets", n));
        out.value.assign(s_.substr(pos_, n));
        out.form = eight ? StringForm::Literal8 : StringForm::Literal;
        if (!eight) {
            const auto nul = out.value.find('\0');
            if (nul != std::string::npos) return fail_at(pos_ + nul, "NUL in a literal (only literal8 may hold NUL)");
        }
        pos_ += n;
        return true;
    }

    bool at_literal() const { return is('{') || is('~'); }

    /// string = quoted / literal.
    bool string(IString& out, std::string_view what, bool allow8 = false) {
        if (is('"')) {
            out.form = StringForm::Quoted;
            return quoted(out.value);
        }
        if (at_literal()) return literal(out, allow8);
        if (at_end()) return fail(fmt::format("Unexpected end of response: expected {} (a string)", what));
        return fail(fmt::format("Expected {} (a quoted string or a literal)", what));
    }

    /// nstring = string / NIL.
    bool nstring(NString& out, std::string_view what, bool allow8 = false) {
        if (at_nil()) {
            pos_ += 3;
            out.reset();
            return true;
        }
        IString v;
        if (is('"') || at_literal()) {
            if (!string(v, what, allow8)) return false;
            out = std::move(v);
            return true;
        }
        if (at_end()) return fail(fmt::format("Unexpected end of response: expected {} (a string or NIL)", what));
        return fail(fmt::format("Expected {} (a string or NIL)", what));
    }

    /// astring = 1*ASTRING-CHAR / string.
    bool astring(IString& out, std::string_view what) {
        if (is('"') || at_literal()) return string(out, what);
        auto a = run_of(is_astring_char);
        if (a.empty()) {
            if (at_end()) return fail(fmt::format("Unexpected end of response: expected {}", what));
            return fail(fmt::format("Expected {} (an atom or a string)", what));
        }
        out.value.assign(a);
        out.form = StringForm::Atom;
        return true;
    }

    /// DQUOTE QUOTED-CHAR DQUOTE / nil (hierarchy delimiter).
    bool delimiter(std::optional<char>& out) {
        if (at_nil()) {
            pos_ += 3;
            out.reset();
            return true;
        }
        const std::size_t start = pos_;
        if (!is('"')) return fail("Expected the hierarchy delimiter (a quoted character or NIL)");
        std::string v;
        if (!quoted(v)) return false;
        if (v.size() != 1) return fail_at(start, "The hierarchy delimiter must be one character");
        out = v[0];
        return true;
    }

    /// flag = "\" atom / atom; with allow_star also "\*" (flag-perm).
    bool flag(std::string& out, bool allow_star) {
        const std::size_t start = pos_;
        if (eat('\\')) {
            if (allow_star && eat('*')) {
                out = "\\*";
                return true;
            }
            auto a = run_of(is_atom_char);
            if (a.empty()) return fail_at(start, "Expected a flag name after '\\'");
            out = "\\" + std::string(a);
            return true;
        }
        return atom(out, "a flag");
    }

    /// "(" [flag *(SP flag)] ")".
    bool flag_list(std::vector<std::string>& out, bool allow_star, bool backslash_only, std::string_view what) {
        if (!expect('(', fmt::format("to start {}", what))) return false;
        out.clear();
        while (!eat(')')) {
            if (!out.empty() && !sp(fmt::format("or ')' in {}", what))) return false;
            const std::size_t start = pos_;
            std::string f;
            if (!flag(f, allow_star)) return false;
            if (backslash_only && f[0] != '\\') return fail_at(start, "A mailbox attribute starts with '\\'");
            out.push_back(std::move(f));
        }
        return true;
    }

    /// sequence-set (allow_star) or uid-set (no "*"), as ranges.
    bool seq_set(std::vector<SeqRange>& out, bool allow_star, std::string_view what) {
        const std::size_t start = pos_;
        auto text = run_of([](char c) { return (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*'; });
        if (text.empty()) return fail(fmt::format("Expected {}", what));
        out.clear();
        std::size_t p = 0;
        auto bound = [&](SeqBound& b) {
            if (p < text.size() && text[p] == '*') {
                if (!allow_star) return fail_at(start + p, fmt::format("'*' is not allowed in {}", what));
                ++p;
                b = SeqBound{0, true};
                return true;
            }
            const std::size_t d = p;
            std::uint64_t v = 0;
            while (p < text.size() && text[p] >= '0' && text[p] <= '9') {
                v = v * 10 + static_cast<unsigned>(text[p] - '0');
                if (v > kMaxNumber) return fail_at(start + d, fmt::format("Number too large in {}", what));
                ++p;
            }
            if (p == d) return fail_at(start + p, fmt::format("Expected a number in {}", what));
            if (text[d] == '0') return fail_at(start + d, fmt::format("{} in {}", v == 0 ? "0" : "Leading zero", what));
            b = SeqBound{static_cast<std::uint32_t>(v), false};
            return true;
        };
        while (true) {
            SeqRange r;
            if (!bound(r.first)) return false;
            r.last = r.first;
            if (p < text.size() && text[p] == ':') {
                ++p;
                if (!bound(r.last)) return false;
            }
            out.push_back(r);
            if (p == text.size()) return true;
            if (text[p] != ',') return fail_at(start + p, fmt::format("Unexpected '{}' in {}", text[p], what));
            ++p;
        }
    }

    /// text = 1*TEXT-CHAR (may be empty here: RFC 9051 makes it optional).
    bool text(std::string& out) {
        auto t = run_of(is_text_char);
        if (!at_end()) {
            if (s_[pos_] == '\0') return fail("NUL in response text");
            return fail("CR or LF in response text");
        }
        out.assign(t);
        return true;
    }

    // ---- response codes ----

    /// "[" resp-text-code "]" — called at "[".
    bool response_code(ResponseCode& c) {
        ++pos_;  // "["
        const std::size_t name_at = pos_;
        auto name = run_of(is_atom_char);
        if (name.empty()) return fail("Expected a response code name after '['");
        c.name = ascii_upper(name);
        const std::string& n = c.name;
        if (n == "CAPABILITY") {
            while (eat(' ')) {
                std::string cap;
                if (!atom(cap, "a capability")) return false;
                c.atoms.push_back(std::move(cap));
            }
        } else if (n == "PERMANENTFLAGS") {
            if (!sp("after PERMANENTFLAGS") || !flag_list(c.atoms, true, false, "the PERMANENTFLAGS list")) return false;
        } else if (n == "BADCHARSET") {
            if (eat(' ')) {
                if (!expect('(', "to start the BADCHARSET list")) return false;
                c.has_list = true;
                do {
                    IString cs;
                    if (is('"')) {
                        cs.form = StringForm::Quoted;
                        if (!quoted(cs.value)) return false;
                    } else {
                        cs.form = StringForm::Atom;
                        if (!atom(cs.value, "a charset")) return false;
                    }
                    c.charsets.push_back(std::move(cs));
                } while (eat(' '));
                if (!expect(')', "to end the BADCHARSET list")) return false;
            }
        } else if (n == "UIDNEXT" || n == "UIDVALIDITY" || n == "UNSEEN") {
            std::uint32_t v = 0;
            if (!sp(fmt::format("after {}", n)) || !nz_number32(v, n)) return false;
            c.number = v;
        } else if (n == "HIGHESTMODSEQ") {
            if (!sp("after HIGHESTMODSEQ") || !nz_number64(c.number, n)) return false;
        } else if (n == "APPENDUID") {
            std::uint32_t v = 0;
            if (!sp("after APPENDUID") || !nz_number32(v, "UIDVALIDITY") || !sp("after the UIDVALIDITY") ||
                !seq_set(c.set1, false, "the appended UIDs"))
                return false;
            c.number = v;
        } else if (n == "COPYUID") {
            std::uint32_t v = 0;
            if (!sp("after COPYUID") || !nz_number32(v, "UIDVALIDITY") || !sp("after the UIDVALIDITY") ||
                !seq_set(c.set1, false, "the source UID set") || !sp("after the source UID set") ||
                !seq_set(c.set2, false, "the destination UID set"))
                return false;
            c.number = v;
        } else if (n == "MODIFIED") {
            if (!sp("after MODIFIED") || !seq_set(c.set1, true, "the MODIFIED sequence set")) return false;
        } else if (eat(' ')) {
            // atom [SP 1*<any TEXT-CHAR except "]">]
            auto t = run_of([](char ch) { return is_text_char(ch) && ch != ']'; });
            if (t.empty()) return fail("Expected response code text after SP");
            c.text = std::string(t);
        }
        if (!eat(']')) {
            if (at_end()) return fail_at(name_at, "Missing ']' after the response code");
            return fail(fmt::format("Expected ']' to end the {} response code", c.name));
        }
        return true;
    }

    /// resp-text = ["[" resp-text-code "]" SP] [text]; the SP after "]" may be missing when no
    /// text follows.
    bool resp_text(std::optional<ResponseCode>& code, std::string& out) {
        if (is('[')) {
            ResponseCode c;
            if (!response_code(c)) return false;
            code = std::move(c);
            if (at_end()) {
                out.clear();
                return true;
            }
            if (!sp("after the response code")) return false;
        }
        return text(out);
    }

    /// Status response after its keyword: [SP resp-text].
    bool status_rest(StatusResponse& st) {
        if (at_end()) return true;  // "* OK" without text (RFC 9051 makes the text optional)
        if (!sp(fmt::format("after {}", status_name(st.status)))) return false;
        return resp_text(st.code, st.text);
    }

    // ---- the response ----

    bool response(Response& r) {
        if (at_end()) return fail("Empty response");
        if (eat('+')) {
            r.kind = Response::Kind::Continuation;
            ContinuationRequest c;
            if (!at_end()) {
                if (!sp("after '+'")) return false;
                if (!resp_text(c.code, c.text)) return false;
                c.base64 = !c.code && is_base64_text(c.text);
            }
            r.data = std::move(c);
            return true;
        }
        if (eat('*')) {
            r.kind = Response::Kind::Untagged;
            if (!sp("after '*'")) return false;
            return untagged(r);
        }
        r.kind = Response::Kind::Tagged;
        auto tag = run_of(is_tag_char);
        if (tag.empty()) return fail("Expected '*', '+' or a tag");
        r.tag.assign(tag);
        if (!sp("after the tag")) return false;
        const std::size_t at = pos_;
        auto word = ascii_upper(keyword());
        StatusResponse st;
        if (word == "OK") st.status = ResponseStatus::Ok;
        else if (word == "NO") st.status = ResponseStatus::No;
        else if (word == "BAD") st.status = ResponseStatus::Bad;
        else return fail_at(at, "Expected OK, NO or BAD after the tag");
        if (!status_rest(st)) return false;
        r.data = std::move(st);
        return true;
    }

    bool untagged(Response& r) {
        const std::size_t at = pos_;
        if (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') return message_data(r);
        const std::string word = ascii_upper(keyword());
        if (word.empty()) return fail("Expected a response name or a number after '* '");
        if (word == "OK" || word == "NO" || word == "BAD" || word == "BYE" || word == "PREAUTH") {
            StatusResponse st;
            st.status = word == "OK"    ? ResponseStatus::Ok
                        : word == "NO"  ? ResponseStatus::No
                        : word == "BAD" ? ResponseStatus::Bad
                        : word == "BYE" ? ResponseStatus::Bye
                                        : ResponseStatus::Preauth;
            if (!status_rest(st)) return false;
            r.data = std::move(st);
            return true;
        }
        if (word == "CAPABILITY" || word == "ENABLED") {
            CapabilityData d;
            d.enabled = word == "ENABLED";
            while (eat(' ')) {
                std::string cap;
                if (!atom(cap, "a capability")) return false;
                d.capabilities.push_back(std::move(cap));
            }
            r.data = std::move(d);
            return true;
        }
        if (word == "LIST" || word == "LSUB") return list(r, word == "LSUB");
        if (word == "STATUS") return status_data(r);
        if (word == "SEARCH") return search(r);
        if (word == "ESEARCH") return esearch(r);
        if (word == "FLAGS") {
            FlagsData d;
            if (!sp("after FLAGS") || !flag_list(d.flags, false, false, "the FLAGS list")) return false;
            r.data = std::move(d);
            return true;
        }
        if (word == "ID") return id(r);
        if (word == "NAMESPACE") return namespace_data(r);
        return fail_at(at, fmt::format("Unknown untagged response {}", word));
    }

    bool message_data(Response& r) {
        const std::size_t at = pos_;
        std::uint32_t n = 0;
        if (!number32(n, "message number") || !sp("after the message number")) return false;
        const std::size_t word_at = pos_;
        const std::string word = ascii_upper(keyword());
        if (word == "EXISTS" || word == "RECENT") {
            r.data = CountData{word == "EXISTS" ? CountData::Kind::Exists : CountData::Kind::Recent, n};
            return true;
        }
        if (word == "EXPUNGE" || word == "FETCH") {
            if (n == 0) return fail_at(at, fmt::format("0 is not a message sequence number ({})", word));
            if (word == "EXPUNGE") {
                r.data = CountData{CountData::Kind::Expunge, n};
                return true;
            }
            FetchData f;
            f.number = n;
            if (!sp("after FETCH") || !msg_att(f)) return false;
            r.data = std::move(f);
            return true;
        }
        if (word.empty()) return fail("Expected EXISTS, RECENT, EXPUNGE or FETCH");
        return fail_at(word_at, fmt::format("Unknown message data {} (expected EXISTS, RECENT, EXPUNGE or FETCH)", word));
    }

    // ---- mailbox data ----

    bool list(Response& r, bool lsub) {
        ListData d;
        d.lsub = lsub;
        const char* name = lsub ? "LSUB" : "LIST";
        if (!sp(fmt::format("after {}", name)) || !flag_list(d.attributes, false, true, "the mailbox attributes") ||
            !sp("after the mailbox attributes") || !delimiter(d.delimiter) || !sp("after the hierarchy delimiter") ||
            !astring(d.mailbox, "the mailbox name"))
            return false;
        if (eat(' ')) {
            // mbox-list-extended = "(" [item *(SP item)] ")"; item = astring SP tagged-ext-val
            if (!expect('(', "to start the extended LIST data")) return false;
            std::vector<ListItemExt> items;
            while (!eat(')')) {
                if (!items.empty() && !sp("or ')' in the extended LIST data")) return false;
                ListItemExt item;
                if (!astring(item.tag, "an extended LIST data item") || !sp("after the extended data item tag") ||
                    !ext_value(item.value, true))
                    return false;
                items.push_back(std::move(item));
            }
            d.extended = std::move(items);
        }
        r.data = std::move(d);
        return true;
    }

    /// tagged-ext-val / body-extension: a scalar (atom-like, number, sequence set, NIL, string) or a
    /// parenthesised list of such values. `strings_only_in_lists` is unused leniency control kept simple.
    bool ext_value(ExtValue& v, bool /*top*/) {
        Depth d(*this);
        if (!d.ok()) return false;
        if (eat('(')) {
            v.is_list = true;
            while (!eat(')')) {
                if (!v.items.empty() && !sp("or ')' in extension data")) return false;
                ExtValue item;
                if (!ext_value(item, false)) return false;
                v.items.push_back(std::move(item));
            }
            return true;
        }
        if (is('"') || at_literal()) return string(v.scalar, "extension data");
        auto a = run_of(is_ext_char);
        if (a.empty()) {
            if (at_end()) return fail("Unexpected end of response: expected extension data");
            return fail("Expected extension data (an atom, a number, a string or a list)");
        }
        v.scalar.value.assign(a);
        v.scalar.form = StringForm::Atom;
        return true;
    }

    bool status_data(Response& r) {
        StatusData d;
        if (!sp("after STATUS") || !astring(d.mailbox, "the mailbox name") || !sp("after the mailbox name") ||
            !expect('(', "to start the STATUS items"))
            return false;
        while (!eat(')')) {
            if (!d.items.empty() && !sp("or ')' in the STATUS items")) return false;
            const std::size_t at = pos_;
            StatusItem item;
            item.name = ascii_upper(keyword());
            if (item.name.empty()) return fail("Expected a STATUS item name");
            if (!sp(fmt::format("after {}", item.name))) return false;
            if (item.name == "APPENDLIMIT" && at_nil()) {
                pos_ += 3;
            } else {
                std::uint64_t v = 0;
                const std::size_t num_at = pos_;
                if (!number(v, kMaxNumber64, item.name)) return false;
                const bool is32 = item.name == "MESSAGES" || item.name == "UIDNEXT" || item.name == "UIDVALIDITY" ||
                                  item.name == "UNSEEN" || item.name == "RECENT" || item.name == "DELETED";
                if (is32 && v > kMaxNumber) return fail_at(num_at, fmt::format("Number too large ({})", item.name));
                if ((item.name == "UIDNEXT" || item.name == "UIDVALIDITY") && v == 0)
                    return fail_at(num_at, fmt::format("0 is not allowed here ({})", item.name));
                item.value = v;
            }
            (void)at;
            d.items.push_back(std::move(item));
        }
        r.data = std::move(d);
        return true;
    }

    bool search(Response& r) {
        SearchData d;
        while (eat(' ')) {
            if (eat('(')) {
                // RFC 7162: "(" "MODSEQ" SP mod-sequence-value ")"
                const std::size_t at = pos_;
                if (ascii_upper(keyword()) != "MODSEQ") return fail_at(at, "Expected MODSEQ in the SEARCH response");
                std::uint64_t m = 0;
                if (!sp("after MODSEQ") || !nz_number64(m, "MODSEQ") || !expect(')', "after the MODSEQ value")) return false;
                d.modseq = m;
                break;
            }
            std::uint32_t n = 0;
            if (!nz_number32(n, "SEARCH result")) return false;
            d.numbers.push_back(n);
        }
        r.data = std::move(d);
        return true;
    }

    bool esearch(Response& r) {
        ESearchData d;
        if (s_.substr(pos_).starts_with(" (")) {
            pos_ += 2;
            const std::size_t at = pos_;
            if (ascii_upper(keyword()) != "TAG") return fail_at(at, "Expected TAG in the ESEARCH correlator");
            IString tag;
            if (!sp("after TAG") || !astring(tag, "the correlator tag") || !expect(')', "to end the ESEARCH correlator"))
                return false;
            d.correlator = std::move(tag);
        }
        while (eat(' ')) {
            const std::size_t at = pos_;
            std::string name = ascii_upper(keyword());
            if (name.empty()) return fail("Expected an ESEARCH return item");
            if (name == "UID" && d.items.empty() && !d.uid && (at_end() || is(' '))) {
                d.uid = true;
                continue;
            }
            ESearchItem item;
            item.name = std::move(name);
            if (!sp(fmt::format("after {}", item.name))) return false;
            const std::size_t val_at = pos_;
            if (item.name == "MIN" || item.name == "MAX" || item.name == "COUNT") {
                std::uint32_t n = 0;
                if (item.name == "COUNT" ? !number32(n, item.name) : !nz_number32(n, item.name)) return false;
                item.value.scalar = IString{std::string(s_.substr(val_at, pos_ - val_at)), StringForm::Atom};
            } else if (item.name == "ALL") {
                std::vector<SeqRange> set;
                if (!seq_set(set, true, "the ALL sequence set")) return false;
                item.value.scalar = IString{std::string(s_.substr(val_at, pos_ - val_at)), StringForm::Atom};
            } else if (item.name == "MODSEQ") {
                std::uint64_t m = 0;
                if (!nz_number64(m, item.name)) return false;
                item.value.scalar = IString{std::string(s_.substr(val_at, pos_ - val_at)), StringForm::Atom};
            } else if (!ext_value(item.value, true)) {
                return false;
            }
            (void)at;
            d.items.push_back(std::move(item));
        }
        r.data = std::move(d);
        return true;
    }

    bool id(Response& r) {
        IdData d;
        if (!sp("after ID")) return false;
        if (at_nil()) {
            pos_ += 3;
        } else {
            if (!expect('(', "or NIL after ID")) return false;
            std::vector<std::pair<IString, NString>> params;
            while (!eat(')')) {
                if (!params.empty() && !sp("or ')' in the ID parameters")) return false;
                IString key;
                NString value;
                if (!string(key, "an ID field name") || !sp("after the ID field name") || !nstring(value, "an ID field value"))
                    return false;
                params.emplace_back(std::move(key), std::move(value));
            }
            d.params = std::move(params);
        }
        r.data = std::move(d);
        return true;
    }

    bool namespace_one(std::optional<std::vector<NamespaceDescr>>& out) {
        if (at_nil()) {
            pos_ += 3;
            out.reset();
            return true;
        }
        if (!expect('(', "or NIL for a namespace")) return false;
        std::vector<NamespaceDescr> list;
        do {
            NamespaceDescr nd;
            if (!expect('(', "to start a namespace description") || !string(nd.prefix, "the namespace prefix") ||
                !sp("after the namespace prefix") || !delimiter(nd.delimiter))
                return false;
            while (eat(' ')) {
                NamespaceExt ext;
                if (!string(ext.name, "a namespace extension name") || !sp("after the namespace extension name") ||
                    !expect('(', "to start the namespace extension values"))
                    return false;
                do {
                    IString v;
                    if (!string(v, "a namespace extension value")) return false;
                    ext.values.push_back(std::move(v));
                } while (eat(' '));
                if (!expect(')', "to end the namespace extension values")) return false;
                nd.extensions.push_back(std::move(ext));
            }
            if (!expect(')', "to end the namespace description")) return false;
            list.push_back(std::move(nd));
        } while (is('('));
        if (!expect(')', "to end the namespace list")) return false;
        out = std::move(list);
        return true;
    }

    bool namespace_data(Response& r) {
        NamespaceData d;
        if (!sp("after NAMESPACE") || !namespace_one(d.personal) || !sp("after the personal namespaces") ||
            !namespace_one(d.other_users) || !sp("after the other users' namespaces") || !namespace_one(d.shared))
            return false;
        r.data = std::move(d);
        return true;
    }

    // ---- FETCH ----

    bool msg_att(FetchData& f) {
        if (!expect('(', "to start the FETCH data")) return false;
        do {
            FetchItem item;
            if (!fetch_item(item)) return false;
            f.items.push_back(std::move(item));
        } while (eat(' '));
        return expect(')', "or SP after a FETCH item");
    }

    bool origin(std::optional<std::uint64_t>& out) {
        if (!eat('<')) return true;
        std::uint64_t v = 0;
        if (!number(v, kMaxNumber, "partial origin") || !expect('>', "after the partial origin")) return false;
        out = v;
        return true;
    }

    /// section-part = nz-number *("." nz-number); 0 is tolerated because Dovecot answers
    /// BODY[0] and BINARY[0] with "BODY[0] {0}" (and so do we).
    bool section_part(std::vector<std::uint32_t>& part) {
        do {
            std::uint32_t n = 0;
            if (!number32(n, "section part")) return false;
            part.push_back(n);
        } while (pos_ + 1 < s_.size() && s_[pos_] == '.' && s_[pos_ + 1] >= '0' && s_[pos_ + 1] <= '9' && ++pos_);
        return true;
    }

    /// section = "[" [section-spec] "]" — called at "[".
    bool section(Section& sec, bool binary) {
        ++pos_;
        if (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') {
            if (!section_part(sec.part)) return false;
            if (binary) return expect(']', "after the BINARY section part");
            if (!eat('.')) return expect(']', "to end the section");
        } else if (binary) {
            return expect(']', "to end the BINARY section");
        } else if (eat(']')) {
            return true;
        }
        const std::size_t at = pos_;
        auto word = ascii_upper(run_of([](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '.'; }));
        if (word == "HEADER" || word == "TEXT" || (word == "MIME" && !sec.part.empty())) {
            sec.text = word;
        } else if (word == "HEADER.FIELDS" || word == "HEADER.FIELDS.NOT") {
            sec.text = word;
            if (!sp(fmt::format("after {}", word)) || !expect('(', "to start the header field list")) return false;
            do {
                IString f;
                if (is('"') || at_literal()) {
                    if (!string(f, "a header field name")) return false;
                } else {
                    auto a = run_of(is_header_name_char);
                    if (a.empty()) return fail("Expected a header field name");
                    f = IString{std::string(a), StringForm::Atom};
                }
                sec.fields.push_back(std::move(f));
            } while (eat(' '));
            if (!expect(')', "to end the header field list")) return false;
        } else if (word.empty()) {
            return fail_at(at, "Expected a part number, HEADER, HEADER.FIELDS, TEXT or MIME in the section");
        } else {
            return fail_at(at, fmt::format("Unknown section text \"{}\"", word));
        }
        return expect(']', "to end the section");
    }

    bool fetch_item(FetchItem& item) {
        using K = FetchItem::Kind;
        const std::size_t at = pos_;
        const std::string name = ascii_upper(keyword());
        if (name.empty()) return fail("Expected a FETCH item name");
        auto need_sp = [&] { return sp(fmt::format("after {}", name)); };
        if (name == "FLAGS") {
            item.kind = K::Flags;
            return need_sp() && flag_list(item.flags, false, false, "the FLAGS list");
        }
        if (name == "UID") {
            item.kind = K::Uid;
            std::uint32_t v = 0;
            if (!need_sp() || !nz_number32(v, "UID")) return false;
            item.number = v;
            return true;
        }
        if (name == "RFC822.SIZE") {
            item.kind = K::Rfc822Size;
            return need_sp() && number(item.number, kMaxNumber64, "RFC822.SIZE");
        }
        if (name == "INTERNALDATE") {
            item.kind = K::InternalDate;
            if (!need_sp()) return false;
            const std::size_t date_at = pos_;
            if (!is('"')) return fail("Expected a quoted date-time after INTERNALDATE");
            std::string text;
            if (!quoted(text)) return false;
            std::string why;
            auto t = parse_imap_date_time(text, &why);
            if (!t) return fail_at(date_at, fmt::format("Invalid INTERNALDATE: {}", why));
            item.date = *t;
            return true;
        }
        if (name == "ENVELOPE") {
            item.kind = K::Envelope;
            Envelope e;
            if (!need_sp() || !envelope(e)) return false;
            item.envelope = std::move(e);
            return true;
        }
        if (name == "BODYSTRUCTURE" || (name == "BODY" && !is('['))) {
            item.kind = name == "BODY" ? K::Body : K::BodyStructure;
            BodyStructure b;
            if (!need_sp() || !body(b)) return false;
            item.body = std::move(b);
            return true;
        }
        if (name == "BODY" || name == "BINARY") {
            const bool binary = name == "BINARY";
            item.kind = binary ? K::Binary : K::BodySection;
            if (!is('[')) return fail(fmt::format("Expected '[' after {}", name));
            if (!section(item.section, binary) || !origin(item.origin)) return false;
            if (!sp(fmt::format("after the {} section", name))) return false;
            return nstring(item.data, fmt::format("the {} data", name), binary);
        }
        if (name == "BINARY.SIZE") {
            item.kind = K::BinarySize;
            if (!is('[')) return fail("Expected '[' after BINARY.SIZE");
            return section(item.section, true) && need_sp() && number(item.number, kMaxNumber64, "BINARY.SIZE");
        }
        if (name == "RFC822" || name == "RFC822.HEADER" || name == "RFC822.TEXT") {
            item.kind = name == "RFC822" ? K::Rfc822 : name == "RFC822.HEADER" ? K::Rfc822Header : K::Rfc822Text;
            return need_sp() && nstring(item.data, fmt::format("the {} data", name));
        }
        if (name == "MODSEQ") {
            item.kind = K::ModSeq;
            return need_sp() && expect('(', "after MODSEQ") && nz_number64(item.number, "MODSEQ") &&
                   expect(')', "after the MODSEQ value");
        }
        return fail_at(at, fmt::format("Unknown FETCH item {}", name));
    }

    bool address_list(AddressList& out, std::string_view what) {
        if (at_nil()) {
            pos_ += 3;
            out.reset();
            return true;
        }
        if (!expect('(', fmt::format("or NIL for {}", what))) return false;
        std::vector<Address> list;
        do {
            Address a;
            if (!expect('(', "to start an address") || !nstring(a.name, "the address name") || !sp("after the address name") ||
                !nstring(a.adl, "the address route") || !sp("after the address route") ||
                !nstring(a.mailbox, "the address mailbox") || !sp("after the address mailbox") ||
                !nstring(a.host, "the address host") || !expect(')', "to end an address"))
                return false;
            list.push_back(std::move(a));
        } while (is('('));
        if (!expect(')', fmt::format("to end {}", what))) return false;
        out = std::move(list);
        return true;
    }

    bool envelope(Envelope& e) {
        return expect('(', "to start the envelope") && nstring(e.date, "the envelope date") && sp("after the envelope date") &&
               nstring(e.subject, "the envelope subject") && sp("after the envelope subject") &&
               address_list(e.from, "the From addresses") && sp("after the From addresses") &&
               address_list(e.sender, "the Sender addresses") && sp("after the Sender addresses") &&
               address_list(e.reply_to, "the Reply-To addresses") && sp("after the Reply-To addresses") &&
               address_list(e.to, "the To addresses") && sp("after the To addresses") &&
               address_list(e.cc, "the Cc addresses") && sp("after the Cc addresses") &&
               address_list(e.bcc, "the Bcc addresses") && sp("after the Bcc addresses") &&
               nstring(e.in_reply_to, "the envelope In-Reply-To") && sp("after the envelope In-Reply-To") &&
               nstring(e.message_id, "the envelope Message-ID") && expect(')', "to end the envelope");
    }

    bool body_params(BodyParams& out) {
        if (at_nil()) {
            pos_ += 3;
            out.reset();
            return true;
        }
        if (!expect('(', "or NIL for the body parameters")) return false;
        std::vector<std::pair<IString, IString>> params;
        do {
            IString k, v;
            if (!string(k, "a body parameter name") || !sp("after the body parameter name") ||
                !string(v, "a body parameter value"))
                return false;
            params.emplace_back(std::move(k), std::move(v));
        } while (eat(' '));
        if (!expect(')', "to end the body parameters")) return false;
        out = std::move(params);
        return true;
    }

    /// Extension data shared by both shapes, after md5 (single part) or params (multipart):
    /// [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
    bool body_ext_rest(BodyStructure& b) {
        if (!eat(' ')) return true;
        // body-fld-dsp = "(" string SP body-fld-param ")" / nil
        if (at_nil()) {
            pos_ += 3;
        } else {
            BodyDisposition dsp;
            if (!expect('(', "or NIL for the body disposition") || !string(dsp.type, "the disposition type") ||
                !sp("after the disposition type") || !body_params(dsp.params) || !expect(')', "to end the body disposition"))
                return false;
            b.disposition = std::move(dsp);
        }
        ++b.extension_fields;
        if (!eat(' ')) return true;
        // body-fld-lang = nstring / "(" string *(SP string) ")"
        if (eat('(')) {
            b.language_is_list = true;
            do {
                IString l;
                if (!string(l, "a body language")) return false;
                b.languages.push_back(std::move(l));
            } while (eat(' '));
            if (!expect(')', "to end the body languages")) return false;
        } else {
            NString l;
            if (!nstring(l, "the body language")) return false;
            if (l) b.languages.push_back(std::move(*l));
        }
        ++b.extension_fields;
        if (!eat(' ')) return true;
        if (!nstring(b.location, "the body location")) return false;
        ++b.extension_fields;
        while (eat(' ')) {
            ExtValue v;
            if (!body_extension(v)) return false;
            b.extensions.push_back(std::move(v));
        }
        return true;
    }

    /// body-extension = nstring / number / number64 / "(" body-extension *(SP body-extension) ")"
    bool body_extension(ExtValue& v) {
        Depth d(*this);
        if (!d.ok()) return false;
        if (eat('(')) {
            v.is_list = true;
            do {
                ExtValue item;
                if (!body_extension(item)) return false;
                v.items.push_back(std::move(item));
            } while (eat(' '));
            return expect(')', "to end a body extension list");
        }
        if (at_nil()) {
            pos_ += 3;
            v.scalar = IString{"NIL", StringForm::Atom};
            return true;
        }
        if (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') {
            const std::size_t at = pos_;
            std::uint64_t n = 0;
            if (!number(n, kMaxNumber64, "body extension")) return false;
            v.scalar = IString{std::string(s_.substr(at, pos_ - at)), StringForm::Atom};
            return true;
        }
        return string(v.scalar, "a body extension");
    }

    /// body = "(" (body-type-1part / body-type-mpart) ")"
    bool body(BodyStructure& b) {
        Depth d(*this);
        if (!d.ok()) return false;
        if (!expect('(', "to start a body structure")) return false;
        if (is('(')) {
            b.multipart = true;
            do {
                BodyStructure part;
                if (!body(part)) return false;
                b.parts.push_back(std::move(part));
            } while (is('('));
            if (!sp("after the body parts") || !string(b.subtype, "the multipart subtype")) return false;
            if (eat(' ')) {
                if (!body_params(b.params)) return false;
                b.extension_fields = 1;
                if (!body_ext_rest(b)) return false;
            }
            return expect(')', "to end a multipart body structure");
        }
        if (!string(b.type, "the body type") || !sp("after the body type") || !string(b.subtype, "the body subtype") ||
            !sp("after the body subtype") || !body_params(b.params) || !sp("after the body parameters") ||
            !nstring(b.id, "the body id") || !sp("after the body id") || !nstring(b.description, "the body description") ||
            !sp("after the body description") || !string(b.encoding, "the body encoding") || !sp("after the body encoding") ||
            !number(b.octets, kMaxNumber, "body size"))
            return false;
        const bool message = iequals(b.type.value, "MESSAGE") &&
                             (iequals(b.subtype.value, "RFC822") || iequals(b.subtype.value, "GLOBAL"));
        if (message) {
            Envelope e;
            BodyStructure inner;
            std::uint64_t lines = 0;
            if (!sp("after the body size") || !envelope(e) || !sp("after the message envelope") || !body(inner) ||
                !sp("after the encapsulated body") || !number(lines, kMaxNumber64, "body lines"))
                return false;
            b.envelope = std::move(e);
            b.parts.push_back(std::move(inner));
            b.lines = lines;
        } else if (iequals(b.type.value, "TEXT")) {
            std::uint64_t lines = 0;
            if (!sp("after the body size") || !number(lines, kMaxNumber64, "body lines")) return false;
            b.lines = lines;
        }
        if (eat(' ')) {
            if (!nstring(b.md5, "the body MD5")) return false;
            b.extension_fields = 1;
            if (!body_ext_rest(b)) return false;
        }
        return expect(')', "to end a body structure");
    }
};

// ------------------------------------------------------------------------------------------------
// The encoder.

class Writer {
public:
    std::string out;

    void raw(std::string_view s) { out.append(s); }
    void num(std::uint64_t n) { out += std::to_string(n); }

    static bool valid_atom(std::string_view v, bool (*pred)(char)) {
        if (v.empty()) return false;
        for (char c : v)
            if (!pred(c)) return false;
        return true;
    }
    static bool can_quote(std::string_view v) {
        for (char c : v)
            if (c == '\0' || c == '\r' || c == '\n') return false;
        return true;
    }

    void quoted(std::string_view v) {
        out += '"';
        for (char c : v) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    void literal(std::string_view v, bool eight) {
        if (eight) out += '~';
        out += '{';
        num(v.size());
        out += "}\r\n";
        out.append(v);
    }
    /// string: the recorded form when it can carry the value.
    void string(const IString& s) {
        const bool has_nul = s.value.find('\0') != std::string::npos;
        switch (s.form) {
            case StringForm::Literal8: literal(s.value, true); return;
            case StringForm::Literal:
                if (!has_nul) {
                    literal(s.value, false);
                    return;
                }
                literal(s.value, true);
                return;
            case StringForm::Quoted:
            case StringForm::Atom:
                if (can_quote(s.value)) quoted(s.value);
                else literal(s.value, has_nul);
                return;
        }
    }
    void astring(const IString& s) {
        if (s.form == StringForm::Atom && valid_atom(s.value, is_astring_char)) raw(s.value);
        else string(s);
    }
    void nstring(const NString& s) {
        if (s) string(*s);
        else raw("NIL");
    }
    void ext_scalar(const IString& s) {
        if (s.form == StringForm::Atom && valid_atom(s.value, is_ext_char)) raw(s.value);
        else string(s);
    }
    void delimiter(const std::optional<char>& d) {
        if (d) quoted(std::string_view(&*d, 1));
        else raw("NIL");
    }
    void list_of(const std::vector<std::string>& items) {
        out += '(';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += ' ';
            raw(items[i]);
        }
        out += ')';
    }
    void seq_set(const std::vector<SeqRange>& set) {
        auto bound = [&](const SeqBound& b) {
            if (b.is_star) out += '*';
            else num(b.value);
        };
        for (std::size_t i = 0; i < set.size(); ++i) {
            if (i) out += ',';
            bound(set[i].first);
            if (!(set[i].first == set[i].last)) {
                out += ':';
                bound(set[i].last);
            }
        }
    }

    void ext_value(const ExtValue& v) {
        if (!v.is_list) {
            ext_scalar(v.scalar);
            return;
        }
        out += '(';
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            if (i) out += ' ';
            ext_value(v.items[i]);
        }
        out += ')';
    }

    void code(const ResponseCode& c) {
        out += '[';
        raw(c.name);
        const std::string& n = c.name;
        if (n == "CAPABILITY") {
            for (const auto& a : c.atoms) {
                out += ' ';
                raw(a);
            }
        } else if (n == "PERMANENTFLAGS") {
            out += ' ';
            list_of(c.atoms);
        } else if (n == "BADCHARSET") {
            if (c.has_list) {
                out += " (";
                for (std::size_t i = 0; i < c.charsets.size(); ++i) {
                    if (i) out += ' ';
                    if (c.charsets[i].form == StringForm::Atom && valid_atom(c.charsets[i].value, is_atom_char))
                        raw(c.charsets[i].value);
                    else quoted(c.charsets[i].value);
                }
                out += ')';
            }
        } else if (n == "UIDNEXT" || n == "UIDVALIDITY" || n == "UNSEEN" || n == "HIGHESTMODSEQ") {
            out += ' ';
            num(c.number);
        } else if (n == "APPENDUID") {
            out += ' ';
            num(c.number);
            out += ' ';
            seq_set(c.set1);
        } else if (n == "COPYUID") {
            out += ' ';
            num(c.number);
            out += ' ';
            seq_set(c.set1);
            out += ' ';
            seq_set(c.set2);
        } else if (n == "MODIFIED") {
            out += ' ';
            seq_set(c.set1);
        } else if (c.text) {
            out += ' ';
            raw(*c.text);
        }
        out += ']';
    }

    void resp_text(const std::optional<ResponseCode>& c, const std::string& text) {
        if (c) {
            code(*c);
            if (!text.empty()) out += ' ';
        }
        raw(text);
    }

    void status(const StatusResponse& st) {
        raw(status_name(st.status));
        if (st.code || !st.text.empty()) {
            out += ' ';
            resp_text(st.code, st.text);
        }
    }

    void address_list(const AddressList& l) {
        if (!l) {
            raw("NIL");
            return;
        }
        out += '(';
        for (const auto& a : *l) {
            out += '(';
            nstring(a.name);
            out += ' ';
            nstring(a.adl);
            out += ' ';
            nstring(a.mailbox);
            out += ' ';
            nstring(a.host);
            out += ')';
        }
        out += ')';
    }

    void envelope(const Envelope& e) {
        out += '(';
        nstring(e.date);
        out += ' ';
        nstring(e.subject);
        for (const AddressList* l : {&e.from, &e.sender, &e.reply_to, &e.to, &e.cc, &e.bcc}) {
            out += ' ';
            address_list(*l);
        }
        out += ' ';
        nstring(e.in_reply_to);
        out += ' ';
        nstring(e.message_id);
        out += ')';
    }

    void body_params(const BodyParams& p) {
        if (!p) {
            raw("NIL");
            return;
        }
        out += '(';
        for (std::size_t i = 0; i < p->size(); ++i) {
            if (i) out += ' ';
            string((*p)[i].first);
            out += ' ';
            string((*p)[i].second);
        }
        out += ')';
    }

    void body_ext_rest(const BodyStructure& b) {
        if (b.extension_fields < 2) return;
        out += ' ';
        if (b.disposition) {
            out += '(';
            string(b.disposition->type);
            out += ' ';
            body_params(b.disposition->params);
            out += ')';
        } else {
            raw("NIL");
        }
        if (b.extension_fields < 3) return;
        out += ' ';
        if (b.language_is_list) {
            out += '(';
            for (std::size_t i = 0; i < b.languages.size(); ++i) {
                if (i) out += ' ';
                string(b.languages[i]);
            }
            out += ')';
        } else if (b.languages.empty()) {
            raw("NIL");
        } else {
            string(b.languages[0]);
        }
        if (b.extension_fields < 4) return;
        out += ' ';
        nstring(b.location);
        for (const auto& e : b.extensions) {
            out += ' ';
            ext_value(e);
        }
    }

    void body(const BodyStructure& b) {
        out += '(';
        if (b.multipart) {
            for (const auto& p : b.parts) body(p);
            out += ' ';
            string(b.subtype);
            if (b.extension_fields >= 1) {
                out += ' ';
                body_params(b.params);
                body_ext_rest(b);
            }
            out += ')';
            return;
        }
        string(b.type);
        out += ' ';
        string(b.subtype);
        out += ' ';
        body_params(b.params);
        out += ' ';
        nstring(b.id);
        out += ' ';
        nstring(b.description);
        out += ' ';
        string(b.encoding);
        out += ' ';
        num(b.octets);
        if (b.envelope && !b.parts.empty()) {
            out += ' ';
            envelope(*b.envelope);
            out += ' ';
            body(b.parts[0]);
        }
        if (b.lines) {
            out += ' ';
            num(*b.lines);
        }
        if (b.extension_fields >= 1) {
            out += ' ';
            nstring(b.md5);
            body_ext_rest(b);
        }
        out += ')';
    }

    void section(const Section& s) {
        out += '[';
        for (std::size_t i = 0; i < s.part.size(); ++i) {
            if (i) out += '.';
            num(s.part[i]);
        }
        if (!s.text.empty()) {
            if (!s.part.empty()) out += '.';
            raw(s.text);
            if (s.text == "HEADER.FIELDS" || s.text == "HEADER.FIELDS.NOT") {
                out += " (";
                for (std::size_t i = 0; i < s.fields.size(); ++i) {
                    if (i) out += ' ';
                    if (s.fields[i].form == StringForm::Atom && valid_atom(s.fields[i].value, is_header_name_char))
                        raw(s.fields[i].value);
                    else
                        string(s.fields[i]);
                }
                out += ')';
            }
        }
        out += ']';
    }

    void fetch_item(const FetchItem& i) {
        using K = FetchItem::Kind;
        switch (i.kind) {
            case K::Flags: raw("FLAGS "); list_of(i.flags); return;
            case K::Uid: raw("UID "); num(i.number); return;
            case K::Rfc822Size: raw("RFC822.SIZE "); num(i.number); return;
            case K::InternalDate:
                raw("INTERNALDATE ");
                quoted(format_imap_date_time(i.date));
                return;
            case K::Envelope:
                raw("ENVELOPE ");
                if (i.envelope) envelope(*i.envelope);
                else envelope(Envelope{});
                return;
            case K::Body:
            case K::BodyStructure:
                raw(i.kind == K::Body ? "BODY " : "BODYSTRUCTURE ");
                if (i.body) body(*i.body);
                else raw("NIL");
                return;
            case K::BodySection:
            case K::Binary:
                raw(i.kind == K::Binary ? "BINARY" : "BODY");
                section(i.section);
                if (i.origin) {
                    out += '<';
                    num(*i.origin);
                    out += '>';
                }
                out += ' ';
                nstring(i.data);
                return;
            case K::BinarySize:
                raw("BINARY.SIZE");
                section(i.section);
                out += ' ';
                num(i.number);
                return;
            case K::Rfc822: raw("RFC822 "); nstring(i.data); return;
            case K::Rfc822Header: raw("RFC822.HEADER "); nstring(i.data); return;
            case K::Rfc822Text: raw("RFC822.TEXT "); nstring(i.data); return;
            case K::ModSeq: raw("MODSEQ ("); num(i.number); out += ')'; return;
        }
    }

    void namespace_one(const std::optional<std::vector<NamespaceDescr>>& ns) {
        if (!ns) {
            raw("NIL");
            return;
        }
        out += '(';
        for (const auto& d : *ns) {
            out += '(';
            string(d.prefix);
            out += ' ';
            delimiter(d.delimiter);
            for (const auto& e : d.extensions) {
                out += ' ';
                string(e.name);
                out += " (";
                for (std::size_t i = 0; i < e.values.size(); ++i) {
                    if (i) out += ' ';
                    string(e.values[i]);
                }
                out += ')';
            }
            out += ')';
        }
        out += ')';
    }

    void data(const Response::Data& d) {
        std::visit([this](const auto& v) { this->visit(v); }, d);
    }

    void visit(const StatusResponse& st) { status(st); }
    void visit(const ContinuationRequest& c) {
        out += '+';
        out += ' ';
        resp_text(c.code, c.text);
    }
    void visit(const CapabilityData& c) {
        raw(c.enabled ? "ENABLED" : "CAPABILITY");
        for (const auto& a : c.capabilities) {
            out += ' ';
            raw(a);
        }
    }
    void visit(const ListData& l) {
        raw(l.lsub ? "LSUB " : "LIST ");
        list_of(l.attributes);
        out += ' ';
        delimiter(l.delimiter);
        out += ' ';
        astring(l.mailbox);
        if (l.extended) {
            out += " (";
            for (std::size_t i = 0; i < l.extended->size(); ++i) {
                if (i) out += ' ';
                astring((*l.extended)[i].tag);
                out += ' ';
                ext_value((*l.extended)[i].value);
            }
            out += ')';
        }
    }
    void visit(const StatusData& s) {
        raw("STATUS ");
        astring(s.mailbox);
        out += " (";
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            if (i) out += ' ';
            raw(s.items[i].name);
            out += ' ';
            if (s.items[i].value) num(*s.items[i].value);
            else raw("NIL");
        }
        out += ')';
    }
    void visit(const SearchData& s) {
        raw("SEARCH");
        for (auto n : s.numbers) {
            out += ' ';
            num(n);
        }
        if (s.modseq) {
            raw(" (MODSEQ ");
            num(*s.modseq);
            out += ')';
        }
    }
    void visit(const ESearchData& e) {
        raw("ESEARCH");
        if (e.correlator) {
            raw(" (TAG ");
            astring(*e.correlator);
            out += ')';
        }
        if (e.uid) raw(" UID");
        for (const auto& i : e.items) {
            out += ' ';
            raw(i.name);
            out += ' ';
            ext_value(i.value);
        }
    }
    void visit(const FlagsData& f) {
        raw("FLAGS ");
        list_of(f.flags);
    }
    void visit(const CountData& c) {
        num(c.number);
        raw(c.kind == CountData::Kind::Exists ? " EXISTS" : c.kind == CountData::Kind::Recent ? " RECENT" : " EXPUNGE");
    }
    void visit(const FetchData& f) {
        num(f.number);
        raw(" FETCH (");
        for (std::size_t i = 0; i < f.items.size(); ++i) {
            if (i) out += ' ';
            fetch_item(f.items[i]);
        }
        out += ')';
    }
    void visit(const IdData& d) {
        raw("ID ");
        if (!d.params) {
            raw("NIL");
            return;
        }
        out += '(';
        for (std::size_t i = 0; i < d.params->size(); ++i) {
            if (i) out += ' ';
            string((*d.params)[i].first);
            out += ' ';
            nstring((*d.params)[i].second);
        }
        out += ')';
    }
    void visit(const NamespaceData& n) {
        raw("NAMESPACE ");
        namespace_one(n.personal);
        out += ' ';
        namespace_one(n.other_users);
        out += ' ';
        namespace_one(n.shared);
    }
};

// ------------------------------------------------------------------------------------------------
// The display tree.

std::string show(const IString& s) {
    if (s.form == StringForm::Literal || s.form == StringForm::Literal8)
        return fmt::format("{{{}}} {} bytes", s.value.size(), s.value.size());
    return s.value;
}
std::string show(const NString& s) { return s ? show(*s) : "NIL"; }

ResponseNode leaf(std::string label, std::string value) { return ResponseNode{std::move(label), std::move(value), {}}; }

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s += ' ';
        s += v[i];
    }
    return s;
}

ResponseNode code_node(const ResponseCode& c) {
    Writer w;
    w.code(c);
    ResponseNode n{"code", c.name, {}};
    std::string args = w.out.substr(1 + c.name.size(), w.out.size() - 2 - c.name.size());
    if (!args.empty() && args[0] == ' ') args.erase(0, 1);
    if (!args.empty()) n.children.push_back(leaf("arguments", args));
    return n;
}

ResponseNode ext_node(std::string label, const ExtValue& v) {
    if (!v.is_list) return leaf(std::move(label), show(v.scalar));
    ResponseNode n{std::move(label), "", {}};
    for (const auto& i : v.items) n.children.push_back(ext_node("item", i));
    return n;
}

ResponseNode address_node(std::string label, const AddressList& l) {
    ResponseNode n{std::move(label), l ? "" : "NIL", {}};
    if (l) {
        for (const auto& a : *l) {
            ResponseNode an{"address", "", {}};
            an.children.push_back(leaf("name", show(a.name)));
            an.children.push_back(leaf("adl", show(a.adl)));
            an.children.push_back(leaf("mailbox", show(a.mailbox)));
            an.children.push_back(leaf("host", show(a.host)));
            n.children.push_back(std::move(an));
        }
    }
    return n;
}

ResponseNode envelope_node(const Envelope& e) {
    ResponseNode n{"ENVELOPE", "", {}};
    n.children.push_back(leaf("date", show(e.date)));
    n.children.push_back(leaf("subject", show(e.subject)));
    n.children.push_back(address_node("from", e.from));
    n.children.push_back(address_node("sender", e.sender));
    n.children.push_back(address_node("reply-to", e.reply_to));
    n.children.push_back(address_node("to", e.to));
    n.children.push_back(address_node("cc", e.cc));
    n.children.push_back(address_node("bcc", e.bcc));
    n.children.push_back(leaf("in-reply-to", show(e.in_reply_to)));
    n.children.push_back(leaf("message-id", show(e.message_id)));
    return n;
}

ResponseNode params_node(std::string label, const BodyParams& p) {
    ResponseNode n{std::move(label), p ? "" : "NIL", {}};
    if (p)
        for (const auto& [k, v] : *p) n.children.push_back(leaf(k.value, show(v)));
    return n;
}

ResponseNode body_node(std::string label, const BodyStructure& b) {
    ResponseNode n{std::move(label), "", {}};
    if (b.multipart) {
        n.value = "multipart/" + b.subtype.value;
        for (const auto& p : b.parts) n.children.push_back(body_node("part", p));
        if (b.extension_fields >= 1) n.children.push_back(params_node("parameters", b.params));
    } else {
        n.value = b.type.value + "/" + b.subtype.value;
        n.children.push_back(params_node("parameters", b.params));
        n.children.push_back(leaf("id", show(b.id)));
        n.children.push_back(leaf("description", show(b.description)));
        n.children.push_back(leaf("encoding", b.encoding.value));
        n.children.push_back(leaf("octets", std::to_string(b.octets)));
        if (b.envelope) n.children.push_back(envelope_node(*b.envelope));
        if (b.envelope && !b.parts.empty()) n.children.push_back(body_node("body", b.parts[0]));
        if (b.lines) n.children.push_back(leaf("lines", std::to_string(*b.lines)));
        if (b.extension_fields >= 1) n.children.push_back(leaf("md5", show(b.md5)));
    }
    if (b.extension_fields >= 2) {
        ResponseNode d{"disposition", b.disposition ? b.disposition->type.value : "NIL", {}};
        if (b.disposition) d.children.push_back(params_node("parameters", b.disposition->params));
        n.children.push_back(std::move(d));
    }
    if (b.extension_fields >= 3) {
        std::vector<std::string> langs;
        for (const auto& l : b.languages) langs.push_back(l.value);
        n.children.push_back(leaf("language", langs.empty() ? "NIL" : joined(langs)));
    }
    if (b.extension_fields >= 4) n.children.push_back(leaf("location", show(b.location)));
    for (const auto& e : b.extensions) n.children.push_back(ext_node("extension", e));
    return n;
}

ResponseNode fetch_item_node(const FetchItem& i) {
    using K = FetchItem::Kind;
    Writer w;
    switch (i.kind) {
        case K::Flags: return leaf("FLAGS", joined(i.flags));
        case K::Uid: return leaf("UID", std::to_string(i.number));
        case K::Rfc822Size: return leaf("RFC822.SIZE", std::to_string(i.number));
        case K::InternalDate: return leaf("INTERNALDATE", format_imap_date_time(i.date));
        case K::Envelope: return i.envelope ? envelope_node(*i.envelope) : leaf("ENVELOPE", "");
        case K::Body:
        case K::BodyStructure:
            return i.body ? body_node(i.kind == K::Body ? "BODY" : "BODYSTRUCTURE", *i.body)
                          : leaf(i.kind == K::Body ? "BODY" : "BODYSTRUCTURE", "");
        case K::BodySection:
        case K::Binary:
        case K::BinarySize: {
            w.raw(i.kind == K::BodySection ? "BODY" : i.kind == K::Binary ? "BINARY" : "BINARY.SIZE");
            w.section(i.section);
            if (i.origin) w.raw(fmt::format("<{}>", *i.origin));
            return leaf(w.out, i.kind == K::BinarySize ? std::to_string(i.number) : show(i.data));
        }
        case K::Rfc822: return leaf("RFC822", show(i.data));
        case K::Rfc822Header: return leaf("RFC822.HEADER", show(i.data));
        case K::Rfc822Text: return leaf("RFC822.TEXT", show(i.data));
        case K::ModSeq: return leaf("MODSEQ", std::to_string(i.number));
    }
    return leaf("?", "");
}

struct TreeBuilder {
    ResponseNode operator()(const StatusResponse& st) const {
        ResponseNode n{std::string(status_name(st.status)), st.text, {}};
        if (st.code) n.children.push_back(code_node(*st.code));
        return n;
    }
    ResponseNode operator()(const ContinuationRequest& c) const {
        ResponseNode n{"continuation", c.text, {}};
        if (c.code) n.children.push_back(code_node(*c.code));
        if (c.base64) n.children.push_back(leaf("base64", c.text));
        return n;
    }
    ResponseNode operator()(const CapabilityData& c) const {
        ResponseNode n{c.enabled ? "ENABLED" : "CAPABILITY", "", {}};
        for (const auto& a : c.capabilities) n.children.push_back(leaf("capability", a));
        return n;
    }
    ResponseNode operator()(const ListData& l) const {
        ResponseNode n{l.lsub ? "LSUB" : "LIST", l.mailbox.value, {}};
        n.children.push_back(leaf("attributes", joined(l.attributes)));
        n.children.push_back(leaf("delimiter", l.delimiter ? std::string(1, *l.delimiter) : "NIL"));
        n.children.push_back(leaf("mailbox", l.mailbox.value));
        if (l.extended)
            for (const auto& e : *l.extended) n.children.push_back(ext_node(e.tag.value, e.value));
        return n;
    }
    ResponseNode operator()(const StatusData& s) const {
        ResponseNode n{"STATUS", s.mailbox.value, {}};
        for (const auto& i : s.items) n.children.push_back(leaf(i.name, i.value ? std::to_string(*i.value) : "NIL"));
        return n;
    }
    ResponseNode operator()(const SearchData& s) const {
        std::vector<std::string> v;
        for (auto x : s.numbers) v.push_back(std::to_string(x));
        ResponseNode n{"SEARCH", joined(v), {}};
        if (s.modseq) n.children.push_back(leaf("MODSEQ", std::to_string(*s.modseq)));
        return n;
    }
    ResponseNode operator()(const ESearchData& e) const {
        ResponseNode n{"ESEARCH", "", {}};
        if (e.correlator) n.children.push_back(leaf("TAG", e.correlator->value));
        if (e.uid) n.children.push_back(leaf("UID", ""));
        for (const auto& i : e.items) n.children.push_back(ext_node(i.name, i.value));
        return n;
    }
    ResponseNode operator()(const FlagsData& f) const { return leaf("FLAGS", joined(f.flags)); }
    ResponseNode operator()(const CountData& c) const {
        return leaf(c.kind == CountData::Kind::Exists ? "EXISTS" : c.kind == CountData::Kind::Recent ? "RECENT" : "EXPUNGE",
                    std::to_string(c.number));
    }
    ResponseNode operator()(const FetchData& f) const {
        ResponseNode n{"FETCH", std::to_string(f.number), {}};
        for (const auto& i : f.items) n.children.push_back(fetch_item_node(i));
        return n;
    }
    ResponseNode operator()(const IdData& d) const {
        ResponseNode n{"ID", d.params ? "" : "NIL", {}};
        if (d.params)
            for (const auto& [k, v] : *d.params) n.children.push_back(leaf(k.value, show(v)));
        return n;
    }
    ResponseNode operator()(const NamespaceData& ns) const {
        ResponseNode n{"NAMESPACE", "", {}};
        auto one = [](std::string label, const std::optional<std::vector<NamespaceDescr>>& l) {
            ResponseNode x{std::move(label), l ? "" : "NIL", {}};
            if (l)
                for (const auto& d : *l) {
                    ResponseNode dn{"namespace", d.prefix.value, {}};
                    dn.children.push_back(leaf("delimiter", d.delimiter ? std::string(1, *d.delimiter) : "NIL"));
                    for (const auto& e : d.extensions) {
                        std::vector<std::string> vals;
                        for (const auto& v : e.values) vals.push_back(v.value);
                        dn.children.push_back(leaf(e.name.value, joined(vals)));
                    }
                    x.children.push_back(std::move(dn));
                }
            return x;
        };
        n.children.push_back(one("personal", ns.personal));
        n.children.push_back(one("other users", ns.other_users));
        n.children.push_back(one("shared", ns.shared));
        return n;
    }
};

}  // namespace

Result<Response, ResponseParseError> parse_response(std::string_view bytes) { return Parser(bytes).run(); }

std::string encode_response(const Response& r) {
    Writer w;
    switch (r.kind) {
        case Response::Kind::Tagged:
            w.raw(r.tag);
            w.raw(" ");
            break;
        case Response::Kind::Untagged: w.raw("* "); break;
        case Response::Kind::Continuation: break;
    }
    w.data(r.data);
    w.raw("\r\n");
    return std::move(w.out);
}

ResponseParser::ResponseParser(ResponseParserLimits limits)
    : framer_(FramerLimits{limits.max_line, limits.max_literal}) {}

void ResponseParser::feed(std::string_view bytes) {
    framer_.feed(bytes);
    fed_ += bytes.size();
}

ResponseEvent ResponseParser::next() {
    ResponseEvent ev;
    while (true) {
        Frame f = framer_.next();
        switch (f.kind) {
            case Frame::Kind::NeedMore: return ev;
            case Frame::Kind::LiteralAnnounced: continue;  // the server does not wait for "+"
            case Frame::Kind::LineTooLong:
            case Frame::Kind::LiteralTooLarge: {
                ev.kind = ResponseEvent::Kind::Failed;
                ev.stream_offset = consumed_;
                ev.error = ResponseParseError{
                    0, f.kind == Frame::Kind::LineTooLong
                           ? "Response line too long"
                           : fmt::format("Literal of {} octets is larger than the limit", f.literal_size)};
                ev.bytes = std::move(f.bytes);
                consumed_ = fed_ - framer_.pending();
                if (f.kind == Frame::Kind::LiteralTooLarge) {
                    // The framer skipped the announcement line only; the literal data that follows
                    // is not a response. Let it resynchronise on the following lines.
                }
                return ev;
            }
            case Frame::Kind::Complete: {
                ev.stream_offset = consumed_;
                consumed_ = fed_ - framer_.pending();
                auto r = parse_response(f.bytes);
                if (r) {
                    ev.kind = ResponseEvent::Kind::Parsed;
                    ev.response = std::move(r.value());
                } else {
                    ev.kind = ResponseEvent::Kind::Failed;
                    ev.error = r.error();
                }
                ev.bytes = std::move(f.bytes);
                ev.literals = std::move(f.literals);
                return ev;
            }
        }
    }
}

ResponseNode to_tree(const Response& r) {
    ResponseNode n = std::visit(TreeBuilder{}, r.data);
    if (r.kind == Response::Kind::Tagged) {
        ResponseNode t{"tagged", r.tag, {}};
        t.children.push_back(std::move(n));
        return t;
    }
    if (r.kind == Response::Kind::Untagged) {
        ResponseNode t{"untagged", "*", {}};
        t.children.push_back(std::move(n));
        return t;
    }
    return n;
}

}  // namespace imaplab::resp
