// The POP3 responder (simulator/pop3): RFC 1939 states and commands, CAPA (RFC 2449), over the same
// mail store as the IMAP engine. Expected lines are Dovecot 2.3's pop3 / pop3-login answers to the
// same commands (checked against a Dovecot 2.3.19 with a pop3 listener).
#include <catch2/catch.hpp>

#include "pop3/pop3_encode.hpp"
#include "pop3/pop3_maildrop.hpp"
#include "pop3/pop3_session.hpp"
#include "pop3/pop3_wire_tap.hpp"
#include "session_harness.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {

// Harness's INBOX: UID 10..14, UIDVALIDITY 1340776425 (hex 4fea9fe9), each message 132 octets.
const std::string kSize = std::to_string(test::make_message(1).size());

struct Pop3 {
    Pop3Session session;
    std::string greeting;
    Pop3(MailStore& store, TraceSink* trace = nullptr) : session(store, trace, 7) { greeting = session.greeting(); }
    Lines send(const std::string& line) { return Harness::split(session.feed(line + "\r\n")); }
    void login() {
        send("USER alice");
        send("PASS secret");
    }
};

}  // namespace

TEST_CASE("POP3 AUTHORIZATION: greeting, USER and PASS, Dovecot's errors", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    CHECK(p.greeting == "+OK IMAP Lab ready.\r\n");
    CHECK(p.session.state() == Pop3State::Authorization);
    CHECK(p.send("STAT") == Lines{"-ERR Unknown command."});
    CHECK(p.send("PASS secret") == Lines{"-ERR No username given."});
    CHECK(p.send("USER alice") == Lines{"+OK"});
    CHECK(p.send("PASS wrong") == Lines{"-ERR [AUTH] Authentication failed."});
    // A failed PASS forgets the name: the client starts again with USER.
    CHECK(p.send("PASS secret") == Lines{"-ERR No username given."});
    CHECK(p.send("user alice") == Lines{"+OK"});
    CHECK(p.send("pass secret") == Lines{"+OK Logged in."});
    CHECK(p.session.state() == Pop3State::Transaction);
    CHECK(p.send("USER alice") == Lines{"-ERR Unknown command: USER"});
    CHECK(p.send("foo") == Lines{"-ERR Unknown command: FOO"});
    CHECK(p.send("") == Lines{"-ERR Unknown command."});
}

TEST_CASE("POP3 QUIT in AUTHORIZATION ends the session", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    CHECK(p.send("QUIT") == Lines{"+OK Logging out"});
    CHECK(p.session.closed());
    CHECK(p.send("NOOP").empty());
}

