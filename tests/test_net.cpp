// The network server's pure parts: listen addresses, redaction of secrets in traces, printable
// trace lines, fixture files, users files and classroom accounts. (test_net_server.cpp runs the
// event loop itself; tests/net/*.py run real clients against imaplab-cli serve.)
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <netinet/in.h>
#include <arpa/inet.h>

#include "lesson/fixture_file.hpp"
#include "net/accounts.hpp"
#include "net/listen_address.hpp"
#include "net/redact.hpp"
#include "net/trace_printer.hpp"

using namespace imaplab;
using namespace imaplab::net;

namespace {

const std::string kNetData = std::string(IMAPLAB_SOURCE_DIR) + "/tests/net/data";

WireLine client(LineKind kind, std::string text) {
    WireLine w;
    w.kind = kind;
    w.text = std::move(text);
    if (kind == LineKind::ClientCommand) w.tag = w.text.substr(0, w.text.find(' '));
    return w;
}

WireLine command(std::string text) { return client(LineKind::ClientCommand, std::move(text)); }
WireLine continuation(std::string text) { return client(LineKind::ClientContinuation, std::move(text)); }

WireLine server(LineKind kind, std::string text, std::string tag = "") {
    WireLine w;
    w.kind = kind;
    w.text = std::move(text);
    w.tag = std::move(tag);
    return w;
}

/// Runs lines through one Redactor; returns the client lines' texts after redaction.
std::vector<std::string> redact(std::vector<WireLine> lines) {
    Redactor r;
    std::vector<std::string> out;
    for (auto& w : lines) {
        r.apply(w);
        if (w.is_client()) out.push_back(w.text);
    }
    return out;
}

}  // namespace

TEST_CASE("listen addresses: HOST:PORT, [IPv6]:PORT and PORT", "[net]") {
    auto a = parse_listen_address("127.0.0.1:1143");
    REQUIRE(a.ok());
    CHECK(a->host == "127.0.0.1");
    CHECK(a->port == 1143);
    CHECK(a->to_string() == "127.0.0.1:1143");

    auto b = parse_listen_address("[::1]:0");
    REQUIRE(b.ok());
    CHECK(b->host == "::1");
    CHECK(b->port == 0);
    CHECK(b->to_string() == "[::1]:0");

    auto c = parse_listen_address("10143");
    REQUIRE(c.ok());
    CHECK(c->host == "127.0.0.1");
    CHECK(c->port == 10143);

    auto d = parse_listen_address("localhost:143");
    REQUIRE(d.ok());
    CHECK(d->host == "localhost");

    CHECK(parse_listen_address("localhost").error() == "\"localhost\": expected HOST:PORT (e.g. 127.0.0.1:1143)");
    CHECK(parse_listen_address("127.0.0.1:65536").error() == "\"127.0.0.1:65536\": the port must be a number from 0 to 65535");
    CHECK(parse_listen_address("127.0.0.1:").error() == "\"127.0.0.1:\": the port must be a number from 0 to 65535");
    CHECK(parse_listen_address(":1143").error().find("the host is missing") != std::string::npos);
    CHECK(parse_listen_address("::1:1143").error() == "\"::1:1143\": an IPv6 address goes in brackets: [::1]:1143");
    CHECK(parse_listen_address("[::1]1143").error() == "\"[::1]1143\": expected [IPV6]:PORT (e.g. [::1]:1143)");
}

TEST_CASE("loopback detection and address formatting", "[net]") {
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = htons(1143);
    inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
    CHECK(is_loopback(reinterpret_cast<sockaddr*>(&v4)));
    CHECK(format_socket_address(reinterpret_cast<sockaddr*>(&v4)) == "127.0.0.1:1143");
    inet_pton(AF_INET, "127.8.9.10", &v4.sin_addr);
    CHECK(is_loopback(reinterpret_cast<sockaddr*>(&v4)));
    inet_pton(AF_INET, "0.0.0.0", &v4.sin_addr);
    CHECK_FALSE(is_loopback(reinterpret_cast<sockaddr*>(&v4)));
    inet_pton(AF_INET, "192.168.1.5", &v4.sin_addr);
    CHECK_FALSE(is_loopback(reinterpret_cast<sockaddr*>(&v4)));

    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(993);
    inet_pton(AF_INET6, "::1", &v6.sin6_addr);
    CHECK(is_loopback(reinterpret_cast<sockaddr*>(&v6)));
    CHECK(format_socket_address(reinterpret_cast<sockaddr*>(&v6)) == "[::1]:993");
    inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
    CHECK(is_loopback(reinterpret_cast<sockaddr*>(&v6)));
    inet_pton(AF_INET6, "::", &v6.sin6_addr);
    CHECK_FALSE(is_loopback(reinterpret_cast<sockaddr*>(&v6)));
}

