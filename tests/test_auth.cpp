// AUTHENTICATE (RFC 9051 §6.2.2, SASL-IR RFC 4959, PLAIN RFC 4616, LOGIN), LOGIN with
// LOGINDISABLED, STARTTLS (§6.2.1) and the base64 they rest on, with exact protocol lines. The
// texts were checked against Dovecot 2.3 (ssl=no, and ssl=yes with disable_plaintext_auth=yes
// on a non-local address); where Dovecot and RFC 9051 disagree the test says so.
#include <catch2/catch.hpp>

#include "engine/sasl/base64.hpp"
#include "engine/sasl/mechanism.hpp"
#include "session_harness.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using imaplab::test::kCapsPostLogin;
using imaplab::test::kCapsPreLogin;
using Lines = std::vector<std::string>;

namespace {

/// Reconnects the harness's session with `config` (same store and timeline).
void reconnect(Harness& h, ServerConfig config) {
    h.session = std::make_unique<Session>(h.store, std::move(config), &h.timeline, 1);
    h.greeting = h.session->greeting();
}

std::string b64(std::string_view s) { return sasl::base64_encode(s); }

const std::string kLoggedIn = "OK [CAPABILITY " + kCapsPostLogin + "] Logged in";

}  // namespace

// ---- base64 ----

TEST_CASE("base64: RFC 4648 test vectors through OpenSSL", "[auth][base64]") {
    const std::vector<std::pair<std::string, std::string>> vectors{
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        INFO(plain);
        CHECK(sasl::base64_encode(plain) == encoded);
        CHECK(sasl::base64_decode(encoded) == plain);
    }
    const std::string binary("\0alice\0secret\xff\x80", 15);
    CHECK(sasl::base64_encode(binary) == "AGFsaWNlAHNlY3JldP+A");
    CHECK(sasl::base64_decode("AGFsaWNlAHNlY3JldP+A") == binary);
    CHECK(sasl::base64_encode("Username:") == "VXNlcm5hbWU6");
    CHECK(sasl::base64_encode("Password:") == "UGFzc3dvcmQ6");
}

TEST_CASE("base64: decoding is strict", "[auth][base64]") {
    for (const char* bad : {"Zg", "Zg=", "Zm9", "Z===", "====", "Zm=v", "Zg==Zg==", "Zm9v====", "Zm9!", " Zm9v", "Zm9v ",
                            "Zm9v\r", "Zm 9v", "Zm9v\n", "Zm9v=", "-_-_"}) {
        INFO(bad);
        CHECK_FALSE(sasl::base64_decode(bad).has_value());
    }
    CHECK_FALSE(sasl::base64_decode(std::string_view("Zm9v\0\0\0\0", 8)).has_value());
    CHECK_FALSE(sasl::base64_decode(std::string_view("Zm9vYm\0y", 8)).has_value());
}

// ---- mechanisms, without the session ----

TEST_CASE("PLAIN mechanism: authzid, authcid, password (RFC 4616)", "[auth][sasl]") {
    auto m = sasl::make_mechanism("plain");
    REQUIRE(m);
    CHECK(m->name() == "PLAIN");
    auto first = m->start(std::nullopt);
    CHECK(first.kind == sasl::Step::Kind::Challenge);
    CHECK(first.challenge.empty());
    auto done = m->respond(std::string("admin\0alice\0secret", 18));
    REQUIRE(done.kind == sasl::Step::Kind::Done);
    CHECK(done.credentials.authzid == "admin");
    CHECK(done.credentials.authcid == "alice");
    CHECK(done.credentials.password.reveal() == "secret");
    for (std::string bad : {std::string("alice"), std::string("\0alice", 6), std::string("\0\0secret", 8),
                            std::string("\0alice\0", 7), std::string("\0alice\0secret\0", 14), std::string()}) {
        INFO(b64(bad));
        CHECK(sasl::make_mechanism("PLAIN")->start(bad).kind == sasl::Step::Kind::Failed);
    }
    CHECK(sasl::make_mechanism("CRAM-MD5") == nullptr);
    CHECK(sasl::mechanism_names() == std::vector<std::string_view>{"PLAIN", "LOGIN"});
}

// ---- AUTHENTICATE PLAIN ----

