// ESEARCH (RFC 4731), SEARCHRES (RFC 5182: RETURN (SAVE) and "$"), IMAP4rev2 answers, errors and
// the UW IMAP session of the course material. Expected lines are Dovecot 2.3's on the same
// mailbox (tests/search_fixture.hpp) unless a comment says otherwise.
#include <catch2/catch.hpp>

#include "search_fixture.hpp"

using imaplab::test::SearchHarness;
using Lines = std::vector<std::string>;

TEST_CASE("ESEARCH with RETURN (MIN MAX COUNT ALL)", "[search][esearch]") {
    SearchHarness h;
    h.select();
    CHECK(h.send("a1 SEARCH RETURN (MIN MAX COUNT ALL) SEEN") ==
          Lines{"* ESEARCH (TAG \"a1\") MIN 1 MAX 5 ALL 1:2,5 COUNT 3", "a1 OK Search completed."});
    CHECK(h.send("a2 UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN") ==
          Lines{"* ESEARCH (TAG \"a2\") UID MIN 3 MAX 12 ALL 3:4,6:12 COUNT 9", "a2 OK Search completed."});
    CHECK(h.send("a3 SEARCH RETURN () SEEN") == Lines{"* ESEARCH (TAG \"a3\") ALL 1:2,5", "a3 OK Search completed."});
    CHECK(h.send("a4 SEARCH RETURN (ALL) 1:3,5,7") == Lines{"* ESEARCH (TAG \"a4\") ALL 1:3,5,7", "a4 OK Search completed."});
    CHECK(h.send("a5 SEARCH RETURN (COUNT) KEYWORD nope2") == Lines{"* ESEARCH (TAG \"a5\") COUNT 0", "a5 OK Search completed."});
    CHECK(h.send("a6 SEARCH RETURN (MIN MAX) KEYWORD nope2") == Lines{"* ESEARCH (TAG \"a6\")", "a6 OK Search completed."});
    CHECK(h.send("a7 SEARCH RETURN (ALL) KEYWORD nope2") == Lines{"* ESEARCH (TAG \"a7\")", "a7 OK Search completed."});
    CHECK(h.send("a8 SEARCH RETURN (MAX MIN) ALL") == Lines{"* ESEARCH (TAG \"a8\") MIN 1 MAX 12", "a8 OK Search completed."});
    CHECK(h.send("a9 SEARCH RETURN (count) seen") == Lines{"* ESEARCH (TAG \"a9\") COUNT 3", "a9 OK Search completed."});
    CHECK(h.send("b1 SEARCH RETURN (ALL COUNT) CHARSET UTF-8 SEEN") ==
          Lines{"* ESEARCH (TAG \"b1\") ALL 1:2,5 COUNT 3", "b1 OK Search completed."});
    CHECK(h.send("b2 SEARCH RETURN (MIN MIN) 1") == Lines{"* ESEARCH (TAG \"b2\") MIN 1", "b2 OK Search completed."});
    CHECK(h.send("b3 SEARCH RETURN (CONTEXT) 1") == Lines{"* ESEARCH (TAG \"b3\") ALL 1", "b3 OK Search completed."});
    CHECK(h.send("b4 UID SEARCH RETURN (ALL) 1,3,5:12") == Lines{"* ESEARCH (TAG \"b4\") UID ALL 1,3,5:12", "b4 OK Search completed."});
}

TEST_CASE("ESEARCH errors", "[search][esearch]") {
    SearchHarness h;
    h.select();
    CHECK(h.send("e1 SEARCH RETURN (FOO) ALL") == Lines{"e1 BAD Error in IMAP command SEARCH: Unknown SEARCH return option."});
    CHECK(h.send("e2 SEARCH RETURN ALL") == Lines{"e2 BAD Error in IMAP command SEARCH: Unknown argument RETURN."});
    CHECK(h.send("e3 SEARCH RETURN") == Lines{"e3 BAD Error in IMAP command SEARCH: Unknown argument RETURN."});
    CHECK(h.send("e4 SEARCH CHARSET UTF-8 RETURN (ALL) SEEN") == Lines{"e4 BAD Error in IMAP command SEARCH: Unknown argument RETURN."});
    CHECK(h.send("e5 SEARCH RETURN (ALL) RETURN (MIN) 1") == Lines{"e5 BAD Error in IMAP command SEARCH: Unknown argument RETURN."});
    CHECK(h.send("e6 SEARCH RETURN (\"MIN\") 1") ==
          Lines{"e6 BAD Error in IMAP command SEARCH: SEARCH return options contain non-atoms."});
    CHECK(h.send("e7 SEARCH RETURN (MIN (1)) 1") ==
          Lines{"e7 BAD Error in IMAP command SEARCH: SEARCH return options contain non-atoms."});
    CHECK(h.send("e8 SEARCH RETURN (") == Lines{"e8 BAD Error in IMAP command SEARCH: Missing ')'."});
}