TEST_CASE("POP3 CAPA lists USER only before login", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    CHECK(p.send("CAPA") == Lines{"+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "USER", "."});
    p.login();
    CHECK(p.send("CAPA") == Lines{"+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING", "AUTH-RESP-CODE", "."});
}

TEST_CASE("POP3 STAT, LIST and UIDL (%08Xu%08Xv: UID and UIDVALIDITY in hex)", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    p.login();
    CHECK(p.send("STAT") == Lines{"+OK 5 660"});
    CHECK(p.send("LIST") == Lines{"+OK 5 messages:", "1 " + kSize, "2 " + kSize, "3 " + kSize, "4 " + kSize, "5 " + kSize, "."});
    CHECK(p.send("LIST 2") == Lines{"+OK 2 " + kSize});
    CHECK(p.send("UIDL") == Lines{"+OK", "1 0000000a4fea9fe9", "2 0000000b4fea9fe9", "3 0000000c4fea9fe9", "4 0000000d4fea9fe9",
                                  "5 0000000e4fea9fe9", "."});
    CHECK(p.send("UIDL 5") == Lines{"+OK 5 0000000e4fea9fe9"});
    CHECK(Pop3Maildrop::unique_id(1, 0x6b026572) == "000000016b026572");
}

TEST_CASE("POP3 message numbers: Dovecot's -ERR texts", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    p.login();
    CHECK(p.send("LIST 0") == Lines{"-ERR There's no message 0."});
    CHECK(p.send("LIST 9") == Lines{"-ERR There's no message 9."});
    CHECK(p.send("LIST x") == Lines{"-ERR Invalid message number: x"});
    CHECK(p.send("RETR") == Lines{"-ERR Invalid message number: "});
    CHECK(p.send("LIST 1 2") == Lines{"-ERR Noise after message number:  2"});
    CHECK(p.send("UIDL 1 ") == Lines{"-ERR Noise after message number:  "});
    CHECK(p.send("RETR 99999999999") == Lines{"-ERR Message number too large: "});
    CHECK(p.send("LIST 4294967296") == Lines{"-ERR Message number too large: "});
    CHECK(p.send("LIST 4294967295x") == Lines{"-ERR Noise after message number: x"});
    CHECK(p.send("LIST 4294967295") == Lines{"-ERR There's no message 4294967295."});
    CHECK(p.send("TOP 1 99999999999999999999999") == Lines{"-ERR Size too large: 99999999999999999999999"});
    CHECK(p.send("TOP 1 18446744073709551615").front() == "+OK");
    CHECK(p.send("TOP 1") == Lines{"-ERR Noise after message number: "});
    CHECK(p.send("TOP 1 x") == Lines{"-ERR Invalid size: x"});
    CHECK(p.send("TOP 1 -1") == Lines{"-ERR Invalid size: -1"});
    CHECK(p.send("TOP 1 1 2") == Lines{"-ERR Noise after size:  2"});
}

TEST_CASE("POP3 RETR and TOP: CRLF, dot-stuffing, a final CRLF added", "[pop3]") {
    Harness h;
    Mailbox* inbox = h.store.find_account("alice")->find("INBOX");
    Message m;
    m.uid = Uid{20};
    m.text = std::make_shared<const std::string>("Subject: dots\r\n\r\nHi.\r\n.dot line\r\n..two\r\nend");
    inbox->append(std::move(m));
    Pop3 p(h.store);
    p.login();
    CHECK(p.send("RETR 6") == Lines{"+OK 43 octets", "Subject: dots", "", "Hi.", "..dot line", "...two", "end", "."});
    CHECK(p.send("TOP 6 0") == Lines{"+OK", "Subject: dots", "", "."});
    CHECK(p.send("TOP 6 2") == Lines{"+OK", "Subject: dots", "", "Hi.", "..dot line", "."});
    CHECK(p.send("TOP 6 100") == Lines{"+OK", "Subject: dots", "", "Hi.", "..dot line", "...two", "end", "."});
    CHECK(p.send("RETR 1") ==
          Lines{"+OK " + kSize + " octets", "From: Bob <bob@example.org>", "To: alice@example.org", "Subject: Message 1",
                "Date: Mon, 25 Jun 2012 10:00:00 +0400", "", "Body of message 1", "."});
}

TEST_CASE("POP3 encoding of a multi-line body", "[pop3]") {
    CHECK(pop3_stuffed_message("a\r\n.b\r\n") == "a\r\n..b\r\n");
    CHECK(pop3_stuffed_message(".") == "..\r\n");
    CHECK(pop3_stuffed_message("") == "");
    CHECK(pop3_stuffed_top("H: v\r\n\r\nl1\r\nl2\r\n", 1) == "H: v\r\n\r\nl1\r\n");
    CHECK(pop3_stuffed_top("\r\n.x\r\ny\r\n", 1) == "\r\n..x\r\n");
    CHECK(pop3_stuffed_top("H: only header", 3) == "H: only header\r\n");
}

TEST_CASE("POP3 DELE marks, RSET unmarks, STAT and LIST skip marked messages", "[pop3]") {
    Harness h;
    Pop3 p(h.store);
    p.login();
    CHECK(p.send("DELE 2") == Lines{"+OK Marked to be deleted."});
    CHECK(p.send("DELE 2") == Lines{"-ERR Message is deleted."});
    CHECK(p.send("RETR 2") == Lines{"-ERR Message is deleted."});
    CHECK(p.send("STAT") == Lines{"+OK 4 528"});
    CHECK(p.send("LIST") == Lines{"+OK 4 messages:", "1 " + kSize, "3 " + kSize, "4 " + kSize, "5 " + kSize, "."});
    CHECK(p.send("UIDL") == Lines{"+OK", "1 0000000a4fea9fe9", "3 0000000c4fea9fe9", "4 0000000d4fea9fe9", "5 0000000e4fea9fe9", "."});
    CHECK(p.send("RSET") == Lines{"+OK"});
    CHECK(p.send("STAT") == Lines{"+OK 5 660"});
    CHECK(p.send("NOOP") == Lines{"+OK"});
    CHECK(p.send("QUIT") == Lines{"+OK Logging out."});
    CHECK(h.store.find_account("alice")->find("INBOX")->messages().size() == 5);
}

TEST_CASE("POP3 QUIT expunges marked messages; an IMAP session reports EXPUNGE and the \\Seen of RETR", "[pop3]") {
    Harness h;
    h.select();
    Timeline t;
    Pop3 p(h.store, &t);
    p.login();
    p.send("RETR 4");
    p.send("DELE 2");
    p.send("DELE 5");
    CHECK(h.store.find_account("alice")->find("INBOX")->messages().size() == 5);  // only marked so far
    CHECK(p.send("QUIT") == Lines{"+OK Logging out, messages deleted."});
    CHECK(p.session.state() == Pop3State::Update);
    CHECK(p.session.closed());
    CHECK(h.send("a2 NOOP") == Lines{"* 4 FETCH (FLAGS (\\Seen))", "* 5 EXPUNGE", "* 2 EXPUNGE", "* 0 RECENT", "a2 OK NOOP completed."});
    CHECK(h.send("a3 UID SEARCH ALL") == Lines{"* SEARCH 10 12 13", "a3 OK Search completed."});
    // The trace: login, \Seen on UID 13, expunges highest first, each with its number at that moment.
    std::vector<std::string> seen;
    for (const auto& e : t.events()) {
        if (const auto* s = std::get_if<StateChanged>(&e.data)) seen.push_back(std::string(to_string(s->to)) + " by " + s->command);
        if (const auto* f = std::get_if<FlagsChanged>(&e.data)) seen.push_back("flags " + std::to_string(f->uid) + " +" + f->added.at(0));
        if (const auto* x = std::get_if<MessageExpunged>(&e.data))
            seen.push_back("expunged " + std::to_string(x->uid) + " at " + std::to_string(x->seq));
    }
    CHECK(seen == Lines{"Not Authenticated by connect", "Selected by PASS", "Logout by QUIT", "flags 13 +\\Seen", "expunged 14 at 5", "expunged 11 at 2"});
}

TEST_CASE("POP3 keeps its message numbers when another session expunges or appends", "[pop3]") {
    Harness h;
    h.select();
    Pop3 p(h.store);
    p.login();
    h.send("a2 STORE 2 +FLAGS.SILENT (\\Deleted)");
    h.send("a3 EXPUNGE");
    h.send("a4 APPEND INBOX {10}\r\nSubject: x");
    CHECK(p.send("STAT") == Lines{"+OK 5 660"});
    CHECK(p.send("RETR 2") == Lines{"-ERR Message 2 expunged."});
    CHECK(p.send("TOP 2 0") == Lines{"-ERR Message 2 expunged."});
    CHECK(p.send("LIST 6") == Lines{"-ERR There's no message 6."});
    CHECK(p.send("DELE 2") == Lines{"+OK Marked to be deleted."});
    CHECK(p.send("QUIT") == Lines{"+OK Logging out, messages deleted."});
    CHECK(h.store.find_account("alice")->find("INBOX")->messages().size() == 5);
}

TEST_CASE("POP3 input split anywhere gives the same output; over-long lines are refused", "[pop3]") {
    Harness h;
    const std::string input = "USER alice\r\nPASS secret\r\nLIST\nRETR 1\r\nDELE 1\r\nSTAT\r\nQUIT\r\nNOOP\r\n";
    Harness h1;
    Pop3Session whole(h1.store, nullptr, 1);
    const std::string expected = whole.feed(input);
    Pop3Session bytewise(h.store, nullptr, 1);
    std::string got;
    for (char c : input) got += bytewise.feed(std::string(1, c));
    CHECK(got == expected);
    CHECK(expected.size() > 250);  // the whole LIST and RETR answers

    Harness h2;
    Pop3Session s(h2.store, nullptr, 1);
    CHECK(s.feed(std::string(Pop3Session::kMaxLine + 1, 'A')) == "-ERR Input line too long.\r\n");
    CHECK(s.feed(std::string(100, 'A') + "\r\nNOOP\r\n") == "-ERR Unknown command.\r\n");
}

TEST_CASE("POP3 wire tap: one event per command and per response, multi-line responses whole", "[pop3]") {
    Harness h;
    Timeline t;
    Pop3WireTap tap(&t, 2);
    Pop3Session s(h.store, nullptr, 2);
    auto exchange = [&](const std::string& bytes) {
        tap.client_bytes(bytes);
        tap.server_bytes(s.feed(bytes));
    };
    tap.server_bytes(s.greeting());
    exchange("USER alice\r\nPASS secret\r\n");
    exchange("UIDL\r\nLIST 9\r\nTOP 1 0\r\n");
    std::vector<std::string> lines;
    for (const auto& e : t.events()) {
        const auto& w = std::get<WireLine>(e.data);
        CHECK(w.tag.empty());
        CHECK(w.kind == (w.is_client() ? LineKind::ClientCommand : LineKind::ServerTagged));
        lines.push_back((w.is_client() ? "C: " : std::string("S: ") + (w.status == ResponseStatus::Ok ? "[ok] " : "[err] ")) + w.text);
    }
    CHECK(lines == Lines{"S: [ok] +OK IMAP Lab ready.", "C: USER alice", "C: PASS secret", "S: [ok] +OK", "S: [ok] +OK Logged in.", "C: UIDL",
                         "C: LIST 9", "C: TOP 1 0",
                         "S: [ok] +OK\r\n1 0000000a4fea9fe9\r\n2 0000000b4fea9fe9\r\n3 0000000c4fea9fe9\r\n4 0000000d4fea9fe9\r\n5 "
                         "0000000e4fea9fe9\r\n.",
                         "S: [err] -ERR There's no message 9.",
                         "S: [ok] +OK\r\nFrom: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: Message 1\r\nDate: Mon, 25 "
                         "Jun 2012 10:00:00 +0400\r\n\r\n."});
    // An over-long line is recorded as the session reads it, so the answers stay paired.
    t = Timeline{};
    exchange("LIST" + std::string(Pop3Session::kMaxLine, ' '));
    exchange("\r\nSTAT\r\n");
    lines.clear();
    for (const auto& e : t.events()) lines.push_back(std::get<WireLine>(e.data).text.substr(0, 20));
    CHECK(lines == Lines{"LIST                ", "-ERR Input line too ", "STAT", "+OK 5 660"});
    CHECK(Pop3WireTap::multi_line("list"));
    CHECK_FALSE(Pop3WireTap::multi_line("LIST 1"));
}

// ---- Lessons with a POP3 client ("protocol": "pop3", docs/lesson-format.md) ----

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"

namespace {

std::string pop3_lesson(const std::string& steps) {
    return R"({"format": 1, "id": "pop3", "title": {"en": "P", "ru": "П"},
  "fixture": {"uidvalidity": 7, "clock": "01-Sep-2024 09:00:00 +0300", "accounts": [{"user": "alice", "password": "secret",
     "mailboxes": [{"name": "INBOX", "messages": [{"uid": 1, "text": "Subject: one\n\n.body\n"},
                                                  {"uid": 2, "text": "Subject: two\n\nbody\n"}]}]}]},
  "steps": [)" + steps + "]}";
}

const std::string kImapSelect = R"({"title": {"en": "A", "ru": "A"}, "narration": {"en": "a", "ru": "а"},
     "send": ["a1 LOGIN alice secret", "a2 SELECT INBOX", "a3 IDLE"], "expect": [{"exists": 2}]})";