TEST_CASE("AUTHENTICATE PLAIN with an initial response (SASL-IR)", "[auth][authenticate]") {
    Harness h;
    CHECK(b64(std::string("\0alice\0secret", 13)) == "AGFsaWNlAHNlY3JldA==");
    CHECK(h.send("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"a " + kLoggedIn});
    CHECK(h.session->state() == SessionState::Authenticated);
    // The trace shows the state change caused by AUTHENTICATE.
    const StateChanged* change = nullptr;
    for (const auto& e : h.timeline.events())
        if (const auto* s = std::get_if<StateChanged>(&e.data); s && s->to == SessionState::Authenticated) change = s;
    REQUIRE(change);
    CHECK(change->command == "AUTHENTICATE");
    CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") ==
          Lines{"b BAD Error in IMAP command AUTHENTICATE: Already logged in (AUTHENTICATE is valid only in Not Authenticated state)."});
}

TEST_CASE("AUTHENTICATE PLAIN: empty challenge, then the response", "[auth][authenticate]") {
    Harness h;
    CHECK(h.raw("a authenticate plain\r\n") == "+ \r\n");
    CHECK(h.session->state() == SessionState::NotAuthenticated);
    CHECK(h.raw("AGFsaWNlAHNlY3JldA==\r\n") == "a " + kLoggedIn + "\r\n");
    CHECK(h.session->state() == SessionState::Authenticated);
}

TEST_CASE("AUTHENTICATE PLAIN: authorization identity as Dovecot without master users", "[auth][authenticate]") {
    SECTION("authzid equal to the user is accepted") {
        Harness h;
        CHECK(h.send("a AUTHENTICATE PLAIN " + b64(std::string("alice\0alice\0secret", 18))) == Lines{"a " + kLoggedIn});
    }
    SECTION("another authzid is refused") {
        Harness h;
        CHECK(h.send("a AUTHENTICATE PLAIN " + b64(std::string("bob\0alice\0secret", 16))) ==
              Lines{"a NO [AUTHENTICATIONFAILED] Authentication failed."});
        CHECK(h.session->state() == SessionState::NotAuthenticated);
    }
}

TEST_CASE("AUTHENTICATE PLAIN: failures are NO [AUTHENTICATIONFAILED]", "[auth][authenticate]") {
    Harness h;
    const std::string failed = " NO [AUTHENTICATIONFAILED] Authentication failed.";
    CHECK(h.send("a AUTHENTICATE PLAIN " + b64(std::string("\0alice\0wrong", 12))) == Lines{"a" + failed});
    CHECK(h.send("b AUTHENTICATE PLAIN " + b64(std::string("\0nobody\0secret", 14))) == Lines{"b" + failed});
    // Malformed PLAIN messages fail the same way (Dovecot: "invalid input").
    CHECK(h.send("c AUTHENTICATE PLAIN " + b64("alice secret")) == Lines{"c" + failed});
    CHECK(h.send("d AUTHENTICATE PLAIN " + b64(std::string("\0alice\0secret\0", 14))) == Lines{"d" + failed});
    // "=" is an empty initial response (RFC 4959): not a PLAIN message.
    CHECK(h.send("e AUTHENTICATE PLAIN =") == Lines{"e" + failed});
    // An empty line answering the challenge is an empty response.
    CHECK(h.send("f AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("") == Lines{"f" + failed});
    CHECK(h.session->state() == SessionState::NotAuthenticated);
    CHECK(h.send("g NOOP") == Lines{"g OK NOOP completed."});
    CHECK(h.send("h AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"h " + kLoggedIn});
}

// ---- AUTHENTICATE LOGIN ----

TEST_CASE("AUTHENTICATE LOGIN: Dovecot's Username: and Password: prompts", "[auth][authenticate]") {
    Harness h;
    CHECK(h.send("a AUTHENTICATE LOGIN") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send(b64("alice")) == Lines{"+ UGFzc3dvcmQ6"});
    CHECK(h.send(b64("secret")) == Lines{"a " + kLoggedIn});
    CHECK(h.session->state() == SessionState::Authenticated);
}

TEST_CASE("AUTHENTICATE LOGIN with an initial response skips the user name prompt", "[auth][authenticate]") {
    Harness h;
    CHECK(h.send("a AUTHENTICATE LOGIN " + b64("alice")) == Lines{"+ UGFzc3dvcmQ6"});
    CHECK(h.send(b64("wrong")) == Lines{"a NO [AUTHENTICATIONFAILED] Authentication failed."});
    // "=" (empty initial response) is no user name yet: the prompt comes, as in Dovecot.
    CHECK(h.send("b AUTHENTICATE LOGIN =") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send("") == Lines{"b NO [AUTHENTICATIONFAILED] Authentication failed."});
    CHECK(h.send("c AUTHENTICATE LOGIN " + b64("alice")) == Lines{"+ UGFzc3dvcmQ6"});
    CHECK(h.send(b64("secret")) == Lines{"c " + kLoggedIn});
}

// ---- cancelling, malformed input, unknown mechanisms ----

TEST_CASE("AUTHENTICATE: \"*\" cancels at any step with BAD", "[auth][authenticate]") {
    Harness h;
    const Lines aborted_a{"a BAD Authentication aborted by client."};
    CHECK(h.send("a AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("*") == aborted_a);
    CHECK(h.send("b AUTHENTICATE LOGIN") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send("*") == Lines{"b BAD Authentication aborted by client."});
    CHECK(h.send("c AUTHENTICATE LOGIN") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send(b64("alice")) == Lines{"+ UGFzc3dvcmQ6"});
    CHECK(h.send("*") == Lines{"c BAD Authentication aborted by client."});
    CHECK(h.session->state() == SessionState::NotAuthenticated);
    CHECK(h.send("d NOOP") == Lines{"d OK NOOP completed."});
}

TEST_CASE("AUTHENTICATE: base64 that is not base64 gets BAD", "[auth][authenticate]") {
    Harness h;
    // Initial response: Dovecot's text.
    CHECK(h.send("a AUTHENTICATE PLAIN !!!") == Lines{"a BAD Invalid base64 data in initial response"});
    CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA") == Lines{"b BAD Invalid base64 data in initial response"});
    CHECK(h.send("c AUTHENTICATE PLAIN a b") == Lines{"c BAD Invalid base64 data in initial response"});
    CHECK(h.send("d AUTHENTICATE PLAIN \"AGFsaWNlAHNlY3JldA==\"") == Lines{"d BAD Invalid base64 data in initial response"});
    // A response after "+": RFC 9051 §6.2.2 requires BAD (Dovecot 2.3 says
    // "NO [ALERT] Invalid base64 in response").
    CHECK(h.send("e AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("!!!") == Lines{"e BAD Invalid base64 in response"});
    CHECK(h.send("f AUTHENTICATE LOGIN") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send("YWxp=ZQ==") == Lines{"f BAD Invalid base64 in response"});  // non-terminal "="
    CHECK(h.send("g AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("AGFsaWNlAHNlY3JldA== ") == Lines{"g BAD Invalid base64 in response"});
    CHECK(h.session->state() == SessionState::NotAuthenticated);
    CHECK(h.send("h NOOP") == Lines{"h OK NOOP completed."});
}

TEST_CASE("AUTHENTICATE: unknown mechanisms and missing arguments", "[auth][authenticate]") {
    Harness h;
    CHECK(h.send("a AUTHENTICATE CRAM-MD5") == Lines{"a NO [ALERT] Unsupported authentication mechanism."});
    // The mechanism is checked before the initial response, as Dovecot does.
    CHECK(h.send("b AUTHENTICATE FOO !!!") == Lines{"b NO [ALERT] Unsupported authentication mechanism."});
    CHECK(h.send("c AUTHENTICATE") == Lines{"c BAD Error in IMAP command AUTHENTICATE: Missing arguments."});
    CHECK(h.send("d AUTHENTICATE \"PLAIN\"") == Lines{"d BAD Error in IMAP command AUTHENTICATE: Expected an atom."});
    CHECK(h.send("e AUTHENTICATE (PLAIN)") == Lines{"e BAD Error in IMAP command AUTHENTICATE: Expected an atom."});
}

TEST_CASE("AUTHENTICATE attempts of the UW-IMAP session in the course material", "[auth][authenticate][seeds]") {
    // ../shared/seeds/002: KERBEROS_V4 and GSSAPI refused, LOGIN cancelled with "*", then LOGIN.
    // UW-IMAP said "NO AUTHENTICATE KERBEROS_V4 failed" and sent the prompt "User Name"; we answer
    // as Dovecot does.
    Harness h;
    h.store.add_account("riley", "firetruck");
    CHECK(h.send("a1 AUTHENTICATE KERBEROS_V4") == Lines{"a1 NO [ALERT] Unsupported authentication mechanism."});
    CHECK(h.send("a2 AUTHENTICATE GSSAPI") == Lines{"a2 NO [ALERT] Unsupported authentication mechanism."});
    CHECK(h.send("a3 AUTHENTICATE LOGIN") == Lines{"+ VXNlcm5hbWU6"});
    CHECK(h.send("*") == Lines{"a3 BAD Authentication aborted by client."});
    CHECK(h.send("a4 LOGIN riley firetruck") == Lines{"a4 " + kLoggedIn});
    CHECK(h.send("a5 LOGOUT") == Lines{"* BYE Logging out", "a5 OK Logout completed."});
    CHECK(h.session->closed());
}

TEST_CASE("login after a pre-login CAPABILITY: untagged CAPABILITY and a plain OK, as Dovecot", "[auth][capability]") {
    SECTION("AUTHENTICATE") {
        Harness h;
        CHECK(h.send("a CAPABILITY").size() == 2);
        CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"* CAPABILITY " + kCapsPostLogin, "b OK Logged in"});
    }
    SECTION("LOGIN, after a failed attempt") {
        Harness h;
        CHECK(h.send("a CAPABILITY").size() == 2);
        CHECK(h.send("b LOGIN alice wrong") == Lines{"b NO [AUTHENTICATIONFAILED] Authentication failed."});
        CHECK(h.send("c LOGIN alice secret") == Lines{"* CAPABILITY " + kCapsPostLogin, "c OK Logged in"});
    }
}

// ---- LOGINDISABLED and STARTTLS ----

TEST_CASE("LOGINDISABLED: plaintext passwords refused with Dovecot's texts", "[auth][logindisabled]") {
    Harness h;
    ServerConfig config;
    config.login_disabled = true;
    reconnect(h, config);
    CHECK(h.greeting == "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ LOGINDISABLED] IMAP Lab ready.\r\n");
    CHECK(h.send("a LOGIN alice secret") ==
          Lines{"* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. If anyone "
                "was listening, the password was exposed.",
                "a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections."});
    CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"b NO [PRIVACYREQUIRED] Plaintext authentication disabled."});
    CHECK(h.send("c AUTHENTICATE PLAIN") == Lines{"c NO [PRIVACYREQUIRED] Plaintext authentication disabled."});
    CHECK(h.send("d AUTHENTICATE LOGIN =") == Lines{"d NO [PRIVACYREQUIRED] Plaintext authentication disabled."});
    CHECK(h.send("e AUTHENTICATE CRAM-MD5") == Lines{"e NO [ALERT] Unsupported authentication mechanism."});
    // Argument errors come first, as in Dovecot.
    CHECK(h.send("f LOGIN alice") == Lines{"f BAD Error in IMAP command LOGIN: Missing arguments."});
    CHECK(h.send("g STARTTLS") == Lines{"g BAD TLS support isn't enabled."});
    CHECK(h.session->state() == SessionState::NotAuthenticated);
}

TEST_CASE("STARTTLS then LOGIN: the capability list changes, plaintext is allowed", "[auth][starttls]") {
    Harness h;
    ServerConfig config;
    config.login_disabled = true;
    config.tls_available = true;
    int hook_calls = 0;
    Session* hooked = nullptr;
    config.starttls_hook = [&](Session& s) {
        ++hook_calls;
        hooked = &s;
    };
    reconnect(h, config);
    // Dovecot (ssl=yes, disable_plaintext_auth=yes, non-local client): the same list.
    CHECK(h.greeting == "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] IMAP Lab ready.\r\n");
    CHECK(h.send("a STARTTLS") == Lines{"a OK Begin TLS negotiation now."});
    CHECK(hook_calls == 1);
    CHECK(hooked == h.session.get());
    CHECK(h.send("b CAPABILITY") == Lines{"* CAPABILITY " + kCapsPreLogin,
                                          "b OK Pre-login capabilities listed, post-login capabilities have more."});
    CHECK(h.send("c STARTTLS") == Lines{"c BAD TLS is already active."});
    CHECK(hook_calls == 1);
    // CAPABILITY after STARTTLS is required of the client: the login OK keeps its response code.
    CHECK(h.send("d LOGIN alice secret") == Lines{"d " + kLoggedIn});
    CHECK(h.send("e STARTTLS") ==
          Lines{"e BAD Error in IMAP command STARTTLS: Already logged in (STARTTLS is valid only in Not Authenticated state)."});
}

TEST_CASE("STARTTLS without a TLS layer, and on an implicit-TLS connection", "[auth][starttls]") {
    SECTION("no TLS: Dovecot's ssl=no answer, not advertised") {
        Harness h;
        CHECK(h.send("a STARTTLS") == Lines{"a BAD TLS support isn't enabled."});
        CHECK(h.send("b STARTTLS now") == Lines{"b BAD Error in IMAP command STARTTLS: Unexpected extra arguments."});
        CHECK(h.send("c LOGIN alice secret") == Lines{"c " + kLoggedIn});
    }
    SECTION("implicit TLS: LOGINDISABLED does not apply") {
        Harness h;
        ServerConfig config;
        config.tls_active = true;
        config.tls_available = true;
        config.login_disabled = true;
        reconnect(h, config);
        CHECK(h.greeting == "* OK [CAPABILITY " + kCapsPreLogin + "] IMAP Lab ready.\r\n");
        CHECK(h.send("a STARTTLS") == Lines{"a BAD TLS is already active."});
        CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"b " + kLoggedIn});
    }
    SECTION("simulated TLS (no hook): the session counts as encrypted") {
        Harness h;
        ServerConfig config;
        config.tls_available = true;
        config.login_disabled = true;
        reconnect(h, config);
        CHECK(h.send("a STARTTLS") == Lines{"a OK Begin TLS negotiation now."});
        CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") == Lines{"b " + kLoggedIn});
    }
}

TEST_CASE("disabled extensions switch the AUTH features off", "[auth][config]") {
    Harness h;
    ServerConfig config;
    config.disabled_extensions = {"AUTH=LOGIN", "sasl-ir", "STARTTLS"};
    config.tls_available = true;
    reconnect(h, config);
    CHECK(h.greeting == "* OK [CAPABILITY IMAP4rev1 ID ENABLE IDLE LITERAL+ AUTH=PLAIN] IMAP Lab ready.\r\n");
    CHECK(h.send("a AUTHENTICATE LOGIN") == Lines{"a NO [ALERT] Unsupported authentication mechanism."});
    CHECK(h.send("b AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==") ==
          Lines{"b BAD Initial response not allowed: SASL-IR is not enabled."});
    CHECK(h.send("c STARTTLS") == Lines{"c BAD TLS support isn't enabled."});
    CHECK(h.send("d AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("AGFsaWNlAHNlY3JldA==") ==
          Lines{"d OK [CAPABILITY IMAP4rev1 ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED ESEARCH SEARCHRES "
                "LIST-STATUS BINARY MOVE STATUS=SIZE LITERAL+ SPECIAL-USE CREATE-SPECIAL-USE ACL RIGHTS=texk] Logged in"});
}

TEST_CASE("passwords reach no trace event but the wire lines", "[auth][secrets]") {
    Harness h;
    h.send("a LOGIN alice wrong-password-1");
    h.send("b AUTHENTICATE LOGIN");
    h.send(b64("alice"));
    h.send(b64("wrong-password-2"));
    h.send("c AUTHENTICATE PLAIN " + b64(std::string("\0alice\0secret", 13)));
    for (const auto& e : h.timeline.events()) {
        if (std::holds_alternative<WireLine>(e.data)) continue;  // redacted by the network layer
        const auto* s = std::get_if<StateChanged>(&e.data);
        if (!s) continue;
        CHECK(s->command.find("password") == std::string::npos);
        CHECK(s->command.find("secret") == std::string::npos);
    }
    CHECK(h.session->state() == SessionState::Authenticated);
}