TEST_CASE("RETURN (SAVE) keeps the result for $ in SEARCH, FETCH, STORE, COPY and MOVE", "[search][searchres]") {
    SearchHarness h;
    h.select();
    CHECK(h.send("s0 SEARCH $") == Lines{"* SEARCH", "s0 OK Search completed."});  // empty before any SAVE
    CHECK(h.send("s1 FETCH $ FLAGS") == Lines{"s1 OK Fetch completed."});
    CHECK(h.send("s2 UID FETCH $ FLAGS") == Lines{"s2 OK Fetch completed."});
    CHECK(h.send("s3 SEARCH RETURN (SAVE) SEEN") == Lines{"s3 OK Search completed."});  // SAVE alone: no untagged
    CHECK(h.send("s4 SEARCH $") == Lines{"* SEARCH 1 2 5", "s4 OK Search completed."});
    CHECK(h.send("s5 FETCH $ FLAGS") == Lines{"* 1 FETCH (FLAGS (\\Seen \\Recent))", "* 2 FETCH (FLAGS (\\Answered \\Seen \\Recent))",
                                              "* 5 FETCH (FLAGS (\\Deleted \\Seen \\Recent))", "s5 OK Fetch completed."});
    CHECK(h.send("s6 UID SEARCH $") == Lines{"* SEARCH 1 2 5", "s6 OK Search completed."});
    CHECK(h.send("s7 SEARCH RETURN (SAVE MIN) UNSEEN") == Lines{"* ESEARCH (TAG \"s7\") MIN 3", "s7 OK Search completed."});
    CHECK(h.send("s8 SEARCH $") == Lines{"* SEARCH 3", "s8 OK Search completed."});  // with MIN alone only MIN is saved
    CHECK(h.send("s9 SEARCH RETURN (SAVE MIN MAX) 2:5") == Lines{"* ESEARCH (TAG \"s9\") MIN 2 MAX 5", "s9 OK Search completed."});
    CHECK(h.send("t1 SEARCH $") == Lines{"* SEARCH 2 5", "t1 OK Search completed."});
    CHECK(h.send("t2 SEARCH RETURN (SAVE COUNT MIN) 2:5") == Lines{"* ESEARCH (TAG \"t2\") MIN 2 COUNT 4", "t2 OK Search completed."});
    CHECK(h.send("t3 SEARCH $") == Lines{"* SEARCH 2 3 4 5", "t3 OK Search completed."});
    CHECK(h.send("t4 UID SEARCH RETURN (SAVE) 2:3") == Lines{"t4 OK Search completed."});
    CHECK(h.send("t5 SEARCH RETURN (MIN) $") == Lines{"* ESEARCH (TAG \"t5\") MIN 2", "t5 OK Search completed."});
    CHECK(h.send("t6 SEARCH RETURN (SAVE) $ 3") == Lines{"t6 OK Search completed."});  // $ is read before it is replaced
    CHECK(h.send("t7 SEARCH $") == Lines{"* SEARCH 3", "t7 OK Search completed."});
    CHECK(h.send("t8 SEARCH RETURN (SAVE) 1,3") == Lines{"t8 OK Search completed."});
    CHECK(h.send("t9 SEARCH OR $ 5") == Lines{"* SEARCH 1 3 5", "t9 OK Search completed."});
    CHECK(h.send("u1 SEARCH UID $") == Lines{"* SEARCH 1 3", "u1 OK Search completed."});
    CHECK(h.send("u2 SEARCH $,5") == Lines{"u2 BAD Error in IMAP command SEARCH: Unknown argument $,5."});
    CHECK(h.send("u3 STORE $ +FLAGS (\\Draft)") ==
          Lines{"* 1 FETCH (FLAGS (\\Seen \\Draft \\Recent))", "* 3 FETCH (FLAGS (\\Flagged \\Draft \\Recent $Forwarded))", "u3 OK Store completed."});
    CHECK(h.send("u4 UID COPY $ INBOX") == Lines{"u4 OK [COPYUID 1340776425 1,3 1:2] Copy completed."});
    CHECK(h.send("u5 MOVE $ INBOX") == Lines{"* OK [COPYUID 1340776425 1,3 3:4] Moved UIDs.", "* 3 EXPUNGE", "* 1 EXPUNGE", "* 10 RECENT",
                                             "u5 OK Move completed."});
    CHECK(h.send("u6 SEARCH $") == Lines{"* SEARCH", "u6 OK Search completed."});  // moved away: $ names nothing
    CHECK(h.send("u7 SEARCH RETURN (SAVE) NOT ALL") == Lines{"u7 OK Search completed."});
    CHECK(h.send("u8 SEARCH $") == Lines{"* SEARCH", "u8 OK Search completed."});
}

