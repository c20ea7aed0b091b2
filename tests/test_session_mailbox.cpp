// SELECT / EXAMINE / FETCH / STORE / EXPUNGE / CLOSE / UNSELECT with exact protocol lines.
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using imaplab::SessionState;
using imaplab::test::Harness;
using imaplab::test::make_message;
using Lines = std::vector<std::string>;

namespace {
const Lines kSelectInbox{
    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)",
    "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] Flags permitted.",
    "* 5 EXISTS",
    "* 1 RECENT",
    "* OK [UNSEEN 4] First unseen.",
    "* OK [UIDVALIDITY 1340776425] UIDs valid",
    "* OK [UIDNEXT 20] Predicted next UID",
};
Lines with(Lines a, const std::string& last) {
    a.push_back(last);
    return a;
}
}  // namespace

TEST_CASE("SELECT INBOX: every line of the response", "[session][select]") {
    Harness h;
    h.login();
    CHECK(h.send("s1 SELECT INBOX") == with(kSelectInbox, "s1 OK [READ-WRITE] Select completed."));
    CHECK(h.session->state() == SessionState::Selected);
    // \Recent went to the first session that selected the mailbox: a second SELECT sees 0 RECENT.
    Lines again = h.send("s2 select inbox");
    CHECK(again.front() == "* OK [CLOSED] Previous mailbox closed.");
    CHECK(again[4] == "* 0 RECENT");
    CHECK(again.back() == "s2 OK [READ-WRITE] Select completed.");
}

TEST_CASE("EXAMINE is read-only and leaves \\Recent in place", "[session][select]") {
    Harness h;
    h.login();
    Lines lines = h.send("e1 EXAMINE INBOX");
    CHECK(lines == Lines{
                       "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)",
                       "* OK [PERMANENTFLAGS ()] Read-only mailbox.",
                       "* 5 EXISTS",
                       "* 1 RECENT",
                       "* OK [UNSEEN 4] First unseen.",
                       "* OK [UIDVALIDITY 1340776425] UIDs valid",
                       "* OK [UIDNEXT 20] Predicted next UID",
                       "e1 OK [READ-ONLY] Examine completed.",
                   });
    CHECK(h.send("e2 FETCH 4 BODY[]").front().rfind("* 4 FETCH (BODY[] {", 0) == 0);  // no implicit \Seen
    CHECK(h.send("e3 FETCH 4 FLAGS") == Lines{"* 4 FETCH (FLAGS ())", "e3 OK Fetch completed."});
    CHECK(h.send("e4 STORE 1 +FLAGS (\\Deleted)") == Lines{"e4 OK Store ignored with read-only mailbox."});
    CHECK(h.send("e5 EXPUNGE") == Lines{"e5 OK Expunge completed."});
    Lines sel = h.send("e6 SELECT INBOX");
    CHECK(sel[4] == "* 1 RECENT");
}

TEST_CASE("SELECT of a missing mailbox fails and leaves no mailbox selected", "[session][select]") {
    Harness h;
    h.select();
    CHECK(h.send("s3 SELECT Nope") == Lines{"* OK [CLOSED] Previous mailbox closed.", "s3 NO Mailbox doesn't exist: Nope."});
    CHECK(h.session->state() == SessionState::Authenticated);
    CHECK(h.send("s4 SELECT") == Lines{"s4 BAD Error in IMAP command SELECT: Missing arguments."});
}

TEST_CASE("FETCH FLAGS, UID, RFC822.SIZE, INTERNALDATE", "[session][fetch]") {
    Harness h;
    h.select();
    const auto size = std::to_string(make_message(1).size());
    CHECK(h.send("f1 FETCH 1:* FLAGS") == Lines{
                                               "* 1 FETCH (FLAGS (\\Seen))",
                                               "* 2 FETCH (FLAGS (\\Seen))",
                                               "* 3 FETCH (FLAGS (\\Answered \\Seen))",
                                               "* 4 FETCH (FLAGS ())",
                                               "* 5 FETCH (FLAGS (\\Recent))",
                                               "f1 OK Fetch completed.",
                                           });
    CHECK(h.send("f2 FETCH 2 (UID RFC822.SIZE INTERNALDATE)") ==
          Lines{"* 2 FETCH (UID 11 RFC822.SIZE " + size + " INTERNALDATE \"25-Jun-2012 10:01:00 +0400\")", "f2 OK Fetch completed."});
    CHECK(h.send("f3 FETCH 4,2:1 (flags uid)") == Lines{
                                                      "* 1 FETCH (FLAGS (\\Seen) UID 10)",
                                                      "* 2 FETCH (FLAGS (\\Seen) UID 11)",
                                                      "* 4 FETCH (FLAGS () UID 13)",
                                                      "f3 OK Fetch completed.",
                                                  });
    CHECK(h.send("f4 FETCH * FAST") ==
          Lines{"* 5 FETCH (FLAGS (\\Recent) INTERNALDATE \"25-Jun-2012 10:04:00 +0400\" RFC822.SIZE " + size + ")", "f4 OK Fetch completed."});
    CHECK(h.send("f5 UID FETCH 12:13 FLAGS") == Lines{
                                                    "* 3 FETCH (UID 12 FLAGS (\\Answered \\Seen))",
                                                    "* 4 FETCH (UID 13 FLAGS ())",
                                                    "f5 OK Fetch completed.",
                                                });
    CHECK(h.send("f6 UID FETCH 100:* UID") == Lines{"* 5 FETCH (UID 14)", "f6 OK Fetch completed."});
    CHECK(h.send("f7 UID FETCH 100 UID") == Lines{"f7 OK Fetch completed."});
}

