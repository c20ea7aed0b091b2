// The in-process wire: the simulated client and the session exchange real bytes, and the wire
// tap records them as WireLine events in wire order, literals included.
#include <catch2/catch.hpp>

#include "client/in_process_connection.hpp"
#include "session_harness.hpp"

using namespace imaplab;

namespace {
std::vector<std::string> wire(const Timeline& t) {
    std::vector<std::string> out;
    for (const auto& e : t.events())
        if (const auto* w = std::get_if<WireLine>(&e.data)) out.push_back(std::string(to_string(w->kind)) + " " + w->text);
    return out;
}
}  // namespace

TEST_CASE("a synchronising literal crosses the wire in two parts around the continuation request", "[wire]") {
    test::Harness h;  // for its store
    Timeline t;
    InProcessConnection c(h.store, ServerConfig{}, &t, 1);
    c.open();
    c.send("A1 LOGIN {5}\r\nalice secret");
    CHECK(wire(t) == std::vector<std::string>{
                         "server_untagged * OK [CAPABILITY " + test::kCapsPreLogin + "] IMAP Lab ready.",
                         "client_command A1 LOGIN {5}",
                         "server_continuation + OK",
                         "client_continuation alice secret",
                         "server_tagged A1 OK [CAPABILITY " + test::kCapsPostLogin + "] Logged in",
                     });
    const WireLine* found = nullptr;
    for (const auto& e : t.events())
        if (const auto* w = std::get_if<WireLine>(&e.data); w && w->kind == LineKind::ClientContinuation) found = w;
    REQUIRE(found);
    const WireLine& cont = *found;
    REQUIRE(cont.literals.size() == 1);
    CHECK(cont.literals[0].offset == 0);
    CHECK(cont.literals[0].length == 5);
    CHECK(cont.tag == "A1");
    CHECK(c.session().state() == SessionState::Authenticated);
}

TEST_CASE("a command refused before its literal: the client does not send the literal", "[wire]") {
    test::Harness h;
    Timeline t;
    InProcessConnection c(h.store, ServerConfig{}, &t, 1);
    c.open();
    c.send("A1 SELECT {5}\r\nINBOX");  // SELECT is not valid before LOGIN
    c.send("A2 NOOP");
    auto w = wire(t);
    REQUIRE(w.size() == 5);
    CHECK(w[1] == "client_command A1 SELECT {5}");
    CHECK(w[2] == "server_tagged A1 BAD Error in IMAP command SELECT: Log in first (SELECT is valid in Authenticated, Selected state).");
    CHECK(w[3] == "client_command A2 NOOP");
    CHECK(w[4] == "server_tagged A2 OK NOOP completed.");
}

TEST_CASE("non-synchronising literal (LITERAL+) is sent at once", "[wire]") {
    test::Harness h;
    Timeline t;
    InProcessConnection c(h.store, ServerConfig{}, &t, 1);
    c.open();
    c.send("A1 LOGIN {5+}\r\nalice secret");
    auto w = wire(t);
    REQUIRE(w.size() == 3);
    CHECK(w[1] == "client_command A1 LOGIN {5+}\r\nalice secret");
    CHECK(c.client().responses().back() == "A1 OK [CAPABILITY " + test::kCapsPostLogin + "] Logged in");
}

TEST_CASE("simulated client: automatic tags and commands in flight matched by tag", "[wire][client]") {
    SimulatedClient c;
    CHECK(c.next_tag() == "A0001");
    CHECK(c.send_tagged("NOOP") == "A0001");
    CHECK(c.send_tagged("SELECT INBOX") == "A0002");
    c.send("x1 IDLE");
    CHECK(c.in_flight() == std::vector<std::pair<std::string, std::string>>{{"A0001", "A0001 NOOP"}, {"A0002", "A0002 SELECT INBOX"}, {"x1", "x1 IDLE"}});
    CHECK(c.take_output() == "A0001 NOOP\r\nA0002 SELECT INBOX\r\nx1 IDLE\r\n");  // pipelined
    c.receive("A0002 OK done\r\n* 1 EXISTS\r\n");  // completions may come in any order
    CHECK(c.in_flight() == std::vector<std::pair<std::string, std::string>>{{"A0001", "A0001 NOOP"}, {"x1", "x1 IDLE"}});
    c.receive("A0001 OK done\r\n+ idling\r\n");
    c.send("DONE");  // answers the "+": part of x1, not a new command
    CHECK(c.in_flight() == std::vector<std::pair<std::string, std::string>>{{"x1", "x1 IDLE"}});
    c.receive("x1 OK Idle completed.\r\n");
    CHECK(c.in_flight().empty());
    CHECK(c.responses().size() == 5);
}