TEST_CASE("$ after EXPUNGE names what is left; a new SELECT empties it", "[search][searchres]") {
    SearchHarness h;
    h.select();
    CHECK(h.send("s1 SEARCH RETURN (SAVE) 1:4") == Lines{"s1 OK Search completed."});
    h.send("s2 STORE 2 +FLAGS.SILENT (\\Deleted)");
    CHECK(h.send("s3 EXPUNGE") == Lines{"* 5 EXPUNGE", "* 2 EXPUNGE", "* 10 RECENT", "s3 OK Expunge completed."});
    CHECK(h.send("s4 SEARCH $") == Lines{"* SEARCH 1 2 3", "s4 OK Search completed."});
    CHECK(h.send("s5 UID SEARCH $") == Lines{"* SEARCH 1 3 4", "s5 OK Search completed."});
    CHECK(h.send("s6 UID FETCH $ UID") == Lines{"* 1 FETCH (UID 1)", "* 2 FETCH (UID 3)", "* 3 FETCH (UID 4)", "s6 OK Fetch completed."});
    h.send("s7 SELECT SearchLab");
    CHECK(h.send("s8 SEARCH $") == Lines{"* SEARCH", "s8 OK Search completed."});
}

TEST_CASE("a failed SEARCH ... SAVE: NO empties $, a syntax BAD leaves it", "[search][searchres]") {
    SearchHarness h;
    h.select();
    h.send("s1 SEARCH RETURN (SAVE) 1:3");
    CHECK(h.send("s2 SEARCH RETURN (SAVE) FOO") == Lines{"s2 BAD Error in IMAP command SEARCH: Unknown argument FOO."});
    CHECK(h.send("s3 SEARCH $") == Lines{"* SEARCH 1 2 3", "s3 OK Search completed."});
    CHECK(h.send("s4 SEARCH RETURN (SAVE) ON 1-Foo-2000") == Lines{"s4 BAD Error in IMAP command SEARCH: Invalid search date parameter."});
    CHECK(h.send("s5 SEARCH $") == Lines{"* SEARCH 1 2 3", "s5 OK Search completed."});
    CHECK(h.send("s6 SEARCH CHARSET FOO SEEN") == Lines{"s6 NO [BADCHARSET] Unknown charset."});  // no SAVE: $ kept
    CHECK(h.send("s7 SEARCH $") == Lines{"* SEARCH 1 2 3", "s7 OK Search completed."});
    CHECK(h.send("s8 SEARCH RETURN (SAVE) CHARSET FOO SEEN") == Lines{"s8 NO [BADCHARSET] Unknown charset."});
    CHECK(h.send("s9 SEARCH $") == Lines{"* SEARCH", "s9 OK Search completed."});
}

