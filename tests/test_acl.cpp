// ACL (RFC 4314) and the shared namespace: the five commands, the rights every mailbox command
// checks, and an instructor's mailbox shared with a student. Expected lines are what Dovecot 2.3
// (acl + imap_acl plugins, vfile backend, `namespace { type = shared; prefix = shared/%%u/ }`,
// `acl_anyone = allow`) answered in the same situations, minus its timing suffix.
#include <catch2/catch.hpp>

#include "lesson/fixture_builder.hpp"
#include "lesson/fixture_file.hpp"
#include "session_harness.hpp"
#include "store/acl.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {

void add_message(Mailbox& mb, std::uint8_t flags, const std::string& subject) {
    Message m;
    m.uid = Uid{mb.uidnext()};
    m.system_flags = flags;
    m.internal_date = 1340604000;
    m.text = std::make_shared<const std::string>("Subject: " + subject + "\r\n\r\nhello\r\n");
    mb.append(std::move(m));
    mb.set_first_recent_uid(mb.uidnext());  // nothing \Recent: keeps the lines short
}

/// teacher: INBOX, Box (2 messages, the second \Seen), Priv, RW (2 messages), Lonly, Ronly;
/// student and bob: INBOX. Nothing is shared yet.
struct Classroom {
    MailStore store;
    Classroom() {
        Account* t = store.add_account("teacher", "t");
        t->create("INBOX", 100);
        Mailbox* box = t->create("Box", 101);
        add_message(*box, 0, "one");
        add_message(*box, kSeen, "two");
        t->create("Priv", 102);
        Mailbox* rw = t->create("RW", 103);
        add_message(*rw, 0, "one");
        add_message(*rw, 0, "two");
        t->create("Lonly", 104);
        t->create("Ronly", 105);
        store.add_account("student", "s")->create("INBOX", 200);
        store.add_account("bob", "b")->create("INBOX", 300);
    }
    Mailbox& box(const std::string& name) { return *store.find_account("teacher")->find(name); }
    /// Sets an ACL entry as the instructor's fixture would.
    void grant(const std::string& mailbox, const std::string& id, const std::string& letters) {
        char bad = 0;
        const bool negative = id[0] == '-';
        box(mailbox).acl().modify(negative ? id.substr(1) : id, negative, AclModify::Replace, *parse_acl_rights(letters, bad));
    }
};

struct Client {
    std::unique_ptr<Session> session;
    Client(MailStore& store, const std::string& user, const std::string& password, std::uint32_t id = 1,
           ServerConfig config = {})
        : session(std::make_unique<Session>(store, std::move(config), nullptr, id)) {
        session->greeting();
        session->feed("l LOGIN " + user + " " + password + "\r\n");
    }
    Lines send(const std::string& line) { return Harness::split(session->feed(line + "\r\n")); }
};

}  // namespace

TEST_CASE("rights letters: RFC 4314 §2.1, obsolete c and d, Dovecot's two orders", "[acl][store]") {
    char bad = 0;
    CHECK(parse_acl_rights("lrswipkxtea", bad) == acl::kAll);
    CHECK(parse_acl_rights("", bad) == AclRights{0});
    CHECK(parse_acl_rights("c", bad) == AclRights(acl::kCreate | acl::kDelete));
    CHECK(parse_acl_rights("d", bad) == AclRights(acl::kExpunge | acl::kWriteDeleted));
    CHECK_FALSE(parse_acl_rights("lrq", bad));
    CHECK(bad == 'q');
    CHECK(format_rights(acl::kAll) == "lrwstipekxacd");
    CHECK(format_rights(acl::kLookup | acl::kRead | acl::kAdmin) == "lra");
    CHECK(format_rights(0) == "\"\"");
    CHECK(format_stored_rights(*parse_acl_rights("lrc", bad)) == "kxlrc");
    CHECK(format_stored_rights(*parse_acl_rights("lrd", bad)) == "elrtd");
    CHECK(format_stored_rights(*parse_acl_rights("slr", bad)) == "lrs");
}

