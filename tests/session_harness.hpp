#pragma once
// Test harness: a small mail store and a Session fed real bytes, with the output split into lines.
#include <memory>
#include <string>
#include <vector>

#include "engine/session.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"

namespace imaplab::test {

/// INBOX with 5 messages (UID 10..14): 1-2 \Seen, 3 \Answered \Seen, 4 unseen, 5 unseen \Recent;
/// keyword $Forwarded defined; INBOX/Drafts, INBOX/Sent, Archive/2024 (no Archive).
/// User "alice", password "secret".
inline std::string make_message(int n) {
    return "From: Bob <bob@example.org>\r\nTo: alice@example.org\r\nSubject: Message " + std::to_string(n) +
           "\r\nDate: Mon, 25 Jun 2012 10:00:00 +0400\r\n\r\nBody of message " + std::to_string(n) + "\r\n";
}

struct Harness {
    MailStore store;
    Timeline timeline;
    std::unique_ptr<Session> session;
    std::string greeting;

    Harness() {
        Account* a = store.add_account("alice", "secret");
        Mailbox* inbox = a->create("INBOX", 1340776425);
        inbox->define_keyword("$Forwarded");
        const std::uint8_t flags[] = {kSeen, kSeen, kAnswered | kSeen, 0, 0};
        for (int i = 0; i < 5; ++i) {
            Message m;
            m.uid = Uid{static_cast<std::uint32_t>(10 + i)};
            m.system_flags = flags[i];
            m.internal_date = 1340604000 + i * 60;
            m.tz_minutes = 240;
            m.text = std::make_shared<const std::string>(make_message(i + 1));
            inbox->append(std::move(m));
        }
        inbox->raise_uidnext(20);
        inbox->set_first_recent_uid(14);
        a->create("INBOX/Drafts", 1340776426);
        a->create("INBOX/Sent", 1340776427);
        a->create("Archive/2024", 1340776428);
        session = std::make_unique<Session>(store, ServerConfig{}, &timeline, 1);
        greeting = session->greeting();
    }

    /// Sends `line` + CRLF and returns the server's reply split into lines (CRLF removed).
    std::vector<std::string> send(const std::string& line) { return split(session->feed(line + "\r\n")); }
    /// Sends raw bytes, returns the raw reply.
    std::string raw(const std::string& bytes) { return session->feed(bytes); }

    void login() { send("a0 LOGIN alice secret"); }
    void select() {
        login();
        send("a1 SELECT INBOX");
    }

    static std::vector<std::string> split(const std::string& s) {
        std::vector<std::string> lines;
        std::size_t p = 0;
        while (p < s.size()) {
            std::size_t e = s.find("\r\n", p);
            if (e == std::string::npos) {
                lines.push_back(s.substr(p));
                break;
            }
            lines.push_back(s.substr(p, e - p));
            p = e + 2;
        }
        return lines;
    }
};

/// The capability lists of the default configuration (ServerConfig{}) before and after login, in
/// engine/capabilities.cpp's order. Update them here when a capability row is switched on.
inline const std::string kCapsPreLogin = "IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN";
inline const std::string kCapsPostLogin =
    "IMAP4rev1 SASL-IR ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED ESEARCH SEARCHRES LIST-STATUS BINARY "
    "MOVE STATUS=SIZE LITERAL+ SPECIAL-USE CREATE-SPECIAL-USE ACL RIGHTS=texk";

}  // namespace imaplab::test