std::string lesson_error(const std::string& steps) {
    auto l = parse_lesson(pop3_lesson(steps), "p.json", ".");
    return l ? std::string("loaded") : l.error().to_string();
}

}  // namespace

TEST_CASE("a lesson with a POP3 client beside an IMAP client: QUIT's expunge reaches the idling IMAP client", "[pop3][lesson-run]") {
    const std::string text = pop3_lesson(kImapSelect + R"(,
    {"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "client": 2, "protocol": "pop3",
     "send": ["USER alice", "PASS secret", "RETR 1", "DELE 2"],
     "expect": [{"server_line": "+OK Logged in."}, {"server_line": "+OK 23 octets"}, {"tagged": "OK"},
                {"server_line_regex": "^\\+OK \\d+ octets\\r\\nSubject: one\\r\\n\\r\\n\\.\\.body\\r\\n\\.$"}, {"client": 1, "exists": 2}]},
    {"title": {"en": "Q", "ru": "В"}, "narration": {"en": "q", "ru": "в"}, "client": 2, "protocol": "pop3",
     "send": ["RETR 9", "QUIT"],
     "expect": [{"server_line": "-ERR There's no message 9."}, {"server_line": "+OK Logging out, messages deleted."},
                {"client": 1, "server_line": "* 2 EXPUNGE"}, {"client": 1, "exists": 1}, {"mailbox_exists": "INBOX"}]})");
    auto lesson = parse_lesson(text, "p.json", ".");
    if (!lesson) FAIL(lesson.error().to_string());
    CHECK(lesson->protocol_of(2) == ClientProtocol::Pop3);
    CHECK(lesson->protocol_of(1) == ClientProtocol::Imap);
    LessonRun run(*lesson);
    REQUIRE(run.checks().size() == 11);
    for (const auto& c : run.checks()) {
        INFO(c.expectation.describe() + ": " + c.actual);
        CHECK(c.passed);
    }
    std::vector<std::string> wire;
    const Timeline& t = run.timeline();
    for (std::size_t i = t.begin_of_step(3); i < t.end_of_step(3); ++i)
        if (const auto* w = std::get_if<WireLine>(&t.events()[i].data))
            wire.push_back(std::to_string(t.events()[i].connection) + " " + std::string(to_string(w->kind)) + " " + w->text);
    CHECK(wire == Lines{"2 client_command RETR 9", "2 server_tagged -ERR There's no message 9.", "2 client_command QUIT",
                        "2 server_tagged +OK Logging out, messages deleted.", "1 server_untagged * 1 FETCH (FLAGS (\\Seen))",
                        "1 server_untagged * 2 EXPUNGE"});
}