TEST_CASE("redaction: LOGIN passwords in every astring form", "[net]") {
    CHECK(redact({command("a LOGIN alice secret")}) == std::vector<std::string>{"a LOGIN alice <redacted>"});
    CHECK(redact({command("a login \"alice\" \"se cr\\\"et\"")}) == std::vector<std::string>{"a login \"alice\" <redacted>"});
    CHECK(redact({command("a LOGIN \"al \\\"ice\" x")}) == std::vector<std::string>{"a LOGIN \"al \\\"ice\" <redacted>"});
    // LITERAL+ user name inline, then the password.
    CHECK(redact({command("a LOGIN {5+}\r\nalice {6+}\r\nsecret")}) ==
          std::vector<std::string>{"a LOGIN {5+}\r\nalice <redacted>"});
    // Synchronising literals: the command arrives in chunks after each "+".
    CHECK(redact({command("a LOGIN {5}"), server(LineKind::ServerContinuation, "+ OK"), continuation("alice {6}"),
                  server(LineKind::ServerContinuation, "+ OK"), continuation("secret")}) ==
          std::vector<std::string>{"a LOGIN {5}", "alice <redacted>", "<redacted>"});
    CHECK(redact({command("a LOGIN alice {6}"), server(LineKind::ServerContinuation, "+ OK"), continuation("secret")}) ==
          std::vector<std::string>{"a LOGIN alice <redacted>", "<redacted>"});
    // The next command is not redacted.
    CHECK(redact({command("a LOGIN alice {6}"), continuation("secret"), command("b SELECT INBOX")}) ==
          std::vector<std::string>{"a LOGIN alice <redacted>", "<redacted>", "b SELECT INBOX"});
    // Nothing secret: left alone.
    CHECK(redact({command("a LOGIN alice")}) == std::vector<std::string>{"a LOGIN alice"});
    CHECK(redact({command("a SELECT secret")}) == std::vector<std::string>{"a SELECT secret"});
    CHECK(redact({command("LOGIN")}) == std::vector<std::string>{"LOGIN"});
}

TEST_CASE("redaction: literal spans past the cut are dropped", "[net]") {
    Redactor r;
    WireLine w = command("a LOGIN {5+}\r\nalice {6+}\r\nsecret");
    w.literals = {{14, 5}, {27, 6}};
    r.apply(w);
    CHECK(w.text == "a LOGIN {5+}\r\nalice <redacted>");
    REQUIRE(w.literals.size() == 1);
    CHECK(w.literals[0].offset == 14);
}

TEST_CASE("redaction: AUTHENTICATE initial responses and SASL responses", "[net]") {
    // SASL-IR (RFC 4959).
    CHECK(redact({command("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="), server(LineKind::ServerTagged, "a OK Logged in", "a"),
                  command("b NOOP")}) ==
          std::vector<std::string>{"a AUTHENTICATE PLAIN <redacted>", "b NOOP"});
    // The "+" round trip: every client line until the tagged response is a SASL response.
    CHECK(redact({command("a AUTHENTICATE LOGIN"), server(LineKind::ServerContinuation, "+ VXNlcm5hbWU6"), command("YWxpY2U="),
                  server(LineKind::ServerContinuation, "+ UGFzc3dvcmQ6"), command("c2VjcmV0"),
                  server(LineKind::ServerTagged, "a OK Logged in", "a"), command("b LIST \"\" *")}) ==
          std::vector<std::string>{"a AUTHENTICATE LOGIN", "<redacted>", "<redacted>", "b LIST \"\" *"});
    // As the wire tap records them: SASL responses are continuations of the AUTHENTICATE command.
    CHECK(redact({command("a AUTHENTICATE PLAIN"), server(LineKind::ServerContinuation, "+ "),
                  continuation("AGFsaWNlAHNlY3JldA=="), server(LineKind::ServerTagged, "a OK Logged in", "a"),
                  command("b IDLE"), server(LineKind::ServerContinuation, "+ idling"), continuation("DONE")}) ==
          std::vector<std::string>{"a AUTHENTICATE PLAIN", "<redacted>", "b IDLE", "DONE"});
    // "*" cancels (RFC 9051 §6.2.2) and is shown.
    CHECK(redact({command("a AUTHENTICATE PLAIN"), server(LineKind::ServerContinuation, "+ "), command("*"),
                  server(LineKind::ServerTagged, "a BAD Authentication aborted by client.", "a")}) ==
          std::vector<std::string>{"a AUTHENTICATE PLAIN", "*"});
    // A refused AUTHENTICATE ends the exchange at once.
    CHECK(redact({command("a AUTHENTICATE X-UNKNOWN"), server(LineKind::ServerTagged, "a NO Unsupported authentication mechanism.", "a"),
                  command("b LOGOUT")}) == std::vector<std::string>{"a AUTHENTICATE X-UNKNOWN", "b LOGOUT"});
    // Untagged lines and other tags do not end it.
    CHECK(redact({command("a AUTHENTICATE PLAIN"), server(LineKind::ServerUntagged, "* OK hello"),
                  server(LineKind::ServerTagged, "z OK other", "z"), command("AGFsaWNlAHNlY3JldA==")}) ==
          std::vector<std::string>{"a AUTHENTICATE PLAIN", "<redacted>"});
}