TEST_CASE("FETCH errors", "[session][fetch]") {
    Harness h;
    h.select();
    CHECK(h.send("x1 FETCH 6 FLAGS") == Lines{"x1 BAD Error in IMAP command FETCH: Invalid messageset."});
    CHECK(h.send("x2 FETCH 0 FLAGS") == Lines{"x2 BAD Error in IMAP command FETCH: Invalid messageset: 0 is not a valid sequence number."});
    CHECK(h.send("x3 FETCH 1 (FLAGS") == Lines{"x3 BAD Error in IMAP command FETCH: Missing ')'."});
    CHECK(h.send("x4 FETCH 1 BOGUS") == Lines{"x4 BAD Error in IMAP command FETCH: Unknown parameter: BOGUS."});
    CHECK(h.send("x5 FETCH 1") == Lines{"x5 BAD Error in IMAP command FETCH: Missing arguments."});
    CHECK(h.send("x6 FETCH 1 BODY[HEADER") == Lines{"x6 BAD Error in IMAP command FETCH: Missing ']'."});
    CHECK(h.send("x7 FETCH 1 BODY[]<5>") == Lines{"x7 BAD Error in IMAP command FETCH: Invalid partial: <5>."});
}

TEST_CASE("FETCH BODY[] sets \\Seen and reports FLAGS first; BODY.PEEK[] does not", "[session][fetch]") {
    Harness h;
    h.select();
    const std::string text = make_message(4);
    CHECK(h.raw("b1 FETCH 4 BODY.PEEK[]\r\n") ==
          "* 4 FETCH (BODY[] {" + std::to_string(text.size()) + "}\r\n" + text + ")\r\nb1 OK Fetch completed.\r\n");
    CHECK(h.send("b2 FETCH 4 FLAGS") == Lines{"* 4 FETCH (FLAGS ())", "b2 OK Fetch completed."});
    CHECK(h.raw("b3 FETCH 4 BODY[]\r\n") ==
          "* 4 FETCH (FLAGS (\\Seen) BODY[] {" + std::to_string(text.size()) + "}\r\n" + text + ")\r\nb3 OK Fetch completed.\r\n");
    // Already \Seen: no FLAGS item is added.
    CHECK(h.raw("b4 FETCH 4 BODY[]\r\n") ==
          "* 4 FETCH (BODY[] {" + std::to_string(text.size()) + "}\r\n" + text + ")\r\nb4 OK Fetch completed.\r\n");
    const std::string five = make_message(5);
    CHECK(h.raw("b5 UID FETCH 14 (BODY[TEXT] FLAGS)\r\n") ==
          "* 5 FETCH (UID 14 FLAGS (\\Seen \\Recent) BODY[TEXT] {19}\r\nBody of message 5\r\n)\r\nb5 OK Fetch completed.\r\n");
}

TEST_CASE("FETCH header sections and partial ranges", "[session][fetch]") {
    Harness h;
    h.select();
    CHECK(h.raw("h1 FETCH 1 BODY.PEEK[HEADER.FIELDS (Subject)]\r\n") ==
          "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {22}\r\nSubject: Message 1\r\n\r\n)\r\nh1 OK Fetch completed.\r\n");
    CHECK(h.raw("h2 FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (From Subject Date)]\r\n") ==
          "* 1 FETCH (BODY[HEADER.FIELDS.NOT (FROM SUBJECT DATE)] {25}\r\nTo: alice@example.org\r\n\r\n)\r\nh2 OK Fetch completed.\r\n");
    CHECK(h.raw("h3 FETCH 1 BODY.PEEK[]<0.4>\r\n") == "* 1 FETCH (BODY[]<0> {4}\r\nFrom)\r\nh3 OK Fetch completed.\r\n");
    CHECK(h.raw("h4 FETCH 1 BODY.PEEK[]<5000.4>\r\n") == "* 1 FETCH (BODY[]<5000> {0}\r\n)\r\nh4 OK Fetch completed.\r\n");
    CHECK(h.raw("h5 FETCH 1 RFC822.TEXT\r\n") == "* 1 FETCH (RFC822.TEXT {19}\r\nBody of message 1\r\n)\r\nh5 OK Fetch completed.\r\n");
}

