// CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, NAMESPACE, STATUS with exact protocol lines.
// Texts and the order of checks are Dovecot 2.3's (checked against Dovecot on a loopback port),
// without its timing suffix " (0.001 + 0.000 secs)": Dovecot writes "NO Mailbox doesn't exist: x
// (0.001 + 0.000 secs).", so every tagged text ends with ".".
//
// The harness store: INBOX (5 messages, UID 10..14, UIDVALIDITY 1340776425, UIDNEXT 20, two unseen,
// UID 14 \Recent, 132 octets each), INBOX/Drafts, INBOX/Sent, Archive/2024 (UIDVALIDITY ...426 to
// ...428); "Archive" is only a level above Archive/2024. A new mailbox gets 1340776429.
#include <catch2/catch.hpp>

#include <variant>

#include "session_harness.hpp"

using imaplab::Account;
using imaplab::MailboxCreated;
using imaplab::MessageAdded;
using imaplab::MessageExpunged;
using imaplab::SessionState;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {

Account& alice(Harness& h) { return *h.store.find_account("alice"); }

template <class T>
std::vector<T> events(const Harness& h) {
    std::vector<T> out;
    for (const auto& e : h.timeline.events())
        if (const T* d = std::get_if<T>(&e.data)) out.push_back(*d);
    return out;
}

}  // namespace

TEST_CASE("CREATE: new mailbox, UIDVALIDITY, ALREADYEXISTS, INBOX", "[mailboxes][create]") {
    Harness h;
    h.login();
    CHECK(h.send("c1 CREATE Work") == Lines{"c1 OK Create completed."});
    REQUIRE(alice(h).find("Work"));
    CHECK(alice(h).find("Work")->uidvalidity() == 1340776429u);
    const auto created = events<MailboxCreated>(h);
    REQUIRE_FALSE(created.empty());
    CHECK(created.back().mailbox == "Work");
    CHECK(created.back().uidvalidity == 1340776429u);
    CHECK(h.send("c2 STATUS Work (MESSAGES UIDNEXT UIDVALIDITY)") ==
          Lines{"* STATUS Work (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 1340776429)", "c2 OK Status completed."});
    CHECK(h.send("c3 CREATE Work") == Lines{"c3 NO [ALREADYEXISTS] Mailbox already exists."});
    CHECK(h.send("c4 CREATE work") == Lines{"c4 OK Create completed."});  // names are case-sensitive...
    CHECK(h.send("c5 CREATE inbox") == Lines{"c5 NO [ALREADYEXISTS] Mailbox already exists."});  // ...but INBOX
    CHECK(h.send("c6 CREATE INBOX/") == Lines{"c6 NO [ALREADYEXISTS] Mailbox already exists."});
    CHECK(h.send("c7 CREATE inbox/Drafts") == Lines{"c7 NO [ALREADYEXISTS] Mailbox already exists."});
    CHECK(h.send("c8 CREATE Inbox/Projects") == Lines{"c8 OK Create completed."});
    CHECK(alice(h).find("INBOX/Projects"));
    CHECK(h.send("c9 CREATE \"mbx b\"") == Lines{"c9 OK Create completed."});
    CHECK(h.send("c10 CREATE {5+}\r\nmbx]x") == Lines{"c10 OK Create completed."});
    CHECK(alice(h).find("mbx]x"));
}

TEST_CASE("CREATE: trailing delimiter, intermediate levels as Dovecot makes them", "[mailboxes][create]") {
    Harness h;
    h.login();
    // "CREATE foo/" creates foo itself (Dovecot drops the trailing delimiter).
    CHECK(h.send("c1 CREATE Projects/") == Lines{"c1 OK Create completed."});
    CHECK(alice(h).find("Projects"));
    CHECK(h.send("c2 LIST \"\" Projects") == Lines{"* LIST (\\HasNoChildren) \"/\" Projects", "c2 OK List completed."});
    // Levels above a new mailbox are not mailboxes: LIST shows them \Noselect, SELECT refuses them.
    CHECK(h.send("c3 CREATE a/b/c") == Lines{"c3 OK Create completed."});
    CHECK_FALSE(alice(h).find("a"));
    CHECK_FALSE(alice(h).find("a/b"));
    CHECK(h.send("c4 LIST \"\" a*") == Lines{
                                            "* LIST (\\Noselect \\HasChildren) \"/\" a",
                                            "* LIST (\\Noselect \\HasChildren) \"/\" a/b",
                                            "* LIST (\\HasNoChildren) \"/\" a/b/c",
                                            "c4 OK List completed.",
                                        });
    CHECK(h.send("c5 STATUS a/b (MESSAGES)") == Lines{"c5 NO Mailbox doesn't exist: a/b."});
    // Creating a level makes it a mailbox.
    CHECK(h.send("c6 CREATE a/b") == Lines{"c6 OK Create completed."});
    CHECK(h.send("c7 LIST \"\" a/%") == Lines{"* LIST (\\HasChildren) \"/\" a/b", "c7 OK List completed."});
}