TEST_CASE("effective rights: union of matching entries minus negative ones; the owner's default", "[acl][store]") {
    Acl list;
    CHECK(list.effective_rights("teacher", "teacher") == acl::kAll);
    CHECK(list.effective_rights("student", "teacher") == 0);
    list.modify("anyone", false, AclModify::Replace, acl::kLookup);
    list.modify("student", false, AclModify::Replace, acl::kRead | acl::kWriteSeen);
    list.modify("student", true, AclModify::Replace, acl::kWriteSeen);
    CHECK(list.effective_rights("student", "teacher") == AclRights(acl::kLookup | acl::kRead));
    CHECK(list.effective_rights("bob", "teacher") == acl::kLookup);
    CHECK(list.effective_rights("teacher", "teacher") == acl::kAll);  // no entry for the owner yet
    list.modify("owner", false, AclModify::Replace, acl::kLookup | acl::kAdmin);
    CHECK(list.effective_rights("teacher", "teacher") == AclRights(acl::kLookup | acl::kAdmin));
    list.remove("student", true);
    CHECK(list.effective_rights("student", "teacher") == AclRights(acl::kLookup | acl::kRead | acl::kWriteSeen));
    list.modify("student", false, AclModify::Remove, acl::kRead);
    CHECK(list.effective_rights("student", "teacher") == AclRights(acl::kLookup | acl::kWriteSeen));
}

TEST_CASE("the owner's GETACL, MYRIGHTS, LISTRIGHTS and every SETACL form", "[acl][commands]") {
    Classroom c;
    Client t(c.store, "teacher", "t");
    CHECK(t.send("a MYRIGHTS Box") == Lines{"* MYRIGHTS Box lrwstipekxacd", "a OK Myrights completed."});
    CHECK(t.send("b GETACL Box") == Lines{"* ACL Box teacher lrwstipekxacd", "b OK Getacl completed."});
    CHECK(t.send("c LISTRIGHTS Box student") ==
          Lines{"* LISTRIGHTS Box student \"\" l r w s t p i e k x a c d", "c OK Listrights completed."});
    CHECK(t.send("d SETACL Box student lr") == Lines{"d OK Setacl complete."});
    CHECK(t.send("e GETACL Box") == Lines{"* ACL Box student lr teacher lrwstipekxacd", "e OK Getacl completed."});
    CHECK(t.send("f SETACL Box student -l") == Lines{"f OK Setacl complete."});
    CHECK(t.send("g GETACL Box") == Lines{"* ACL Box student r teacher lrwstipekxacd", "g OK Getacl completed."});
    CHECK(t.send("h SETACL Box student +lrs") == Lines{"h OK Setacl complete."});
    CHECK(t.send("i SETACL Box bob lrq") == Lines{"i BAD Error in IMAP command SETACL: Invalid ACL right: q."});
    CHECK(t.send("j SETACL Box bob lrc") == Lines{"j OK Setacl complete."});
    CHECK(t.send("k GETACL Box") == Lines{"* ACL Box bob kxlrc student lrs teacher lrwstipekxacd", "k OK Getacl completed."});
    CHECK(t.send("l SETACL Box bob lrd") == Lines{"l OK Setacl complete."});
    CHECK(t.send("m SETACL Box -bob r") == Lines{"m OK Setacl complete."});
    CHECK(t.send("n GETACL Box") ==
          Lines{"* ACL Box bob elrtd -bob r student lrs teacher lrwstipekxacd", "n OK Getacl completed."});
    CHECK(t.send("o DELETEACL Box -bob") == Lines{"o OK Deleteacl complete."});
    CHECK(t.send("p DELETEACL Box nobody") == Lines{"p OK Deleteacl complete."});
    CHECK(t.send("q SETACL Box bob \"\"") == Lines{"q OK Setacl complete."});
    CHECK(t.send("r GETACL Box") == Lines{"* ACL Box bob \"\" student lrs teacher lrwstipekxacd", "r OK Getacl completed."});
    // The owner keeps a: "owner lr" is stored as "alr", shown under the owner's name, first.
    CHECK(t.send("s SETACL Box owner lr") == Lines{"s OK Setacl complete."});
    CHECK(t.send("t GETACL Box") == Lines{"* ACL Box teacher alr bob \"\" student lrs", "t OK Getacl completed."});
    CHECK(t.send("u MYRIGHTS Box") == Lines{"* MYRIGHTS Box lra", "u OK Myrights completed."});
    CHECK(t.send("v SETACL Box anyone l") == Lines{"v OK Setacl complete."});
    CHECK(t.send("w GETACL Box") == Lines{"* ACL Box anyone l teacher alr bob \"\" student lrs", "w OK Getacl completed."});
    CHECK(t.send("x SETACL Box owner -a") == Lines{"x OK Setacl complete."});
    CHECK(t.send("y MYRIGHTS Box") == Lines{"* MYRIGHTS Box lra", "y OK Myrights completed."});
}

