// LIST (basic and RFC 5258 LIST-EXTENDED, RFC 6154 SPECIAL-USE, RFC 5819 LIST-STATUS) and LSUB,
// with exact lines. Attribute order, the answers for levels that are not mailboxes, CHILDINFO,
// INBOX matching and every error text were checked against Dovecot 2.3 (its own listing order is
// that of its storage; ours is hierarchy order: INBOX first, each name followed by its children).
//
// The harness store: INBOX (5 messages, 2 unseen), INBOX/Drafts, INBOX/Sent, Archive/2024;
// "Archive" is only a level above Archive/2024.
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using imaplab::Account;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {

Account& alice(Harness& h) { return *h.store.find_account("alice"); }

// Special-use attributes on the Drafts and Sent folders, and some subscriptions.
void decorate(Harness& h) {
    alice(h).set_special_use("INBOX/Drafts", {"\\Drafts"});
    alice(h).set_special_use("INBOX/Sent", {"\\Sent"});
}

}  // namespace

TEST_CASE("LIST basic: * lists every level, % one level, reference joined to the pattern", "[list]") {
    Harness h;
    h.login();
    CHECK(h.send("l1 LIST \"\" *") == Lines{
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
    CHECK(h.send("l3 LIST Archive/ %") == Lines{"* LIST (\\HasNoChildren) \"/\" Archive/2024", "l3 OK List completed."});
    CHECK(h.send("l4 LIST Archive %") == Lines{"* LIST (\\Noselect \\HasChildren) \"/\" Archive", "l4 OK List completed."});
    CHECK(h.send("l5 LIST Archive /%") == Lines{"* LIST (\\HasNoChildren) \"/\" Archive/2024", "l5 OK List completed."});
    CHECK(h.send("l6 LIST \"\" Archive") == Lines{"* LIST (\\Noselect \\HasChildren) \"/\" Archive", "l6 OK List completed."});
    CHECK(h.send("l7 LIST \"\" %/%") == Lines{
                                            "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                            "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                            "* LIST (\\HasNoChildren) \"/\" Archive/2024",
                                            "l7 OK List completed.",
                                        });
    CHECK(h.send("l8 LIST \"\" */2024") == Lines{"* LIST (\\HasNoChildren) \"/\" Archive/2024", "l8 OK List completed."});
    CHECK(h.send("l9 LIST \"\" archive*") == Lines{"l9 OK List completed."});  // case-sensitive
    CHECK(h.send("l10 LIST \"\" Archive/") == Lines{"l10 OK List completed."});
    CHECK(h.send("l11 LIST \"\" Nothing*") == Lines{"l11 OK List completed."});
    CHECK(h.send("l12 LIST \"\" {1+}\r\n%") == Lines{
                                                   "* LIST (\\HasChildren) \"/\" INBOX",
                                                   "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                                   "l12 OK List completed.",
                                               });
}

TEST_CASE("LIST: INBOX matches in any case when the pattern could mean it (Dovecot's rule)", "[list][inbox]") {
    Harness h;
    h.login();
    const Lines inbox_only{"* LIST (\\HasChildren) \"/\" INBOX", "x OK List completed."};
    const Lines inbox_tree{"* LIST (\\HasChildren) \"/\" INBOX", "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                           "* LIST (\\HasNoChildren) \"/\" INBOX/Sent", "x OK List completed."};
    CHECK(h.send("x LIST \"\" inbox") == inbox_only);
    CHECK(h.send("x LIST \"\" In%") == inbox_only);
    CHECK(h.send("x LIST \"\" *x") == inbox_only);
    CHECK(h.send("x LIST \"\" %box") == inbox_only);
    CHECK(h.send("x LIST \"\" INB%X") == inbox_only);
    CHECK(h.send("x LIST i nbox") == inbox_only);
    CHECK(h.send("x LIST \"\" i*") == inbox_tree);
    CHECK(h.send("x LIST \"\" Inbox*") == inbox_tree);
    CHECK(h.send("x LIST \"\" inbox/%") == Lines{"* LIST (\\HasNoChildren) \"/\" INBOX/Drafts", "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                                 "x OK List completed."});
    CHECK(h.send("x LIST IN BOX/Sent") == Lines{"* LIST (\\HasNoChildren) \"/\" INBOX/Sent", "x OK List completed."});
    CHECK(h.send("x LIST \"\" inbox/sent") == Lines{"x OK List completed."});  // only the INBOX part ignores case
}

TEST_CASE("LIST \"\" \"\": the hierarchy delimiter and the root of the reference", "[list]") {
    Harness h;
    h.login();
    CHECK(h.send("l1 LIST \"\" \"\"") == Lines{"* LIST (\\Noselect) \"/\" \"\"", "l1 OK List completed."});
    CHECK(h.send("l2 LIST Archive/2024 \"\"") == Lines{"* LIST (\\Noselect) \"/\" Archive/", "l2 OK List completed."});
    CHECK(h.send("l3 LIST Archive \"\"") == Lines{"* LIST (\\Noselect) \"/\" \"\"", "l3 OK List completed."});
    CHECK(h.send("l4 LIST / \"\"") == Lines{"* LIST (\\Noselect) \"/\" /", "l4 OK List completed."});
    // In an extended LIST an empty pattern lists nothing (Dovecot).
    CHECK(h.send("l5 LIST () \"\" \"\"") == Lines{"l5 OK List completed."});
    CHECK(h.send("l6 LIST \"\" \"\" RETURN (CHILDREN)") == Lines{"l6 OK List completed."});
}

TEST_CASE("LIST: argument errors in Dovecot's words", "[list][errors]") {
    Harness h;
    h.login();
    CHECK(h.send("e1 LIST") == Lines{"e1 BAD Error in IMAP command LIST: Invalid reference."});
    CHECK(h.send("e2 LIST \"\"") == Lines{"e2 BAD Error in IMAP command LIST: Invalid pattern."});
    CHECK(h.send("e3 LIST () (x) *") == Lines{"e3 BAD Error in IMAP command LIST: Invalid reference."});
    CHECK(h.send("e4 LIST \"\" * x") == Lines{"e4 BAD Error in IMAP command LIST: Extra arguments."});
    CHECK(h.send("e5 LIST \"\" * RETURN") == Lines{"e5 BAD Error in IMAP command LIST: Extra arguments."});
    CHECK(h.send("e6 LIST \"\" * RETURN CHILDREN") == Lines{"e6 BAD Error in IMAP command LIST: Extra arguments."});
    CHECK(h.send("e7 LIST \"\" * RETURN (CHILDREN) x") == Lines{"e7 BAD Error in IMAP command LIST: Extra arguments."});
    CHECK(h.send("e8 LIST (FOO) \"\" *") == Lines{"e8 BAD Error in IMAP command LIST: Unknown select options."});
    CHECK(h.send("e9 LIST (\"SUBSCRIBED\") \"\" *") == Lines{"e9 BAD Error in IMAP command LIST: List options contains non-atoms."});
    CHECK(h.send("e10 LIST (RECURSIVEMATCH) \"\" %") ==
          Lines{"e10 BAD Error in IMAP command LIST: RECURSIVEMATCH must not be the only selection."});
    CHECK(h.send("e11 LIST (REMOTE RECURSIVEMATCH) \"\" %") ==
          Lines{"e11 BAD Error in IMAP command LIST: RECURSIVEMATCH must not be the only selection."});
    CHECK(h.send("e12 LIST \"\" * RETURN (FOO)") == Lines{"e12 BAD Error in IMAP command LIST: Unknown return options."});
    CHECK(h.send("e13 LIST \"\" * RETURN (STATUS)") == Lines{"e13 BAD Error in IMAP command LIST: Unknown return options."});
    CHECK(h.send("e14 LIST \"\" * RETURN (STATUS ())") == Lines{"e14 BAD Error in IMAP command LIST: Empty status list."});
    CHECK(h.send("e15 LIST \"\" * RETURN (STATUS (FOO))") == Lines{"e15 BAD Error in IMAP command LIST: Invalid status item FOO."});
    CHECK(h.send("e16 LIST \"\" * RETURN (\"CHILDREN\")") == Lines{"e16 BAD Error in IMAP command LIST: List options contains non-atoms."});
    CHECK(h.send("e17 LIST \"\" (a (b))") == Lines{"e17 BAD Error in IMAP command LIST: Invalid pattern list."});
    CHECK(h.send("e18 LIST (a) \"\"") == Lines{"e18 BAD Error in IMAP command LIST: Unknown select options."});
    // A pattern that is not valid modified UTF-7 matches nothing.
    CHECK(h.send("e19 LIST \"\" \"&AGE-\"") == Lines{"e19 OK List completed."});
}

TEST_CASE("LIST shows special-use attributes last; SPECIAL-USE selection and return", "[list][special-use]") {
    Harness h;
    h.login();
    decorate(h);
    CHECK(h.send("l1 LIST \"\" *") == Lines{
                                          "* LIST (\\HasChildren) \"/\" INBOX",
                                          "* LIST (\\HasNoChildren \\Drafts) \"/\" INBOX/Drafts",
                                          "* LIST (\\HasNoChildren \\Sent) \"/\" INBOX/Sent",
                                          "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                          "* LIST (\\HasNoChildren) \"/\" Archive/2024",
                                          "l1 OK List completed.",
                                      });
    CHECK(h.send("l2 LIST (SPECIAL-USE) \"\" *") == Lines{
                                                        "* LIST (\\Drafts) \"/\" INBOX/Drafts",
                                                        "* LIST (\\Sent) \"/\" INBOX/Sent",
                                                        "l2 OK List completed.",
                                                    });
    CHECK(h.send("l3 LIST (SPECIAL-USE) \"\" * RETURN (CHILDREN)") == Lines{
                                                                          "* LIST (\\HasNoChildren \\Drafts) \"/\" INBOX/Drafts",
                                                                          "* LIST (\\HasNoChildren \\Sent) \"/\" INBOX/Sent",
                                                                          "l3 OK List completed.",
                                                                      });
    CHECK(h.send("l4 LIST \"\" % RETURN (SPECIAL-USE)") == Lines{
                                                               "* LIST () \"/\" INBOX",
                                                               "* LIST (\\NonExistent) \"/\" Archive",
                                                               "l4 OK List completed.",
                                                           });
    CHECK(h.send("l5 LIST \"\" INBOX/% RETURN (SPECIAL-USE)") == Lines{
                                                                     "* LIST (\\Drafts) \"/\" INBOX/Drafts",
                                                                     "* LIST (\\Sent) \"/\" INBOX/Sent",
                                                                     "l5 OK List completed.",
                                                                 });
    CHECK(h.send("l6 LIST (SPECIAL-USE RECURSIVEMATCH) \"\" %") == Lines{"l6 OK List completed."});
}

TEST_CASE("LIST-EXTENDED: only what was asked, \\NonExistent for levels", "[list][extended]") {
    Harness h;
    h.login();
    decorate(h);
    const Lines plain{
        "* LIST () \"/\" INBOX",           "* LIST () \"/\" INBOX/Drafts",         "* LIST () \"/\" INBOX/Sent",
        "* LIST (\\NonExistent) \"/\" Archive", "* LIST () \"/\" Archive/2024", "x OK List completed.",
    };
    CHECK(h.send("x LIST () \"\" *") == plain);
    CHECK(h.send("x LIST \"\" * RETURN ()") == plain);
    CHECK(h.send("x LIST (REMOTE) \"\" *") == plain);
    CHECK(h.send("x LIST \"\" (*)") == plain);
    CHECK(h.send("x LIST \"\" * RETURN (CHILDREN)") == Lines{
                                                          "* LIST (\\HasChildren) \"/\" INBOX",
                                                          "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                                          "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                                          "* LIST (\\NonExistent \\HasChildren) \"/\" Archive",
                                                          "* LIST (\\HasNoChildren) \"/\" Archive/2024",
                                                          "x OK List completed.",
                                                      });
    h.send("s1 SUBSCRIBE INBOX/Sent");
    CHECK(h.send("x list \"\" % return (special-use children subscribed)") == Lines{
                                                                                   "* LIST (\\HasChildren) \"/\" INBOX",
                                                                                   "* LIST (\\NonExistent \\HasChildren) \"/\" Archive",
                                                                                   "x OK List completed.",
                                                                               });
    CHECK(h.send("x LIST \"\" INBOX/% RETURN (SPECIAL-USE CHILDREN SUBSCRIBED)") ==
          Lines{
              "* LIST (\\HasNoChildren \\Drafts) \"/\" INBOX/Drafts",
              "* LIST (\\Subscribed \\HasNoChildren \\Sent) \"/\" INBOX/Sent",
              "x OK List completed.",
          });
    // Several patterns at once (RFC 5258 §3); an empty list matches nothing.
    CHECK(h.send("x LIST \"\" (INBOX \"Arch%\")") == Lines{"* LIST () \"/\" INBOX", "* LIST (\\NonExistent) \"/\" Archive",
                                                          "x OK List completed."});
    CHECK(h.send("x LIST \"\" (\"INBOX/Sent\" INBOX/Drafts INBOX/Sent)") ==
          Lines{"* LIST () \"/\" INBOX/Drafts", "* LIST () \"/\" INBOX/Sent", "x OK List completed."});
    CHECK(h.send("x LIST \"\" ()") == Lines{"x OK List completed."});
}

TEST_CASE("LIST (SUBSCRIBED), RECURSIVEMATCH and CHILDINFO", "[list][extended][subscribe]") {
    Harness h;
    h.login();
    h.send("s1 SUBSCRIBE INBOX");
    h.send("s2 SUBSCRIBE Archive/2024");
    h.send("c1 CREATE Gone");
    h.send("s3 SUBSCRIBE Gone");
    h.send("d1 DELETE Gone");
    CHECK(h.send("l1 LIST (SUBSCRIBED) \"\" *") == Lines{
                                                       "* LIST (\\Subscribed) \"/\" INBOX",
                                                       "* LIST (\\Subscribed) \"/\" Archive/2024",
                                                       "* LIST (\\Subscribed \\NonExistent) \"/\" Gone",
                                                       "l1 OK List completed.",
                                                   });
    CHECK(h.send("l2 LIST (SUBSCRIBED) \"\" %") == Lines{
                                                       "* LIST (\\Subscribed) \"/\" INBOX",
                                                       "* LIST (\\Subscribed \\NonExistent) \"/\" Gone",
                                                       "l2 OK List completed.",
                                                   });
    CHECK(h.send("l3 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %") == Lines{
                                                                      "* LIST (\\Subscribed) \"/\" INBOX",
                                                                      "* LIST (\\NonExistent) \"/\" Archive (CHILDINFO (\"SUBSCRIBED\"))",
                                                                      "* LIST (\\Subscribed \\NonExistent) \"/\" Gone",
                                                                      "l3 OK List completed.",
                                                                  });
    // With "*" the subscribed child is listed itself, so its parent is not (Dovecot).
    CHECK(h.send("l4 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" A*") == Lines{"* LIST (\\Subscribed) \"/\" Archive/2024", "l4 OK List completed."});
    CHECK(h.send("l5 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" Archive RETURN (CHILDREN)") ==
          Lines{"* LIST (\\NonExistent \\HasChildren) \"/\" Archive (CHILDINFO (\"SUBSCRIBED\"))", "l5 OK List completed."});
    CHECK(h.send("l6 LIST (SUBSCRIBED) \"\" * RETURN (CHILDREN)") == Lines{
                                                                         "* LIST (\\Subscribed \\HasChildren) \"/\" INBOX",
                                                                         "* LIST (\\Subscribed \\HasNoChildren) \"/\" Archive/2024",
                                                                         "* LIST (\\Subscribed \\NonExistent \\HasNoChildren) \"/\" Gone",
                                                                         "l6 OK List completed.",
                                                                     });
    CHECK(h.send("l7 LIST \"\" % RETURN (SUBSCRIBED)") == Lines{
                                                              "* LIST (\\Subscribed) \"/\" INBOX",
                                                              "* LIST (\\NonExistent) \"/\" Archive",
                                                              "l7 OK List completed.",
                                                          });
    // A subscribed name with subscribed names below it carries CHILDINFO whatever the pattern.
    h.send("s4 SUBSCRIBE INBOX/Sent");
    CHECK(h.send("l8 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" INBOX*") == Lines{
                                                                          "* LIST (\\Subscribed) \"/\" INBOX (CHILDINFO (\"SUBSCRIBED\"))",
                                                                          "* LIST (\\Subscribed) \"/\" INBOX/Sent",
                                                                          "l8 OK List completed.",
                                                                      });
    // A level listed for its subscribed child has children, whatever the mailboxes say.
    h.send("c2 CREATE Work/a/b");
    h.send("s5 SUBSCRIBE Work/a/b");
    h.send("d2 DELETE Work/a/b");
    CHECK(h.send("l9 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" Work/% RETURN (CHILDREN)") ==
          Lines{"* LIST (\\NonExistent \\HasChildren) \"/\" Work/a (CHILDINFO (\"SUBSCRIBED\"))", "l9 OK List completed."});
}

TEST_CASE("LIST-STATUS: a STATUS line after each selectable mailbox", "[list][extended][status]") {
    Harness h;
    h.login();
    CHECK(h.send("l1 LIST \"\" % RETURN (STATUS (MESSAGES UNSEEN))") == Lines{
                                                                            "* LIST () \"/\" INBOX",
                                                                            "* STATUS INBOX (MESSAGES 5 UNSEEN 2)",
                                                                            "* LIST (\\NonExistent) \"/\" Archive",
                                                                            "l1 OK List completed.",
                                                                        });
    CHECK(h.send("l2 LIST \"\" INBOX* RETURN (CHILDREN STATUS (SIZE UIDNEXT RECENT) STATUS (UIDVALIDITY))") ==
          Lines{
              "* LIST (\\HasChildren) \"/\" INBOX",
              "* STATUS INBOX (UIDVALIDITY 1340776425)",
              "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
              "* STATUS INBOX/Drafts (UIDVALIDITY 1340776426)",
              "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
              "* STATUS INBOX/Sent (UIDVALIDITY 1340776427)",
              "l2 OK List completed.",
          });
    h.send("c1 CREATE \"&BBAEQARFBDgEMg-\"");
    CHECK(h.send("l3 LIST \"\" \"&BBAEQARFBDgEMg-\" RETURN (STATUS (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN SIZE))") ==
          Lines{
              "* LIST () \"/\" &BBAEQARFBDgEMg-",
              "* STATUS &BBAEQARFBDgEMg- (MESSAGES 0 RECENT 0 UIDNEXT 1 UIDVALIDITY 1340776429 UNSEEN 0 SIZE 0)",
              "l3 OK List completed.",
          });
}

TEST_CASE("LIST in the Selected state and in IMAP4rev2", "[list]") {
    Harness h;
    h.select();
    CHECK(h.send("l1 LIST \"\" INBOX") == Lines{"* LIST (\\HasChildren) \"/\" INBOX", "l1 OK List completed."});
    h.session->set_imap4rev2(true);
    CHECK(h.send("l2 LIST \"\" INBOX RETURN (STATUS (MESSAGES DELETED))") ==
          Lines{"* LIST () \"/\" INBOX", "* STATUS INBOX (MESSAGES 5 DELETED 0)", "l2 OK List completed."});
}

TEST_CASE("LSUB: subscribed names, \\Noselect parents for a trailing %, special-use", "[lsub]") {
    Harness h;
    h.login();
    decorate(h);
    CHECK(h.send("l0 LSUB \"\" *") == Lines{"l0 OK Lsub completed."});
    h.send("s1 SUBSCRIBE INBOX");
    h.send("s2 SUBSCRIBE INBOX/Sent");
    h.send("s3 SUBSCRIBE Archive/2024");
    h.send("c1 CREATE Gone");
    h.send("s4 SUBSCRIBE Gone");
    h.send("d1 DELETE Gone");
    CHECK(h.send("l1 LSUB \"\" *") == Lines{
                                          "* LSUB () \"/\" INBOX",
                                          "* LSUB (\\Sent) \"/\" INBOX/Sent",
                                          "* LSUB () \"/\" Archive/2024",
                                          "* LSUB () \"/\" Gone",
                                          "l1 OK Lsub completed.",
                                      });
    CHECK(h.send("l2 LSUB \"\" %") == Lines{
                                          "* LSUB () \"/\" INBOX",
                                          "* LSUB (\\Noselect) \"/\" Archive",
                                          "* LSUB () \"/\" Gone",
                                          "l2 OK Lsub completed.",
                                      });
    CHECK(h.send("l3 LSUB \"\" Archive") == Lines{"l3 OK Lsub completed."});
    CHECK(h.send("l4 LSUB Archive/ %") == Lines{"* LSUB () \"/\" Archive/2024", "l4 OK Lsub completed."});
    CHECK(h.send("l5 LSUB \"\" inbox*") == Lines{"* LSUB () \"/\" INBOX", "* LSUB (\\Sent) \"/\" INBOX/Sent", "l5 OK Lsub completed."});
    CHECK(h.send("l6 LSUB \"\" \"\"") == Lines{"l6 OK Lsub completed."});
    CHECK(h.send("l7 LSUB \"\" (INBOX Gone)") ==
          Lines{"* LSUB () \"/\" INBOX (CHILDINFO (\"SUBSCRIBED\"))", "* LSUB () \"/\" Gone", "l7 OK Lsub completed."});
    // Patterns in parentheses: Dovecot answers in LIST-EXTENDED style.
    CHECK(h.send("l8 LSUB \"\" (%)") == Lines{
                                            "* LSUB () \"/\" INBOX (CHILDINFO (\"SUBSCRIBED\"))",
                                            "* LSUB (\\NonExistent) \"/\" Archive (CHILDINFO (\"SUBSCRIBED\"))",
                                            "* LSUB () \"/\" Gone",
                                            "l8 OK Lsub completed.",
                                        });
    CHECK(h.send("e1 LSUB") == Lines{"e1 BAD Error in IMAP command LSUB: Invalid reference."});
    CHECK(h.send("e2 LSUB \"\"") == Lines{"e2 BAD Error in IMAP command LSUB: Invalid pattern."});
    CHECK(h.send("e3 LSUB \"\" * x") == Lines{"e3 BAD Error in IMAP command LSUB: Extra arguments."});
    // LSUB is not part of IMAP4rev2 (RFC 9051 Appendix E): LIST (SUBSCRIBED) replaces it.
    h.session->set_imap4rev2(true);
    CHECK(h.send("e4 LSUB \"\" *") == Lines{"e4 BAD Error in IMAP command LSUB: Unknown command."});
}
