// Several sessions on one mailbox: each has its own sequence-number view, and changes made by one
// reach the others as untagged EXISTS / EXPUNGE / FETCH at the moments RFC 9051 §7.5.1 allows.
// Expected lines follow what Dovecot 2.3 sends in the same situations.
#include <catch2/catch.hpp>

#include <random>

#include "session_harness.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {
struct Client {
    std::unique_ptr<Session> session;
    Client(MailStore& store, std::uint32_t id) : session(std::make_unique<Session>(store, ServerConfig{}, nullptr, id)) {
        session->greeting();
        session->feed("l LOGIN alice secret\r\n");
    }
    Lines send(const std::string& line) { return Harness::split(session->feed(line + "\r\n")); }
};
}  // namespace

TEST_CASE("another session's STORE is reported after the command's own responses", "[multi]") {
    Harness h;
    Client a(h.store, 2), b(h.store, 3);
    a.send("a1 SELECT INBOX");
    b.send("b1 SELECT INBOX");
    CHECK(a.send("a2 STORE 1 +FLAGS (\\Flagged)") == Lines{"* 1 FETCH (FLAGS (\\Flagged \\Seen))", "a2 OK Store completed."});
    CHECK(b.send("b2 FETCH 2 FLAGS") == Lines{"* 2 FETCH (FLAGS (\\Seen))", "* 1 FETCH (FLAGS (\\Flagged \\Seen))", "b2 OK Fetch completed."});
    CHECK(b.send("b3 NOOP") == Lines{"b3 OK NOOP completed."});
}

TEST_CASE("EXPUNGE by another session waits for a command that may report it", "[multi]") {
    Harness h;
    Client a(h.store, 2), b(h.store, 3);
    a.send("a1 SELECT INBOX");
    b.send("b1 SELECT INBOX");
    a.send("a2 STORE 1:2 +FLAGS.SILENT (\\Deleted)");
    CHECK(a.send("a3 EXPUNGE") == Lines{"* 2 EXPUNGE", "* 1 EXPUNGE", "a3 OK Expunge completed."});
    // FETCH and STORE must not send EXPUNGE: message 1 still answers, from what is left of it.
    CHECK(b.send("b2 FETCH 1 (UID FLAGS)") == Lines{"* 1 FETCH (UID 10 FLAGS (\\Deleted \\Seen))", "* 1 FETCH (FLAGS (\\Deleted \\Seen))",
                                                    "* 2 FETCH (FLAGS (\\Deleted \\Seen))", "b2 OK Fetch completed."});
    CHECK(b.send("b3 FETCH 1:* UID") == Lines{"* 1 FETCH (UID 10)", "* 2 FETCH (UID 11)", "* 3 FETCH (UID 12)", "* 4 FETCH (UID 13)",
                                              "* 5 FETCH (UID 14)", "b3 OK Fetch completed."});
    // A UID command may report it.
    CHECK(b.send("b4 UID FETCH 12 UID") == Lines{"* 3 FETCH (UID 12)", "* 2 EXPUNGE", "* 1 EXPUNGE", "b4 OK Fetch completed."});
    CHECK(b.send("b5 FETCH 1:* UID") == Lines{"* 1 FETCH (UID 12)", "* 2 FETCH (UID 13)", "* 3 FETCH (UID 14)", "b5 OK Fetch completed."});
    CHECK(b.send("b6 NOOP") == Lines{"b6 OK NOOP completed."});
}

TEST_CASE("APPEND to a selected mailbox: EXISTS for everyone, \\Recent for one session", "[multi][append]") {
    Harness h;
    Client a(h.store, 2), b(h.store, 3);
    a.send("a1 SELECT INBOX");
    b.send("b1 SELECT INBOX");
    CHECK(a.send("a2 APPEND INBOX (\\Seen) \"05-Jul-2012 10:00:00 +0400\" {12+}\r\nSubject: x\r\n") ==
          Lines{"* 6 EXISTS", "* 2 RECENT", "a2 OK [APPENDUID 1340776425 20] Append completed."});
    CHECK(b.send("b2 NOOP") == Lines{"* 6 EXISTS", "b2 OK NOOP completed."});
    CHECK(b.send("b3 FETCH 6 (UID FLAGS INTERNALDATE RFC822.SIZE)") ==
          Lines{"* 6 FETCH (UID 20 FLAGS (\\Seen) INTERNALDATE \"05-Jul-2012 10:00:00 +0400\" RFC822.SIZE 12)", "b3 OK Fetch completed."});
    CHECK(a.send("a3 FETCH 6 FLAGS") == Lines{"* 6 FETCH (FLAGS (\\Seen \\Recent))", "a3 OK Fetch completed."});
}

