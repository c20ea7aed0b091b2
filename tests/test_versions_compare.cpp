// rev1 / rev2 side by side (simulator/console/versions_compare): the same commands against an
// IMAP4rev1 and an IMAP4rev2 server, the logs aligned command by command.
#include <catch2/catch.hpp>

#include "console/versions_compare.hpp"

using namespace imaplab;
using namespace imaplab::console;
using Strings = std::vector<std::string>;

namespace {

Fixture fixture() {
    Fixture f;
    f.uidvalidity = 1700000000;
    f.clock = 1700000000;
    FixtureAccount a;
    a.user = "alice";
    a.password = "secret";
    FixtureMailbox inbox;
    inbox.name = "INBOX";
    for (std::uint32_t uid = 1; uid <= 3; ++uid) {
        FixtureMessage m;
        m.uid = uid;
        m.internal_date = "25-Jun-2012 10:15:00 +0400";
        m.text = "From: bob@example.org\r\nSubject: Message " + std::to_string(uid) + "\r\n\r\nHello\r\n";
        if (uid == 2) m.flags.system = kSeen;
        m.recent = uid == 3;
        inbox.messages.push_back(m);
    }
    a.mailboxes.push_back(inbox);
    FixtureMailbox privet;
    privet.name = "Привет";
    a.mailboxes.push_back(privet);
    f.accounts.push_back(a);
    return f;
}

const CompareRow& row(const VersionsComparison& c, const std::string& command) {
    for (const auto& r : c.rows)
        if (r.command == command) return r;
    throw std::runtime_error("no row " + command);
}

/// "=" for a line both sides have, "1" / "2" / "12" for differing ones, then the lines.
Strings aligned_text(const CompareRow& r) {
    Strings out;
    for (const auto& a : r.aligned) {
        if (!a.differs) {
            out.push_back("= " + *a.rev1);
            continue;
        }
        out.push_back(std::string(a.rev1 ? "1" : "") + (a.rev2 ? "2" : "") + " " + a.rev1.value_or("") + " | " + a.rev2.value_or(""));
    }
    return out;
}

}  // namespace

TEST_CASE("versions compare: \\Recent, SEARCH vs ESEARCH, LSUB vs LIST, mUTF-7 vs UTF-8", "[console][rev2]") {
    const Strings commands{"LOGIN alice secret", "SELECT INBOX", "FETCH 3 FLAGS", "SEARCH UNSEEN", "LSUB \"\" *", "LIST \"\" *",
                           "t1 STATUS INBOX (MESSAGES RECENT)", "LOGOUT"};
    VersionsComparison c = compare_versions(fixture(), commands);
    REQUIRE(c.rows.size() == commands.size() + 1);
    for (const auto& r : c.rows) CHECK_FALSE(r.automatic);

    // The greeting names the version; a rev2-only server needs no ENABLE (RFC 9051 §6.3.1).
    CHECK(c.rows[0].command.empty());
    CHECK(aligned_text(c.rows[0]) ==
          Strings{"12 S: * OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready. | "
                  "S: * OK [CAPABILITY IMAP4rev2 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready."});

    // \Recent: "* 1 RECENT" and the \Recent flag only in IMAP4rev1 (RFC 9051 Appendix E); rev2's
    // SELECT has no UNSEEN code and names the mailbox in a LIST response (RFC 9051 §6.3.2).
    const CompareRow& select = row(c, "SELECT INBOX");
    CHECK(select.differs);
    CHECK(aligned_text(select) == Strings{
                                      "= C: A0002 SELECT INBOX",
                                      "= S: * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                                      "= S: * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.",
                                      "= S: * 3 EXISTS",
                                      "1 S: * 1 RECENT | ",
                                      "1 S: * OK [UNSEEN 1] First unseen. | ",
                                      "= S: * OK [UIDVALIDITY 1700000000] UIDs valid",
                                      "= S: * OK [UIDNEXT 4] Predicted next UID",
                                      "2  | S: * LIST () \"/\" INBOX",
                                      "= S: A0002 OK [READ-WRITE] Select completed.",
                                  });
    CHECK(aligned_text(row(c, "FETCH 3 FLAGS")) == Strings{"= C: A0003 FETCH 3 FLAGS",
                                                           "12 S: * 3 FETCH (FLAGS (\\Recent)) | S: * 3 FETCH (FLAGS ())",
                                                           "= S: A0003 OK Fetch completed."});

    // SEARCH vs ESEARCH (RFC 9051 §6.4.4, §7.3.4).
    const CompareRow& search = row(c, "SEARCH UNSEEN");
    CHECK(search.rev1 == Strings{"C: A0004 SEARCH UNSEEN", "S: * SEARCH 1 3", "S: A0004 OK Search completed."});
    CHECK(search.rev2 == Strings{"C: A0004 SEARCH UNSEEN", "S: * ESEARCH (TAG \"A0004\") ALL 1,3", "S: A0004 OK Search completed."});
    CHECK(aligned_text(search) == Strings{"= C: A0004 SEARCH UNSEEN", "12 S: * SEARCH 1 3 | S: * ESEARCH (TAG \"A0004\") ALL 1,3",
                                          "= S: A0004 OK Search completed."});

    // LSUB is gone from IMAP4rev2 (RFC 9051 Appendix E item 4: LIST (SUBSCRIBED) replaces it);
    // modified UTF-7 vs UTF-8 names (RFC 3501 §5.1.3, RFC 9051 §5.1).
    CHECK(aligned_text(row(c, "LSUB \"\" *")) == Strings{
                                                    "= C: A0005 LSUB \"\" *",
                                                    "1 S: * LSUB () \"/\" INBOX | ",
                                                    "1 S: * LSUB () \"/\" &BB8EQAQ4BDIENQRC- | ",
                                                    "12 S: A0005 OK Lsub completed. | S: A0005 BAD Error in IMAP command LSUB: Unknown command.",
                                                });
    CHECK(aligned_text(row(c, "LIST \"\" *")) ==
          Strings{"= C: A0006 LIST \"\" *", "= S: * LIST (\\HasNoChildren) \"/\" INBOX",
                  "12 S: * LIST (\\HasNoChildren) \"/\" &BB8EQAQ4BDIENQRC- | S: * LIST (\\HasNoChildren) \"/\" \"Привет\"",
                  "= S: A0006 OK List completed."});
    // A typed tag goes to both sides as it is; STATUS RECENT is IMAP4rev1 only.
    CHECK(aligned_text(row(c, "t1 STATUS INBOX (MESSAGES RECENT)")) ==
          Strings{"= C: t1 STATUS INBOX (MESSAGES RECENT)", "1 S: * STATUS INBOX (MESSAGES 3 RECENT 1) | ",
                  "12 S: t1 OK [CLIENTBUG] Status on selected mailbox completed. | S: t1 BAD Error in IMAP command STATUS: Invalid status item RECENT."});
    // Rows without a difference are not marked.
    const CompareRow& logout = row(c, "LOGOUT");
    CHECK_FALSE(logout.differs);
    CHECK(aligned_text(logout) == Strings{"= C: A0007 LOGOUT", "= S: * BYE Logging out", "= S: A0007 OK Logout completed."});

    // The timelines hold every event, one step per row.
    CHECK(c.rev1.last_step() == commands.size());
    CHECK(c.rev2.last_step() == commands.size());
}

