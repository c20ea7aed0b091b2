// Expectation::describe(): the sentence the player, the checks and the window print, in English
// (the tests and `imaplab-cli` output depend on these texts byte for byte) or in Russian.
#include <fmt/format.h>

#include "lesson/lesson.hpp"

namespace imaplab {

namespace {

/// "письмо" / "письма" / "писем" for `n` (Russian plural: 1, 21 ...; 2-4, 22-24 ...; the rest).
const char* pismo_plural(std::uint32_t n) {
    const std::uint32_t d100 = n % 100, d10 = n % 10;
    if (d100 >= 11 && d100 <= 14) return "писем";
    if (d10 == 1) return "письмо";
    if (d10 >= 2 && d10 <= 4) return "письма";
    return "писем";
}

std::string describe_ru(const Expectation& e) {
    using Kind = Expectation::Kind;
    // Genitive: "у письма 180", "у письма UID 29047 в INBOX/Trash".
    auto of_message = [&e] {
        std::string s = e.uid != 0 ? fmt::format("у письма UID {}", e.uid) : fmt::format("у письма {}", e.seq);
        if (!e.mailbox.empty()) s += " в " + e.mailbox;
        return s;
    };
    switch (e.kind) {
        case Kind::State: return fmt::format("состояние — {}", to_string(e.state));
        case Kind::FlagPresent: return fmt::format("{} есть флаг {}", of_message(), e.text);
        case Kind::FlagAbsent: return fmt::format("{} нет флага {}", of_message(), e.text);
        case Kind::ServerLine: return fmt::format("сервер прислал строку `{}`", e.text);
        case Kind::ServerLineRegex: return fmt::format("строка сервера подходит под /{}/", e.text);
        case Kind::NoServerLineRegex: return fmt::format("ни одна строка сервера не подходит под /{}/", e.text);
        case Kind::TaggedStatus: return fmt::format("ответ с тегом — {}", to_string(e.status));
        case Kind::MessageCount: return fmt::format("в ящике {} {}", e.count, pismo_plural(e.count));
        case Kind::MailboxExists: return fmt::format("ящик {} существует", e.text);
        case Kind::MailboxAbsent: return fmt::format("ящика {} нет", e.text);
        case Kind::SearchUids: {
            std::string list;
            for (auto u : e.uids) list += (list.empty() ? "" : " ") + std::to_string(u);
            return fmt::format("поиск находит письма с UID ({})", list);
        }
        case Kind::ClientLineRegex: return fmt::format("команда подходит под /{}/", e.text);
    }
    return "?";
}

}  // namespace

std::string Expectation::describe(Language lang) const {
    if (lang == Language::Ru) return describe_ru(*this);
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
        case Kind::NoServerLineRegex: return fmt::format("no server line matches /{}/", text);
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