TEST_CASE("ACL commands: argument errors and mailboxes that don't exist", "[acl][commands]") {
    Classroom c;
    Client t(c.store, "teacher", "t");
    CHECK(t.send("a SETACL Box \"\" lr") == Lines{"a BAD Error in IMAP command SETACL: Invalid arguments."});
    CHECK(t.send("b SETACL Box #x lr") == Lines{"b BAD Error in IMAP command SETACL: Global ACLs can't be modified: #x."});
    CHECK(t.send("c SETACL Box bob") == Lines{"c BAD Error in IMAP command SETACL: Missing arguments."});
    CHECK(t.send("d DELETEACL Box \"\"") == Lines{"d BAD Error in IMAP command DELETEACL: Invalid arguments."});
    CHECK(t.send("e GETACL Box x") == Lines{"e BAD Error in IMAP command GETACL: Unexpected extra arguments."});
    CHECK(t.send("f LISTRIGHTS Box") == Lines{"f BAD Error in IMAP command LISTRIGHTS: Missing arguments."});
    CHECK(t.send("g GETACL Nope") == Lines{"g NO [NONEXISTENT] Mailbox doesn't exist: Nope."});
    CHECK(t.send("h SETACL Nope bob l") == Lines{"h NO [NONEXISTENT] Mailbox doesn't exist: Nope."});
    CHECK(t.send("i DELETEACL Nope bob") == Lines{"i NO [NONEXISTENT] Mailbox doesn't exist: Nope."});
    CHECK(t.send("j LISTRIGHTS Nope bob") == Lines{"j NO [NONEXISTENT] Mailbox doesn't exist: Nope."});
    // Dovecot: a name of one's own that is not a mailbox has the owner's default rights.
    CHECK(t.send("k MYRIGHTS Nope") == Lines{"* MYRIGHTS Nope lrwstipekxacd", "k OK Myrights completed."});
    CHECK(t.send("l MYRIGHTS shared/nobody/X") == Lines{"l NO [NONEXISTENT] Mailbox doesn't exist: shared/nobody/X."});
    Client before(c.store, "x", "y");
    CHECK(before.send("m GETACL Box") == Lines{"m BAD Error in IMAP command GETACL: Log in first (GETACL is valid in Authenticated, Selected state)."});
}

