// Exact protocol lines for each command of the walking skeleton (RFC 9051 / RFC 3501, texts as
// Dovecot writes them).
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using imaplab::SessionState;
using imaplab::test::Harness;
using imaplab::test::kCapsPostLogin;
using imaplab::test::kCapsPreLogin;
using Lines = std::vector<std::string>;

TEST_CASE("greeting carries the capabilities", "[session]") {
    Harness h;
    CHECK(h.greeting == "* OK [CAPABILITY " + kCapsPreLogin + "] IMAP Lab ready.\r\n");
    CHECK(h.session->state() == SessionState::NotAuthenticated);
}

TEST_CASE("CAPABILITY and NOOP in any state", "[session]") {
    Harness h;
    CHECK(h.send("a CAPABILITY") ==
          Lines{"* CAPABILITY " + kCapsPreLogin, "a OK Pre-login capabilities listed, post-login capabilities have more."});
    CHECK(h.send("b NOOP") == Lines{"b OK NOOP completed."});
    h.login();
    CHECK(h.send("c CAPABILITY") == Lines{"* CAPABILITY " + kCapsPostLogin, "c OK Capability completed."});
    CHECK(h.send("d noop") == Lines{"d OK NOOP completed."});
    CHECK(h.send("e NOOP extra") == Lines{"e BAD Error in IMAP command NOOP: Unexpected extra arguments."});
}

TEST_CASE("LOGIN succeeds, fails, and is refused once logged in", "[session][login]") {
    Harness h;
    CHECK(h.send("a1 LOGIN alice wrong") == Lines{"a1 NO [AUTHENTICATIONFAILED] Authentication failed."});
    CHECK(h.session->state() == SessionState::NotAuthenticated);
    CHECK(h.send("a2 LOGIN \"alice\" {6+}\r\nsecret") ==
          Lines{"a2 OK [CAPABILITY " + kCapsPostLogin + "] Logged in"});
    CHECK(h.session->state() == SessionState::Authenticated);
    CHECK(h.send("a3 LOGIN alice secret") ==
          Lines{"a3 BAD Error in IMAP command LOGIN: Already logged in (LOGIN is valid only in Not Authenticated state)."});
    CHECK(h.send("a4 LOGIN alice") == Lines{"a4 BAD Error in IMAP command LOGIN: Already logged in (LOGIN is valid only in Not Authenticated state)."});
}

TEST_CASE("LOGIN argument errors", "[session][login]") {
    Harness h;
    CHECK(h.send("a1 LOGIN alice") == Lines{"a1 BAD Error in IMAP command LOGIN: Missing arguments."});
    CHECK(h.send("a2 LOGIN alice secret more") == Lines{"a2 BAD Error in IMAP command LOGIN: Unexpected extra arguments."});
    CHECK(h.send("a3 LOGIN (alice) secret") == Lines{"a3 BAD Error in IMAP command LOGIN: Expected a string, got a list."});
    CHECK(h.send("a4 LOGIN \"alice secret") == Lines{"a4 BAD Error in IMAP command LOGIN: Missing '\"'."});
}

TEST_CASE("synchronising literal: continuation request, then the command runs", "[session][literal]") {
    Harness h;
    CHECK(h.raw("a1 LOGIN {5}\r\n") == "+ OK\r\n");
    CHECK(h.raw("alice secret\r\n") == "a1 OK [CAPABILITY " + kCapsPostLogin + "] Logged in\r\n");
}

TEST_CASE("a command refused before its literal gets no continuation request", "[session][literal]") {
    Harness h;
    h.login();
    // Like Dovecot: LOGIN is not valid after login, so the server answers at once and the client
    // never sends the literal.
    CHECK(h.raw("a1 LOGIN {5}\r\n") ==
          "a1 BAD Error in IMAP command LOGIN: Already logged in (LOGIN is valid only in Not Authenticated state).\r\n");
    CHECK(h.raw("a2 NOOP\r\n") == "a2 OK NOOP completed.\r\n");
    CHECK(h.raw("a3 FOO {3}\r\n") == "a3 BAD Error in IMAP command FOO: Unknown command.\r\n");
}

TEST_CASE("unknown, malformed and wrong-state commands get BAD and the session goes on", "[session][errors]") {
    Harness h;
    CHECK(h.send("a1 FOO") == Lines{"a1 BAD Error in IMAP command FOO: Unknown command."});
    CHECK(h.send("") == Lines{"* BAD Error in IMAP tag: Invalid tag."});
    CHECK(h.send("+x NOOP") == Lines{"* BAD Error in IMAP tag: Invalid tag."});
    CHECK(h.send("b") == Lines{"b BAD Error in IMAP command: Invalid command name."});
    CHECK(h.send("c  NOOP") == Lines{"c BAD Error in IMAP command: Invalid command name."});
    CHECK(h.send("d SELECT INBOX") ==
          Lines{"d BAD Error in IMAP command SELECT: Log in first (SELECT is valid in Authenticated, Selected state)."});
    CHECK(h.send("e FETCH 1 FLAGS") ==
          Lines{"e BAD Error in IMAP command FETCH: Log in first (FETCH is valid in Selected state)."});
    h.login();
    CHECK(h.send("f FETCH 1 FLAGS") == Lines{"f BAD No mailbox selected."});
    CHECK(h.send("g EXPUNGE") == Lines{"g BAD No mailbox selected."});
    CHECK(h.send("h CLOSE") == Lines{"h BAD No mailbox selected."});
    CHECK(h.send("i UID NOOP") == Lines{"i BAD Error in IMAP command UID NOOP: Unknown command."});
    CHECK(h.session->state() == SessionState::Authenticated);
    CHECK(h.send("j NOOP") == Lines{"j OK NOOP completed."});
}

TEST_CASE("LOGOUT says BYE, completes and closes", "[session][logout]") {
    Harness h;
    h.select();
    CHECK(h.send("z LOGOUT") == Lines{"* BYE Logging out", "z OK Logout completed."});
    CHECK(h.session->state() == SessionState::Logout);
    CHECK(h.session->closed());
    CHECK(h.raw("y NOOP\r\n").empty());
}

TEST_CASE("LIST with * and %, children attributes, delimiter", "[session][list]") {
    Harness h;
    h.login();
    CHECK(h.send("l1 LIST \"\" \"*\"") == Lines{
                                             "* LIST (\\HasChildren) \"/\" INBOX",
                                             "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                             "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                             "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                             "* LIST (\\HasNoChildren) \"/\" Archive/2024",
                                             "l1 OK List completed.",
                                         });
    CHECK(h.send("l2 LIST \"\" %") == Lines{
                                          "* LIST (\\HasChildren) \"/\" INBOX",
                                          "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                          "l2 OK List completed.",
                                      });
    CHECK(h.send("l3 LIST \"\" \"inbox/%\"") == Lines{
                                                   "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                                   "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                                   "l3 OK List completed.",
                                               });
    CHECK(h.send("l4 LIST INBOX/ %") == Lines{
                                            "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                            "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                            "l4 OK List completed.",
                                        });
    CHECK(h.send("l5 LIST \"\" \"\"") == Lines{"* LIST (\\Noselect) \"/\" \"\"", "l5 OK List completed."});
    CHECK(h.send("l6 LIST \"\" Nothing*") == Lines{"l6 OK List completed."});
    CHECK(h.send("l7 LIST \"\"") == Lines{"l7 BAD Error in IMAP command LIST: Invalid pattern."});
}