TEST_CASE("redacting sink passes every event on", "[net]") {
    Timeline t;
    RedactingSink sink(&t);
    sink.record(1, command("a LOGIN alice secret"));
    sink.record(1, StateChanged{SessionState::NotAuthenticated, SessionState::Authenticated, "LOGIN"});
    REQUIRE(t.size() == 2);
    CHECK(std::get<WireLine>(t.events()[0].data).text == "a LOGIN alice <redacted>");
    CHECK(t.events()[0].connection == 1);
    CHECK(std::holds_alternative<StateChanged>(t.events()[1].data));
}

TEST_CASE("trace printer: physical lines, short literals shown, long ones summarised", "[net]") {
    WireLine w = server(LineKind::ServerUntagged, "* 1 FETCH (BODY[] {5}\r\nhello)");
    w.literals = {{23, 5}};
    CHECK(printable_lines(w) == std::vector<std::string>{"* 1 FETCH (BODY[] {5}", "hello)"});

    std::string body(300, 'x');
    WireLine big = server(LineKind::ServerUntagged, "* 1 FETCH (BODY[] {300}\r\n" + body + ")");
    big.literals = {{25, 300}};
    CHECK(printable_lines(big) == std::vector<std::string>{"* 1 FETCH (BODY[] {300}", "<literal: 300 octets>)"});

    WireLine binary = command(std::string("a APPEND INBOX {3}\r\n\x01\x02\x03", 23));
    binary.literals = {{20, 3}};
    CHECK(printable_lines(binary) == std::vector<std::string>{"a APPEND INBOX {3}", "<literal: 3 octets>"});

    WireLine control = command(std::string("a NOOP\x1b[31m", 11));
    CHECK(printable_lines(control) == std::vector<std::string>{"a NOOP\\x1B[31m"});

    std::vector<std::string> printed;
    TracePrinter printer([&](std::string_view l) { printed.emplace_back(l); });
    printer.record(7, command("a NOOP"));
    printer.record(7, server(LineKind::ServerTagged, "a OK NOOP completed.", "a"));
    printer.record(7, StateChanged{});
    CHECK(printed == std::vector<std::string>{"conn 7 C: a NOOP", "conn 7 S: a OK NOOP completed."});
}