TEST_CASE("a POP3 exercise is graded like an IMAP one", "[pop3][lesson-run]") {
    const std::string text = pop3_lesson(kImapSelect + R"(,
    {"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "client": 2, "protocol": "pop3",
     "exercise": {"task": {"en": "delete 2", "ru": "удалите 2"}, "hint": {"en": "DELE, QUIT", "ru": "DELE, QUIT"},
       "goal": [{"client": 1, "server_line": "* 2 EXPUNGE"}],
       "feedback": [{"if": {"client": 1, "exists": 2}, "say": {"en": "QUIT is missing", "ru": "нет QUIT"}}],
       "answer": ["USER alice", "PASS secret", "DELE 2", "QUIT"]}})");
    auto lesson = parse_lesson(text, "p.json", ".");
    if (!lesson) FAIL(lesson.error().to_string());
    auto good = grade_exercise(*lesson, 2, {"user alice", "pass secret", "dele 2", "quit"});
    REQUIRE(good);
    CHECK(good->passed);
    auto bad = grade_exercise(*lesson, 2, {"USER alice", "PASS secret", "DELE 2"});
    REQUIRE(bad);
    CHECK_FALSE(bad->passed);
    REQUIRE(bad->feedback.size() == 1);
    CHECK(bad->feedback[0].en == "QUIT is missing");
    CHECK(bad->lines.back() == "S: +OK Marked to be deleted.");
}

