// The line explainer: see explainer.hpp. Two passes: a lexer that turns the line into a small
// tree (atoms with their [section]<partial>, quoted strings, literals, parenthesised lists,
// bracketed response codes), then a walk that knows where each kind of line puts what.
#include "lesson/explainer.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/command_table.hpp"
#include "lesson/json_positions.hpp"

namespace imaplab {

namespace {

using Json = nlohmann::ordered_json;

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool is_number(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// sequence-set (RFC 9051 §9): numbers, "*", ":", "," and "$" only, with at least one digit or * or $.
bool is_sequence_set(std::string_view s) {
    if (s.empty() || s == ":" || s == ",") return false;
    bool any = false;
    for (char c : s) {
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') any = true;
        else if (c != ':' && c != ',') return false;
    }
    return any;
}

/// date (RFC 9051 §9): 1*2DIGIT "-" Mon "-" 4DIGIT, maybe quoted.
bool is_date(std::string_view s) {
    auto d1 = s.find('-');
    if (d1 == std::string_view::npos || d1 == 0 || d1 > 2) return false;
    auto d2 = s.find('-', d1 + 1);
    return d2 == d1 + 4 && s.size() >= d2 + 5 && is_number(s.substr(0, d1)) && is_number(s.substr(d2 + 1, 4));
}

// ---------------------------------------------------------------------------------------------
// Lexer

struct Node {
    enum class Kind { Atom, Quoted, Literal, List, Code };
    Kind kind = Kind::Atom;
    std::string text;           ///< source text (for List/Code: the whole "(...)" / "[...]")
    std::string value;          ///< atom / decoded string / literal data; Code: its name
    std::vector<Node> children; ///< List and Code contents
};

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    /// Nodes up to the end of the line (or the closing `close` of an enclosing list).
    std::vector<Node> nodes(char close = 0) {
        std::vector<Node> out;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == ' ') {
                ++pos_;
                continue;
            }
            if (c == '\r' || c == '\n') {
                ++pos_;
                continue;
            }
            if (close && c == close) {
                ++pos_;
                return out;
            }
            out.push_back(node());
        }
        return out;
    }

