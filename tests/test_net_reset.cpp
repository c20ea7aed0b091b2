// Server::reset_accounts (issue 4): the instructor resets accounts while the server runs. Sessions
// are ended (and destroyed) before the store changes, so nothing dangles (ASan checks that).
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/accounts.hpp"
#include "net/server.hpp"

using namespace imaplab;
using namespace imaplab::net;
using namespace std::chrono_literals;

namespace {

/// alice / secret with INBOX holding `messages` messages of about `size` bytes each.
Fixture test_fixture(int messages, std::size_t size = 100) {
    Fixture f = empty_inbox_fixture(1234);
    f.accounts[0].user = "alice";
    f.accounts[0].password = "secret";
    for (int i = 1; i <= messages; ++i) {
        FixtureMessage m;
        m.uid = static_cast<std::uint32_t>(i);
        m.internal_date = "21-Nov-2026 10:00:00 +0000";
        std::string body(size, 'x');
        m.text = "From: bob@example.org\r\nSubject: message " + std::to_string(i) + "\r\n\r\n" + body + "\r\n";
        f.accounts[0].mailboxes[0].messages.push_back(std::move(m));
    }
    return f;
}

/// The client end of a socket pair served by the server.
struct Client {
    int fd = -1;
    std::string received;
    bool eof = false;

    Client(Server& server, int buffer_size = 0) {
        int sv[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        if (buffer_size) {
            for (int s : sv) {
                ::setsockopt(s, SOL_SOCKET, SO_SNDBUF, &buffer_size, sizeof buffer_size);
                ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, &buffer_size, sizeof buffer_size);
            }
        }
        fd = sv[1];
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        server.add_socket(sv[0], "test");
    }
    ~Client() {
        if (fd >= 0) ::close(fd);
    }
    void send(std::string_view bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            REQUIRE(n > 0);
            sent += static_cast<std::size_t>(n);
        }
    }
    void read_available() {
        char buf[65536];
        while (true) {
            ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n > 0) received.append(buf, static_cast<std::size_t>(n));
            if (n == 0) eof = true;
            if (n <= 0) return;
        }
    }
};

/// Runs the loop until `done()` or `limit` passes; the clients read what arrives.
template <class Done>
bool pump(Server& server, std::vector<Client*> clients, Done done, std::chrono::milliseconds limit = 3000ms) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        server.poll_once(5);
        for (Client* c : clients) c->read_available();
        if (done()) return true;
    }
    return false;
}

bool has(const Client& c, std::string_view text) { return c.received.find(text) != std::string::npos; }

constexpr std::string_view kBye = "* BYE [ALERT] The instructor reset this account.\r\n";

struct ResetServer {
    MailStore store;
    std::shared_ptr<AccountOrigins> origins = std::make_shared<AccountOrigins>();
    std::unique_ptr<Server> server;
    explicit ResetServer(bool with_origins = true) {
        origins->enable_classroom(store, test_fixture(3), "pw", nullptr);
        ServerOptions options;
        if (with_origins) options.accounts = origins;
        server = std::make_unique<Server>(store, std::move(options));
    }
    void login(Client& c, const std::string& user) {
        c.send("a LOGIN " + user + " pw\r\nb SELECT INBOX\r\n");
        REQUIRE(pump(*server, {&c}, [&] { return has(c, "b OK"); }));
    }
};

}  // namespace

TEST_CASE("reset_accounts: sessions of the user get the BYE and end; the next login gets a fresh copy", "[net][reset]") {
    ResetServer t;
    Client a(*t.server), idle(*t.server), appending(*t.server), other(*t.server);
    t.login(a, "anna");
    t.login(idle, "anna");
    t.login(appending, "anna");
    t.login(other, "boris");
    CHECK(has(a, "* OK [UIDVALIDITY 1234] "));
    a.send("c STORE 1:* +FLAGS (\\Deleted)\r\nd EXPUNGE\r\n");
    idle.send("i IDLE\r\n");
    appending.send("x APPEND INBOX {20}\r\n");
    REQUIRE(pump(*t.server, {&a, &idle, &appending}, [&] {
        return has(a, "d OK") && has(idle, "+ idling") && has(appending, "+ OK");
    }));
    appending.send("From: half");  // in the middle of the literal
    t.server->poll_once(0);
    for (Client* c : {&a, &idle, &appending, &other}) c->received.clear();

    auto done = t.server->reset_accounts({"anna"});
    REQUIRE(done);
    CHECK(done.value() == std::vector<std::string>{"anna"});
    CHECK(t.store.find_account("anna") == nullptr);  // classroom: made again at the next login
    REQUIRE(pump(*t.server, {&a, &idle, &appending, &other}, [&] { return a.eof && idle.eof && appending.eof; }));
    CHECK(a.received == kBye);
    CHECK(idle.received == kBye);
    CHECK(appending.received == kBye);
    other.send("n NOOP\r\n");
    REQUIRE(pump(*t.server, {&other}, [&] { return has(other, "n OK"); }));
    CHECK(other.received == "n OK NOOP completed.\r\n");

    Client again(*t.server);
    t.login(again, "anna");
    CHECK(has(again, "* 3 EXISTS\r\n"));
    CHECK(has(again, "* OK [UIDVALIDITY 1235] "));  // above the old one: UIDs start again (RFC 9051 §2.3.1.1)
    CHECK(t.server->connection_count() == 2);
}

TEST_CASE("reset_accounts: all, unknown users, no origins", "[net][reset]") {
    SECTION("an unknown user changes nothing") {
        ResetServer t;
        Client a(*t.server);
        t.login(a, "anna");
        a.received.clear();
        auto done = t.server->reset_accounts({"anna", "zed"});
        REQUIRE_FALSE(done);
        CHECK(done.error() == "unknown user \"zed\"");
        a.send("n NOOP\r\n");
        REQUIRE(pump(*t.server, {&a}, [&] { return has(a, "n OK"); }));
        CHECK(a.received == "n OK NOOP completed.\r\n");
    }
    SECTION("all") {
        ResetServer t;
        Client a(*t.server), b(*t.server);
        t.login(a, "anna");
        t.login(b, "boris");
        a.received.clear();
        b.received.clear();
        auto done = t.server->reset_accounts({});
        REQUIRE(done);
        CHECK(done.value() == std::vector<std::string>{"anna", "boris"});
        REQUIRE(pump(*t.server, {&a, &b}, [&] { return a.eof && b.eof; }));
        CHECK(a.received == kBye);
        CHECK(b.received == kBye);
        CHECK(t.store.accounts().empty());
    }
    SECTION("without AccountOrigins nothing can be reset") {
        ResetServer t(/*with_origins=*/false);
        auto done = t.server->reset_accounts({});
        REQUIRE_FALSE(done);
        CHECK(done.error() == "accounts cannot be reset: the server does not know their fixtures");
    }
    SECTION("control lines") {
        ResetServer t;
        Client a(*t.server);
        t.login(a, "anna");
        CHECK(t.server->answer_control("reset") == "NO reset takes user names or --all");
        CHECK(t.server->answer_control("list") == "OK 1 connection: 1 anna test tcp Selected");
        CHECK(t.server->answer_control("{\"command\": \"reset\", \"users\": [\"anna\"]}") ==
              "{\"message\":\"reset 1 account: anna\",\"ok\":true,\"users\":[\"anna\"]}");
        CHECK(t.server->answer_control("{nope") ==
              "{\"message\":\"expected {\\\"command\\\": \\\"reset\\\" or \\\"list\\\", ...}\",\"ok\":false}");
    }
}
