// Engine edges: STARTTLS drops pipelined plaintext, SASL lines are plain lines, literal8 APPEND,
// APPEND stores line ends as Dovecot does, FETCH BINARY failures complete with NO.
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

TEST_CASE("STARTTLS: commands pipelined after it in plaintext are never executed", "[starttls][security]") {
    Harness h;
    ServerConfig config;
    config.tls_available = true;
    Session s(h.store, config, nullptr, 7);
    s.greeting();
    // The attacker's injected LOGIN rides in the same packet as STARTTLS (CVE-2011-0411 class).
    const std::string out = s.feed("t1 STARTTLS\r\nt2 LOGIN alice secret\r\n");
    CHECK(Harness::split(out) == Lines{"t1 OK Begin TLS negotiation now."});
    CHECK(s.state() == SessionState::NotAuthenticated);
    // What comes after the handshake is read normally.
    CHECK(Harness::split(s.feed("t3 NOOP\r\n")) == Lines{"t3 OK NOOP completed."});
}

TEST_CASE("AUTHENTICATE: a SASL response that ends in {n} is a line, not a literal", "[auth][sasl]") {
    Harness h;
    CHECK(h.send("a1 AUTHENTICATE PLAIN") == Lines{"+ "});
    CHECK(h.send("abc{5}") == Lines{"a1 BAD Invalid base64 in response"});
    CHECK(h.send("a2 NOOP") == Lines{"a2 OK NOOP completed."});
}

TEST_CASE("APPEND takes a literal8 ~{n} (RFC 3516) and stores bare LF as CRLF", "[append][binary]") {
    Harness h;
    h.login();
    CHECK(h.send("b1 APPEND INBOX/Drafts ~{13+}\r\nSubject: x\n\nb") == Lines{"b1 OK [APPENDUID 1340776426 1] Append completed."});
    CHECK(h.send("b2 SELECT INBOX/Drafts").back() == "b2 OK [READ-WRITE] Select completed.");
    CHECK(h.raw("b3 FETCH 1 (RFC822.SIZE BODY.PEEK[])\r\n") == "* 1 FETCH (RFC822.SIZE 15 BODY[] {15}\r\nSubject: x\r\n\r\nb)\r\nb3 OK Fetch completed.\r\n");
    const std::string with_nul("b4 APPEND INBOX/Drafts {3+}\r\na\0b", 32);
    CHECK(h.send(with_nul) == Lines{"b4 BAD Error in IMAP command APPEND: NUL in literal (only a literal8 ~{n} may hold NUL)."});
    const std::string binary("b5 APPEND INBOX/Drafts ~{3+}\r\na\0b", 32);
    CHECK(h.send(binary) == Lines{"* 2 EXISTS", "* 2 RECENT", "b5 OK [APPENDUID 1340776426 2] Append completed."});
}

TEST_CASE("FETCH BINARY of undecodable data: the other messages are still answered, then NO", "[fetch][binary]") {
    Harness h;
    h.login();
    const std::string bad = "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-unknown\r\n\r\nhello\r\n";
    REQUIRE(h.send("p1 APPEND INBOX/Drafts {" + std::to_string(bad.size()) + "+}\r\n" + bad).back().find("OK") != std::string::npos);
    h.send("p2 APPEND INBOX/Drafts {13+}\r\nSubject: ok\r\n");
    h.send("p3 SELECT INBOX/Drafts");
    CHECK(h.send("p4 FETCH 1:2 (BINARY.PEEK[1] RFC822.SIZE)") ==
          Lines{"* 1 FETCH (RFC822.SIZE " + std::to_string(bad.size()) + ")", "* 2 FETCH (RFC822.SIZE 13 BINARY[1] {0}", ")",
                "p4 NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding."});
}

TEST_CASE("FETCH BINARY of invalid base64: NO [PARSE] (RFC 3516 §4.2, Dovecot's text)", "[fetch][binary]") {
    Harness h;
    h.login();
    const std::string bad = "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n*** not base64 ***\r\n";
    REQUIRE(h.send("p1 APPEND INBOX/Drafts {" + std::to_string(bad.size()) + "+}\r\n" + bad).back().find("OK") != std::string::npos);
    h.send("p3 SELECT INBOX/Drafts");
    CHECK(h.send("p4 FETCH 1 (BINARY.PEEK[1] UID)") == Lines{"* 1 FETCH (UID 1)", "p4 NO [PARSE] Invalid data in MIME part."});
}

TEST_CASE("APPEND refused before its message literal: no \"+\" for a missing mailbox, a bad flag, date or size", "[append]") {
    // Dovecot 2.3 checks the mailbox, the flags, the date and the size when the literal is
    // announced and answers at once, so the client never sends the message (RFC 9051 §7.6).
    Harness h;
    h.login();
    CHECK(h.raw("c1 APPEND Nope {3}\r\n") == "c1 NO [TRYCREATE] Mailbox doesn't exist: Nope.\r\n");
    CHECK(h.raw("c2 APPEND INBOX/Drafts (\\Draft \\Recent) {3}\r\n") == "c2 BAD Error in IMAP command APPEND: Invalid system flag \\RECENT.\r\n");
    CHECK(h.raw("c3 APPEND INBOX/Drafts \"41-Foo-2013 10:00:00 +0400\" {3}\r\n") == "c3 BAD Error in IMAP command APPEND: Invalid internal date.\r\n");
    CHECK(h.raw("c4 APPEND INBOX/Drafts (\\Draft) {0}\r\n") == "c4 NO Can't save a zero byte message.\r\n");
    // The next bytes start a new command; a good APPEND still gets its "+" and is stored.
    CHECK(h.raw("c5 APPEND INBOX/Drafts (\\Draft) {3}\r\n") == "+ OK\r\n");
    CHECK(h.send("abc") == Lines{"c5 OK [APPENDUID 1340776426 1] Append completed."});
    // A literal mailbox name is not the message: it gets its "+" as before.
    CHECK(h.raw("c6 APPEND {12}\r\n") == "+ OK\r\n");
    CHECK(h.raw("INBOX/Drafts {3}\r\n") == "+ OK\r\n");
    CHECK(h.send("def") == Lines{"c6 OK [APPENDUID 1340776426 2] Append completed."});
}
