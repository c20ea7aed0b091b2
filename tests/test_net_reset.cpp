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
#include "net_harness.hpp"

using namespace imaplab;
using namespace imaplab::net;
using namespace std::chrono_literals;
using test::Client;
using test::has;
using test::pump;
using test::test_fixture;

namespace {

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
