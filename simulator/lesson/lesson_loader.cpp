// Lesson format v1 (docs/lesson-format.md): JSON text -> Lesson, or the first error with
// file, line and JSON Pointer (RFC 6901) of the bad field.
//
// nlohmann/json keeps no source positions, so the text is read twice: once for the positions of
// every key and value (lesson/json_positions.hpp), once into an ordered DOM (document order is kept, so the
// first error in the file is the one reported). The validator then walks the DOM and throws an
// internal Failure that load/parse turn into a LessonError value.
#include "lesson/lesson_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lesson/json_positions.hpp"
#include "store/acl.hpp"
#include "types/date_time.hpp"

namespace imaplab {

std::string LessonError::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!json_path.empty()) out += json_path + ": ";
    out += message;
    return out;
}

namespace {

using Json = nlohmann::ordered_json;
using jsonpos::child;
using jsonpos::JsonPositions;

constexpr std::uint32_t kMaxU32 = 0xFFFFFFFFu;

// ---------------------------------------------------------------------------------------------
// Small text helpers.

std::string to_crlf(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 32);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out += '\r';
        out += s[i];
    }
    return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// Checks the framing of one client command as a lesson writes it: CR LF only right after a
/// literal announcement "{n}" / "{n+}", followed by at least n octets. Returns "" when fine.
std::string check_command_framing(const std::string& s) {
    if (s.empty()) return "empty command";
    std::size_t i = 0;
    for (;;) {
        std::size_t pos = s.find_first_of("\r\n", i);
        if (pos == std::string::npos) return "";
        const std::string framing = "a command may contain CR LF only right after a literal announcement {n}";
        if (s[pos] != '\r' || pos + 1 >= s.size() || s[pos + 1] != '\n' || pos < i + 3 || s[pos - 1] != '}') return framing;
        std::size_t open = s.rfind('{', pos - 1);
        if (open == std::string::npos || open < i) return framing;
        std::string digits = s.substr(open + 1, pos - 1 - open - 1);
        if (!digits.empty() && digits.back() == '+') digits.pop_back();
        if (digits.empty() || digits.size() > 10 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return framing;
        std::uint64_t n = std::stoull(digits);
        std::size_t start = pos + 2;
        if (s.size() - start < n)
            return fmt::format("the literal {{{}}} announces {} octets but only {} follow", digits, n, s.size() - start);
        i = start + static_cast<std::size_t>(n);
    }
}

/// Checks that `msg` starts with an RFC 5322 header section (§2.2: field-name ":" ..., folded lines
/// begin with WSP) ended by an empty line or by the end of the message. Returns "" when fine.
std::string check_rfc5322_header(const std::string& msg) {
    if (msg.empty()) return "the message text is empty";
    std::size_t pos = 0, n = 0;
    while (pos < msg.size()) {
        std::size_t eol = msg.find("\r\n", pos);
        std::string_view line(msg.data() + pos, (eol == std::string::npos ? msg.size() : eol) - pos);
        ++n;
        if (line.empty()) return n == 1 ? "the message has no header fields (RFC 5322 §2.1)" : "";
        if (line[0] == ' ' || line[0] == '\t') {
            if (n == 1) return "the message starts with a folded line, not a header field (RFC 5322 §2.2)";
        } else {
            std::size_t colon = line.find(':');
            bool ok = colon != std::string_view::npos && colon > 0;
            for (std::size_t k = 0; ok && k < colon; ++k) {
                auto c = static_cast<unsigned char>(line[k]);
                ok = c >= 33 && c <= 126;
            }
            if (!ok) return fmt::format("line {} of the message is not a header field \"Name: value\" (RFC 5322 §2.2)", n);
        }
        if (eol == std::string::npos) break;
        pos = eol + 2;
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// IMAP date-time, RFC 9051 §9: date-day-fixed "-" date-month "-" date-year SP time SP zone.

/// Parses an IMAP date-time without the quotes. Returns "" and fills `out`, or a reason.
std::string parse_imap_date(std::string_view s, DateTime& out) {
    std::string why;
    auto t = parse_imap_date_time(s, &why);
    if (!t) return why;
    out = *t;
    return {};
}

// ---------------------------------------------------------------------------------------------
// The validator.

struct Failure {
    LessonError error;
};

class Loader {
public:
    Loader(std::string_view text, std::string file, std::string base_dir)
        : text_(text), file_(std::move(file)), base_dir_(std::move(base_dir)) {}

    Lesson load() {
        JsonPositions positions(text_);
        pos_ = &positions;
        if (auto e = positions.syntax_error()) throw Failure{LessonError{file_, e->line, e->pointer, e->message}};
        Json doc = Json::parse(text_.begin(), text_.end());
        return lesson(doc);
    }

private:
    std::string_view text_;
    std::string file_;
    std::string base_dir_;
    const JsonPositions* pos_ = nullptr;

    // --- positions and errors ---

    std::size_t line_of(const std::string& ptr, bool prefer_key = false) const { return pos_->line_of(ptr, prefer_key); }
    [[noreturn]] void fail(const std::string& ptr, std::string message) const {
        throw Failure{LessonError{file_, line_of(ptr), ptr, std::move(message)}};
    }
    [[noreturn]] void fail_at_key(const std::string& ptr, std::string message) const {
        throw Failure{LessonError{file_, line_of(ptr, true), ptr, std::move(message)}};
    }

    // --- typed access ---

    /// Requires `v` to be an object whose keys are all in `allowed`.
    void object(const Json& v, const std::string& ptr, std::initializer_list<std::string_view> allowed) const {
        if (!v.is_object()) fail(ptr, "expected an object");
        for (const auto& [k, _] : v.items()) {
            if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
            std::string_view best;
            std::size_t best_d = 3;
            for (auto a : allowed) {
                std::size_t d = edit_distance(k, a);
                if (d < best_d) best_d = d, best = a;
            }
            std::string msg = "unknown key \"" + k + "\"";
            if (!best.empty()) {
                msg += "; did you mean \"" + std::string(best) + "\"?";
            } else {
                msg += " (allowed here:";
                for (auto a : allowed) msg += " " + std::string(a);
                msg += ")";
            }
            fail_at_key(child(ptr, k), msg);
        }
    }
    const Json* optional(const Json& obj, const char* key) const {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }
    const Json& required(const Json& obj, const std::string& ptr, const char* key) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail(ptr, fmt::format("missing required key \"{}\"", key));
        return *it;
    }
    std::string string(const Json& v, const std::string& ptr) const {
        if (!v.is_string()) fail(ptr, "expected a string");
        return v.get<std::string>();
    }
    std::string nonempty_string(const Json& v, const std::string& ptr) const {
        std::string s = string(v, ptr);
        if (s.empty()) fail(ptr, "expected a non-empty string");
        return s;
    }
    /// A string, or an array of strings joined with `sep`.
    std::string text(const Json& v, const std::string& ptr, std::string_view sep) const {
        if (v.is_string()) return v.get<std::string>();
        if (!v.is_array()) fail(ptr, "expected a string or an array of strings");
        std::string out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += sep;
            out += string(v[i], child(ptr, i));
        }
        return out;
    }
    /// A string or a non-empty array of strings (alternatives, cycled by the generator).
    std::vector<std::string> alternatives(const Json& v, const std::string& ptr) const {
        if (v.is_string()) return {v.get<std::string>()};
        if (!v.is_array() || v.empty()) fail(ptr, "expected a string or a non-empty array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back(string(v[i], child(ptr, i)));
        return out;
    }
    const Json& array(const Json& v, const std::string& ptr) const {
        if (!v.is_array()) fail(ptr, "expected an array");
        return v;
    }
    bool boolean(const Json& v, const std::string& ptr) const {
        if (!v.is_boolean()) fail(ptr, "expected true or false");
        return v.get<bool>();
    }
    std::int64_t integer(const Json& v, const std::string& ptr, std::int64_t lo, std::int64_t hi) const {
        bool in_range = false;
        std::int64_t x = 0;
        if (v.is_number_unsigned()) {
            auto u = v.get<std::uint64_t>();
            in_range = u <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(u) >= lo;
            x = static_cast<std::int64_t>(u);
        } else if (v.is_number_integer()) {
            x = v.get<std::int64_t>();
            in_range = x >= lo && x <= hi;
        } else {
            fail(ptr, "expected an integer");
        }
        if (!in_range) fail(ptr, fmt::format("expected an integer between {} and {}", lo, hi));
        return x;
    }
    std::uint32_t nz_number(const Json& v, const std::string& ptr) const {
        return static_cast<std::uint32_t>(integer(v, ptr, 1, kMaxU32));
    }
    LocalizedText localized(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"en", "ru"});
        LocalizedText t;
        t.en = text(required(v, ptr, "en"), child(ptr, "en"), "\n");
        t.ru = text(required(v, ptr, "ru"), child(ptr, "ru"), "\n");
        return t;
    }
    DateTime date_time(const Json& v, const std::string& ptr) const {
        std::string s = string(v, ptr);
        DateTime t;
        if (std::string why = parse_imap_date(s, t); !why.empty())
            fail(ptr, fmt::format("\"{}\" is not an IMAP date-time (RFC 9051 §9, e.g. \"17-Jul-1996 02:44:25 -0700\"): {}", s, why));
        return t;
    }
    /// Fixture flags: system flags and keywords via parse_flag_token; "\Recent" sets `recent`.
    FlagNames flags(const Json& v, const std::string& ptr, bool& recent) const {
        array(v, ptr);
        FlagNames out;
        recent = false;
        for (std::size_t i = 0; i < v.size(); ++i) {
            std::string p = child(ptr, i);
            std::string tok = string(v[i], p);
            if (iequals(tok, "\\Recent")) {
                recent = true;
                continue;
            }
            std::string why;
            auto f = parse_flag_token(tok, &why);
            if (!f) fail(p, fmt::format("\"{}\" is not a flag: {}", tok, why));
            out.system |= f->system;
            for (const auto& k : f->keywords) out.add_keyword(k);
        }
        return out;
    }

    // --- the document ---

    Lesson lesson(const Json& doc) const {
        object(doc, "", {"format", "id", "title", "summary", "transcript", "server", "fixture", "steps"});
        const Json& fmt_v = required(doc, "", "format");
        if (integer(fmt_v, "/format", 0, 1'000'000) != 1)
            fail("/format", fmt::format("unsupported format version {} (this build reads format 1)", fmt_v.dump()));
        Lesson l;
        l.file = file_;
        if (const Json* v = optional(doc, "id")) {
            l.id = nonempty_string(*v, "/id");
        } else {
            std::string stem = file_.substr(file_.find_last_of('/') == std::string::npos ? 0 : file_.find_last_of('/') + 1);
            if (auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0) stem.erase(dot);
            l.id = stem;
        }
        l.title = localized(required(doc, "", "title"), "/title");
        if (const Json* v = optional(doc, "summary")) l.summary = localized(*v, "/summary");
        if (const Json* v = optional(doc, "transcript")) l.transcript = nonempty_string(*v, "/transcript");
        if (const Json* v = optional(doc, "server")) l.server = server(*v, "/server");
        l.fixture = fixture(required(doc, "", "fixture"), "/fixture");
        const Json& steps_v = array(required(doc, "", "steps"), "/steps");
        if (steps_v.empty()) fail("/steps", "a lesson needs at least one step");
        for (std::size_t i = 0; i < steps_v.size(); ++i) l.steps.push_back(step(steps_v[i], child("/steps", i)));
        check_protocols(l, steps_v);
        return l;
    }

    /// A client speaks one protocol for the whole lesson: every step of a POP3 client says
    /// "protocol": "pop3". Expectations on a POP3 client can only be about its lines and the
    /// account's mailboxes (it has no IMAP state, selected mailbox or SEARCH).
    void check_protocols(const Lesson& l, const Json& steps_v) const {
        std::map<std::uint32_t, std::size_t> first;  // client -> index of its first step
        auto name = [](ClientProtocol p) { return p == ClientProtocol::Pop3 ? "pop3" : "imap"; };
        for (std::size_t i = 0; i < l.steps.size(); ++i) {
            const LessonStep& s = l.steps[i];
            auto [it, fresh] = first.emplace(s.client, i);
            if (fresh || l.steps[it->second].protocol == s.protocol) continue;
            const std::string sp = child("/steps", i);
            const ClientProtocol p = l.steps[it->second].protocol;
            const std::string why = fmt::format("client {} speaks {} (step {} says \"protocol\": \"{}\"): every step of a client speaks "
                                                "the same protocol, so this one needs \"protocol\": \"{}\" too",
                                                s.client, p == ClientProtocol::Pop3 ? "POP3" : "IMAP", it->second + 1, name(p), name(p));
            if (steps_v[i].contains("protocol")) fail(child(sp, "protocol"), why);
            fail(sp, why);
        }
        auto check = [&](const LessonStep& s, const Expectation& e) {
            const std::uint32_t who = e.client ? e.client : s.client;
            if (l.protocol_of(who) != ClientProtocol::Pop3) return;
            using K = Expectation::Kind;
            if (e.kind == K::ServerLine || e.kind == K::ServerLineRegex || e.kind == K::NoServerLineRegex || e.kind == K::TaggedStatus || e.kind == K::ClientLineRegex ||
                e.kind == K::MailboxExists || e.kind == K::MailboxAbsent)
                return;
            fail(e.json_path, fmt::format("client {} speaks POP3: expect \"server_line\", \"server_line_regex\", \"tagged\" (+OK is OK, "
                                          "-ERR is NO), \"command_regex\", \"mailbox_exists\" or \"mailbox_absent\" of it, or check "
                                          "an IMAP client (\"client\": n)",
                                          who));
        };
        for (const LessonStep& s : l.steps) {
            for (const auto& e : s.expect) check(s, e);
            if (!s.exercise) continue;
            for (const auto& e : s.exercise->goal) check(s, e);
            for (const auto& f : s.exercise->feedback) check(s, f.when);
        }
    }

    LessonServer server(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"versions", "disabled_extensions", "starttls", "login_disabled"});
        LessonServer s;
        if (const Json* x = optional(v, "versions")) {
            const std::string p = child(ptr, "versions");
            const std::string name = string(*x, p);
            if (name == "rev1") s.versions = ProtocolVersions::Rev1;
            else if (name == "rev2") s.versions = ProtocolVersions::Rev2;
            else if (name == "both") s.versions = ProtocolVersions::Both;
            else fail(p, fmt::format("\"{}\" is not a protocol choice (rev1, rev2 or both)", name));
        }
        if (const Json* x = optional(v, "disabled_extensions")) {
            const std::string p = child(ptr, "disabled_extensions");
            array(*x, p);
            for (std::size_t i = 0; i < x->size(); ++i) s.disabled_extensions.push_back(nonempty_string((*x)[i], child(p, i)));
        }
        if (const Json* x = optional(v, "starttls")) s.starttls = boolean(*x, child(ptr, "starttls"));
        if (const Json* x = optional(v, "login_disabled")) s.login_disabled = boolean(*x, child(ptr, "login_disabled"));
        if (s.login_disabled && !s.starttls)
            fail(child(ptr, "login_disabled"), "LOGINDISABLED without \"starttls\": true would leave no way to log in");
        return s;
    }

    Fixture fixture(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"uidvalidity", "clock", "accounts"});
        Fixture f;
        if (const Json* u = optional(v, "uidvalidity")) f.uidvalidity = nz_number(*u, child(ptr, "uidvalidity"));
        DateTime clock;
        if (const Json* c = optional(v, "clock")) clock = date_time(*c, child(ptr, "clock"));
        f.clock = clock.unix_seconds;
        std::string ap = child(ptr, "accounts");
        const Json& accounts = array(required(v, ptr, "accounts"), ap);
        if (accounts.empty()) fail(ap, "a fixture needs at least one account");
        std::set<std::string> users;
        for (std::size_t i = 0; i < accounts.size(); ++i) {
            f.accounts.push_back(account(accounts[i], child(ap, i), clock));
            if (!users.insert(f.accounts.back().user).second)
                fail(child(child(ap, i), "user"), fmt::format("duplicate user \"{}\"", f.accounts.back().user));
        }
        return f;
    }

    FixtureAccount account(const Json& v, const std::string& ptr, const DateTime& clock) const {
        object(v, ptr, {"user", "password", "mailboxes"});
        FixtureAccount a;
        a.user = nonempty_string(required(v, ptr, "user"), child(ptr, "user"));
        a.password = string(required(v, ptr, "password"), child(ptr, "password"));
        std::string mp = child(ptr, "mailboxes");
        const Json& boxes = array(required(v, ptr, "mailboxes"), mp);
        std::set<std::string> names;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            a.mailboxes.push_back(mailbox(boxes[i], child(mp, i), clock));
            if (!names.insert(a.mailboxes.back().name).second)
                fail(child(child(mp, i), "name"), fmt::format("duplicate mailbox \"{}\"", a.mailboxes.back().name));
        }
        if (!names.count("INBOX")) fail(mp, "no \"INBOX\" mailbox (every account has one, RFC 9051 §5.1)");
        return a;
    }

    std::string mailbox_name(const Json& v, const std::string& ptr) const {
        std::string name = nonempty_string(v, ptr);
        if (name.front() == '/' || name.back() == '/' || name.find("//") != std::string::npos)
            fail(ptr, fmt::format("\"{}\": the hierarchy delimiter \"/\" separates non-empty names", name));
        for (char c : name) {
            auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) fail(ptr, "a mailbox name may not contain control characters");
            if (c == '*' || c == '%') fail(ptr, fmt::format("\"{}\": '*' and '%' are LIST wildcards, not name characters", name));
        }
        std::size_t end = name.find('/');
        if (iequals(std::string_view(name).substr(0, end), "INBOX")) name.replace(0, end == std::string::npos ? name.size() : end, "INBOX");
        return name;
    }

    FixtureMailbox mailbox(const Json& v, const std::string& ptr, const DateTime& clock) const {
        object(v, ptr, {"name", "subscribed", "uidvalidity", "uidnext", "keywords", "messages", "special_use", "acl"});
        FixtureMailbox m;
        m.name = mailbox_name(required(v, ptr, "name"), child(ptr, "name"));
        if (const Json* s = optional(v, "subscribed")) m.subscribed = boolean(*s, child(ptr, "subscribed"));
        if (const Json* su = optional(v, "special_use")) {
            const std::string sp = child(ptr, "special_use");
            array(*su, sp);
            static const char* kKnown[] = {"\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Junk", "\\Sent", "\\Trash"};
            for (std::size_t i = 0; i < su->size(); ++i) {
                const std::string p = child(sp, i);
                std::string a = string((*su)[i], p);
                const char* canonical = nullptr;
                for (const char* k : kKnown)
                    if (iequals(a, k)) canonical = k;
                if (!canonical) fail(p, fmt::format("\"{}\" is not a special-use attribute (RFC 6154: \\All, \\Archive, \\Drafts, \\Flagged, \\Junk, \\Sent, \\Trash)", a));
                m.special_use.emplace_back(canonical);
            }
        }
        if (const Json* acl = optional(v, "acl")) {
            // {"anyone": "lr", "bob": "lrswi", "-carol": "r"}: RFC 4314 identifiers and rights.
            const std::string ap = child(ptr, "acl");
            if (!acl->is_object()) fail(ap, "expected an object of identifier: rights, e.g. {\"anyone\": \"lr\"}");
            for (const auto& [id, rights] : acl->items()) {
                const std::string p = child(ap, id);
                if (id.empty() || id == "-") fail(p, "an ACL identifier is a user name, \"anyone\", \"authenticated\" or \"owner\" (\"-\" before it: negative rights)");
                if (id[0] == '#' || (id[0] == '-' && id.size() > 1 && id[1] == '#')) fail(p, fmt::format("\"{}\": global ACLs can't be set here", id));
                const std::string letters = string(rights, p);
                char bad = 0;
                if (!parse_acl_rights(letters, bad))
                    fail(p, fmt::format("\"{}\" is not an ACL right (RFC 4314 §2.1: l r s w i p k x t e a; obsolete c d)", bad));
                m.acl.emplace_back(id, letters);
            }
        }
        if (const Json* u = optional(v, "uidvalidity")) m.uidvalidity = nz_number(*u, child(ptr, "uidvalidity"));
        if (const Json* k = optional(v, "keywords")) {
            std::string kp = child(ptr, "keywords");
            array(*k, kp);
            for (std::size_t i = 0; i < k->size(); ++i) {
                std::string p = child(kp, i);
                std::string tok = string((*k)[i], p);
                std::string why;
                auto f = parse_flag_token(tok, &why);
                if (!f && !iequals(tok, "\\Recent")) fail(p, fmt::format("\"{}\" is not a keyword: {}", tok, why));
                if (!f || f->keywords.empty()) fail(p, fmt::format("\"{}\" is a system flag, not a keyword", tok));
                if (std::none_of(m.keywords.begin(), m.keywords.end(), [&](const std::string& e) { return iequals(e, tok); }))
                    m.keywords.push_back(tok);
            }
        }
        if (const Json* ms = optional(v, "messages")) {
            std::string mp = child(ptr, "messages");
            array(*ms, mp);
            for (std::size_t i = 0; i < ms->size(); ++i) messages((*ms)[i], child(mp, i), clock, m.messages);
        }
        if (const Json* u = optional(v, "uidnext")) {
            std::string up = child(ptr, "uidnext");
            m.uidnext = nz_number(*u, up);
            if (!m.messages.empty() && m.uidnext <= m.messages.back().uid)
                fail(up, fmt::format("uidnext {} must be greater than the highest UID {}", m.uidnext, m.messages.back().uid));
        }
        return m;
    }

    void check_ascending(const std::vector<FixtureMessage>& out, std::uint32_t uid, const std::string& ptr) const {
        if (!out.empty() && uid <= out.back().uid)
            fail(ptr, fmt::format("UID {} is not greater than the previous UID {} (UIDs ascend strictly within a mailbox)", uid,
                                  out.back().uid));
    }

    /// Appends `m`. \Recent messages are the newest ones (the store keeps the first recent UID).
    void push(std::vector<FixtureMessage>& out, FixtureMessage m, const std::string& ptr) const {
        if (!m.recent && !out.empty() && out.back().recent)
            fail(ptr, fmt::format("UID {} is not \\Recent but the earlier UID {} is: the recent messages must be the newest "
                                  "(every message after the first \\Recent one is \\Recent)",
                                  m.uid, out.back().uid));
        out.push_back(std::move(m));
    }

    /// One entry of "messages": a literal message ("text" or "file") or a "generate" template.
    void messages(const Json& v, const std::string& ptr, const DateTime& clock, std::vector<FixtureMessage>& out) const {
        if (v.is_object() && v.contains("generate")) {
            object(v, ptr, {"generate"});
            generate(v["generate"], child(ptr, "generate"), out);
            return;
        }
        object(v, ptr, {"uid", "flags", "internal_date", "text", "file"});
        FixtureMessage m;
        std::string up = child(ptr, "uid");
        m.uid = nz_number(required(v, ptr, "uid"), up);
        check_ascending(out, m.uid, up);
        if (const Json* f = optional(v, "flags")) m.flags = flags(*f, child(ptr, "flags"), m.recent);
        m.internal_date = format_imap_date_time(clock);
        if (const Json* d = optional(v, "internal_date")) m.internal_date = format_imap_date_time(date_time(*d, child(ptr, "internal_date")));
        const Json* t = optional(v, "text");
        const Json* file = optional(v, "file");
        std::string where;
        if (t && file) fail_at_key(child(ptr, "file"), "give either \"text\" or \"file\", not both");
        if (t) {
            where = child(ptr, "text");
            m.text = to_crlf(string(*t, where));
        } else if (file) {
            where = child(ptr, "file");
            std::string rel = nonempty_string(*file, where);
            std::string path = rel.front() == '/' || base_dir_.empty() ? rel : base_dir_ + "/" + rel;
            std::ifstream in(path, std::ios::binary);
            if (!in) fail(where, fmt::format("cannot read message file \"{}\": {}", path, std::strerror(errno)));
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            m.text = to_crlf(bytes);
        } else {
            fail(ptr, "a message needs \"text\" or \"file\" (or use \"generate\")");
        }
        if (std::string why = check_rfc5322_header(m.text); !why.empty()) fail(where, why);
        push(out, std::move(m), ptr);
    }

    /// A header value made from a template: printable ASCII, one line.
    std::string header_value(const std::string& tmpl, std::uint32_t n, std::uint32_t uid, const std::string& ptr) const {
        std::string s = tmpl;
        replace_all(s, "{n}", std::to_string(n));
        replace_all(s, "{uid}", std::to_string(uid));
        if (s.empty()) fail(ptr, "a header value may not be empty");
        for (char c : s) {
            auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u > 0x7E)
                fail(ptr, "a header value must be printable ASCII on one line; write other characters as RFC 2047 "
                          "encoded-words (=?UTF-8?B?...?=)");
        }
        return s;
    }

    /// "Name: value" folded at spaces so lines stay within 78 characters (RFC 5322 §2.2.3).
    static std::string header_field(std::string_view name, const std::string& value) {
        std::string line = std::string(name) + ": " + value;
        std::string out;
        std::size_t min_cut = name.size() + 2;  // never fold right after "Name:"
        while (line.size() > 78) {
            std::size_t cut = line.rfind(' ', 78);
            if (cut == std::string::npos || cut < min_cut) cut = line.find(' ', std::max<std::size_t>(min_cut, 79));
            if (cut == std::string::npos) break;
            out += line.substr(0, cut) + "\r\n";
            line.erase(0, cut);  // the space starts the continuation line
            min_cut = 1;
        }
        return out + line + "\r\n";
    }

    void generate(const Json& v, const std::string& ptr, std::vector<FixtureMessage>& out) const {
        object(v, ptr, {"count", "uid_start", "uid_step", "from", "to", "subject", "body", "message_id", "internal_date_start",
                        "internal_date_step", "flags", "flags_by_n"});
        auto cp = child(ptr, "count"), sp = child(ptr, "uid_start"), stp = child(ptr, "uid_step");
        auto count = static_cast<std::uint32_t>(integer(required(v, ptr, "count"), cp, 1, 100000));
        std::uint32_t start = nz_number(required(v, ptr, "uid_start"), sp);
        check_ascending(out, start, sp);
        std::uint32_t step = 1;
        if (const Json* s = optional(v, "uid_step")) step = nz_number(*s, stp);
        if (static_cast<std::uint64_t>(start) + static_cast<std::uint64_t>(count - 1) * step > kMaxU32)
            fail(cp, fmt::format("{} messages from UID {} in steps of {} go past the largest UID 4294967295", count, start, step));
        auto from = alternatives(required(v, ptr, "from"), child(ptr, "from"));
        auto to = alternatives(required(v, ptr, "to"), child(ptr, "to"));
        auto subject = alternatives(required(v, ptr, "subject"), child(ptr, "subject"));
        auto body = alternatives(required(v, ptr, "body"), child(ptr, "body"));
        std::string message_id;
        if (const Json* m = optional(v, "message_id")) message_id = nonempty_string(*m, child(ptr, "message_id"));
        DateTime date = date_time(required(v, ptr, "internal_date_start"), child(ptr, "internal_date_start"));
        std::int64_t date_step = 3600;
        if (const Json* d = optional(v, "internal_date_step"))
            date_step = integer(*d, child(ptr, "internal_date_step"), 0, 10LL * 365 * 86400);
        bool recent = false;
        FlagNames base;
        if (const Json* f = optional(v, "flags")) base = flags(*f, child(ptr, "flags"), recent);
        std::map<std::uint32_t, std::pair<FlagNames, bool>> by_n;
        if (const Json* b = optional(v, "flags_by_n")) {
            std::string bp = child(ptr, "flags_by_n");
            if (!b->is_object()) fail(bp, "expected an object");
            for (const auto& [k, fv] : b->items()) {
                std::string kp = child(bp, k);
                bool digits = !k.empty() && k.size() <= 6 && std::all_of(k.begin(), k.end(), [](char c) { return c >= '0' && c <= '9'; });
                std::uint32_t n = digits ? static_cast<std::uint32_t>(std::stoul(k)) : 0;
                if (n < 1 || n > count) fail_at_key(kp, fmt::format("\"{}\" is not a message number of this entry (1..{})", k, count));
                bool r = false;
                FlagNames fl = flags(fv, kp, r);
                by_n[n] = {fl, r};
            }
        }
        auto pick = [](const std::vector<std::string>& alts, std::uint32_t n) -> const std::string& { return alts[(n - 1) % alts.size()]; };
        auto alt_ptr = [&](const char* key, const std::vector<std::string>& alts, std::uint32_t n) {
            std::string p = child(ptr, key);
            return alts.size() == 1 && !v[key].is_array() ? p : child(p, (n - 1) % alts.size());
        };
        for (std::uint32_t n = 1; n <= count; ++n) {
            FixtureMessage m;
            m.uid = start + (n - 1) * step;
            DateTime t{date.unix_seconds + static_cast<std::int64_t>(n - 1) * date_step, date.tz_minutes};
            m.internal_date = format_imap_date_time(t);
            if (auto it = by_n.find(n); it != by_n.end()) {
                m.flags = it->second.first;
                m.recent = it->second.second;
            } else {
                m.flags = base;
                m.recent = recent;
            }
            std::string f = header_value(pick(from, n), n, m.uid, alt_ptr("from", from, n));
            std::string r = header_value(pick(to, n), n, m.uid, alt_ptr("to", to, n));
            std::string s = header_value(pick(subject, n), n, m.uid, alt_ptr("subject", subject, n));
            if (f.find('@') == std::string::npos)
                fail(alt_ptr("from", from, n), "expected an address such as \"Name <user@example.org>\"");
            if (r.find('@') == std::string::npos) fail(alt_ptr("to", to, n), "expected an address such as \"Name <user@example.org>\"");
            std::string id;
            if (message_id.empty()) {
                std::string domain = f.substr(f.rfind('@') + 1);
                domain = domain.substr(0, domain.find_first_of("> "));
                const CivilTime c = civil_time(t);
                id = fmt::format("<{:04}{:02}{:02}{:02}{:02}{:02}.{}@{}>", c.year, c.month, c.day, c.hour, c.minute, c.second, m.uid, domain);
            } else {
                id = header_value(message_id, n, m.uid, child(ptr, "message_id"));
            }
            std::string b = pick(body, n);
            replace_all(b, "{n}", std::to_string(n));
            replace_all(b, "{uid}", std::to_string(m.uid));
            b = to_crlf(b);
            if (b.size() < 2 || b.compare(b.size() - 2, 2, "\r\n") != 0) b += "\r\n";
            bool ascii = std::all_of(b.begin(), b.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
            m.text = header_field("From", f) + header_field("To", r) + header_field("Subject", s) +
                     header_field("Date", format_rfc5322_date(t)) + header_field("Message-ID", id) + "MIME-Version: 1.0\r\n" +
                     "Content-Type: text/plain; charset=UTF-8\r\n" + "Content-Transfer-Encoding: " + (ascii ? "7bit" : "8bit") +
                     "\r\n\r\n" + b;
            push(out, std::move(m), by_n.count(n) ? child(child(ptr, "flags_by_n"), std::to_string(n)) : ptr);
        }
    }

    LessonStep step(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"title", "narration", "send", "expect", "highlight", "transcript_note", "client", "pipeline", "exercise", "protocol"});
        LessonStep s;
        if (const Json* p = optional(v, "protocol")) {
            const std::string pp = child(ptr, "protocol");
            const std::string name = string(*p, pp);
            if (name == "pop3") s.protocol = ClientProtocol::Pop3;
            else if (name != "imap") fail(pp, fmt::format("unknown protocol \"{}\" (expected \"imap\" or \"pop3\")", name));
        }
        if (const Json* c = optional(v, "client")) {
            s.client = nz_number(*c, child(ptr, "client"));
            if (s.client > kMaxLessonClients) fail(child(ptr, "client"), fmt::format("at most {} clients", kMaxLessonClients));
        }
        if (const Json* p = optional(v, "pipeline")) s.pipeline = boolean(*p, child(ptr, "pipeline"));
        s.title = localized(required(v, ptr, "title"), child(ptr, "title"));
        s.narration = localized(required(v, ptr, "narration"), child(ptr, "narration"));
        if (const Json* sv = optional(v, "send")) {
            std::string sp = child(ptr, "send");
            array(*sv, sp);
            for (std::size_t i = 0; i < sv->size(); ++i) {
                std::string p = child(sp, i);
                std::string cmd = string((*sv)[i], p);
                if (std::string why = check_command_framing(cmd); !why.empty()) fail(p, why);
                s.send.push_back(std::move(cmd));
            }
        }
        if (const Json* ev = optional(v, "expect")) {
            std::string ep = child(ptr, "expect");
            array(*ev, ep);
            for (std::size_t i = 0; i < ev->size(); ++i) s.expect.push_back(expectation((*ev)[i], child(ep, i)));
        }
        if (const Json* h = optional(v, "highlight")) {
            std::string hp = child(ptr, "highlight");
            s.highlight = string(*h, hp);
            static const std::set<std::string> panels{"", "state", "log", "mailboxes", "lesson"};
            if (!panels.count(s.highlight))
                fail(hp, fmt::format("unknown panel \"{}\" (expected \"state\", \"log\", \"mailboxes\", \"lesson\" or \"\")", s.highlight));
        }
        if (const Json* n = optional(v, "transcript_note")) s.transcript_note = localized(*n, child(ptr, "transcript_note"));
        if (const Json* x = optional(v, "exercise")) {
            if (optional(v, "send"))
                fail_at_key(child(ptr, "send"), "an exercise step sends the exercise's \"answer\" when played: drop \"send\"");
            s.exercise = exercise(*x, child(ptr, "exercise"));
            s.send = s.exercise->answer;
        }
        if (s.protocol == ClientProtocol::Pop3) {
            // RFC 1939 §3: a POP3 command is one line; there are no literals.
            const std::string lp = s.exercise ? child(child(ptr, "exercise"), "answer") : child(ptr, "send");
            for (std::size_t i = 0; i < s.send.size(); ++i)
                if (s.send[i].find_first_of("\r\n") != std::string::npos) fail(child(lp, i), "a POP3 command is one line: no CR or LF in it");
        }
        return s;
    }

    Exercise exercise(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"task", "goal", "feedback", "hint", "answer"});
        Exercise x;
        x.task = localized(required(v, ptr, "task"), child(ptr, "task"));
        x.hint = localized(required(v, ptr, "hint"), child(ptr, "hint"));
        const std::string gp = child(ptr, "goal");
        const Json& goal = array(required(v, ptr, "goal"), gp);
        if (goal.empty()) fail(gp, "an exercise needs at least one goal expectation");
        for (std::size_t i = 0; i < goal.size(); ++i) {
            Expectation e = expectation(goal[i], child(gp, i));
            if (e.kind == Expectation::Kind::ClientLineRegex)
                fail_at_key(child(child(gp, i), "command_regex"),
                            "a goal is graded on the result, not on the text typed: use \"command_regex\" in \"feedback\" only");
            x.goal.push_back(std::move(e));
        }
        if (const Json* fv = optional(v, "feedback")) {
            const std::string fp = child(ptr, "feedback");
            array(*fv, fp);
            for (std::size_t i = 0; i < fv->size(); ++i) {
                const std::string ip = child(fp, i);
                object((*fv)[i], ip, {"if", "say"});
                ExerciseFeedback f;
                f.when = expectation(required((*fv)[i], ip, "if"), child(ip, "if"));
                f.say = localized(required((*fv)[i], ip, "say"), child(ip, "say"));
                x.feedback.push_back(std::move(f));
            }
        }
        const std::string ap = child(ptr, "answer");
        const Json& answer = array(required(v, ptr, "answer"), ap);
        if (answer.empty()) fail(ap, "an exercise needs an answer (at least one command line)");
        for (std::size_t i = 0; i < answer.size(); ++i) {
            const std::string p = child(ap, i);
            std::string cmd = string(answer[i], p);
            if (std::string why = check_command_framing(cmd); !why.empty()) fail(p, why);
            x.answer.push_back(std::move(cmd));
        }
        return x;
    }

    Expectation expectation(const Json& v, const std::string& ptr) const {
        object(v, ptr, {"state", "message", "has_flag", "lacks_flag", "server_line", "server_line_regex", "no_server_line_regex", "tagged", "exists",
                        "mailbox_exists", "mailbox_absent", "search_uids", "command_regex", "client"});
        static const char* kinds[] = {"state",          "message",        "server_line",    "server_line_regex", "no_server_line_regex",
                                      "tagged",         "exists",         "mailbox_exists", "mailbox_absent",    "search_uids",
                                      "command_regex"};
        const char* kind = nullptr;
        for (const char* k : kinds) {
            if (!v.contains(k)) continue;
            if (kind) fail_at_key(child(ptr, k), fmt::format("\"{}\" and \"{}\" in one expectation: write them as two", kind, k));
            kind = k;
        }
        if (!kind)
            fail(ptr, "an expectation needs one of \"state\", \"message\" (with \"has_flag\" or \"lacks_flag\"), \"server_line\", "
                      "\"server_line_regex\", \"no_server_line_regex\", \"tagged\", \"exists\", \"mailbox_exists\", \"mailbox_absent\", "
                      "\"search_uids\", \"command_regex\"");
        std::string kp = child(ptr, kind);
        const Json& kv = v[kind];
        Expectation e;
        e.json_path = ptr;
        if (const Json* c = optional(v, "client")) {
            e.client = nz_number(*c, child(ptr, "client"));
            if (e.client > kMaxLessonClients) fail(child(ptr, "client"), fmt::format("at most {} clients", kMaxLessonClients));
        }
        std::string k = kind;
        if (k != "message") {
            for (const char* extra : {"has_flag", "lacks_flag"})
                if (v.contains(extra)) fail_at_key(child(ptr, extra), fmt::format("\"{}\" belongs with \"message\"", extra));
        }
        if (k == "state") {
            e.kind = Expectation::Kind::State;
            std::string s = string(kv, kp);
            if (!parse_session_state(s, e.state))
                fail(kp, fmt::format("unknown state \"{}\" (expected \"Not Authenticated\", \"Authenticated\", \"Selected\" or \"Logout\")", s));
        } else if (k == "message") {
            object(kv, kp, {"seq", "uid", "mailbox"});
            bool has_seq = kv.contains("seq"), has_uid = kv.contains("uid");
            if (has_seq == has_uid) fail(kp, "name the message by \"seq\" (message sequence number) or by \"uid\", exactly one");
            if (has_seq) e.seq = nz_number(kv["seq"], child(kp, "seq"));
            if (has_uid) e.uid = nz_number(kv["uid"], child(kp, "uid"));
            if (kv.contains("mailbox")) {
                if (has_seq)
                    fail_at_key(child(kp, "mailbox"),
                                "a message sequence number names a message of the selected mailbox only; use \"uid\" with \"mailbox\"");
                e.mailbox = mailbox_name(kv["mailbox"], child(kp, "mailbox"));
            }
            bool has = v.contains("has_flag"), lacks = v.contains("lacks_flag");
            if (has == lacks) fail(ptr, "\"message\" needs \"has_flag\" or \"lacks_flag\", exactly one");
            e.kind = has ? Expectation::Kind::FlagPresent : Expectation::Kind::FlagAbsent;
            std::string fp = child(ptr, has ? "has_flag" : "lacks_flag");
            std::string tok = string(v[has ? "has_flag" : "lacks_flag"], fp);
            if (iequals(tok, "\\Recent")) {
                e.text = "\\Recent";
            } else {
                std::string why;
                auto f = parse_flag_token(tok, &why);
                if (!f) fail(fp, fmt::format("\"{}\" is not a flag: {}", tok, why));
                e.text = f->to_strings().front();  // canonical spelling of system flags
            }
        } else if (k == "server_line") {
            e.kind = Expectation::Kind::ServerLine;
            e.text = nonempty_string(kv, kp);
        } else if (k == "server_line_regex" || k == "no_server_line_regex") {
            e.kind = k == "server_line_regex" ? Expectation::Kind::ServerLineRegex : Expectation::Kind::NoServerLineRegex;
            e.text = nonempty_string(kv, kp);
            try {
                std::regex re(e.text, std::regex::ECMAScript);
            } catch (const std::regex_error& err) {
                fail(kp, fmt::format("not an ECMAScript regular expression: {}", err.what()));
            }
        } else if (k == "tagged") {
            e.kind = Expectation::Kind::TaggedStatus;
            std::string s = string(kv, kp);
            if (iequals(s, "OK")) e.status = ResponseStatus::Ok;
            else if (iequals(s, "NO")) e.status = ResponseStatus::No;
            else if (iequals(s, "BAD")) e.status = ResponseStatus::Bad;
            else fail(kp, fmt::format("\"{}\" is not a tagged status (expected \"OK\", \"NO\" or \"BAD\")", s));
        } else if (k == "mailbox_exists" || k == "mailbox_absent") {
            e.kind = k == "mailbox_exists" ? Expectation::Kind::MailboxExists : Expectation::Kind::MailboxAbsent;
            e.text = mailbox_name(kv, kp);
        } else if (k == "search_uids") {
            e.kind = Expectation::Kind::SearchUids;
            array(kv, kp);
            for (std::size_t i = 0; i < kv.size(); ++i) e.uids.push_back(nz_number(kv[i], child(kp, i)));
            std::sort(e.uids.begin(), e.uids.end());
            if (std::adjacent_find(e.uids.begin(), e.uids.end()) != e.uids.end()) fail(kp, "a UID is listed twice");
        } else if (k == "command_regex") {
            e.kind = Expectation::Kind::ClientLineRegex;
            e.text = nonempty_string(kv, kp);
            try {
                std::regex re(e.text, std::regex::ECMAScript | std::regex::icase);
            } catch (const std::regex_error& err) {
                fail(kp, fmt::format("not an ECMAScript regular expression: {}", err.what()));
            }
        } else {
            e.kind = Expectation::Kind::MessageCount;
            e.count = static_cast<std::uint32_t>(integer(kv, kp, 0, kMaxU32));
        }
        return e;
    }
};

}  // namespace

Result<Lesson, LessonError> parse_lesson(std::string_view json_text, const std::string& file, const std::string& base_dir) {
    try {
        return Loader(json_text, file, base_dir).load();
    } catch (const Failure& f) {
        return Result<Lesson, LessonError>::failure(f.error);
    } catch (const std::exception& e) {  // not expected: the SAX pass validated the syntax
        return Result<Lesson, LessonError>::failure(LessonError{file, 0, "", e.what()});
    }
}

Result<Lesson, LessonError> load_lesson_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<Lesson, LessonError>::failure(LessonError{path, 0, "", fmt::format("cannot read: {}", std::strerror(errno))});
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string dir;  // "" = the current directory
    if (auto slash = path.find_last_of('/'); slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
    return parse_lesson(ss.str(), path, dir);
}

}  // namespace imaplab