TEST_CASE("IMAP4rev2 answers SEARCH with ESEARCH", "[search][esearch][rev2]") {
    // RFC 9051 §6.4.4 / §7.3.4 (Dovecot 2.3 has no IMAP4rev2 to compare with): without RETURN
    // the answer is ESEARCH ... ALL; an empty result leaves ALL out.
    SearchHarness h;
    h.select();
    h.session->set_imap4rev2(true);
    CHECK(h.send("r1 SEARCH SEEN") == Lines{"* ESEARCH (TAG \"r1\") ALL 1:2,5", "r1 OK Search completed."});
    CHECK(h.send("r2 UID SEARCH UNSEEN") == Lines{"* ESEARCH (TAG \"r2\") UID ALL 3:4,6:12", "r2 OK Search completed."});
    CHECK(h.send("r3 SEARCH KEYWORD none") == Lines{"* ESEARCH (TAG \"r3\")", "r3 OK Search completed."});
    CHECK(h.send("r4 SEARCH RETURN (MIN COUNT) FLAGGED") == Lines{"* ESEARCH (TAG \"r4\") MIN 3 COUNT 1", "r4 OK Search completed."});
    CHECK(h.send("r5 SEARCH RETURN (SAVE) DRAFT") == Lines{"r5 OK Search completed."});
    CHECK(h.send("r6 SEARCH RETURN () $") == Lines{"* ESEARCH (TAG \"r6\") ALL 4", "r6 OK Search completed."});
}

TEST_CASE("SEARCH errors carry Dovecot's texts", "[search][errors]") {
    SearchHarness h;
    h.select();
    auto bad = [](const std::string& tag, const std::string& why, const std::string& cmd = "SEARCH") {
        return Lines{tag + " BAD Error in IMAP command " + cmd + ": " + why + "."};
    };
    CHECK(h.send("e1 SEARCH") == bad("e1", "Missing search parameters"));
    CHECK(h.send("e2 SEARCH FOO") == bad("e2", "Unknown argument FOO"));
    CHECK(h.send("e3 SEARCH ON 1-Jul-2012 foo") == bad("e3", "Unknown argument FOO"));
    CHECK(h.send("e4 SEARCH ON") == bad("e4", "Missing parameter for search key (for search key: ON)"));
    CHECK(h.send("e5 SEARCH HEADER Subject") == bad("e5", "Missing parameter for search key (for search key: HEADER)"));
    CHECK(h.send("e6 SEARCH ON 1-Jul-12") == bad("e6", "Invalid search date parameter"));
    CHECK(h.send("e7 SEARCH ON 001-Jul-2012") == bad("e7", "Invalid search date parameter"));
    CHECK(h.send("e8 SEARCH SINCE 1-Foo-2012") == bad("e8", "Invalid search date parameter"));
    CHECK(h.send("e9 SEARCH SINCE 1-Jul-2012x") == bad("e9", "Invalid search date parameter"));
    CHECK(h.send("f1 SEARCH SINCE \"\"") == bad("f1", "Invalid search date parameter"));
    CHECK(h.send("f2 SEARCH LARGER x") == bad("f2", "Invalid search size parameter"));
    CHECK(h.send("f3 SEARCH LARGER -1") == bad("f3", "Invalid search size parameter"));
    CHECK(h.send("f4 SEARCH LARGER 99999999999999999999") == bad("f4", "Invalid search size parameter"));
    CHECK(h.send("f5 SEARCH LARGER \"\"") == bad("f5", "Invalid search size parameter"));
    CHECK(h.send("f6 SEARCH KEYWORD (a)") == bad("f6", "Unexpected ( (for search key: KEYWORD)"));
    CHECK(h.send("f7 SEARCH HEADER (a) b") == bad("f7", "Unexpected ( (for search key: HEADER)"));
    CHECK(h.send("f8 SEARCH UID (1)") == bad("f8", "Unexpected ( (for search key: UID)"));
    CHECK(h.send("f9 SEARCH KEYWORD") == bad("f9", "Missing parameter for search key (for search key: KEYWORD)"));
    CHECK(h.send("g1 SEARCH 0") == bad("g1", "Invalid messageset"));
    CHECK(h.send("g2 SEARCH 1,a") == bad("g2", "Invalid messageset"));
    CHECK(h.send("g3 SEARCH UID 0") == bad("g3", "Invalid UID messageset"));
    CHECK(h.send("g4 SEARCH UID a") == bad("g4", "Invalid UID messageset"));
    CHECK(h.send("g5 SEARCH ()") == bad("g5", "No search parameters inside list"));
    CHECK(h.send("g6 SEARCH NOT ()") == bad("g6", "No search parameters inside list"));
    CHECK(h.send("g7 SEARCH OR SEEN") == bad("g7", "Missing argument"));
    CHECK(h.send("g8 SEARCH NOT") == bad("g8", "Missing argument"));
    CHECK(h.send("g9 SEARCH \"SEEN\"") == bad("g9", "Unexpected string as search key: SEEN"));
    CHECK(h.send("h1 SEARCH \"1\"") == bad("h1", "Unexpected string as search key: 1"));
    CHECK(h.send("h2 SEARCH (SEEN") == bad("h2", "Missing ')'"));
    CHECK(h.send("h4 SEARCH CHARSET") == bad("h4", "Invalid charset argument"));
    CHECK(h.send("h5 SEARCH CHARSET (a) 1") == bad("h5", "Invalid charset argument"));
    CHECK(h.send("h6 SEARCH CHARSET UTF-8") == bad("h6", "Missing search parameters"));
    CHECK(h.send("h7 SEARCH CHARSET UTF-8 CHARSET UTF-8 1") == bad("h7", "Unknown argument CHARSET"));
    CHECK(h.send("h8 SEARCH CHARSET FOO BAR") == bad("h8", "Unknown argument BAR"));
    CHECK(h.send("h9 UID SEARCH FOO") == bad("h9", "Unknown argument FOO", "UID SEARCH"));
    CHECK(h.send("i1 SEARCH CHARSET FOO SEEN") == Lines{"i1 NO [BADCHARSET] Unknown charset."});
    CHECK(h.send("i2 SEARCH CHARSET x-unknown 1:2") == Lines{"i2 NO [BADCHARSET] Unknown charset."});
    CHECK(h.raw("i3 SEARCH SUBJECT {2+}\r\n\xff\xfe\r\n") == bad("i3", "Invalid search key"));
    CHECK(h.raw("i4 SEARCH CHARSET UTF-8 SUBJECT {2+}\r\n\xff\xfe\r\n") == bad("i4", "Invalid search key"));
    CHECK(h.raw("i5 SEARCH CHARSET US-ASCII SUBJECT {2+}\r\n\xff\xfe\r\n") == bad("i5", "Invalid search key"));
    // The session goes on.
    CHECK(h.send("i6 SEARCH SEEN") == Lines{"* SEARCH 1 2 5", "i6 OK Search completed."});
}