TEST_CASE("CREATE: invalid names answered as Dovecot answers them", "[mailboxes][create]") {
    Harness h;
    h.login();
    CHECK(h.send("c1 CREATE a//b") == Lines{"c1 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators."});
    CHECK(h.send("c2 CREATE /x") == Lines{"c2 NO [CANNOT] Invalid mailbox name: Begins with hierarchy separator."});
    CHECK(h.send("c3 CREATE \"\"") == Lines{"c3 NO [CANNOT] Invalid mailbox name: Name is empty."});
    CHECK(h.send("c4 CREATE /") == Lines{"c4 NO [CANNOT] Invalid mailbox name: Name is empty."});
    CHECK(h.send("c5 CREATE \"~x\"") == Lines{"c5 NO [CANNOT] Invalid mailbox name: Begins with '~'."});
    CHECK(h.send("c6 CREATE a.b") == Lines{"c6 NO [CANNOT] Character not allowed in mailbox name: '.'."});
    CHECK(h.send("c7 CREATE a//") == Lines{"c7 NO [CANNOT] Invalid mailbox name: Ends with hierarchy separator."});
    CHECK(h.send("c8 CREATE " + std::string(256, 'x')) == Lines{"c8 NO [CANNOT] Mailbox name too long."});
    CHECK(h.send("c9 CREATE \"x&AGE-\"") == Lines{"c9 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("c10 CREATE {6+}\r\nmbx\xc3\xa9") == Lines{"c10 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("c11 CREATE") == Lines{"c11 BAD Error in IMAP command CREATE: Missing arguments."});
    CHECK(h.send("c12 CREATE (x)") == Lines{"c12 BAD Error in IMAP command CREATE: Expected a string, got a list."});
    h.session->set_imap4rev2(true);
    CHECK(h.send("c13 CREATE \"a\tb\"") == Lines{"c13 NO [CANNOT] Control characters not allowed in new mailbox names."});
    CHECK(h.send("c14 CREATE {2+}\r\n\xc3(") == Lines{"c14 NO Mailbox name is not valid UTF-8."});
    CHECK(alice(h).mailboxes().size() == 4);
}

TEST_CASE("CREATE with a special-use attribute (RFC 6154 CREATE-SPECIAL-USE)", "[mailboxes][create][special-use]") {
    Harness h;
    h.login();
    CHECK(h.send("c1 CREATE Drafts (USE (\\Drafts))") == Lines{"c1 OK Create completed."});
    CHECK(alice(h).special_use("Drafts") == std::vector<std::string>{"\\Drafts"});
    CHECK(h.send("c2 LIST \"\" Drafts") == Lines{"* LIST (\\HasNoChildren \\Drafts) \"/\" Drafts", "c2 OK List completed."});
    CHECK(h.send("c3 CREATE Bin (USE (\\Foo))") == Lines{"c3 NO [USEATTR] Unsupported special-use attribute \\Foo."});
    CHECK_FALSE(alice(h).find("Bin"));
    CHECK(h.send("c4 CREATE Bin (SIZE 4)") ==
          Lines{"c4 BAD Error in IMAP command CREATE: Invalid CREATE parameters (expected (USE (attributes)))."});
}

TEST_CASE("DELETE: mailbox, missing, INBOX, \\Noselect levels, root, bad names", "[mailboxes][delete]") {
    Harness h;
    h.login();
    CHECK(h.send("d1 DELETE INBOX/Sent") == Lines{"d1 OK Delete completed."});
    CHECK_FALSE(alice(h).find("INBOX/Sent"));
    CHECK(h.send("d2 DELETE INBOX/Sent") == Lines{"d2 NO [NONEXISTENT] Mailbox doesn't exist: INBOX/Sent."});
    CHECK(h.send("d3 DELETE INBOX") == Lines{"d3 NO INBOX can't be deleted."});
    CHECK(h.send("d4 DELETE inbox") == Lines{"d4 NO INBOX can't be deleted."});
    // A level that is only the parent of other mailboxes is not a mailbox (Dovecot's answer).
    CHECK(h.send("d5 DELETE Archive") == Lines{"d5 NO [NONEXISTENT] Mailbox doesn't exist: Archive."});
    CHECK(h.send("d6 DELETE \"\"") == Lines{"d6 NO [CANNOT] Storage root can't be deleted."});
    CHECK(h.send("d7 DELETE Archive/") == Lines{"d7 NO [CANNOT] Invalid mailbox name: Ends with hierarchy separator."});
    CHECK(h.send("d8 DELETE \"&BBAEQARFBDgEMg-\"") == Lines{"d8 NO [NONEXISTENT] Mailbox doesn't exist: Архив."});
    CHECK(h.send("d9 DELETE \"&AGE-\"") == Lines{"d9 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("d10 DELETE") == Lines{"d10 BAD Error in IMAP command DELETE: Missing arguments."});
    CHECK(h.send("d11 DELETE a b") == Lines{"d11 BAD Error in IMAP command DELETE: Unexpected extra arguments."});
}

TEST_CASE("DELETE of a mailbox with children leaves a \\Noselect level (RFC 3501 §6.3.4)", "[mailboxes][delete]") {
    Harness h;
    h.login();
    CHECK(h.send("d1 CREATE Archive") == Lines{"d1 OK Create completed."});
    CHECK(h.send("d2 LIST \"\" Archive") == Lines{"* LIST (\\HasChildren) \"/\" Archive", "d2 OK List completed."});
    CHECK(h.send("d3 DELETE Archive") == Lines{"d3 OK Delete completed."});
    CHECK(h.send("d4 LIST \"\" Archive*") == Lines{
                                                  "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                                  "* LIST (\\HasNoChildren) \"/\" Archive/2024",
                                                  "d4 OK List completed.",
                                              });
    // Deleting the last child removes the level too.
    CHECK(h.send("d5 DELETE Archive/2024") == Lines{"d5 OK Delete completed."});
    CHECK(h.send("d6 LIST \"\" Archive*") == Lines{"d6 OK List completed."});
    // A mailbox created again never gets its old UIDVALIDITY back (RFC 9051 §2.3.1.1).
    CHECK(h.send("d7 CREATE Archive/2024") == Lines{"d7 OK Create completed."});
    CHECK(alice(h).find("Archive/2024")->uidvalidity() == 1340776430u);
}

TEST_CASE("DELETE of the selected mailbox: OK, then BYE as Dovecot does", "[mailboxes][delete]") {
    Harness h;
    h.login();
    h.send("s1 SELECT INBOX/Drafts");
    REQUIRE(h.session->state() == SessionState::Selected);
    CHECK(h.send("d1 DELETE INBOX/Drafts") == Lines{"d1 OK Delete completed.", "* BYE Selected mailbox was deleted, have to disconnect."});
    CHECK(h.session->closed());
    CHECK(h.session->state() == SessionState::Logout);
}

TEST_CASE("DELETE keeps the subscription; subscriptions of names that are gone", "[mailboxes][delete][subscribe]") {
    Harness h;
    h.login();
    CHECK(h.send("s1 SUBSCRIBE INBOX/Sent") == Lines{"s1 OK Subscribe completed."});
    CHECK(h.send("d1 DELETE INBOX/Sent") == Lines{"d1 OK Delete completed."});
    CHECK(h.send("l1 LSUB \"\" *") == Lines{"* LSUB () \"/\" INBOX/Sent", "l1 OK Lsub completed."});
    CHECK(h.send("l2 LIST (SUBSCRIBED) \"\" *") == Lines{"* LIST (\\Subscribed \\NonExistent) \"/\" INBOX/Sent", "l2 OK List completed."});
}

TEST_CASE("RENAME: mailbox keeps UIDVALIDITY and messages; children move; checks in Dovecot's order", "[mailboxes][rename]") {
    Harness h;
    h.login();
    CHECK(h.send("r1 RENAME INBOX/Drafts Drafts") == Lines{"r1 OK Rename completed."});
    CHECK_FALSE(alice(h).find("INBOX/Drafts"));
    REQUIRE(alice(h).find("Drafts"));
    CHECK(alice(h).find("Drafts")->uidvalidity() == 1340776426u);
    CHECK(alice(h).find("Drafts")->name() == "Drafts");
    CHECK(h.send("r2 RENAME Nope X") == Lines{"r2 NO [NONEXISTENT] Mailbox doesn't exist: Nope."});
    CHECK(h.send("r3 RENAME Drafts INBOX/Sent") == Lines{"r3 NO [ALREADYEXISTS] Target mailbox already exists."});
    CHECK(h.send("r4 RENAME Drafts INBOX") == Lines{"r4 NO [ALREADYEXISTS] Target mailbox already exists."});
    CHECK(h.send("r5 RENAME Drafts Drafts") == Lines{"r5 NO [ALREADYEXISTS] Can't rename mailbox to itself."});
    CHECK(h.send("r6 RENAME inbox/Sent Inbox/Sent") == Lines{"r6 NO [ALREADYEXISTS] Can't rename mailbox to itself."});
    CHECK(h.send("r7 RENAME Drafts Drafts/old") == Lines{"r7 NO Can't rename mailbox under its own child."});
    CHECK(h.send("r8 RENAME Drafts Drafts/") == Lines{"r8 NO Can't rename mailbox under its own child."});
    // Both names are checked before the old one is looked up.
    CHECK(h.send("r9 RENAME Nope \"\"") == Lines{"r9 NO [CANNOT] Invalid mailbox name: Name is empty."});
    CHECK(h.send("r10 RENAME Drafts/ X") == Lines{"r10 NO [CANNOT] Invalid mailbox name: Ends with hierarchy separator."});
    CHECK(h.send("r11 RENAME Drafts \"~x\"") == Lines{"r11 NO [CANNOT] Invalid mailbox name: Begins with '~'."});
    CHECK(h.send("r12 RENAME Drafts a.b") == Lines{"r12 NO [CANNOT] Character not allowed in mailbox name: '.'."});
    CHECK(h.send("r13 RENAME \"&AGE-\" X") == Lines{"r13 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("r14 RENAME Drafts \"&AGE-\"") == Lines{"r14 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("r15 RENAME Drafts") == Lines{"r15 BAD Error in IMAP command RENAME: Missing arguments."});

    // Children move with their parent; levels above the new name are only levels.
    h.send("c1 CREATE Work/a/b");
    h.send("c2 CREATE Work");
    CHECK(h.send("r16 RENAME Work Old/Play") == Lines{"r16 OK Rename completed."});
    CHECK(h.send("l1 LIST \"\" *Play*") == Lines{
                                                "* LIST (\\HasChildren) \"/\" Old/Play",
                                                "* LIST (\\Noselect \\HasChildren) \"/\" Old/Play/a",
                                                "* LIST (\\HasNoChildren) \"/\" Old/Play/a/b",
                                                "l1 OK List completed.",
                                            });
    CHECK(h.send("l2 LIST \"\" Old") == Lines{"* LIST (\\Noselect \\HasChildren) \"/\" Old", "l2 OK List completed."});
    CHECK(h.send("l3 LIST \"\" Work*") == Lines{"l3 OK List completed."});
    // A level (\Noselect) can be renamed: what is below it moves.
    CHECK(h.send("r17 RENAME Archive Attic") == Lines{"r17 OK Rename completed."});
    CHECK(alice(h).find("Attic/2024"));
    CHECK(alice(h).find("Attic/2024")->uidvalidity() == 1340776428u);
    // A new name taken below the target refuses the whole rename.
    h.send("c3 CREATE Shelf/2024");
    h.send("c4 CREATE Shelf2");
    CHECK(h.send("r18 RENAME Attic Shelf") == Lines{"r18 NO [ALREADYEXISTS] Target mailbox already exists."});
    CHECK(alice(h).find("Attic/2024"));
}

TEST_CASE("RENAME INBOX moves its messages to a new mailbox and leaves INBOX empty", "[mailboxes][rename]") {
    Harness h;
    h.login();
    CHECK(h.send("r1 RENAME INBOX Old-Mail") == Lines{"r1 OK Rename completed."});
    CHECK(h.send("s1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)") ==
          Lines{"* STATUS INBOX (MESSAGES 0 UIDNEXT 20 UIDVALIDITY 1340776425)", "s1 OK Status completed."});
    CHECK(h.send("s2 STATUS Old-Mail (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)") ==
          Lines{"* STATUS Old-Mail (MESSAGES 5 RECENT 1 UIDNEXT 20 UIDVALIDITY 1340776429 UNSEEN 2)", "s2 OK Status completed."});
    // Mailboxes below INBOX are not touched.
    CHECK(h.send("l1 LIST \"\" INBOX*") == Lines{
                                                "* LIST (\\HasChildren) \"/\" INBOX",
                                                "* LIST (\\HasNoChildren) \"/\" INBOX/Drafts",
                                                "* LIST (\\HasNoChildren) \"/\" INBOX/Sent",
                                                "l1 OK List completed.",
                                            });
    // Flags, keywords and UIDs went along.
    const imaplab::Mailbox& old = *alice(h).find("Old-Mail");
    REQUIRE(old.messages().size() == 5);
    CHECK(old.messages()[2].uid.value == 12u);
    CHECK(old.flag_names(old.messages()[2]) == std::vector<std::string>{"\\Answered", "\\Seen"});
    CHECK(old.keywords() == std::vector<std::string>{"$Forwarded"});
    CHECK(events<MessageAdded>(h).size() == 5);
    CHECK(events<MessageExpunged>(h).size() == 5);
    CHECK(h.send("r2 RENAME INBOX Old-Mail") == Lines{"r2 NO [ALREADYEXISTS] Target mailbox already exists."});
    CHECK(h.send("r3 RENAME INBOX INBOX/old") == Lines{"r3 NO Can't rename mailbox under its own child."});
}

TEST_CASE("RENAME INBOX while INBOX is selected: the session sees the messages leave", "[mailboxes][rename]") {
    Harness h;
    h.select();
    CHECK(h.send("r1 RENAME INBOX Old-Mail") == Lines{
                                                    "* 5 EXPUNGE",
                                                    "* 4 EXPUNGE",
                                                    "* 3 EXPUNGE",
                                                    "* 2 EXPUNGE",
                                                    "* 1 EXPUNGE",
                                                    "* 0 RECENT",
                                                    "r1 OK Rename completed.",
                                                });
    CHECK(h.send("n1 NOOP") == Lines{"n1 OK NOOP completed."});
    const auto expunged = events<MessageExpunged>(h);
    REQUIRE(expunged.size() == 5);
    CHECK(expunged.front().uid == 14u);
    CHECK(expunged.front().seq == 5u);
}

TEST_CASE("RENAME of the selected mailbox: the session keeps it selected", "[mailboxes][rename]") {
    Harness h;
    h.select();
    CHECK(h.send("r1 RENAME INBOX/Sent Sent") == Lines{"r1 OK Rename completed."});
    h.send("s1 SELECT Sent");
    CHECK(h.session->state() == SessionState::Selected);
    CHECK(h.send("r2 RENAME Sent Sent-2024") == Lines{"r2 OK Rename completed."});
    CHECK(h.session->state() == SessionState::Selected);
    CHECK(h.send("n1 NOOP") == Lines{"n1 OK NOOP completed."});
    CHECK(h.session->selected()->mailbox->name() == "Sent-2024");
}

TEST_CASE("RENAME moves special-use attributes, not subscriptions (as Dovecot)", "[mailboxes][rename][subscribe]") {
    Harness h;
    h.login();
    alice(h).set_special_use("INBOX/Sent", {"\\Sent"});
    h.send("s1 SUBSCRIBE INBOX/Sent");
    CHECK(h.send("r1 RENAME INBOX/Sent Sent") == Lines{"r1 OK Rename completed."});
    CHECK(alice(h).special_use("Sent") == std::vector<std::string>{"\\Sent"});
    CHECK(alice(h).special_use("INBOX/Sent").empty());
    CHECK(h.send("l1 LSUB \"\" *") == Lines{"* LSUB () \"/\" INBOX/Sent", "l1 OK Lsub completed."});
    CHECK(h.send("d1 DELETE Sent") == Lines{"d1 OK Delete completed."});
    CHECK(alice(h).special_use("Sent").empty());
}

TEST_CASE("SUBSCRIBE and UNSUBSCRIBE", "[mailboxes][subscribe]") {
    Harness h;
    h.login();
    CHECK(h.send("s1 SUBSCRIBE INBOX/Drafts") == Lines{"s1 OK Subscribe completed."});
    CHECK(h.send("s2 SUBSCRIBE INBOX/Drafts") == Lines{"s2 OK Subscribe completed."});
    CHECK(h.send("s3 SUBSCRIBE inbox") == Lines{"s3 OK Subscribe completed."});
    CHECK(alice(h).is_subscribed("INBOX"));
    CHECK(h.send("s4 SUBSCRIBE Nope") == Lines{"s4 NO Mailbox doesn't exist: Nope."});
    CHECK(h.send("s5 SUBSCRIBE Archive") == Lines{"s5 NO Mailbox doesn't exist: Archive."});  // a \Noselect level
    CHECK(h.send("s6 SUBSCRIBE \"\"") == Lines{"s6 NO Mailbox doesn't exist: ."});
    CHECK(h.send("s7 SUBSCRIBE \"&AGE-\"") == Lines{"s7 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("s8 SUBSCRIBE") == Lines{"s8 BAD Error in IMAP command SUBSCRIBE: Missing arguments."});
    CHECK(h.send("l1 LSUB \"\" *") == Lines{"* LSUB () \"/\" INBOX", "* LSUB () \"/\" INBOX/Drafts", "l1 OK Lsub completed."});
    CHECK(h.send("u1 UNSUBSCRIBE INBOX/Drafts") == Lines{"u1 OK Unsubscribe completed."});
    CHECK(h.send("u2 UNSUBSCRIBE INBOX/Drafts") == Lines{"u2 OK Unsubscribe completed."});
    CHECK(h.send("u3 UNSUBSCRIBE Nope") == Lines{"u3 OK Unsubscribe completed."});
    CHECK(h.send("u4 UNSUBSCRIBE \"\"") == Lines{"u4 NO [CANNOT] Invalid mailbox name: Name is empty."});
    CHECK(h.send("u5 UNSUBSCRIBE x//y") == Lines{"u5 NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators."});
    CHECK(h.send("u6 UNSUBSCRIBE") == Lines{"u6 BAD Error in IMAP command UNSUBSCRIBE: Missing arguments."});
    CHECK(h.send("l2 LSUB \"\" *") == Lines{"* LSUB () \"/\" INBOX", "l2 OK Lsub completed."});
}

TEST_CASE("NAMESPACE: the personal namespace and the shared one of other users (ACL)", "[mailboxes][namespace]") {
    Harness h;
    h.login();
    CHECK(h.send("n1 NAMESPACE") == Lines{"* NAMESPACE ((\"\" \"/\")) ((\"shared/\" \"/\")) NIL", "n1 OK Namespace completed."});
    CHECK(h.send("n2 NAMESPACE x") == Lines{"n2 BAD Error in IMAP command NAMESPACE: Unexpected extra arguments."});
    h.session->set_imap4rev2(true);
    CHECK(h.send("n3 NAMESPACE") == Lines{"* NAMESPACE ((\"\" \"/\")) ((\"shared/\" \"/\")) NIL", "n3 OK Namespace completed."});
}

TEST_CASE("NAMESPACE, CREATE, STATUS are refused before login", "[mailboxes][state]") {
    Harness h;
    for (std::string cmd : {"NAMESPACE", "CREATE x", "DELETE x", "RENAME x y", "SUBSCRIBE x", "UNSUBSCRIBE x", "LSUB \"\" *",
                            "STATUS INBOX (MESSAGES)"}) {
        const Lines reply = h.send("t " + cmd);
        REQUIRE(reply.size() == 1);
        CHECK(reply[0].rfind("t BAD Error in IMAP command ", 0) == 0);
    }
}

TEST_CASE("STATUS: every item, Dovecot's order, errors", "[mailboxes][status]") {
    Harness h;
    h.login();
    CHECK(h.send("s1 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN SIZE)") ==
          Lines{"* STATUS INBOX (MESSAGES 5 RECENT 1 UIDNEXT 20 UIDVALIDITY 1340776425 UNSEEN 2 SIZE 660)", "s1 OK Status completed."});
    // Items come in a fixed order whatever the order asked; the name as the client wrote it.
    CHECK(h.send("s2 STATUS inbox (size unseen MESSAGES MESSAGES)") ==
          Lines{"* STATUS inbox (MESSAGES 5 UNSEEN 2 SIZE 660)", "s2 OK Status completed."});
    CHECK(h.send("s3 STATUS \"INBOX/Drafts\" (MESSAGES)") == Lines{"* STATUS INBOX/Drafts (MESSAGES 0)", "s3 OK Status completed."});
    CHECK(h.send("s4 STATUS INBOX ()") == Lines{"s4 BAD Error in IMAP command STATUS: Empty status list."});
    CHECK(h.send("s5 STATUS INBOX MESSAGES") == Lines{"s5 BAD Error in IMAP command STATUS: Invalid arguments."});
    CHECK(h.send("s6 STATUS INBOX (FOO)") == Lines{"s6 BAD Error in IMAP command STATUS: Invalid status item FOO."});
    CHECK(h.send("s7 STATUS INBOX (foo)") == Lines{"s7 BAD Error in IMAP command STATUS: Invalid status item FOO."});
    CHECK(h.send("s8 STATUS INBOX (\"MESSAGES\")") == Lines{"s8 BAD Error in IMAP command STATUS: Status list contains non-atoms."});
    CHECK(h.send("s9 STATUS INBOX (MESSAGES (x))") == Lines{"s9 BAD Error in IMAP command STATUS: Status list contains non-atoms."});
    CHECK(h.send("s10 STATUS INBOX") == Lines{"s10 BAD Error in IMAP command STATUS: Missing arguments."});
    CHECK(h.send("s11 STATUS INBOX (DELETED)") == Lines{"s11 BAD Error in IMAP command STATUS: Invalid status item DELETED."});
    CHECK(h.send("s12 STATUS INBOX (HIGHESTMODSEQ)") == Lines{"s12 BAD Error in IMAP command STATUS: Invalid status item HIGHESTMODSEQ."});
    // Items are checked before the name.
    CHECK(h.send("s13 STATUS Nope (FOO)") == Lines{"s13 BAD Error in IMAP command STATUS: Invalid status item FOO."});
    CHECK(h.send("s14 STATUS Nope (MESSAGES)") == Lines{"s14 NO Mailbox doesn't exist: Nope."});
    CHECK(h.send("s15 STATUS Archive (MESSAGES)") == Lines{"s15 NO Mailbox doesn't exist: Archive."});
    CHECK(h.send("s16 STATUS \"\" (MESSAGES)") == Lines{"s16 NO [CANNOT] Invalid mailbox name: Name is empty."});
    CHECK(h.send("s17 STATUS \"&AGE-\" (MESSAGES)") == Lines{"s17 NO Mailbox name is not valid mUTF-7."});
    CHECK(h.send("s18 STATUS INBOX (MESSAGES) x") == Lines{"s18 BAD Error in IMAP command STATUS: Unexpected extra arguments."});
}

TEST_CASE("STATUS counts \\Deleted (IMAP4rev2 DELETED) and follows STORE", "[mailboxes][status]") {
    Harness h;
    h.select();
    h.send("st1 STORE 1:2 +FLAGS (\\Deleted)");
    h.send("st2 STORE 4 +FLAGS (\\Seen)");
    h.send("u1 UNSELECT");
    h.session->set_imap4rev2(true);
    CHECK(h.send("s1 STATUS INBOX (MESSAGES UNSEEN DELETED SIZE)") ==
          Lines{"* STATUS INBOX (MESSAGES 5 UNSEEN 1 DELETED 2 SIZE 660)", "s1 OK Status completed."});
    // RECENT is gone from IMAP4rev2 (RFC 9051 §6.3.11).
    CHECK(h.send("s2 STATUS INBOX (RECENT)") == Lines{"s2 BAD Error in IMAP command STATUS: Invalid status item RECENT."});
}

TEST_CASE("STATUS of the selected mailbox works, with Dovecot's CLIENTBUG hint", "[mailboxes][status]") {
    Harness h;
    h.select();  // takes \Recent for UID 14
    CHECK(h.send("s1 STATUS INBOX (MESSAGES RECENT UNSEEN)") ==
          Lines{"* STATUS INBOX (MESSAGES 5 RECENT 1 UNSEEN 2)", "s1 OK [CLIENTBUG] Status on selected mailbox completed."});
    CHECK(h.send("s2 STATUS INBOX/Drafts (MESSAGES)") == Lines{"* STATUS INBOX/Drafts (MESSAGES 0)", "s2 OK Status completed."});
    // Another session sees no \Recent left: this one took it.
    imaplab::Session other(h.store, imaplab::ServerConfig{}, nullptr, 2);
    other.greeting();
    other.feed("o1 LOGIN alice secret\r\n");
    CHECK(other.feed("o2 STATUS INBOX (RECENT)\r\n") == "* STATUS INBOX (RECENT 0)\r\no2 OK Status completed.\r\n");
}

TEST_CASE("The Cyrillic folder Архив/2024 in IMAP4rev1 (modified UTF-7) and IMAP4rev2 (UTF-8)", "[mailboxes][mutf7]") {
    Harness h;
    h.login();
    // IMAP4rev1: the client writes and reads &BBAEQARFBDgEMg-; the store holds UTF-8.
    CHECK(h.send("c1 CREATE \"&BBAEQARFBDgEMg-/2024\"") == Lines{"c1 OK Create completed."});
    REQUIRE(alice(h).find("Архив/2024"));
    CHECK(events<MailboxCreated>(h).back().mailbox == "Архив/2024");
    CHECK(h.send("l1 LIST \"\" \"&BBAEQARFBDgEMg-*\"") == Lines{
                                                            "* LIST (\\Noselect \\HasChildren) \"/\" &BBAEQARFBDgEMg-",
                                                            "* LIST (\\HasNoChildren) \"/\" &BBAEQARFBDgEMg-/2024",
                                                            "l1 OK List completed.",
                                                        });
    CHECK(h.send("s1 STATUS &BBAEQARFBDgEMg-/2024 (MESSAGES UIDVALIDITY)") ==
          Lines{"* STATUS &BBAEQARFBDgEMg-/2024 (MESSAGES 0 UIDVALIDITY 1340776429)", "s1 OK Status completed."});
    CHECK(h.send("c2 CREATE &BBAEQARFBDgEMg-/2024") == Lines{"c2 NO [ALREADYEXISTS] Mailbox already exists."});
    CHECK(h.send("sb SUBSCRIBE &BBAEQARFBDgEMg-/2024") == Lines{"sb OK Subscribe completed."});
    CHECK(h.send("ls LSUB \"\" *") == Lines{"* LSUB () \"/\" &BBAEQARFBDgEMg-/2024", "ls OK Lsub completed."});

    // IMAP4rev2: the same mailbox, named in UTF-8 both ways.
    h.session->set_imap4rev2(true);
    CHECK(h.send("l2 LIST \"\" \"Архив*\"") == Lines{
                                                   "* LIST (\\Noselect \\HasChildren) \"/\" \"Архив\"",
                                                   "* LIST (\\HasNoChildren) \"/\" \"Архив/2024\"",
                                                   "l2 OK List completed.",
                                               });
    CHECK(h.send("s2 STATUS \"Архив/2024\" (MESSAGES)") == Lines{"* STATUS \"Архив/2024\" (MESSAGES 0)", "s2 OK Status completed."});
    CHECK(h.send("r1 RENAME \"Архив/2024\" \"Архив/2025\"") == Lines{"r1 OK Rename completed."});
    CHECK(h.send("c3 CREATE \"Входящие\"") == Lines{"c3 OK Create completed."});
    // In IMAP4rev2 "&" is an ordinary character.
    CHECK(h.send("c4 CREATE \"&BBA-\"") == Lines{"c4 OK Create completed."});
    CHECK(alice(h).find("&BBA-"));
    CHECK(h.send("d1 DELETE \"Архив\"") == Lines{"d1 NO [NONEXISTENT] Mailbox doesn't exist: Архив."});

    // Back in IMAP4rev1 the names created in UTF-8 read as modified UTF-7.
    h.session->set_imap4rev2(false);
    CHECK(h.send("l3 LIST \"\" \"%\"") == Lines{
                                                "* LIST (\\HasChildren) \"/\" INBOX",
                                                "* LIST (\\HasNoChildren) \"/\" &-BBA-",
                                                "* LIST (\\Noselect \\HasChildren) \"/\" Archive",
                                                "* LIST (\\Noselect \\HasChildren) \"/\" &BBAEQARFBDgEMg-",
                                                "* LIST (\\HasNoChildren) \"/\" &BBIERQQ+BDQETwRJBDgENQ-",
                                                "l3 OK List completed.",
                                            });
    CHECK(h.send("d2 DELETE &BBAEQARFBDgEMg-/2025") == Lines{"d2 OK Delete completed."});
}