    /// The rest of the line from here, as it is (a response's human-readable text).
    std::string rest() {
        while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
        std::string r(s_.substr(pos_));
        pos_ = s_.size();
        while (!r.empty() && (r.back() == '\r' || r.back() == '\n')) r.pop_back();
        return r;
    }
    bool at(char c) {
        while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
        return pos_ < s_.size() && s_[pos_] == c;
    }
    bool done() {
        while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
        return pos_ >= s_.size() || s_[pos_] == '\r' || s_[pos_] == '\n';
    }
    Node node() {
        const std::size_t start = pos_;
        const char c = s_[pos_];
        Node n;
        if (c == '(') {
            ++pos_;
            n.kind = Node::Kind::List;
            n.children = nodes(')');
        } else if (c == '[') {
            ++pos_;
            n.kind = Node::Kind::Code;
            n.children = nodes(']');
            if (!n.children.empty()) n.value = upper(n.children.front().value);
        } else if (c == '"') {
            n.kind = Node::Kind::Quoted;
            ++pos_;
            while (pos_ < s_.size() && s_[pos_] != '"') {
                if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
                n.value += s_[pos_++];
            }
            if (pos_ < s_.size()) ++pos_;
        } else if (c == '{' || (c == '~' && pos_ + 1 < s_.size() && s_[pos_ + 1] == '{')) {
            n.kind = Node::Kind::Literal;
            const std::size_t close = s_.find('}', pos_);
            if (close == std::string_view::npos) {
                pos_ = s_.size();
            } else {
                const std::size_t brace = s_.find('{', pos_);
                std::string count(s_.substr(brace + 1, close - brace - 1));
                if (!count.empty() && (count.back() == '+' || count.back() == '-')) count.pop_back();
                pos_ = close + 1;
                std::size_t size = is_number(count) && count.size() < 10 ? std::stoul(count) : 0;
                if (s_.substr(pos_, 2) == "\r\n") pos_ += 2;
                else if (s_.substr(pos_, 1) == "\n") pos_ += 1;
                size = std::min(size, s_.size() - pos_);
                n.value = std::string(s_.substr(pos_, size));
                pos_ += size;
            }
        } else {
            // An atom, with BODY[...]-style brackets (which may hold spaces and lists) and <partial>.
            while (pos_ < s_.size()) {
                const char d = s_[pos_];
                if (d == '[' && pos_ > start) {
                    int depth = 0;
                    while (pos_ < s_.size()) {
                        if (s_[pos_] == '[') ++depth;
                        if (s_[pos_] == ']' && --depth == 0) {
                            ++pos_;
                            break;
                        }
                        ++pos_;
                    }
                    continue;
                }
                if (d == ' ' || d == '(' || d == ')' || d == '"' || d == '\r' || d == '\n' || d == ']') break;
                if (d == '{' && pos_ > start) break;
                ++pos_;
            }
            if (pos_ == start) ++pos_;  // a stray character: one-byte atom
            n.value = std::string(s_.substr(start, pos_ - start));
        }
        n.text = std::string(s_.substr(start, pos_ - start));
        if (n.kind == Node::Kind::Literal && n.text.size() > 48) n.text = n.text.substr(0, 45) + "...";
        return n;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The walk

class Walker {
public:
    explicit Walker(const Explainer& e) : e_(e) {}
    std::vector<ExplainedToken> out;

    void emit(const std::string& text, std::string section, std::string key) {
        ExplainedToken t;
        t.text = text;
        t.meaning = e_.find(section, key);
        t.section = std::move(section);
        t.key = std::move(key);
        out.push_back(std::move(t));
    }
    /// An argument whose role is not known: what it looks like.
    void generic(const Node& n) {
        switch (n.kind) {
            case Node::Kind::Quoted: emit(n.text, "tokens", "quoted"); return;
            case Node::Kind::Literal: emit(n.text, "tokens", "literal"); return;
            case Node::Kind::List: emit(n.text, "tokens", "list"); return;
            case Node::Kind::Code: emit(n.text, "codes", n.value); return;
            case Node::Kind::Atom: break;
        }
        const std::string u = upper(n.value);
        if (u == "NIL") emit(n.text, "tokens", "nil");
        else if (is_number(n.value)) emit(n.text, "tokens", "number");
        else if (is_sequence_set(n.value)) emit(n.text, "tokens", "sequence-set");
        else if (!n.value.empty() && n.value[0] == '\\') flag(n);
        else emit(n.text, "tokens", "atom");
    }
    void flag(const Node& n) {
        if (n.kind == Node::Kind::List) {
            for (const Node& c : n.children) flag(c);
            return;
        }
        if (!n.value.empty() && n.value[0] == '\\') {
            std::string key = "\\" + upper(n.value.substr(1, 1)) + [&] {
                std::string r = n.value.substr(2);
                for (auto& ch : r) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                return r;
            }();
            if (n.value == "\\*") key = "\\*";
            emit(n.text, "flags", key);
        } else {
            emit(n.text, "tokens", "keyword");
        }
    }
    void attribute(const Node& n) {
        // Mailbox attributes: \HasNoChildren etc. Keys as RFC 9051 spells them, matched case-insensitively.
        for (const std::string& k : e_.keys("attributes"))
            if (upper(k) == upper(n.value)) return emit(n.text, "attributes", k);
        emit(n.text, "attributes", n.value);
    }
    void mailbox(const Node& n) { emit(n.text, "tokens", "mailbox"); }
    void sequence_set(const Node& n) {
        if (n.kind == Node::Kind::Atom && is_sequence_set(n.value)) emit(n.text, "tokens", "sequence-set");
        else generic(n);
    }
    void fetch_item(const Node& n) {
        if (n.kind == Node::Kind::List) {
            for (const Node& c : n.children) fetch_item(c);
            return;
        }
        if (n.kind != Node::Kind::Atom) return generic(n);
        std::string u = upper(n.value);
        if (auto b = u.find('['); b != std::string::npos) u = u.substr(0, b) + "[]";
        else if (auto p = u.find('<'); p != std::string::npos) u = u.substr(0, p);
        emit(n.text, "fetch_items", u);
    }
    void capability(const Node& n) { emit(n.text, "tokens", "capability"); }

    // --- client lines ---

    void client(std::vector<Node> nodes) {
        if (nodes.empty()) return;
        emit(nodes[0].text, "tokens", "tag");
        if (nodes.size() < 2) return;
        std::size_t i = 1;
        std::string name = upper(nodes[1].value);
        if (name == "UID" && nodes.size() > 2) {
            name += " " + upper(nodes[2].value);
            emit(nodes[1].text + " " + nodes[2].text, "commands", name);
            i = 3;
        } else {
            emit(nodes[1].text, "commands", name);
            i = 2;
        }
        std::vector<Node> args(nodes.begin() + static_cast<std::ptrdiff_t>(i), nodes.end());
        arguments(name, args);
    }

    void arguments(const std::string& name, const std::vector<Node>& a) {
        auto base = name.rfind("UID ", 0) == 0 ? name.substr(4) : name;
        std::size_t i = 0;
        auto next = [&]() -> const Node* { return i < a.size() ? &a[i++] : nullptr; };
        if (base == "FETCH") {
            if (auto* n = next()) sequence_set(*n);
            while (auto* n = next()) fetch_item(*n);
        } else if (base == "STORE") {
            if (auto* n = next()) sequence_set(*n);
            if (auto* n = next()) {
                std::string u = upper(n->value);
                const bool silent = u.size() > 7 && u.compare(u.size() - 7, 7, ".SILENT") == 0;
                if (silent) u.erase(u.size() - 7);
                emit(silent ? n->text.substr(0, n->text.size() - 7) : n->text, "store_items", u);
                if (silent) emit(n->text.substr(n->text.size() - 7), "tokens", "silent");
            }
            while (auto* n = next()) flag(*n);
        } else if (base == "SEARCH") {
            search(a);
        } else if (base == "COPY" || base == "MOVE") {
            if (auto* n = next()) sequence_set(*n);
            if (auto* n = next()) mailbox(*n);
        } else if (base == "EXPUNGE") {  // UID EXPUNGE
            if (auto* n = next()) sequence_set(*n);
        } else if (base == "SELECT" || base == "EXAMINE" || base == "CREATE" || base == "DELETE" || base == "SUBSCRIBE" ||
                   base == "UNSUBSCRIBE" || base == "GETACL" || base == "MYRIGHTS") {
            if (auto* n = next()) mailbox(*n);
        } else if (base == "RENAME") {
            if (auto* n = next()) mailbox(*n);
            if (auto* n = next()) mailbox(*n);
        } else if (base == "LIST" || base == "LSUB") {
            if (i < a.size() && a[i].kind == Node::Kind::List) generic(a[i++]);  // selection options
            if (auto* n = next()) emit(n->text, "tokens", "list-reference");
            if (auto* n = next()) emit(n->text, "tokens", "list-pattern");
            if (auto* n = next(); n && upper(n->value) == "RETURN") emit(n->text, "tokens", "list-return");
            while (auto* n = next()) generic(*n);
        } else if (base == "STATUS") {
            if (auto* n = next()) mailbox(*n);
            if (auto* n = next()) {
                for (const Node& c : n->children) emit(c.text, "status_items", upper(c.value));
            }
        } else if (base == "APPEND") {
            if (auto* n = next()) mailbox(*n);
            while (auto* n = next()) {
                if (n->kind == Node::Kind::List) flag(*n);
                else if (n->kind == Node::Kind::Quoted && is_date(n->value)) emit(n->text, "tokens", "date-time");
                else if (n->kind == Node::Kind::Literal) emit(n->text, "tokens", "message-literal");
                else generic(*n);
            }
        } else if (base == "LOGIN") {
            if (auto* n = next()) emit(n->text, "tokens", "user");
            if (auto* n = next()) emit(n->text, "tokens", "password");
        } else if (base == "AUTHENTICATE") {
            if (auto* n = next()) emit(n->text, "tokens", "sasl-mechanism");
            if (auto* n = next()) emit(n->text, "tokens", "sasl-initial-response");
        } else if (base == "ENABLE") {
            while (auto* n = next()) capability(*n);
        } else {
            while (auto* n = next()) generic(*n);
        }
    }

    void search(const std::vector<Node>& a) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            const Node& n = a[i];
            if (n.kind == Node::Kind::List) {
                search(n.children);
                continue;
            }
            const std::string u = upper(n.value);
            if (n.kind == Node::Kind::Atom && u == "RETURN" && i + 1 < a.size()) {
                emit(n.text, "search_keys", "RETURN");
                for (const Node& c : a[++i].children) emit(c.text, "search_return", upper(c.value));
                continue;
            }
            if (n.kind == Node::Kind::Atom && e_.find("search_keys", u)) {
                emit(n.text, "search_keys", u);
                if (u == "KEYWORD" || u == "UNKEYWORD") {
                    if (i + 1 < a.size()) emit(a[++i].text, "tokens", "keyword");
                }
                continue;
            }
            if ((n.kind == Node::Kind::Atom || n.kind == Node::Kind::Quoted) && is_date(n.value)) {
                emit(n.text, "tokens", "date");
                continue;
            }
            if (n.kind == Node::Kind::Quoted || n.kind == Node::Kind::Literal) {
                emit(n.text, "tokens", "search-string");
                continue;
            }
            generic(n);
        }
    }