TEST_CASE("STORE FLAGS / +FLAGS / -FLAGS / .SILENT", "[session][store]") {
    Harness h;
    h.select();
    CHECK(h.send("t1 STORE 5 +FLAGS \\Deleted") == Lines{"* 5 FETCH (FLAGS (\\Deleted \\Recent))", "t1 OK Store completed."});
    // Unchanged messages get no FETCH (as Dovecot).
    CHECK(h.send("t2 STORE 1:3 +FLAGS (\\Seen)") == Lines{"t2 OK Store completed."});
    CHECK(h.send("t3 STORE 3 -FLAGS (\\Answered)") == Lines{"* 3 FETCH (FLAGS (\\Seen))", "t3 OK Store completed."});
    CHECK(h.send("t4 STORE 2 FLAGS (\\Flagged $Forwarded)") == Lines{"* 2 FETCH (FLAGS (\\Flagged $Forwarded))", "t4 OK Store completed."});
    CHECK(h.send("t5 STORE 1 +FLAGS.SILENT (\\Flagged)") == Lines{"t5 OK Store completed."});
    CHECK(h.send("t6 FETCH 1 FLAGS") == Lines{"* 1 FETCH (FLAGS (\\Flagged \\Seen))", "t6 OK Fetch completed."});
    CHECK(h.send("t7 UID STORE 10 -FLAGS (\\Flagged)") == Lines{"* 1 FETCH (UID 10 FLAGS (\\Seen))", "t7 OK Store completed."});
    CHECK(h.send("t8 STORE 4 FLAGS ()") == Lines{"t8 OK Store completed."});
}

TEST_CASE("STORE of a new keyword announces FLAGS and PERMANENTFLAGS first", "[session][store]") {
    Harness h;
    h.select();
    CHECK(h.send("k1 STORE 4 +FLAGS (Junk)") == Lines{
                                                   "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded Junk)",
                                                   "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded Junk \\*)] Flags permitted.",
                                                   "* 4 FETCH (FLAGS (Junk))",
                                                   "k1 OK Store completed.",
                                               });
    CHECK(h.send("k2 STORE 3 +FLAGS (junk)") == Lines{"* 3 FETCH (FLAGS (\\Answered \\Seen Junk))", "k2 OK Store completed."});
}

TEST_CASE("STORE errors", "[session][store]") {
    Harness h;
    h.select();
    CHECK(h.send("y1 STORE 1 +FLAGS (\\Recent)") == Lines{"y1 BAD Error in IMAP command STORE: Invalid system flag \\RECENT."});
    CHECK(h.send("y2 STORE 1 +FLAGS (\\Bogus)") == Lines{"y2 BAD Error in IMAP command STORE: Invalid system flag \\BOGUS."});
    CHECK(h.send("y3 STORE 1 XFLAGS (\\Seen)") ==
          Lines{"y3 BAD Error in IMAP command STORE: Invalid arguments: expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT), got XFLAGS."});
    CHECK(h.send("y4 STORE 1 +FLAGS") == Lines{"y4 BAD Error in IMAP command STORE: Missing flags."});
    CHECK(h.send("y5 STORE 9 +FLAGS \\Seen") == Lines{"y5 BAD Error in IMAP command STORE: Invalid messageset."});
}

TEST_CASE("EXPUNGE: one untagged EXPUNGE per message, numbers valid when sent", "[session][expunge]") {
    Harness h;
    h.select();
    h.send("d1 STORE 2,4:5 +FLAGS.SILENT (\\Deleted)");
    CHECK(h.send("d2 EXPUNGE") == Lines{"* 5 EXPUNGE", "* 4 EXPUNGE", "* 2 EXPUNGE", "* 0 RECENT", "d2 OK Expunge completed."});
    CHECK(h.send("d3 FETCH 1:* UID") == Lines{"* 1 FETCH (UID 10)", "* 2 FETCH (UID 12)", "d3 OK Fetch completed."});
    CHECK(h.send("d4 EXPUNGE") == Lines{"d4 OK Expunge completed."});
}

TEST_CASE("CLOSE expunges silently; UNSELECT does not", "[session][close]") {
    Harness h;
    h.select();
    h.send("c1 STORE 1 +FLAGS.SILENT (\\Deleted)");
    CHECK(h.send("c2 UNSELECT") == Lines{"c2 OK Unselect completed."});
    CHECK(h.session->state() == SessionState::Authenticated);
    CHECK(h.send("c3 SELECT INBOX")[2] == "* 5 EXISTS");
    CHECK(h.send("c4 CLOSE") == Lines{"c4 OK Close completed."});
    CHECK(h.session->state() == SessionState::Authenticated);
    CHECK(h.send("c5 SELECT INBOX")[2] == "* 4 EXISTS");
    CHECK(h.send("c6 CHECK") == Lines{"c6 OK Check completed."});
}
