// Expectation::describe(Language::Ru): the goal sentences the window and `imaplab-cli exercise
// --lang ru` show, and the English ones unchanged when Language::En is asked for explicitly.
#include <catch2/catch.hpp>

#include "lesson/lesson.hpp"

using namespace imaplab;

namespace {

Expectation make(Expectation::Kind kind) {
    Expectation e;
    e.kind = kind;
    return e;
}

}  // namespace

TEST_CASE("Expectation::describe in Russian: every kind", "[lesson][ru]") {
    Expectation e = make(Expectation::Kind::State);
    e.state = SessionState::Selected;
    CHECK(e.describe(Language::Ru) == "состояние — Selected");
    e.state = SessionState::NotAuthenticated;
    CHECK(e.describe(Language::Ru) == "состояние — Not Authenticated");

    e = make(Expectation::Kind::FlagPresent);
    e.seq = 180;
    e.text = "\\Deleted";
    CHECK(e.describe(Language::Ru) == "у письма 180 есть флаг \\Deleted");

    e = make(Expectation::Kind::FlagAbsent);
    e.uid = 29047;
    e.text = "\\Seen";
    CHECK(e.describe(Language::Ru) == "у письма UID 29047 нет флага \\Seen");
    e.mailbox = "INBOX/Trash";
    CHECK(e.describe(Language::Ru) == "у письма UID 29047 в INBOX/Trash нет флага \\Seen");

    e = make(Expectation::Kind::ServerLine);
    e.text = "* 179 EXISTS";
    CHECK(e.describe(Language::Ru) == "сервер прислал строку `* 179 EXISTS`");
    e.kind = Expectation::Kind::ServerLineRegex;
    e.text = "^\\* \\d+ EXISTS$";
    CHECK(e.describe(Language::Ru) == "строка сервера подходит под /^\\* \\d+ EXISTS$/");
    e.kind = Expectation::Kind::NoServerLineRegex;
    CHECK(e.describe(Language::Ru) == "ни одна строка сервера не подходит под /^\\* \\d+ EXISTS$/");
    CHECK(e.describe() == "no server line matches /^\\* \\d+ EXISTS$/");

    e = make(Expectation::Kind::TaggedStatus);
    e.status = ResponseStatus::No;
    CHECK(e.describe(Language::Ru) == "ответ с тегом — NO");

    e = make(Expectation::Kind::MailboxExists);
    e.text = "Архив/2024";
    CHECK(e.describe(Language::Ru) == "ящик Архив/2024 существует");
    e.kind = Expectation::Kind::MailboxAbsent;
    e.text = "Old";
    CHECK(e.describe(Language::Ru) == "ящика Old нет");

    e = make(Expectation::Kind::SearchUids);
    e.uids = {10, 12};
    CHECK(e.describe(Language::Ru) == "поиск находит письма с UID (10 12)");

    e = make(Expectation::Kind::ClientLineRegex);
    e.text = "BODY\\.PEEK";
    CHECK(e.describe(Language::Ru) == "команда подходит под /BODY\\.PEEK/");
}

TEST_CASE("Expectation::describe in Russian: the message count agrees with its number", "[lesson][ru]") {
    Expectation e = make(Expectation::Kind::MessageCount);
    const std::pair<std::uint32_t, const char*> cases[] = {
        {0, "в ящике 0 писем"},     {1, "в ящике 1 письмо"},     {2, "в ящике 2 письма"},
        {4, "в ящике 4 письма"},    {5, "в ящике 5 писем"},      {11, "в ящике 11 писем"},
        {12, "в ящике 12 писем"},   {14, "в ящике 14 писем"},    {21, "в ящике 21 письмо"},
        {22, "в ящике 22 письма"},  {111, "в ящике 111 писем"},  {179, "в ящике 179 писем"},
        {1001, "в ящике 1001 письмо"},
    };
    for (const auto& [n, text] : cases) {
        e.count = n;
        CHECK(e.describe(Language::Ru) == text);
    }
}

TEST_CASE("Expectation::describe: English is the default and unchanged", "[lesson]") {
    Expectation e = make(Expectation::Kind::MessageCount);
    e.count = 179;
    CHECK(e.describe(Language::En) == "the mailbox has 179 messages");
    CHECK(e.describe() == e.describe(Language::En));
    e = make(Expectation::Kind::FlagAbsent);
    e.uid = 29047;
    e.mailbox = "INBOX/Trash";
    e.text = "\\Seen";
    CHECK(e.describe(Language::En) == "message UID 29047 in INBOX/Trash lacks \\Seen");
}