    // --- server lines ---

    void server(std::string_view line) {
        Lexer lx(line);
        if (lx.done()) return;
        Node first = lx.node();
        if (first.value == "+") {
            emit("+", "tokens", "continuation");
            std::string rest = lx.rest();
            if (!rest.empty()) emit(rest, "tokens", "text");
            return;
        }
        emit(first.text, "tokens", first.value == "*" ? "untagged" : "tag");
        if (lx.done()) return;
        Node second = lx.node();
        const std::string word = upper(second.value);
        if (word == "OK" || word == "NO" || word == "BAD" || word == "PREAUTH" || word == "BYE") {
            emit(second.text, "responses", word);
            if (lx.at('[')) code(lx.node());
            std::string rest = lx.rest();
            if (!rest.empty()) emit(rest, "tokens", "text");
            return;
        }
        if (is_number(second.value) && !lx.done()) {
            Node third = lx.node();
            const std::string kind = upper(third.value);
            emit(second.text, "tokens", kind == "EXISTS" || kind == "RECENT" ? "number" : "message-number");
            emit(third.text, "responses", kind);
            if (kind == "FETCH" && !lx.done()) fetch_response(lx.node());
            return;
        }
        emit(second.text, "responses", word);
        std::vector<Node> rest = lx.nodes();
        if (word == "CAPABILITY" || word == "ENABLED") {
            for (const Node& n : rest) capability(n);
        } else if (word == "FLAGS") {
            for (const Node& n : rest) flag(n);
        } else if (word == "LIST" || word == "LSUB") {
            if (!rest.empty()) {
                for (const Node& c : rest[0].children) attribute(c);
            }
            if (rest.size() > 1) emit(rest[1].text, "tokens", "delimiter");
            if (rest.size() > 2) mailbox(rest[2]);
            for (std::size_t i = 3; i < rest.size(); ++i) generic(rest[i]);
        } else if (word == "STATUS") {
            if (!rest.empty()) mailbox(rest[0]);
            if (rest.size() > 1) {
                const auto& c = rest[1].children;
                for (std::size_t i = 0; i < c.size(); ++i) {
                    if (i % 2 == 0) emit(c[i].text, "status_items", upper(c[i].value));
                    else emit(c[i].text, "tokens", "number");
                }
            }
        } else if (word == "SEARCH") {
            for (const Node& n : rest) emit(n.text, "tokens", "number");
        } else if (word == "ESEARCH") {
            for (std::size_t i = 0; i < rest.size(); ++i) {
                const std::string u = upper(rest[i].value);
                if (rest[i].kind == Node::Kind::List) emit(rest[i].text, "tokens", "search-correlator");
                else if (u == "UID") emit(rest[i].text, "tokens", "uid-prefix");
                else if (e_.find("search_return", u)) {
                    emit(rest[i].text, "search_return", u);
                    if (i + 1 < rest.size()) generic(rest[++i]);  // a number, or a sequence set after ALL
                } else generic(rest[i]);
            }
        } else {
            for (const Node& n : rest) generic(n);
        }
    }

