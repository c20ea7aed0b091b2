// trace/connection_log.hpp: the server's shared timeline split by connection, and a connection's
// session written as a C:/S: transcript. The events come from the real network server (net/server)
// over socket pairs, so the redaction of LOGIN is the server's own.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lesson/transcript.hpp"
#include "net/accounts.hpp"
#include "net/server.hpp"
#include "trace/connection_log.hpp"
#include "trace/session_view.hpp"

using namespace imaplab;
using namespace std::chrono_literals;

namespace {

struct Peer {
    int fd = -1;
    std::string received;
    Peer(net::Server& server) {
        int sv[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        fd = sv[1];
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        server.add_socket(sv[0], "test");
    }
    ~Peer() { ::close(fd); }
    void send(std::string_view s) { REQUIRE(::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size())); }
    void read() {
        char buf[4096];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) received.append(buf, static_cast<std::size_t>(n));
    }
};

/// Serves until `peer` has received `text` (at most 3 s: a hang fails, it does not block).
void until(net::Server& server, Peer& peer, std::string_view text) {
    const auto limit = std::chrono::steady_clock::now() + 3s;
    while (peer.received.find(text) == std::string::npos) {
        REQUIRE(std::chrono::steady_clock::now() < limit);
        server.poll_once(5);
        peer.read();
    }
}

struct Lab {
    MailStore store;
    Timeline timeline;
    std::unique_ptr<net::Server> server;
    explicit Lab(bool login_snapshot = false) {
        Fixture f = net::empty_inbox_fixture(1234);
        FixtureMessage m;
        m.uid = 1;
        m.internal_date = "21-Nov-2026 10:00:00 +0000";
        m.text = "Subject: hi\r\n\r\nhello\r\n";
        f.accounts[0].mailboxes[0].messages.push_back(m);
        net::add_account_from_fixture(store, f, "alice", "secret", nullptr);
        net::add_account_from_fixture(store, f, "bob", "hunter2", nullptr);
        net::ServerOptions options;
        options.clock = [] { return std::int64_t{1795300000}; };
        options.trace_login_snapshot = login_snapshot;
        server = std::make_unique<net::Server>(store, std::move(options), net::Server::Log{}, &timeline);
    }
};

}  // namespace

TEST_CASE("connection log: the server timeline split by connection, written as transcripts", "[connection_log]") {
    Lab lab;
    Peer a(*lab.server), b(*lab.server);
    until(*lab.server, a, "ready.\r\n");
    until(*lab.server, b, "ready.\r\n");
    a.send("a1 LOGIN alice secret\r\n");
    until(*lab.server, a, "a1 OK");
    // bob logs in with a synchronising literal for the password: the server says "+", then the
    // literal's bytes follow (redacted too).
    b.send("b1 LOGIN bob {7}\r\n");
    until(*lab.server, b, "+ OK");
    b.send("hunter2\r\n");
    until(*lab.server, b, "b1 OK");
    a.send("a2 SELECT INBOX\r\n");
    until(*lab.server, a, "a2 OK");
    a.send("a3 FETCH 1 BODY.PEEK[TEXT]\r\n");
    until(*lab.server, a, "a3 OK");
    b.send("b2 LOGOUT\r\n");
    until(*lab.server, b, "b2 OK");

    ConnectionLog log;
    const std::size_t taken = log.update(lab.timeline);
    CHECK(taken == lab.timeline.size());
    CHECK(log.update(lab.timeline) == 0);  // nothing new
    REQUIRE(log.ids() == std::vector<std::uint32_t>{1, 2});
    CHECK(log.timeline(3) == nullptr);
    for (std::uint32_t id : {1u, 2u})
        for (const TraceEvent& e : log.timeline(id)->events()) CHECK(e.connection == id);

    const std::string alice = to_transcript(log.timeline(1)->events());
    const std::string bob = to_transcript(log.timeline(2)->events());
    INFO(alice);
    INFO(bob);
    CHECK(alice.find("secret") == std::string::npos);
    CHECK(bob.find("hunter2") == std::string::npos);
    // TODO(netpanel): compare the whole text exactly once a build has shown it (left undone: time).
    CHECK(alice.rfind("S: * OK ", 0) == 0);
    CHECK(alice.find("\nC: a1 LOGIN alice <redacted>\n") != std::string::npos);
    CHECK(alice.find("\nC: a2 SELECT INBOX\n") != std::string::npos);
    CHECK(alice.find("\nC: a3 FETCH 1 BODY.PEEK[TEXT]\n") != std::string::npos);
    CHECK(alice.find("BODY[TEXT] {7}\nS: )\n") != std::string::npos);  // literal data not typed
    CHECK(bob.find("\nC: b1 LOGIN bob <redacted>\nS: + OK\n# C: <redacted> (the rest of the command, sent after the \"+\": a password)\nS: b1 OK") !=
          std::string::npos);
    CHECK(bob.find("b2 LOGOUT") != std::string::npos);
    CHECK(alice.find("b1 ") == std::string::npos);  // nothing of bob's connection

    // What we write, the transcript reader reads back: the literal announcements are recorded.
    auto parsed = parse_transcript(alice, "alice.txt");
    REQUIRE(parsed);
    auto parsed_bob = parse_transcript(bob, "bob.txt");
    REQUIRE(parsed_bob);
}