TEST_CASE("fixture files: a lesson, a fixture object or one account's mailboxes", "[net]") {
    auto lesson = load_fixture_file(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/lessons/minimal.json");
    REQUIRE(lesson.ok());
    REQUIRE(lesson->accounts.size() == 1);
    CHECK(lesson->accounts[0].user == "u");
    CHECK(lesson->accounts[0].mailboxes.size() == 2);

    auto fixture = load_fixture_file(kNetData + "/fixture.json");
    REQUIRE(fixture.ok());
    CHECK(fixture->uidvalidity == 1700000000);
    REQUIRE(fixture->accounts.size() == 2);
    CHECK(fixture->accounts[0].mailboxes[0].messages.size() == 3);

    auto mailboxes = load_fixture_file(kNetData + "/mailboxes.json");
    REQUIRE(mailboxes.ok());
    REQUIRE(mailboxes->accounts.size() == 1);
    CHECK(mailboxes->accounts[0].user.empty());
    CHECK(mailboxes->accounts[0].mailboxes.size() == 2);
    CHECK(mailboxes->accounts[0].mailboxes[1].name == "Sent");
}

TEST_CASE("fixture files: errors name the file's own line and JSON path", "[net]") {
    auto e1 = parse_fixture("{\"accounts\": [\n  {\"user\": \"u\", \"password\": \"p\",\n   \"mailboxes\": [{\"name\": \"Sent\"}]}]}",
                            "f.json", ".");
    REQUIRE_FALSE(e1.ok());
    CHECK(e1.error().to_string() == "f.json:3: /accounts/0/mailboxes: no \"INBOX\" mailbox (every account has one, RFC 9051 §5.1)");

    auto e2 = parse_fixture("\n{\"mailboxes\": [{\"name\": \"INBOX\",\n \"messages\": [{\"uid\": 0}]}]}", "m.json", ".");
    REQUIRE_FALSE(e2.ok());
    CHECK(e2.error().line == 3);
    CHECK(e2.error().json_path == "/mailboxes/0/messages/0/uid");

    auto e3 = parse_fixture("{\"mailboxes\": [], \"colour\": 1}", "m.json", ".");
    REQUIRE_FALSE(e3.ok());
    CHECK(e3.error().json_path == "/colour");

    auto e4 = parse_fixture("{\"accounts\": [}", "s.json", ".");
    REQUIRE_FALSE(e4.ok());
    CHECK(e4.error().line == 1);

    auto e5 = load_fixture_file(kNetData + "/no-such-file.json");
    REQUIRE_FALSE(e5.ok());
    CHECK(e5.error().message.find("cannot read") == 0);
}

TEST_CASE("users files", "[net]") {
    auto users = load_users_file(kNetData + "/users.json");
    REQUIRE(users.ok());
    REQUIRE(users->size() == 3);
    CHECK(users->at(0).user == "alice");
    CHECK(users->at(0).password == "alice-pw");
    CHECK(users->at(0).fixture == kNetData + "/fixture.json");  // relative to the users file
    CHECK(users->at(2).fixture.empty());

    MailStore store;
    auto added = add_users(store, *users, 42, nullptr);
    REQUIRE(added.ok());
    CHECK(*added == 3);
    Account* alice = store.authenticate("alice", "alice-pw");
    REQUIRE(alice);
    CHECK(alice->find("INBOX")->messages().size() == 3);
    Account* bob = store.authenticate("bob", "bob-pw");  // the fixture's account called "bob"
    REQUIRE(bob);
    CHECK(bob->find("INBOX")->messages().size() == 1);
    Account* carol = store.authenticate("carol", "carol-pw");  // no fixture: an empty INBOX
    REQUIRE(carol);
    CHECK(carol->find("INBOX")->messages().size() == 0);
    CHECK(carol->find("INBOX")->uidvalidity() == 42);
    CHECK_FALSE(store.authenticate("alice", "bob-pw"));

    auto bad = load_users_file(kNetData + "/users_bad.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error() == kNetData + "/users_bad.json: /1/user: duplicate user \"alice\"");
}

TEST_CASE("classroom: any user name, the class password, a fresh copy each", "[net]") {
    auto fixture = load_fixture_file(kNetData + "/fixture.json");
    REQUIRE(fixture.ok());
    MailStore store;
    enable_classroom(store, *fixture, "class", nullptr, 3);
    CHECK(store.accounts().empty());
    CHECK_FALSE(store.authenticate("student1", "wrong"));
    CHECK(store.accounts().empty());  // a wrong password creates nothing
    Account* s1 = store.authenticate("student1", "class");
    REQUIRE(s1);
    Account* s2 = store.authenticate("student2", "class");
    REQUIRE(s2);
    CHECK(s1 != s2);
    CHECK(s1->find("INBOX") != s2->find("INBOX"));
    CHECK(s1->find("INBOX")->messages().size() == 3);
    s1->find("INBOX")->expunge(Uid{1});
    CHECK(s1->find("INBOX")->messages().size() == 2);
    CHECK(s2->find("INBOX")->messages().size() == 3);
    CHECK(store.authenticate("student1", "class") == s1);  // the same account next time
    CHECK_FALSE(store.authenticate("", "class"));
    CHECK_FALSE(store.authenticate(std::string(65, 'x'), "class"));
    CHECK(store.authenticate("student3", "class"));
    CHECK_FALSE(store.authenticate("student4", "class"));  // at most 3 accounts
}