    void code(const Node& n) {
        emit(n.text, "codes", n.value);
        if (n.value == "CAPABILITY") {
            for (std::size_t i = 1; i < n.children.size(); ++i) capability(n.children[i]);
        } else if (n.value == "PERMANENTFLAGS") {
            for (std::size_t i = 1; i < n.children.size(); ++i) flag(n.children[i]);
        }
    }

    void fetch_response(const Node& list) {
        const auto& c = list.children;
        for (std::size_t i = 0; i < c.size(); ++i) {
            fetch_item(c[i]);
            if (i + 1 >= c.size()) break;
            const std::string item = upper(c[i].value);
            const Node& v = c[++i];
            if (item == "FLAGS") flag(v);
            else if (item == "UID" || item == "RFC822.SIZE" || item.rfind("BINARY.SIZE", 0) == 0) emit(v.text, "tokens", "number");
            else if (item == "INTERNALDATE") emit(v.text, "tokens", "date-time");
            else generic(v);
        }
    }

private:
    const Explainer& e_;
};

// ---------------------------------------------------------------------------------------------
// Loading

struct LoadFailure {
    LessonError error;
};

}  // namespace

LineSide guess_side(std::string_view line) {
    if (line.empty()) return LineSide::Client;
    if (line[0] == '*' || line[0] == '+') return LineSide::Server;
    const auto sp = line.find(' ');
    if (sp == std::string_view::npos) return LineSide::Client;
    auto end = line.find(' ', sp + 1);
    const std::string word = upper(line.substr(sp + 1, end == std::string_view::npos ? std::string_view::npos : end - sp - 1));
    return (word == "OK" || word == "NO" || word == "BAD" || word == "PREAUTH" || word == "BYE") ? LineSide::Server
                                                                                                  : LineSide::Client;
}

