// The network server's event loop (net/server.hpp) driven in-process: connections are socket pairs
// (or loopback TCP for the listener), the test plays the client and calls poll_once().
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/accounts.hpp"
#include "net/server.hpp"
#include "net_harness.hpp"

using namespace imaplab;
using namespace imaplab::net;
using namespace std::chrono_literals;
using test::Client;
using test::has;
using test::pump;
using test::test_fixture;

namespace {

struct TestServer {
    MailStore store;
    std::vector<std::string> log;
    std::unique_ptr<Server> server;

    explicit TestServer(ServerOptions options = {}, int messages = 3, std::size_t size = 100) {
        add_account_from_fixture(store, test_fixture(messages, size), "alice", "secret", nullptr);
        options.clock = [] { return std::int64_t{1795300000}; };
        server = std::make_unique<Server>(store, std::move(options), [this](std::string_view l) { log.emplace_back(l); });
    }
    bool logged(std::string_view text) const {
        for (const auto& l : log)
            if (l.find(text) != std::string::npos) return true;
        return false;
    }
};


std::size_t count(const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("server: greeting, login, commands split anywhere, logout", "[net]") {
    TestServer t;
    Client c(*t.server);
    REQUIRE(pump(*t.server, {&c}, [&] { return has(c, "\r\n"); }));
    CHECK(c.received.rfind("* OK [CAPABILITY IMAP4rev1 ", 0) == 0);
    CHECK(has(c, "] IMAP Lab ready.\r\n"));
    // Pipelined, split in the middle of a line and of a literal.
    c.send("a LOGIN alice sec");
    REQUIRE_FALSE(pump(*t.server, {&c}, [&] { return has(c, "a OK"); }, 50ms));
    c.send("ret\r\nb SELECT INBOX\r\nc LOGIN {5+}\r\nal");
    c.send("ice {6+}\r\nsecret\r\nd FETCH 2 (FLAGS)\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return has(c, "d OK"); }));
    CHECK(has(c, "a OK [CAPABILITY "));
    CHECK(has(c, "* 3 EXISTS\r\n"));
    CHECK(has(c, "b OK [READ-WRITE] Select completed.\r\n"));
    CHECK(has(c, "c BAD "));  // LOGIN in the Selected state
    CHECK(has(c, "* 2 FETCH (FLAGS ())\r\n"));
    REQUIRE(t.server->connections().size() == 1);
    CHECK(t.server->connections()[0].user == "alice");
    CHECK(t.server->connections()[0].state == SessionState::Selected);
    c.send("e LOGOUT\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return c.eof; }));
    CHECK(has(c, "* BYE Logging out\r\ne OK Logout completed.\r\n"));
    CHECK(t.server->connection_count() == 0);
    REQUIRE(t.log.size() == 1);
    CHECK(t.log[0].rfind("conn 1 test user=alice: logged out after ", 0) == 0);
}

TEST_CASE("server: a synchronising literal gets its + and the command completes", "[net]") {
    TestServer t;
    Client c(*t.server);
    c.send("a LOGIN {5}\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return has(c, "+ OK\r\n"); }));
    c.send("alice {6}\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return count(c.received, "+ OK\r\n") == 2; }));
    c.send("secret\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return has(c, "a OK [CAPABILITY"); }));
}

TEST_CASE("server: the client closes mid-literal; others are unaffected", "[net]") {
    TestServer t;
    Client a(*t.server), b(*t.server);
    a.send("a LOGIN alice secret\r\nb SELECT INBOX\r\nc APPEND INBOX {100}\r\n");
    REQUIRE(pump(*t.server, {&a}, [&] { return has(a, "+ OK\r\n"); }));
    a.send("From: x\r\n\r\nhalf a mess");
    ::shutdown(a.fd, SHUT_WR);
    REQUIRE(pump(*t.server, {&a, &b}, [&] { return a.eof; }));
    CHECK(t.logged("conn 1 test user=alice: disconnected after"));
    CHECK(t.store.find_account("alice")->find("INBOX")->messages().size() == 3);  // nothing half-applied
    b.send("x LOGIN alice secret\r\ny EXAMINE INBOX\r\n");
    REQUIRE(pump(*t.server, {&b}, [&] { return has(b, "y OK"); }));
    CHECK(has(b, "* 3 EXISTS\r\n"));
}

TEST_CASE("server: garbage gets BAD and the session stays usable", "[net]") {
    TestServer t;
    Client c(*t.server);
    c.send(std::string("\x00\x01\x02 \xff\xfe\r\n", 8));
    c.send("\r\n");
    c.send("a\r\n");
    c.send("a FROBNICATE\r\n");
    c.send(std::string(70000, 'A') + "\r\n");  // longer than the 64 KiB line limit
    c.send("b NOOP\r\n");
    REQUIRE(pump(*t.server, {&c}, [&] { return has(c, "b OK"); }));
    CHECK(has(c, "a BAD "));
    CHECK(has(c, "Command line too long"));
    CHECK(t.server->connection_count() == 1);
}

TEST_CASE("server: IDLE in one session sees another session's changes at once", "[net]") {
    TestServer t;
    Client idler(*t.server), other(*t.server);
    idler.send("a LOGIN alice secret\r\nb SELECT INBOX\r\nc IDLE\r\n");
    REQUIRE(pump(*t.server, {&idler}, [&] { return has(idler, "+ idling\r\n"); }));
    other.send("a LOGIN alice secret\r\nb SELECT INBOX\r\nc STORE 1 +FLAGS (\\Flagged)\r\n");
    REQUIRE(pump(*t.server, {&idler, &other}, [&] { return has(idler, "* 1 FETCH (FLAGS (\\Flagged))\r\n"); }));
    other.send("d APPEND INBOX {13}\r\n");
    REQUIRE(pump(*t.server, {&other}, [&] { return has(other, "+ OK\r\n"); }));
    other.send("Subject: x\r\n\r\n");
    REQUIRE(pump(*t.server, {&idler, &other}, [&] { return has(idler, "* 4 EXISTS\r\n"); }));
    idler.send("DONE\r\n");
    REQUIRE(pump(*t.server, {&idler}, [&] { return has(idler, "c OK Idle completed.\r\n"); }));
}

TEST_CASE("server: a client that never reads is paused, then dropped; others are served", "[net]") {
    ServerOptions o;
    o.read_pause_bytes = 16 * 1024;
    o.write_timeout = 300ms;
    TestServer t(o, 20, 2000);
    Client slow(*t.server, 4096), fast(*t.server);
    slow.send("a LOGIN alice secret\r\nb SELECT INBOX\r\n");
    REQUIRE(pump(*t.server, {&slow}, [&] { return has(slow, "b OK"); }));
    // Now stop reading: 500 pipelined FETCHes of ~40 KB each.
    std::string many;
    for (int i = 0; i < 500; ++i) many += "f" + std::to_string(i) + " FETCH 1:* BODY.PEEK[]\r\n";
    slow.send(many.substr(0, 4000));  // the socket buffer is small: send what fits
    for (int i = 0; i < 20; ++i) t.server->poll_once(1);
    auto infos = t.server->connections();
    REQUIRE(infos.size() == 2);
    // Paused: less than the pause threshold plus one response waits.
    CHECK(infos[0].pending_output < o.read_pause_bytes + 50 * 1024);
    // The other client is served meanwhile.
    fast.send("a LOGIN alice secret\r\nb NOOP\r\n");
    auto start = std::chrono::steady_clock::now();
    REQUIRE(pump(*t.server, {&fast}, [&] { return has(fast, "b OK"); }));
    CHECK(std::chrono::steady_clock::now() - start < 250ms);
    // No progress for write_timeout: dropped.
    REQUIRE(pump(*t.server, {&fast}, [&] { return t.server->connection_count() == 1; }));
    CHECK(t.logged("conn 1 test user=alice: output stalled for 0 s (the client does not read)"));
}

TEST_CASE("server: output beyond the cap ends the connection", "[net]") {
    ServerOptions o;
    o.read_pause_bytes = 64 * 1024 * 1024;  // no pausing: the cap must act
    o.max_output_bytes = 64 * 1024;
    TestServer t(o, 20, 2000);
    Client c(*t.server, 4096);
    std::string cmds = "a LOGIN alice secret\r\nb SELECT INBOX\r\n";
    for (int i = 0; i < 10; ++i) cmds += "f" + std::to_string(i) + " FETCH 1:* BODY.PEEK[]\r\n";
    c.send(cmds);
    REQUIRE(pump(*t.server, {}, [&] { return t.server->connection_count() == 0; }));
    CHECK(t.logged("user=alice: output buffer full ("));
}

TEST_CASE("server: stop sends BYE to everyone and finishes", "[net]") {
    TestServer t;
    Client a(*t.server), b(*t.server);
    a.send("a LOGIN alice secret\r\n");
    b.send("a LOGIN {5}\r\n");  // in the middle of a command
    REQUIRE(pump(*t.server, {&a, &b}, [&] { return has(a, "a OK") && has(b, "+ OK"); }));
    t.server->request_stop();
    bool finished = false;
    auto until = std::chrono::steady_clock::now() + 3s;
    while (!finished && std::chrono::steady_clock::now() < until) {
        finished = !t.server->poll_once(5);
        a.read_available();
        b.read_available();
    }
    CHECK(finished);
    a.read_available();
    b.read_available();
    CHECK(a.received.size() >= 29);
    CHECK(a.received.substr(a.received.size() - 29) == "* BYE Server shutting down.\r\n");
    CHECK(b.received.substr(b.received.size() - 29) == "* BYE Server shutting down.\r\n");
    CHECK(a.eof);
    CHECK(b.eof);
    CHECK(t.logged("shutting down (2 connections)"));
    CHECK(t.logged("conn 1 test user=alice: server shutdown after"));
}

TEST_CASE("server: autologout after the idle timeout", "[net]") {
    ServerOptions o;
    o.idle_timeout = 100ms;
    TestServer t(o);
    Client c(*t.server);
    REQUIRE(pump(*t.server, {&c}, [&] { return c.eof; }));
    CHECK(c.received.substr(c.received.size() - 36) == "* BYE Disconnected for inactivity.\r\n");
    CHECK(t.logged("conn 1 test: idle timeout after"));
}

TEST_CASE("server: trace events are redacted and numbered by connection", "[net]") {
    MailStore store;
    add_account_from_fixture(store, test_fixture(1), "alice", "secret", nullptr);
    Timeline timeline;
    Server server(store, {}, {}, &timeline);
    Client a(server), b(server);
    a.send("a LOGIN alice secret\r\n");
    b.send("a LOGIN alice {6}\r\n");
    REQUIRE(pump(server, {&a, &b}, [&] { return has(a, "a OK") && has(b, "+ OK"); }));
    b.send("secret\r\n");
    REQUIRE(pump(server, {&b}, [&] { return has(b, "a OK"); }));
    std::vector<std::string> client_lines;
    for (const auto& e : timeline.events()) {
        const auto* w = std::get_if<WireLine>(&e.data);
        if (w && w->is_client()) client_lines.push_back(std::to_string(e.connection) + " " + w->text);
        if (w) CHECK(w->text.find("secret") == std::string::npos);
    }
    CHECK(client_lines == std::vector<std::string>{"1 a LOGIN alice <redacted>", "2 a LOGIN alice <redacted>", "2 <redacted>"});
}

TEST_CASE("server: AUTHENTICATE exchanges are redacted as the wire tap records them", "[net]") {
    MailStore store;
    add_account_from_fixture(store, test_fixture(1), "alice", "secret", nullptr);
    Timeline timeline;
    Server server(store, {}, {}, &timeline);
    Client a(server), b(server);
    // PLAIN with the "+" round trip; PLAIN with SASL-IR (RFC 4959). AGFsaWNlAHNlY3JldA== is \0alice\0secret.
    a.send("a AUTHENTICATE PLAIN\r\n");
    REQUIRE(pump(server, {&a}, [&] { return has(a, "+ "); }));
    a.send("AGFsaWNlAHNlY3JldA==\r\nb NOOP\r\n");
    b.send("a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n");
    REQUIRE(pump(server, {&a, &b}, [&] { return has(a, "b OK") && has(b, "a OK"); }));
    CHECK_FALSE(has(a, "a NO"));
    std::vector<std::string> client_lines;
    for (const auto& e : timeline.events()) {
        const auto* w = std::get_if<WireLine>(&e.data);
        if (w && w->is_client()) client_lines.push_back(std::to_string(e.connection) + " " + w->text);
        if (w) CHECK(w->text.find("AGFsaWNl") == std::string::npos);
    }
    CHECK(client_lines == std::vector<std::string>{"1 a AUTHENTICATE PLAIN", "1 <redacted>", "1 b NOOP",
                                                   "2 a AUTHENTICATE PLAIN <redacted>"});
}

TEST_CASE("server: listens on a free loopback port; the connection cap answers BYE [LIMIT]", "[net]") {
    ServerOptions o;
    o.listen.push_back({"127.0.0.1", 0});
    o.max_connections = 1;
    TestServer t(o);
    auto bound = t.server->listen();
    REQUIRE(bound.ok());
    REQUIRE(bound->size() == 1);
    const std::string addr = bound->front();
    REQUIRE(addr.rfind("127.0.0.1:", 0) == 0);
    const int port = std::stoi(addr.substr(10));
    CHECK(port > 0);
    CHECK(t.log.empty());  // loopback: no warning

    auto connect_tcp = [&] {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(static_cast<std::uint16_t>(port));
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        return fd;
    };
    auto read_into = [](int fd, std::string& s) {
        char buf[4096];
        ssize_t n;
        while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) s.append(buf, static_cast<std::size_t>(n));
        return n == 0;
    };
    int first = connect_tcp();
    std::string got1, got2;
    auto until = std::chrono::steady_clock::now() + 3s;
    while (got1.find("\r\n") == std::string::npos && std::chrono::steady_clock::now() < until) {
        t.server->poll_once(5);
        read_into(first, got1);
    }
    CHECK(got1.rfind("* OK [CAPABILITY", 0) == 0);
    int second = connect_tcp();
    bool closed = false;
    while (!closed && std::chrono::steady_clock::now() < until) {
        t.server->poll_once(5);
        closed = read_into(second, got2);
    }
    CHECK(got2 == "* BYE [LIMIT] Too many connections.\r\n");
    CHECK(t.logged("too many connections (1)"));
    ::close(first);
    ::close(second);

    ServerOptions busy;
    busy.listen.push_back({"127.0.0.1", static_cast<std::uint16_t>(port)});
    TestServer t2(busy);
    auto refused = t2.server->listen();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error() == "cannot listen on 127.0.0.1:" + std::to_string(port) + ": Address already in use");
}
