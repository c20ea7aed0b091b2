// IMAP4rev2 rules in the selected state (RFC 9051): no \Recent, no RECENT or UNSEEN in SELECT,
// a LIST response naming the mailbox.
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using imaplab::test::Harness;
using Lines = std::vector<std::string>;

TEST_CASE("IMAP4rev2 SELECT: no RECENT, no UNSEEN, a LIST response", "[rev2][select]") {
    Harness h;
    h.login();
    h.session->set_imap4rev2(true);
    CHECK(h.send("r1 SELECT INBOX") == Lines{
                                           "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)",
                                           "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)] Flags permitted.",
                                           "* 5 EXISTS",
                                           "* OK [UIDVALIDITY 1340776425] UIDs valid",
                                           "* OK [UIDNEXT 20] Predicted next UID",
                                           "* LIST () \"/\" INBOX",
                                           "r1 OK [READ-WRITE] Select completed.",
                                       });
    CHECK(h.send("r2 FETCH 5 FLAGS") == Lines{"* 5 FETCH (FLAGS ())", "r2 OK Fetch completed."});
    h.send("r3 STORE 5 +FLAGS.SILENT (\\Deleted)");
    CHECK(h.send("r4 EXPUNGE") == Lines{"* 5 EXPUNGE", "r4 OK Expunge completed."});
}
