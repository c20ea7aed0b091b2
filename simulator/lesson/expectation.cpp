// Expectation::describe(): the English sentence the player and the checks print.
#include <fmt/format.h>

#include "lesson/lesson.hpp"

namespace imaplab {

std::string Expectation::describe() const {
    auto message_name = [this] {
        std::string s = uid != 0 ? fmt::format("message UID {}", uid) : fmt::format("message {}", seq);
        if (!mailbox.empty()) s += " in " + mailbox;
        return s;
    };
    switch (kind) {
        case Kind::State: return fmt::format("state is {}", to_string(state));
        case Kind::FlagPresent: return fmt::format("{} has {}", message_name(), text);
        case Kind::FlagAbsent: return fmt::format("{} lacks {}", message_name(), text);
        case Kind::ServerLine: return fmt::format("a server line equals `{}`", text);
        case Kind::ServerLineRegex: return fmt::format("a server line matches /{}/", text);
        case Kind::TaggedStatus: return fmt::format("the tagged response is {}", to_string(status));
        case Kind::MessageCount: return fmt::format("the mailbox has {} message{}", count, count == 1 ? "" : "s");
        case Kind::MailboxExists: return fmt::format("mailbox {} exists", text);
        case Kind::MailboxAbsent: return fmt::format("there is no mailbox {}", text);
        case Kind::SearchUids: {
            std::string list;
            for (auto u : uids) list += (list.empty() ? "" : " ") + std::to_string(u);
            return fmt::format("the search finds the messages with UIDs ({})", list);
        }
        case Kind::ClientLineRegex: return fmt::format("a command matches /{}/", text);
    }
    return "?";
}

}  // namespace imaplab