TEST_CASE("a lesson's POP3 client is validated: one protocol per client, POP3 lines, expectations it can meet", "[pop3][lesson-loader]") {
    const std::string pop3_step = R"({"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "client": 2, "protocol": "pop3", "send": ["STAT"]})";
    const std::string imap_step = R"({"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "client": 2, "send": ["b NOOP"]})";
    CHECK(lesson_error(kImapSelect + "," + pop3_step + "," + pop3_step) == "loaded");
    CHECK(lesson_error(kImapSelect + "," + pop3_step + "," + imap_step) ==
          "p.json:6: /steps/2: client 2 speaks POP3 (step 2 says \"protocol\": \"pop3\"): every step of a client speaks the same "
          "protocol, so this one needs \"protocol\": \"pop3\" too");
    CHECK(lesson_error(kImapSelect + R"(, {"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "protocol": "pop3", "send": ["STAT"]})") ==
          "p.json:6: /steps/1/protocol: client 1 speaks IMAP (step 1 says \"protocol\": \"imap\"): every step of a client speaks the "
          "same protocol, so this one needs \"protocol\": \"imap\" too");
    CHECK(lesson_error(R"({"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "protocol": "smtp"})") ==
          "p.json:5: /steps/0/protocol: unknown protocol \"smtp\" (expected \"imap\" or \"pop3\")");
    CHECK(lesson_error(R"({"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "protocol": "pop3", "send": ["A {3}\r\nabc"]})") ==
          "p.json:5: /steps/0/send/0: a POP3 command is one line: no CR or LF in it");
    CHECK(lesson_error(R"({"title": {"en": "P", "ru": "П"}, "narration": {"en": "p", "ru": "п"}, "protocol": "pop3", "send": ["STAT"], "expect": [{"exists": 2}]})") ==
          "p.json:5: /steps/0/expect/0: client 1 speaks POP3: expect \"server_line\", \"server_line_regex\", \"tagged\" (+OK is OK, -ERR "
          "is NO), \"command_regex\", \"mailbox_exists\" or \"mailbox_absent\" of it, or check an IMAP client (\"client\": n)");
    // An IMAP step may check the POP3 client's lines, but not its IMAP state.
    CHECK(lesson_error(pop3_step + R"(, {"title": {"en": "I", "ru": "И"}, "narration": {"en": "i", "ru": "и"}, "send": ["a NOOP"], "expect": [{"client": 2, "state": "Selected"}]})") ==
          "p.json:5: /steps/1/expect/0: client 2 speaks POP3: expect \"server_line\", \"server_line_regex\", \"tagged\" (+OK is OK, -ERR "
          "is NO), \"command_regex\", \"mailbox_exists\" or \"mailbox_absent\" of it, or check an IMAP client (\"client\": n)");
}