TEST_CASE("connection log: a client literal with line breaks is not typed", "[connection_log]") {
    WireLine w;
    w.kind = LineKind::ClientCommand;
    w.text = "A1 APPEND INBOX {7+}\r\na\r\nb\r\nc";
    w.literals.push_back({22, 7});
    w.tag = "A1";
    WireLine s;
    s.kind = LineKind::ServerTagged;
    s.text = "A1 OK Append completed.";
    std::vector<TraceEvent> events{{0, 0, 1, w}, {1, 0, 1, s}};
    CHECK(to_transcript(events) ==
          "C: A1 APPEND INBOX {7+}\n"
          "# the literal's 7 octets hold line breaks: not typed\n"
          "C: <literal: 7 octets>\n"
          "S: A1 OK Append completed.\n");
}

TEST_CASE("connection log: when a connection opened and closed, and the mailboxes its user saw at login", "[connection_log]") {
    Lab lab(/*login_snapshot=*/true);
    Peer a(*lab.server);
    until(*lab.server, a, "ready.\r\n");
    a.send("a1 LOGIN alice secret\r\n");
    until(*lab.server, a, "a1 OK");
    a.send("a2 SELECT INBOX\r\n");
    until(*lab.server, a, "a2 OK");
    a.send("a3 LOGOUT\r\n");
    until(*lab.server, a, "a3 OK");
    for (int i = 0; i < 20 && lab.server->connection_count() > 0; ++i) lab.server->poll_once(5);
    REQUIRE(lab.server->connection_count() == 0);

    ConnectionLog log;
    log.update(lab.timeline);
    const Timeline* t = log.timeline(1);
    REQUIRE(t != nullptr);
    const auto& ev = t->events();
    REQUIRE(ev.size() > 3);
    const auto* opened = std::get_if<ConnectionChanged>(&ev.front().data);
    REQUIRE(opened != nullptr);
    CHECK(opened->kind == ConnectionChanged::Kind::Opened);
    CHECK(opened->peer == "test");
    const auto* closed = std::get_if<ConnectionChanged>(&ev.back().data);
    REQUIRE(closed != nullptr);
    CHECK(closed->kind == ConnectionChanged::Kind::Closed);
    CHECK_FALSE(closed->detail.empty());

    // Right after the login's state change: the account's INBOX and its message.
    std::size_t login = 0;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (const auto* s = std::get_if<StateChanged>(&ev[i].data); s && s->to == SessionState::Authenticated) login = i;
    REQUIRE(login + 2 < ev.size());
    const auto* created = std::get_if<MailboxCreated>(&ev[login + 1].data);
    REQUIRE(created != nullptr);
    CHECK(created->mailbox == "INBOX");
    const auto* added = std::get_if<MessageAdded>(&ev[login + 2].data);
    REQUIRE(added != nullptr);
    CHECK(added->uid == 1u);
    CHECK(added->subject == "hi");

    // So the window's views of this connection show the mailbox with its message.
    const SessionView view = project(*t, 0, 1, "INBOX");
    REQUIRE(view.mailboxes.size() == 1);
    CHECK(view.mailboxes[0].name == "INBOX");
    CHECK(view.mailboxes[0].messages == 1u);

    // Without the option (imaplab-cli serve --trace) no snapshot is recorded.
    Lab plain;
    Peer b(*plain.server);
    until(*plain.server, b, "ready.\r\n");
    b.send("b1 LOGIN bob hunter2\r\n");
    until(*plain.server, b, "b1 OK");
    for (const TraceEvent& e : plain.timeline.events()) CHECK_FALSE(std::holds_alternative<MessageAdded>(e.data));
}