TEST_CASE("CHARSET: UTF-8, US-ASCII and other charsets iconv knows (as Dovecot)", "[search][charset]") {
    SearchHarness h;
    h.select();
    CHECK(h.send("c1 SEARCH CHARSET utf-8 SUBJECT test") == Lines{"* SEARCH 1 2", "c1 OK Search completed."});
    CHECK(h.send("c2 SEARCH CHARSET \"UTF-8\" 1") == Lines{"* SEARCH 1", "c2 OK Search completed."});
    CHECK(h.send("c3 SEARCH CHARSET US-ASCII SUBJECT \"письмо\"") == Lines{"* SEARCH 4", "c3 OK Search completed."});
    CHECK(h.send("c4 SEARCH CHARSET KOI8-R SUBJECT test") == Lines{"* SEARCH 1 2", "c4 OK Search completed."});
    CHECK(h.raw("c5 SEARCH CHARSET KOI8-R SUBJECT {6+}\r\n\xd0\xd2\xc9\xd7\xc5\xd4\r\n") == Lines{"* SEARCH 3", "c5 OK Search completed."});
    CHECK(h.send("c6 SEARCH CHARSET \"\" SUBJECT test") == Lines{"* SEARCH 1 2", "c6 OK Search completed."});
    CHECK(h.send("c7 SEARCH CHARSET {5+}\r\nUTF-8 1") == Lines{"* SEARCH 1", "c7 OK Search completed."});
}

TEST_CASE("SEARCH is only valid with a mailbox selected", "[search][errors]") {
    SearchHarness h;
    h.send("a0 LOGIN alice secret");
    Lines r = h.send("n1 SEARCH ALL");
    REQUIRE(r.size() == 1);
    CHECK(r[0].rfind("n1 BAD ", 0) == 0);
}