// ---- The network server's POP3 connections (net/server.hpp: options.pop3_listen) ----

#include "net/accounts.hpp"
#include "net_harness.hpp"

TEST_CASE("net server: a POP3 connection shares the store; an instructor reset ends it without UPDATE", "[pop3][net]") {
    using namespace std::chrono_literals;
    MailStore store;
    auto origins = std::make_shared<net::AccountOrigins>();
    origins->enable_classroom(store, test::test_fixture(3), "pw", nullptr);
    net::ServerOptions options;
    options.accounts = origins;
    Timeline trace;
    net::Server server(store, std::move(options), {}, &trace);
    test::Client pop(server, 0, /*pop3=*/true), imap(server);
    REQUIRE(test::pump(server, {&pop, &imap}, [&] { return test::has(pop, "\r\n") && test::has(imap, "\r\n"); }));
    CHECK(pop.received == "+OK IMAP Lab ready.\r\n");
    pop.send("USER anna\r\nPASS pw\r\nSTAT\r\nDELE 1\r\n");
    REQUIRE(test::pump(server, {&pop}, [&] { return test::has(pop, "+OK Marked to be deleted.\r\n"); }));
    CHECK(pop.received == "+OK IMAP Lab ready.\r\n+OK\r\n+OK Logged in.\r\n+OK 3 441\r\n+OK Marked to be deleted.\r\n");
    const auto info = server.connections();
    REQUIRE(info.size() == 2);
    CHECK(info[0].user == "anna");
    CHECK(info[0].state == SessionState::Selected);
    // The trace hides the password (net/redact.hpp).
    bool redacted = false;
    for (const auto& e : trace.events())
        if (const auto* w = std::get_if<WireLine>(&e.data); w && w->is_client()) {
            CHECK(w->text.find("pw") == std::string::npos);
            redacted = redacted || w->text == "PASS <redacted>";
        }
    CHECK(redacted);

    pop.received.clear();
    REQUIRE(server.reset_accounts({"anna"}));
    REQUIRE(test::pump(server, {&pop}, [&] { return pop.eof; }));
    CHECK(pop.received == "-ERR The instructor reset this account.\r\n");
    imap.send("a LOGIN anna pw\r\nb SELECT INBOX\r\n");
    REQUIRE(test::pump(server, {&imap}, [&] { return test::has(imap, "b OK"); }));
    CHECK(test::has(imap, "* 3 EXISTS\r\n"));
}