Result<Explainer, LessonError> Explainer::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<Explainer, LessonError>::failure(LessonError{path, 0, "", std::string("cannot read the file: ") + std::strerror(errno)});
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), path);
}

Result<Explainer, LessonError> Explainer::parse(std::string_view text, const std::string& file) {
    using R = Result<Explainer, LessonError>;
    jsonpos::JsonPositions pos(text);
    if (const auto& e = pos.syntax_error()) return R::failure(LessonError{file, e->line, e->pointer, e->message});
    auto fail = [&](const std::string& ptr, std::string message) {
        return R::failure(LessonError{file, pos.line_of(ptr), ptr, std::move(message)});
    };
    const Json doc = Json::parse(text.begin(), text.end());
    if (!doc.is_object()) return fail("", "expected an object");
    if (!doc.contains("format") || doc["format"] != 1) return fail("/format", "expected \"format\": 1");
    Explainer ex;
    for (const auto& [section, entries] : doc.items()) {
        if (section == "format") continue;
        const std::string sp = jsonpos::child("", section);
        if (!entries.is_object()) return fail(sp, "expected an object of entries");
        auto& table = ex.sections_[section];
        for (const auto& [key, entry] : entries.items()) {
            const std::string ep = jsonpos::child(sp, key);
            if (!entry.is_object()) return fail(ep, "expected an object {\"rfc\", \"en\", \"ru\"}");
            Meaning m;
            for (const auto& [field, value] : entry.items()) {
                const std::string fp = jsonpos::child(ep, field);
                if (field != "rfc" && field != "en" && field != "ru")
                    return fail(fp, "unknown key \"" + field + "\" (expected rfc, en, ru)");
                if (!value.is_string() || value.get<std::string>().empty()) return fail(fp, "expected a non-empty string");
                (field == "rfc" ? m.rfc : field == "en" ? m.en : m.ru) = value.get<std::string>();
            }
            for (const char* field : {"rfc", "en", "ru"}) {
                const std::string& v = std::string(field) == "rfc" ? m.rfc : std::string(field) == "en" ? m.en : m.ru;
                if (v.empty()) return fail(ep, std::string("missing \"") + field + "\"");
            }
            table.emplace(key, std::move(m));
        }
    }
    return ex;
}

const Meaning* Explainer::find(std::string_view section, std::string_view key) const {
    auto s = sections_.find(section);
    if (s == sections_.end()) return nullptr;
    auto k = s->second.find(key);
    return k == s->second.end() ? nullptr : &k->second;
}

std::vector<std::string> Explainer::keys(std::string_view section) const {
    std::vector<std::string> out;
    if (auto s = sections_.find(section); s != sections_.end())
        for (const auto& [k, _] : s->second) out.push_back(k);
    return out;
}

std::vector<ExplainedToken> Explainer::explain(std::string_view line, LineSide side) const {
    if (side == LineSide::Auto) side = guess_side(line);
    Walker w(*this);
    if (side == LineSide::Server) {
        w.server(line);
    } else {
        Lexer lx(line);
        w.client(lx.nodes());
    }
    return std::move(w.out);
}

}  // namespace imaplab
