#pragma once
// The SEARCH test mailbox: the twelve messages of tests/data/search/NN.eml with the flags and
// internal dates they have in the reference Dovecot account ("SearchLab", APPENDed by the
// SEARCH helper; Dovecot keeps internal dates in UTC). UIDs 1..12, all \Recent for the session
// that selects first, keywords "$Forwarded NonJunk". Every expected line in test_search*.cpp was
// checked against that Dovecot unless the test says otherwise.
//
//  #  flags                  internal date (UTC)   what it is
//  1  \Seen                  25-Jun-2012 06:00     plain ASCII, Cc, Date +0400
//  2  \Answered \Seen        26-Jun-2012 23:30     Bcc, Date: Tue, 26 Jun 2012 23:30:00 -0700
//  3  \Flagged $Forwarded    28-Jun-2012 00:15     KOI8-R quoted-printable body, RFC 2047 From/To/Subject
//  4  \Draft                 28-Jun-2012 09:00     multipart/alternative, base64 UTF-8 text + HTML
//  5  \Deleted \Seen         29-Jun-2012 07:00     4940 octets, X-Mailer
//  6  (none)                 01-Jul-2012 04:59:59  no Date: field
//  7  NonJunk                30-Jun-2012 10:00     Date: not a date at all
//  8..12 (none)              02-Jul-2012 12:00     address and Date: edge cases
#include <fstream>
#include <sstream>
#include <string>

#include "session_harness.hpp"
#include "types/date_time.hpp"

namespace imaplab::test {

inline std::string read_search_eml(int n) {
    char name[32];
    std::snprintf(name, sizeof name, "/tests/data/search/%02d.eml", n);
    std::ifstream in(std::string(IMAPLAB_SOURCE_DIR) + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct SearchHarness {
    MailStore store;
    Timeline timeline;
    std::unique_ptr<Session> session;
    Mailbox* box = nullptr;

    explicit SearchHarness(ServerConfig config = {}) {
        struct Row {
            const char* date;
            std::uint8_t flags;
            const char* keyword;
        };
        static const Row rows[12] = {
            {"25-Jun-2012 06:00:00 +0000", kSeen, nullptr},
            {"26-Jun-2012 23:30:00 +0000", kAnswered | kSeen, nullptr},
            {"28-Jun-2012 00:15:00 +0000", kFlagged, "$Forwarded"},
            {"28-Jun-2012 09:00:00 +0000", kDraft, nullptr},
            {"29-Jun-2012 07:00:00 +0000", kDeleted | kSeen, nullptr},
            {"01-Jul-2012 04:59:59 +0000", 0, nullptr},
            {"30-Jun-2012 10:00:00 +0000", 0, "NonJunk"},
            {"02-Jul-2012 12:00:00 +0000", 0, nullptr},
            {"02-Jul-2012 12:00:00 +0000", 0, nullptr},
            {"02-Jul-2012 12:00:00 +0000", 0, nullptr},
            {"02-Jul-2012 12:00:00 +0000", 0, nullptr},
            {"02-Jul-2012 12:00:00 +0000", 0, nullptr},
        };
        Account* a = store.add_account("alice", "secret");
        a->create("INBOX", 1340776425);
        box = a->create("SearchLab", 1795296074);
        box->define_keyword("$Forwarded");
        box->define_keyword("NonJunk");
        for (int i = 0; i < 12; ++i) {
            Message m;
            m.uid = Uid{static_cast<std::uint32_t>(i + 1)};
            const DateTime dt = *parse_imap_date_time(rows[i].date);
            m.internal_date = dt.unix_seconds;
            m.tz_minutes = dt.tz_minutes;
            m.text = std::make_shared<const std::string>(read_search_eml(i + 1));
            FlagNames f;
            f.system = rows[i].flags;
            if (rows[i].keyword) f.add_keyword(rows[i].keyword);
            box->set_flags(m, f);
            box->append(std::move(m));
        }
        box->set_first_recent_uid(1);
        session = std::make_unique<Session>(store, std::move(config), &timeline, 1);
        session->greeting();
    }

    std::vector<std::string> send(const std::string& line) { return Harness::split(session->feed(line + "\r\n")); }
    std::vector<std::string> raw(const std::string& bytes) { return Harness::split(session->feed(bytes)); }
    void select() {
        send("a0 LOGIN alice secret");
        send("a1 SELECT SearchLab");
    }
};

}  // namespace imaplab::test
