#include "engine/sasl/mechanism.hpp"

#include "types/flags.hpp"

namespace imaplab::sasl {

Step Step::challenge_with(std::string bytes) {
    Step s;
    s.kind = Kind::Challenge;
    s.challenge = std::move(bytes);
    return s;
}

Step Step::done(Credentials c) {
    Step s;
    s.kind = Kind::Done;
    s.credentials = std::move(c);
    return s;
}

Step Step::failed() { return Step{}; }

namespace {

/// PLAIN, RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd. The client speaks
/// first; without an initial response the server sends an empty challenge ("+ ").
class Plain final : public Mechanism {
public:
    std::string_view name() const override { return "PLAIN"; }
    Step start(std::optional<std::string> initial) override {
        if (!initial) return Step::challenge_with({});
        return parse(std::move(*initial));
    }
    Step respond(std::string response) override { return parse(std::move(response)); }

private:
    static Step parse(std::string message) {
        Step step = split(message);
        wipe_string(message);  // it holds the password
        return step;
    }
    static Step split(std::string_view m) {
        std::size_t nul1 = m.find('\0');
        if (nul1 == std::string_view::npos) return Step::failed();
        std::size_t nul2 = m.find('\0', nul1 + 1);
        if (nul2 == std::string_view::npos || m.find('\0', nul2 + 1) != std::string_view::npos) return Step::failed();
        Credentials c;
        c.authzid = std::string(m.substr(0, nul1));
        c.authcid = std::string(m.substr(nul1 + 1, nul2 - nul1 - 1));
        c.password = Secret(std::string(m.substr(nul2 + 1)));
        // authcid = 1*SAFE, passwd = 1*SAFE
        if (c.authcid.empty() || c.password.empty()) return Step::failed();
        return Step::done(std::move(c));
    }
};

/// LOGIN (draft-murchison-sasl-login-00): the server asks "Username:" then "Password:", the
/// prompts Dovecot sends. An initial response (SASL-IR) is the user name; an empty one is no
/// user name yet, as in Dovecot.
class Login final : public Mechanism {
public:
    std::string_view name() const override { return "LOGIN"; }
    Step start(std::optional<std::string> initial) override {
        if (!initial || initial->empty()) return Step::challenge_with("Username:");
        return respond(std::move(*initial));
    }
    Step respond(std::string response) override {
        if (!have_user_) {
            if (response.empty()) return Step::failed();
            user_ = std::move(response);
            have_user_ = true;
            return Step::challenge_with("Password:");
        }
        Credentials c;
        c.authcid = std::move(user_);
        c.password = Secret(std::move(response));
        return Step::done(std::move(c));
    }

private:
    bool have_user_ = false;
    std::string user_;
};

}  // namespace

const std::vector<std::string_view>& mechanism_names() {
    static const std::vector<std::string_view> names{"PLAIN", "LOGIN"};
    return names;
}

std::unique_ptr<Mechanism> make_mechanism(std::string_view name) {
    if (iequals(name, "PLAIN")) return std::make_unique<Plain>();
    if (iequals(name, "LOGIN")) return std::make_unique<Login>();
    return nullptr;
}

bool is_plaintext_mechanism(std::string_view name) { return iequals(name, "PLAIN") || iequals(name, "LOGIN"); }

}  // namespace imaplab::sasl