TEST_CASE("a student sees the shared namespace: only mailboxes with l, levels \\Noselect", "[acl][namespace][list]") {
    Classroom c;
    c.grant("Box", "student", "lr");
    c.grant("RW", "student", "lrsi");
    c.grant("Ronly", "student", "r");
    c.grant("Lonly", "student", "l");
    Client s(c.store, "student", "s");
    CHECK(s.send("a NAMESPACE") == Lines{"* NAMESPACE ((\"\" \"/\")) ((\"shared/\" \"/\")) NIL", "a OK Namespace completed."});
    CHECK(s.send("b LIST \"\" %") ==
          Lines{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\Noselect \\HasChildren) \"/\" shared", "b OK List completed."});
    CHECK(s.send("c LIST shared/ %") == Lines{"* LIST (\\Noselect \\HasChildren) \"/\" shared/teacher", "c OK List completed."});
    CHECK(s.send("d LIST \"\" shared/%/%") ==
          Lines{"* LIST (\\HasNoChildren) \"/\" shared/teacher/Box", "* LIST (\\HasNoChildren) \"/\" shared/teacher/Lonly",
                "* LIST (\\HasNoChildren) \"/\" shared/teacher/RW", "d OK List completed."});
    CHECK(s.send("e LIST \"\" shared/bob/*") == Lines{"e OK List completed."});
    CHECK(s.send("f MYRIGHTS shared/teacher/Box") == Lines{"* MYRIGHTS shared/teacher/Box lr", "f OK Myrights completed."});
    CHECK(s.send("g GETACL shared/teacher/Box") ==
          Lines{"g NO [NOPERM] You lack administrator privileges on this mailbox."});
    CHECK(s.send("h LISTRIGHTS shared/teacher/Box student") ==
          Lines{"h NO [NOPERM] You lack administrator privileges on this mailbox."});
    // No l and no r: exactly as for a mailbox that does not exist (rights do not leak existence).
    CHECK(s.send("i MYRIGHTS shared/teacher/Priv") == Lines{"i NO [NONEXISTENT] Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("j GETACL shared/teacher/Priv") == Lines{"j NO [NONEXISTENT] Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("k SELECT shared/teacher/Priv") == Lines{"k NO Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("l STATUS shared/teacher/Priv (MESSAGES)") == Lines{"l NO Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("m SELECT shared/teacher/Nope") == Lines{"m NO Mailbox doesn't exist: shared/teacher/Nope."});
    // l without r: seen, not readable. r without l: readable, not listed.
    CHECK(s.send("n STATUS shared/teacher/Lonly (MESSAGES)") == Lines{"n NO [NOPERM] Permission denied."});
    CHECK(s.send("o SELECT shared/teacher/Lonly") == Lines{"o NO [NOPERM] Permission denied."});
    CHECK(s.send("p STATUS shared/teacher/Ronly (MESSAGES)") ==
          Lines{"* STATUS shared/teacher/Ronly (MESSAGES 0)", "p OK Status completed."});
    CHECK(s.send("q MYRIGHTS shared/teacher/Ronly") == Lines{"* MYRIGHTS shared/teacher/Ronly r", "q OK Myrights completed."});
    // The owner's LIST shows no shared namespace (nothing is shared with the teacher).
    Client t(c.store, "teacher", "t", 2);
    CHECK(t.send("r LIST \"\" shared*") == Lines{"r OK List completed."});
}

TEST_CASE("read-only sharing: lr opens READ-ONLY, nothing can change", "[acl][select][store]") {
    Classroom c;
    c.grant("Box", "student", "lr");
    Client s(c.store, "student", "s");
    CHECK(s.send("a SELECT shared/teacher/Box") ==
          Lines{"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* OK [PERMANENTFLAGS ()] Read-only mailbox.",
                "* 2 EXISTS", "* 0 RECENT", "* OK [UNSEEN 1] First unseen.", "* OK [UIDVALIDITY 101] UIDs valid",
                "* OK [UIDNEXT 3] Predicted next UID", "a OK [READ-ONLY] Select completed."});
    CHECK(s.send("b STORE 1 +FLAGS (\\Deleted)") == Lines{"b OK Store completed."});
    CHECK(s.send("c STORE 1 FLAGS (\\Seen $K)") == Lines{"c OK Store completed."});
    CHECK(s.send("d FETCH 1 BODY[]") == Lines{"* 1 FETCH (BODY[] {23}", "Subject: one", "", "hello", ")", "d OK Fetch completed."});
    CHECK(s.send("e FETCH 1 FLAGS") == Lines{"* 1 FETCH (FLAGS ())", "e OK Fetch completed."});
    CHECK(s.send("f APPEND shared/teacher/Box {7+}\r\nhello\r\n") == Lines{"f NO [NOPERM] Permission denied."});
    CHECK(s.send("g COPY 1 shared/teacher/Box") == Lines{"g NO [NOPERM] Permission denied."});
    CHECK(s.send("h MOVE 1 INBOX") == Lines{"h NO [NOPERM] Permission denied."});
    CHECK(s.send("i COPY 1 shared/teacher/Priv") == Lines{"i NO [TRYCREATE] Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("j COPY 1 INBOX") == Lines{"j OK [COPYUID 200 1 1] Copy completed."});
    CHECK(s.send("k EXPUNGE") == Lines{"k OK Expunge completed."});
    CHECK(s.send("l EXAMINE shared/teacher/Box") ==
          Lines{"* OK [CLOSED] Previous mailbox closed.", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* OK [PERMANENTFLAGS ()] Read-only mailbox.", "* 2 EXISTS", "* 0 RECENT", "* OK [UNSEEN 1] First unseen.",
                "* OK [UIDVALIDITY 101] UIDs valid", "* OK [UIDNEXT 3] Predicted next UID", "l OK [READ-ONLY] Examine completed."});
    CHECK(s.send("m STORE 1 +FLAGS (\\Deleted)") == Lines{"m OK Store ignored with read-only mailbox."});
    CHECK(c.box("Box").messages()[0].system_flags == 0);
}

TEST_CASE("without t no \\Deleted, without w no other flags, without e no expunge, without i no APPEND", "[acl][store]") {
    Classroom c;
    c.grant("RW", "student", "lrsi");
    Client s(c.store, "student", "s");
    CHECK(s.send("a SELECT shared/teacher/RW") ==
          Lines{"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* OK [PERMANENTFLAGS (\\Seen)] Flags permitted.",
                "* 2 EXISTS", "* 0 RECENT", "* OK [UNSEEN 1] First unseen.", "* OK [UIDVALIDITY 103] UIDs valid",
                "* OK [UIDNEXT 3] Predicted next UID", "a OK [READ-WRITE] Select completed."});
    CHECK(s.send("b STORE 1 +FLAGS (\\Deleted \\Seen $K)") == Lines{"* 1 FETCH (FLAGS (\\Seen))", "b OK Store completed."});
    CHECK(s.send("c STORE 2 FLAGS (\\Flagged \\Deleted \\Seen)") == Lines{"* 2 FETCH (FLAGS (\\Seen))", "c OK Store completed."});
    CHECK(s.send("d STORE 1 -FLAGS (\\Seen)") == Lines{"* 1 FETCH (FLAGS ())", "d OK Store completed."});
    CHECK(s.send("e STORE 1 +FLAGS (\\Flagged)") == Lines{"e OK Store completed."});
    CHECK(s.send("f STORE 2 FLAGS ()") == Lines{"* 2 FETCH (FLAGS ())", "f OK Store completed."});
    // The teacher marks message 1 \Deleted; the student's EXPUNGE and CLOSE leave it.
    c.box("RW").apply_flags(Uid{1}, StoreMode::Add, FlagNames{kDeleted, {}});
    CHECK(s.send("g EXPUNGE") == Lines{"* 1 FETCH (FLAGS (\\Deleted))", "g OK Expunge completed."});
    CHECK(s.send("h UID EXPUNGE 1") == Lines{"h OK Expunge completed."});
    CHECK(s.send("i MOVE 1 INBOX") == Lines{"i NO [NOPERM] Permission denied."});
    // COPY and APPEND keep only the flags the rights allow.
    CHECK(s.send("j COPY 1 shared/teacher/RW") == Lines{"* 3 EXISTS", "* 1 RECENT", "j OK [COPYUID 103 1 3] Copy completed."});
    CHECK(s.send("k APPEND shared/teacher/RW (\\Seen \\Deleted $X) {7+}\r\nhello\r\n") ==
          Lines{"* 4 EXISTS", "* 2 RECENT", "k OK [APPENDUID 103 4] Append completed."});
    CHECK(s.send("l FETCH 1:* FLAGS") == Lines{"* 1 FETCH (FLAGS (\\Deleted))", "* 2 FETCH (FLAGS ())", "* 3 FETCH (FLAGS (\\Recent))",
                                               "* 4 FETCH (FLAGS (\\Seen \\Recent))", "l OK Fetch completed."});
    CHECK(s.send("m CLOSE") == Lines{"m OK Close completed."});
    CHECK(c.box("RW").messages().size() == 4);
    CHECK(c.box("RW").keywords().empty());
}

TEST_CASE("FETCH BODY[] sets \\Seen only with s; PERMANENTFLAGS follow w, s, t", "[acl][fetch]") {
    Classroom c;
    c.grant("Box", "student", "lrwi");
    Client s(c.store, "student", "s");
    const Lines select = s.send("a SELECT shared/teacher/Box");
    CHECK(select.at(1) == "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\*)] Flags permitted.");
    CHECK(s.send("b FETCH 1 BODY[TEXT]") == Lines{"* 1 FETCH (BODY[TEXT] {7}", "hello", ")", "b OK Fetch completed."});
    CHECK(s.send("c STORE 1 +FLAGS ($Homework)") ==
          Lines{"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Homework)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft $Homework \\*)] Flags permitted.",
                "* 1 FETCH (FLAGS ($Homework))", "c OK Store completed."});
    c.grant("Box", "student", "lrwsi");
    CHECK(s.send("d FETCH 1 BODY[TEXT]") == Lines{"* 1 FETCH (FLAGS (\\Seen $Homework) BODY[TEXT] {7}", "hello", ")", "d OK Fetch completed."});
}

TEST_CASE("negative rights take away what anyone was given", "[acl][negative]") {
    Classroom c;
    c.grant("Box", "anyone", "lr");
    c.grant("Box", "-student", "r");
    Client s(c.store, "student", "s"), b(c.store, "bob", "b", 2);
    CHECK(s.send("a MYRIGHTS shared/teacher/Box") == Lines{"* MYRIGHTS shared/teacher/Box l", "a OK Myrights completed."});
    CHECK(s.send("b SELECT shared/teacher/Box") == Lines{"b NO [NOPERM] Permission denied."});
    CHECK(b.send("c MYRIGHTS shared/teacher/Box") == Lines{"* MYRIGHTS shared/teacher/Box lr", "c OK Myrights completed."});
    CHECK(b.send("d STATUS shared/teacher/Box (MESSAGES UNSEEN)") ==
          Lines{"* STATUS shared/teacher/Box (MESSAGES 2 UNSEEN 1)", "d OK Status completed."});
    Client t(c.store, "teacher", "t", 3);
    CHECK(t.send("e GETACL Box") == Lines{"* ACL Box anyone lr -student r teacher lrwstipekxacd", "e OK Getacl completed."});
}

TEST_CASE("CREATE, DELETE, RENAME in the shared namespace need k and x", "[acl][mailboxes]") {
    Classroom c;
    c.grant("Box", "student", "lrk");
    c.grant("RW", "student", "lrsi");
    Client s(c.store, "student", "s");
    CHECK(s.send("a CREATE shared/teacher/New") == Lines{"a NO [NOPERM] Permission denied."});
    CHECK(s.send("b CREATE shared/teacher/RW/Child") == Lines{"b NO [NOPERM] Permission denied."});
    CHECK(s.send("c CREATE shared/teacher/Priv/Child") == Lines{"c NO [NOPERM] Permission denied."});
    CHECK(s.send("d CREATE shared/nobody/X") == Lines{"d NO [NOPERM] Permission denied."});
    CHECK(s.send("e CREATE shared/teacher/Box/Child") == Lines{"e OK Create completed."});
    // The new mailbox starts with its parent's ACL; the teacher owns it.
    CHECK(s.send("f MYRIGHTS shared/teacher/Box/Child") ==
          Lines{"* MYRIGHTS shared/teacher/Box/Child lrkc", "f OK Myrights completed."});
    CHECK(s.send("g LIST \"\" shared/teacher/Box*") ==
          Lines{"* LIST (\\HasChildren) \"/\" shared/teacher/Box", "* LIST (\\HasNoChildren) \"/\" shared/teacher/Box/Child",
                "g OK List completed."});
    CHECK(s.send("h CREATE shared/teacher/Box/Child") == Lines{"h NO [ALREADYEXISTS] Mailbox already exists."});
    CHECK(s.send("i DELETE shared/teacher/RW") == Lines{"i NO [NOPERM] Permission denied."});
    CHECK(s.send("j DELETE shared/teacher/Priv") == Lines{"j NO [NONEXISTENT] Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("k DELETE shared") == Lines{"k NO [CANNOT] Storage root can't be deleted."});
    CHECK(s.send("l DELETE shared/teacher") == Lines{"l NO INBOX can't be deleted."});
    CHECK(s.send("m RENAME shared/teacher/RW shared/teacher/RW2") == Lines{"m NO [NOPERM] Permission denied."});
    CHECK(s.send("n RENAME shared/teacher/Priv shared/teacher/P2") == Lines{"n NO [NONEXISTENT] Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("o RENAME shared/teacher/Box/Child shared/teacher/Box/C2") == Lines{"o NO [NOPERM] Permission denied."});
    c.grant("Box/Child", "student", "lrx");
    CHECK(s.send("p RENAME shared/teacher/Box/Child Mine") == Lines{"p NO [CANNOT] Can't rename mailboxes across namespaces."});
    CHECK(s.send("p2 RENAME shared/teacher/Box/Child shared/teacher/RW/C3") == Lines{"p2 NO [NOPERM] Permission denied."});
    CHECK(s.send("q RENAME shared/teacher/Box/Child shared/teacher/Box/C3") == Lines{"q OK Rename completed."});
    CHECK(s.send("r DELETE shared/teacher/Box/C3") == Lines{"r OK Delete completed."});
    CHECK(c.store.find_account("teacher")->find("Box/C3") == nullptr);
    // The student's own namespace: owner rights as always.
    CHECK(s.send("s CREATE Notes/2024") == Lines{"s OK Create completed."});
}

TEST_CASE("ACLs move with RENAME and go with DELETE", "[acl][rename]") {
    Classroom c;
    c.grant("Box", "student", "lr");
    Client t(c.store, "teacher", "t"), s(c.store, "student", "s", 2);
    CHECK(t.send("a RENAME Box Course") == Lines{"a OK Rename completed."});
    CHECK(s.send("b MYRIGHTS shared/teacher/Course") == Lines{"* MYRIGHTS shared/teacher/Course lr", "b OK Myrights completed."});
    CHECK(s.send("c MYRIGHTS shared/teacher/Box") == Lines{"c NO [NONEXISTENT] Mailbox doesn't exist: shared/teacher/Box."});
    CHECK(t.send("d GETACL Course") == Lines{"* ACL Course student lr teacher lrwstipekxacd", "d OK Getacl completed."});
    CHECK(t.send("e DELETE Course") == Lines{"e OK Delete completed."});
    CHECK(t.send("f CREATE Course") == Lines{"f OK Create completed."});
    CHECK(t.send("g GETACL Course") == Lines{"* ACL Course teacher lrwstipekxacd", "g OK Getacl completed."});
    CHECK(s.send("h LIST \"\" *") == Lines{"* LIST (\\HasNoChildren) \"/\" INBOX", "h OK List completed."});
}

TEST_CASE("SETACL takes effect at once, also on a selected mailbox", "[acl][select]") {
    Classroom c;
    Client t(c.store, "teacher", "t"), s(c.store, "student", "s", 2);
    CHECK(s.send("a SELECT shared/teacher/Box") == Lines{"a NO Mailbox doesn't exist: shared/teacher/Box."});
    CHECK(t.send("b SETACL Box student lrs") == Lines{"b OK Setacl complete."});
    CHECK(s.send("c SELECT shared/teacher/Box").back() == "c OK [READ-WRITE] Select completed.");
    CHECK(t.send("d SETACL Box student -s") == Lines{"d OK Setacl complete."});
    CHECK(s.send("e STORE 1 +FLAGS (\\Seen)") == Lines{"e OK Store completed."});
    CHECK(t.send("f DELETEACL Box student") == Lines{"f OK Deleteacl complete."});
    CHECK(s.send("g STATUS shared/teacher/Box (MESSAGES)") == Lines{"g NO Mailbox doesn't exist: shared/teacher/Box."});
}

TEST_CASE("owner and student selected on one shared mailbox see each other's changes", "[acl][multi]") {
    Classroom c;
    c.grant("Box", "student", "lrswi");
    Client t(c.store, "teacher", "t"), s(c.store, "student", "s", 2);
    t.send("a SELECT Box");
    s.send("b SELECT shared/teacher/Box");
    CHECK(s.send("c STORE 1 +FLAGS (\\Seen)") == Lines{"* 1 FETCH (FLAGS (\\Seen))", "c OK Store completed."});
    CHECK(t.send("d NOOP") == Lines{"* 1 FETCH (FLAGS (\\Seen))", "d OK NOOP completed."});
    CHECK(t.send("e APPEND Box {7+}\r\nhello\r\n") == Lines{"* 3 EXISTS", "* 1 RECENT", "e OK [APPENDUID 101 3] Append completed."});
    CHECK(s.send("f NOOP") == Lines{"* 3 EXISTS", "f OK NOOP completed."});
    CHECK(s.send("g APPEND shared/teacher/Box (\\Seen) {7+}\r\nhello\r\n") ==
          Lines{"* 4 EXISTS", "* 1 RECENT", "g OK [APPENDUID 101 4] Append completed."});
    CHECK(t.send("h NOOP") == Lines{"* 4 EXISTS", "h OK NOOP completed."});
    CHECK(t.send("i STORE 4 +FLAGS (\\Deleted)") == Lines{"* 4 FETCH (FLAGS (\\Deleted \\Seen))", "i OK Store completed."});
    CHECK(t.send("j EXPUNGE") == Lines{"* 4 EXPUNGE", "j OK Expunge completed."});
    CHECK(s.send("k NOOP") == Lines{"* 4 EXPUNGE", "* 0 RECENT", "k OK NOOP completed."});
}

TEST_CASE("SUBSCRIBE and LSUB of a shared mailbox", "[acl][subscribe]") {
    Classroom c;
    c.grant("Box", "student", "lr");
    c.grant("Ronly", "student", "r");
    Client s(c.store, "student", "s");
    CHECK(s.send("a SUBSCRIBE shared/teacher/Box") == Lines{"a OK Subscribe completed."});
    CHECK(s.send("b SUBSCRIBE shared/teacher/Priv") == Lines{"b NO Mailbox doesn't exist: shared/teacher/Priv."});
    CHECK(s.send("c SUBSCRIBE shared/teacher/Ronly") == Lines{"c OK Subscribe completed."});
    CHECK(s.send("d LSUB \"\" shared/*") ==
          Lines{"* LSUB () \"/\" shared/teacher/Box", "* LSUB () \"/\" shared/teacher/Ronly", "d OK Lsub completed."});
    // Ronly is subscribed but, without l, not listed as a mailbox.
    CHECK(s.send("e LIST (SUBSCRIBED) \"\" shared/*") ==
          Lines{"* LIST (\\Subscribed) \"/\" shared/teacher/Box", "* LIST (\\Subscribed \\NonExistent) \"/\" shared/teacher/Ronly",
                "e OK List completed."});
}

TEST_CASE("an instructor's fixture shares a mailbox with the class", "[acl][fixture]") {
    const std::string json = R"({"accounts": [
  {"user": "teacher", "password": "t", "mailboxes": [
    {"name": "INBOX"},
    {"name": "Course", "acl": {"anyone": "lr", "assistant": "lrswitedc", "-latecomer": "r"}}]},
  {"user": "student", "password": "s", "mailboxes": [{"name": "INBOX"}]}
]})";
    auto fixture = parse_fixture(json, "class.json", ".");
    REQUIRE(fixture);
    MailStore store;
    build_fixture(fixture.value(), store, nullptr);
    Client s(store, "student", "s");
    CHECK(s.send("a LIST \"\" shared/*") ==
          Lines{"* LIST (\\Noselect \\HasChildren) \"/\" shared/teacher", "* LIST (\\HasNoChildren) \"/\" shared/teacher/Course",
                "a OK List completed."});
    Client t(store, "teacher", "t", 2);
    CHECK(t.send("b GETACL Course") ==
          Lines{"* ACL Course anyone lr assistant kxeilrwtscd -latecomer r teacher lrwstipekxacd", "b OK Getacl completed."});

    const std::string bad = "{\"accounts\": [{\"user\": \"t\", \"password\": \"t\", \"mailboxes\": [\n"
                            "  {\"name\": \"Course\", \"acl\": {\"anyone\": \"lrq\"}}]}]}";
    auto failed = parse_fixture(bad, "class.json", ".");
    REQUIRE_FALSE(failed);
    CHECK(failed.error().to_string() ==
          "class.json:2: /accounts/0/mailboxes/0/acl/anyone: \"q\" is not an ACL right (RFC 4314 §2.1: l r s w i p k x t e a; obsolete c d)");
    auto not_object = parse_fixture("{\"accounts\": [{\"user\": \"t\", \"password\": \"t\", \"mailboxes\": [{\"name\": \"C\", \"acl\": \"lr\"}]}]}",
                                    "class.json", ".");
    REQUIRE_FALSE(not_object);
    CHECK(not_object.error().message == "expected an object of identifier: rights, e.g. {\"anyone\": \"lr\"}");
}

TEST_CASE("ACL switched off: no capability, no shared namespace, no commands", "[acl][config]") {
    Classroom c;
    ServerConfig config;
    config.disabled_extensions = {"ACL"};
    Client t(c.store, "teacher", "t", 1, config);
    CHECK(t.send("a CAPABILITY").at(0).find("ACL") == std::string::npos);
    CHECK(t.send("b NAMESPACE") == Lines{"* NAMESPACE ((\"\" \"/\")) NIL NIL", "b OK Namespace completed."});
    CHECK(t.send("c GETACL Box") == Lines{"c BAD Error in IMAP command GETACL: Unknown command."});
    CHECK(t.send("d MYRIGHTS Box") == Lines{"d BAD Error in IMAP command MYRIGHTS: Unknown command."});
}