TEST_CASE("APPEND errors", "[append]") {
    Harness h;
    h.login();
    CHECK(h.send("p1 APPEND Nope {1+}\r\nx") == Lines{"p1 NO [TRYCREATE] Mailbox doesn't exist: Nope."});
    CHECK(h.send("p2 APPEND INBOX {0+}\r\n") == Lines{"p2 NO Can't save a zero byte message."});
    CHECK(h.send("p3 APPEND INBOX (\\Recent) {1+}\r\nx") == Lines{"p3 BAD Error in IMAP command APPEND: Invalid system flag \\RECENT."});
    CHECK(h.send("p4 APPEND INBOX \"bad date\" {1+}\r\nx") == Lines{"p4 BAD Error in IMAP command APPEND: Invalid internal date."});
    CHECK(h.send("p5 APPEND INBOX (\\Seen) \"05-Jul-2012 10:00:00 +0400\"") == Lines{"p5 BAD Error in IMAP command APPEND: Invalid arguments."});
    CHECK(h.send("p6 APPEND INBOX/Drafts (\\Draft) {7+}\r\nHello\r\n") == Lines{"p6 OK [APPENDUID 1340776426 1] Append completed."});
    CHECK(h.send("p7 APPEND INBOX/Drafts {1+}\r\nx") == Lines{"p7 OK [APPENDUID 1340776426 2] Append completed."});
}

TEST_CASE("COPY, MOVE and UID EXPUNGE with UIDPLUS response codes", "[copy]") {
    Harness h;
    h.select();
    CHECK(h.send("c1 COPY 1:2 INBOX/Sent") == Lines{"c1 OK [COPYUID 1340776427 10:11 1:2] Copy completed."});
    CHECK(h.send("c2 COPY 1 Nope") == Lines{"c2 NO [TRYCREATE] Mailbox doesn't exist: Nope."});
    CHECK(h.send("c3 UID COPY 99 INBOX/Sent") == Lines{"c3 OK No messages found."});
    CHECK(h.send("c4 MOVE 3,5 INBOX/Sent") ==
          Lines{"* OK [COPYUID 1340776427 12,14 3:4] Moved UIDs.", "* 5 EXPUNGE", "* 3 EXPUNGE", "* 0 RECENT", "c4 OK Move completed."});
    CHECK(h.send("c5 FETCH 1:* UID") == Lines{"* 1 FETCH (UID 10)", "* 2 FETCH (UID 11)", "* 3 FETCH (UID 13)", "c5 OK Fetch completed."});
    CHECK(h.send("c6 STORE 1:3 +FLAGS.SILENT (\\Deleted)") == Lines{"c6 OK Store completed."});
    CHECK(h.send("c7 UID EXPUNGE 11:13") == Lines{"* 3 EXPUNGE", "* 2 EXPUNGE", "c7 OK Expunge completed."});
    CHECK(h.send("c8 SELECT INBOX/Sent") == Lines{
                                                "* OK [CLOSED] Previous mailbox closed.",
                                                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                                                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.",
                                                "* 4 EXISTS",
                                                "* 4 RECENT",
                                                "* OK [UNSEEN 4] First unseen.",
                                                "* OK [UIDVALIDITY 1340776427] UIDs valid",
                                                "* OK [UIDNEXT 5] Predicted next UID",
                                                "c8 OK [READ-WRITE] Select completed.",
                                            });
    CHECK(h.send("c9 FETCH 1:* FLAGS") == Lines{"* 1 FETCH (FLAGS (\\Seen \\Recent))", "* 2 FETCH (FLAGS (\\Seen \\Recent))",
                                                "* 3 FETCH (FLAGS (\\Answered \\Seen \\Recent))", "* 4 FETCH (FLAGS (\\Recent))",
                                                "c9 OK Fetch completed."});
}

