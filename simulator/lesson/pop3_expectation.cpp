#include "lesson/pop3_expectation.hpp"

#include "lesson/server_lines.hpp"

#include <regex>
#include <vector>

namespace imaplab {

bool check_pop3_expectation(const Expectation& e, const Timeline& t, const Pop3Session& session, std::size_t begin,
                            std::size_t end, std::string& actual) {
    using K = Expectation::Kind;
    std::vector<const WireLine*> lines;
    for (std::size_t i = begin; i < end && i < t.size(); ++i) {
        const auto& ev = t.events()[i];
        if (const auto* w = std::get_if<WireLine>(&ev.data); w && ev.connection == session.connection()) lines.push_back(w);
    }
    switch (e.kind) {
        case K::NoServerLineRegex:
        case K::ServerLine:
        case K::ServerLineRegex: return check_server_lines(e, step_server_lines(t, begin, end, session.connection()), actual);
        case K::TaggedStatus: {
            ResponseStatus last = ResponseStatus::None;
            for (const WireLine* w : lines)
                if (!w->is_client()) last = w->status;
            actual = last == ResponseStatus::None ? "there was no +OK or -ERR response" : "the last response is " + std::string(last == ResponseStatus::Ok ? "+OK" : "-ERR");
            return last == e.status;
        }
        case K::ClientLineRegex: {
            const std::regex re(e.text, std::regex::ECMAScript | std::regex::icase);
            for (const WireLine* w : lines)
                if (w->is_client() && std::regex_search(w->text, re)) return true;
            actual = "no command of the step matches";
            return false;
        }
        case K::MailboxExists:
        case K::MailboxAbsent: {
            const bool exists = session.account() && session.account()->find(e.text);
            actual = exists ? "mailbox " + e.text + " exists" : "there is no mailbox " + e.text;
            return exists == (e.kind == K::MailboxExists);
        }
        default:
            actual = "a POP3 client has no IMAP state, selected mailbox or SEARCH result to check";
            return false;
    }
}

}  // namespace imaplab
