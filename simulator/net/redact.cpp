#include "net/redact.hpp"

#include <cctype>
#include <cstdlib>

#include "types/flags.hpp"

namespace imaplab::net {
namespace {

constexpr std::size_t npos = std::string::npos;

/// Replaces everything from `from` on with " <redacted>" and drops literal spans past `from`.
void cut(WireLine& w, std::size_t from) {
    w.text.erase(from);
    w.text += ' ';
    w.text += kRedacted;
    std::erase_if(w.literals, [&](const LiteralSpan& l) { return l.offset + l.length > from; });
}

void redact_all(WireLine& w) {
    w.text = std::string(kRedacted);
    w.literals.clear();
}

/// The token starting at `pos` up to the next space (or the end).
std::string_view token(const std::string& s, std::size_t pos) {
    if (pos >= s.size()) return {};
    std::size_t sp = s.find(' ', pos);
    return std::string_view(s).substr(pos, (sp == npos ? s.size() : sp) - pos);
}

struct Astring {
    enum class Kind { Done, Literal, Bad } kind = Kind::Bad;
    std::size_t end = 0;         ///< Done: one past the astring
    std::size_t literal = 0;     ///< Literal: octets announced, not in this chunk
};

/// Scans an astring (atom, quoted string or literal) starting at `pos`. RFC 9051 §9 astring.
Astring scan_astring(const std::string& s, std::size_t pos) {
    Astring a;
    if (pos >= s.size()) return a;
    if (s[pos] == '"') {
        for (std::size_t i = pos + 1; i < s.size(); ++i) {
            if (s[i] == '\\') {
                ++i;
            } else if (s[i] == '"') {
                a.kind = Astring::Kind::Done;
                a.end = i + 1;
                return a;
            }
        }
        return a;
    }
    if (s[pos] == '{') {
        std::size_t close = s.find('}', pos);
        if (close == npos) return a;
        std::string digits = s.substr(pos + 1, close - pos - 1);
        if (!digits.empty() && digits.back() == '+') digits.pop_back();
        if (digits.empty() || digits.find_first_not_of("0123456789") != npos || digits.size() > 12) return a;
        std::size_t n = std::strtoull(digits.c_str(), nullptr, 10);
        std::size_t data = close + 1;
        if (data == s.size()) {  // the chunk ends at a synchronising literal announcement
            a.kind = Astring::Kind::Literal;
            a.literal = n;
            return a;
        }
        if (s.compare(data, 2, "\r\n") == 0) data += 2;
        else if (s[data] == '\n') data += 1;
        else return a;
        if (data + n > s.size()) return a;
        a.kind = Astring::Kind::Done;
        a.end = data + n;
        return a;
    }
    std::size_t end = s.find(' ', pos);
    a.kind = Astring::Kind::Done;
    a.end = end == npos ? s.size() : end;
    return a;
}

}  // namespace

void Redactor::redact_login(WireLine& w, std::size_t user_start) {
    Astring user = scan_astring(w.text, user_start);
    switch (user.kind) {
        case Astring::Kind::Literal:
            login_ = Login::UserLiteral;
            user_literal_ = user.literal;
            return;
        case Astring::Kind::Done:
            if (user.end < w.text.size()) {
                cut(w, user.end);
                login_ = Login::Password;  // a password literal may follow in later chunks
            }
            return;
        case Astring::Kind::Bad:
            if (user_start < w.text.size()) cut(w, user_start > 0 ? user_start - 1 : 0);
            login_ = Login::Password;
            return;
    }
}

void Redactor::apply(WireLine& w) {
    if (!w.is_client()) {
        if (w.kind == LineKind::ServerTagged && !sasl_tag_.empty() && w.tag == sasl_tag_) sasl_tag_.clear();
        return;
    }
    if (!sasl_tag_.empty()) {
        // A SASL response line (base64) during AUTHENTICATE; "*" cancels the exchange. The wire tap
        // records it as a continuation of the AUTHENTICATE command (older taps: as a new command,
        // whose "tag" would be the base64 data).
        if (w.text != "*") redact_all(w);
        if (w.kind == LineKind::ClientCommand) w.tag.clear();
        return;
    }
    if (w.kind == LineKind::ClientContinuation) {
        if (login_ == Login::Password) {
            redact_all(w);
        } else if (login_ == Login::UserLiteral) {
            // The chunk starts with the user name's literal data; the password follows it.
            if (user_literal_ < w.text.size()) {
                cut(w, user_literal_);
                login_ = Login::Password;
            }
        }
        return;
    }
    login_ = Login::None;
    // A POP3 client line (pop3/pop3_wire_tap.hpp: commands without tags): "PASS secret",
    // RFC 1939 §7.
    if (w.kind == LineKind::ClientCommand && w.tag.empty() && w.text.size() > 4 && iequals(std::string_view(w.text).substr(0, 5), "PASS ")) {
        cut(w, 4);
        return;
    }
    std::size_t sp = w.text.find(' ');
    if (sp == npos) return;
    std::string_view verb = token(w.text, sp + 1);
    const std::size_t args = sp + 1 + verb.size() + 1;  // first argument
    if (iequals(verb, "LOGIN")) {
        redact_login(w, args);
    } else if (iequals(verb, "AUTHENTICATE")) {
        sasl_tag_ = w.tag.empty() ? w.text.substr(0, sp) : w.tag;
        std::string_view mechanism = token(w.text, args);
        const std::size_t after = args + mechanism.size();
        if (after < w.text.size()) cut(w, after);  // the SASL initial response (RFC 4959)
    }
}

void RedactingSink::record(std::uint32_t connection, TraceData data) {
    if (auto* w = std::get_if<WireLine>(&data)) redactor_.apply(*w);
    if (next_) next_->record(connection, std::move(data));
}

}  // namespace imaplab::net