TEST_CASE("IDLE reports other sessions' changes at once and ends with DONE", "[multi][idle]") {
    Harness h;
    Client a(h.store, 2), b(h.store, 3);
    a.send("a1 SELECT INBOX");
    b.send("b1 SELECT INBOX");
    CHECK(b.send("b2 IDLE") == Lines{"+ idling"});
    a.send("a2 APPEND INBOX {1+}\r\nx");
    CHECK(Harness::split(b.session->take_unsolicited()) == Lines{"* 6 EXISTS"});
    a.send("a3 STORE 1 +FLAGS.SILENT (\\Answered)");
    CHECK(Harness::split(b.session->take_unsolicited()) == Lines{"* 1 FETCH (FLAGS (\\Answered \\Seen))"});
    a.send("a4 STORE 2 +FLAGS.SILENT (\\Deleted)");
    CHECK(Harness::split(b.session->take_unsolicited()) == Lines{"* 2 FETCH (FLAGS (\\Deleted \\Seen))"});
    a.send("a5 EXPUNGE");
    CHECK(Harness::split(b.session->take_unsolicited()) == Lines{"* 2 EXPUNGE"});
    CHECK(b.session->take_unsolicited().empty());
    CHECK(b.send("DONE") == Lines{"b2 OK Idle completed."});
    CHECK(b.send("b3 IDLE") == Lines{"+ idling"});
    CHECK(b.send("b4 NOOP") == Lines{"b3 BAD Expected DONE."});
}

TEST_CASE("random interleavings of three sessions keep the invariants", "[multi][random]") {
    std::mt19937 rng(2024);
    for (int round = 0; round < 40; ++round) {
        Harness h;
        std::vector<std::unique_ptr<Client>> clients;
        for (std::uint32_t i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<Client>(h.store, i + 2));
            clients.back()->send(i == 2 ? "s EXAMINE INBOX" : "s SELECT INBOX");
        }
        const std::vector<std::string> ops{"STORE 1:* +FLAGS.SILENT (\\Seen)", "STORE 1 -FLAGS (\\Seen)", "STORE 2,4 +FLAGS (\\Deleted)",
                                           "EXPUNGE",  "APPEND INBOX {1+}\r\nx",     "NOOP",
                                           "UID FETCH 1:* (FLAGS)", "FETCH 1:* UID",  "MOVE 1 INBOX/Sent",
                                           "COPY 1:* INBOX/Sent", "UID EXPUNGE 1:*", "STORE 1 +FLAGS (kw1)"};
        std::uint32_t last_uidnext = h.store.find_account("alice")->find("INBOX")->uidnext();
        for (int step = 0; step < 60; ++step) {
            Client& c = *clients[rng() % clients.size()];
            const std::string op = ops[rng() % ops.size()];
            std::string out;
            REQUIRE_NOTHROW(out = c.session->feed("t " + op + "\r\n"));
            // Every command completes, with a tagged response (EXPUNGE in an empty mailbox aside, BAD
            // only for sequence numbers beyond the view).
            CHECK((out.find("\r\nt ") != std::string::npos || out.rfind("t ", 0) == 0));
            Mailbox& inbox = *h.store.find_account("alice")->find("INBOX");
            // UIDs strictly ascend and never go below UIDNEXT's past value.
            for (std::size_t i = 1; i < inbox.messages().size(); ++i) CHECK(inbox.messages()[i - 1].uid < inbox.messages()[i].uid);
            CHECK(inbox.uidnext() >= last_uidnext);
            if (!inbox.messages().empty()) CHECK(inbox.messages().back().uid.value < inbox.uidnext());
            last_uidnext = inbox.uidnext();
            // Each session's view: ascending UIDs, each either in the store or pending EXPUNGE.
            for (auto& cl : clients) {
                const auto& sel = cl->session->selected();
                REQUIRE(sel);
                CHECK(std::is_sorted(sel->uids.begin(), sel->uids.end()));
                for (std::uint32_t uid : sel->uids) CHECK((inbox.index_of(Uid{uid}) || sel->pending_expunges.count(uid)));
            }
        }
        // After a NOOP everyone's view equals the store.
        for (auto& cl : clients) {
            cl->send("n NOOP");
            std::vector<std::uint32_t> store_uids;
            for (const auto& m : h.store.find_account("alice")->find("INBOX")->messages()) store_uids.push_back(m.uid.value);
            CHECK(cl->session->selected()->uids == store_uids);
        }
        // \Recent: no UID is recent in two sessions.
        std::set<std::uint32_t> seen_recent;
        for (std::size_t i = 0; i < 2; ++i)
            for (std::uint32_t uid : clients[i]->session->selected()->recent) CHECK(seen_recent.insert(uid).second);
    }
}