TEST_CASE("versions compare: a server offering both versions gets ENABLE IMAP4rev2 after login, shown as its own row",
          "[console][rev2]") {
    VersionsComparison c = compare_versions(fixture(), {"LOGIN alice secret", "SELECT INBOX", "SEARCH UNSEEN"}, Rev2Server::BothWithEnable);
    REQUIRE(c.rows.size() == 5);
    CHECK(c.rows[1].command == "LOGIN alice secret");
    const CompareRow& enable = c.rows[2];
    CHECK(enable.automatic);
    CHECK(enable.command == "R2 ENABLE IMAP4rev2");
    CHECK(enable.rev1.empty());
    CHECK(enable.rev2 == Strings{"C: R2 ENABLE IMAP4rev2", "S: * ENABLED IMAP4rev2", "S: R2 OK Enabled."});
    CHECK(enable.differs);
    // The automatic tags stay in step: the next command is A0002 on both sides, and rev2 rules apply.
    CHECK(c.rows[3].rev1.front() == "C: A0002 SELECT INBOX");
    CHECK(c.rows[3].rev2.front() == "C: A0002 SELECT INBOX");
    CHECK(aligned_text(c.rows[4]) == Strings{"= C: A0003 SEARCH UNSEEN", "12 S: * SEARCH 1 3 | S: * ESEARCH (TAG \"A0003\") ALL 1,3",
                                             "= S: A0003 OK Search completed."});
    // The greeting of a server offering both still says IMAP4rev1 first.
    CHECK(c.rows[0].rev2.front().rfind("S: * OK [CAPABILITY IMAP4rev1 IMAP4rev2 ", 0) == 0);
}

TEST_CASE("versions compare: an unfinished literal is sent to neither side", "[console][rev2]") {
    VersionsComparison c = compare_versions(fixture(), {"LOGIN {10}\nalice", "NOOP"});
    REQUIRE(c.rows.size() == 3);
    CHECK(c.rows[1].rev1.empty());
    CHECK(c.rows[1].rev2.empty());
    CHECK(c.rows[2].rev1 == Strings{"C: A0001 NOOP", "S: A0001 OK NOOP completed."});
}

TEST_CASE("versions compare: align_lines pairs lines of one kind, the rest in order", "[console][rev2]") {
    auto a = align_lines({"C: a NOOP", "S: * 2 EXISTS", "S: * 1 RECENT", "S: a OK done"}, {"C: a NOOP", "S: * 2 EXISTS", "S: a OK done"});
    REQUIRE(a.size() == 4);
    CHECK_FALSE(a[1].differs);
    CHECK(a[2].rev1 == "S: * 1 RECENT");
    CHECK_FALSE(a[2].rev2);
    CHECK(a[2].differs);
    CHECK(a[3].rev2 == "S: a OK done");
    CHECK(align_lines({}, {}).empty());
    auto b = align_lines({}, {"S: * x"});
    REQUIRE(b.size() == 1);
    CHECK_FALSE(b[0].rev1);
}