TEST_CASE("the UW IMAP SEARCH session of the course material", "[search][course]") {
    // 002_25a58af707b4ea65.txt: alex searches his two-message INBOX. UW IMAP wrote
    // "a3 OK SEARCH completed"; we write Dovecot's text.
    imaplab::MailStore store;
    imaplab::Account* alex = store.add_account("alex", "drums");
    imaplab::Mailbox* inbox = alex->create("INBOX", 936999597);
    const char* subjects[] = {"test", "another test"};
    for (int i = 0; i < 2; ++i) {
        imaplab::Message m;
        m.uid = imaplab::Uid{static_cast<std::uint32_t>(3 + i)};
        m.internal_date = 937000000 + i * 60;
        m.text = std::make_shared<const std::string>(std::string("From: friend@smallorg.org\r\nTo: alex@shadrach.smallorg.org\r\nSubject: ") +
                                                     subjects[i] + "\r\n\r\nHello, Alex.\r\n");
        inbox->append(std::move(m));
    }
    inbox->raise_uidnext(5);
    inbox->set_first_recent_uid(5);
    imaplab::Session s(store, {}, nullptr, 1);
    s.greeting();
    auto send = [&](const std::string& line) { return imaplab::test::Harness::split(s.feed(line + "\r\n")); };
    CHECK(send("a1 login alex drums").back().rfind("a1 OK [CAPABILITY IMAP4rev1 ", 0) == 0);
    Lines sel = send("a2 select inbox");
    CHECK(sel[2] == "* 2 EXISTS");
    CHECK(sel[3] == "* 0 RECENT");
    CHECK(sel[4] == "* OK [UNSEEN 1] First unseen.");
    CHECK(sel[5] == "* OK [UIDVALIDITY 936999597] UIDs valid");
    CHECK(sel[6] == "* OK [UIDNEXT 5] Predicted next UID");
    CHECK(send("a3 search header subject test") == Lines{"* SEARCH 1 2", "a3 OK Search completed."});
    CHECK(send("a4 search header subject another") == Lines{"* SEARCH 2", "a4 OK Search completed."});
    CHECK(send("a5 search unseen") == Lines{"* SEARCH 1 2", "a5 OK Search completed."});
    CHECK(send("a6 logout") == Lines{"* BYE Logging out", "a6 OK Logout completed."});
}

TEST_CASE("SEARCH never reports EXPUNGE; a message another session expunged still matches", "[search][multi]") {
    // RFC 9051 §7.5.1. Dovecot does the same: "SEARCH ALL" still lists the expunged message 2,
    // the flag changes follow as FETCH, and the EXPUNGE waits for a command that may send it
    // (UID SEARCH may).
    SearchHarness h;
    h.select();
    imaplab::Session other(h.store, {}, nullptr, 2);
    other.greeting();
    other.feed("b1 LOGIN alice secret\r\nb2 SELECT SearchLab\r\n");
    other.feed("b3 STORE 2 +FLAGS.SILENT (\\Deleted)\r\nb4 EXPUNGE\r\nb5 STORE 3 +FLAGS.SILENT (\\Draft)\r\n");
    Lines r = h.send("a3 SEARCH ALL");
    REQUIRE(r.size() >= 2);
    CHECK(r.front() == "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12");
    CHECK(r.back() == "a3 OK Search completed.");
    for (const auto& l : r) CHECK(l.find("EXPUNGE") == std::string::npos);
    CHECK(h.send("a4 SEARCH ANSWERED") == Lines{"* SEARCH 2", "a4 OK Search completed."});
    CHECK(h.send("a5 SEARCH RETURN (ALL COUNT) 1:*") == Lines{"* ESEARCH (TAG \"a5\") ALL 1:12 COUNT 12", "a5 OK Search completed."});
    Lines u = h.send("a6 UID SEARCH ALL");
    REQUIRE(u.size() >= 4);
    CHECK(u.front() == "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12");
    CHECK(u[1] == "* 5 EXPUNGE");  // 5 was \Deleted already
    CHECK(u[2] == "* 2 EXPUNGE");
    CHECK(u.back() == "a6 OK Search completed.");
    CHECK(h.send("a7 SEARCH ALL") == Lines{"* SEARCH 1 2 3 4 5 6 7 8 9 10", "a7 OK Search completed."});
}
