// Lessons with two clients on one account (IDLE sees the other's APPEND at once) and pipelining.
#include <catch2/catch.hpp>

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"

using namespace imaplab;

namespace {
const char* kTwoClients = R"({
  "format": 1, "id": "two-clients",
  "title": {"en": "Two clients", "ru": "Два клиента"},
  "summary": {"en": "IDLE", "ru": "IDLE"},
  "fixture": {"uidvalidity": 7, "clock": "01-Sep-2024 09:00:00 +0300", "accounts": [{"user": "alice", "password": "secret",
     "mailboxes": [{"name": "INBOX", "messages": [{"uid": 1, "flags": ["\\Seen"], "text": "Subject: one\n\nbody\n"}]}]}]},
  "steps": [
    {"title": {"en": "A", "ru": "A"}, "narration": {"en": "A idles", "ru": "A ждёт"}, "client": 1,
     "send": ["a1 LOGIN alice secret", "a2 SELECT INBOX", "a3 IDLE"], "expect": [{"server_line": "+ idling"}]},
    {"title": {"en": "B", "ru": "B"}, "narration": {"en": "B appends", "ru": "B добавляет"}, "client": 2, "pipeline": true,
     "send": ["b1 LOGIN alice secret", "b2 APPEND INBOX {7+}\r\nHello\r\n", "b3 LOGOUT"],
     "expect": [{"tagged": "OK"}, {"state": "Logout"}, {"client": 1, "state": "Selected"}]},
    {"title": {"en": "done", "ru": "done"}, "narration": {"en": "A stops", "ru": "A всё"}, "client": 1,
     "send": ["DONE"], "expect": [{"tagged": "OK"}, {"exists": 2}, {"message": {"seq": 2}, "has_flag": "\\Recent"}]}
  ]
})";

std::vector<std::pair<std::uint32_t, std::string>> wire(const Timeline& t, std::uint32_t step) {
    std::vector<std::pair<std::uint32_t, std::string>> out;
    for (std::size_t i = t.begin_of_step(step); i < t.end_of_step(step); ++i)
        if (const auto* w = std::get_if<WireLine>(&t.events()[i].data))
            out.emplace_back(t.events()[i].connection, std::string(to_string(w->kind)) + " " + w->text);
    return out;
}
}  // namespace

TEST_CASE("a lesson with two clients: IDLE reports the other client's APPEND at once", "[lesson-run][clients]") {
    auto lesson = parse_lesson(kTwoClients, "two.json", ".");
    if (!lesson) FAIL(lesson.error().to_string());
    REQUIRE(lesson->steps[1].client == 2);
    REQUIRE(lesson->steps[1].pipeline);
    LessonRun run(*lesson);
    for (const auto& c : run.checks()) {
        INFO("step " << c.step << ": " << c.expectation.describe() << " — " << c.actual);
        CHECK(c.passed);
    }
    using W = std::vector<std::pair<std::uint32_t, std::string>>;
    const auto step2 = wire(run.timeline(), 2);
    REQUIRE(step2.size() >= 8);
    CHECK(step2[0].first == 2);  // client 2's greeting opens the step
    CHECK(step2[1] == std::make_pair(2u, std::string("client_command b1 LOGIN alice secret")));
    CHECK(step2[2] == std::make_pair(2u, std::string("client_command b2 APPEND INBOX {7+}\r\nHello\r\n")));
    CHECK(step2[3] == std::make_pair(2u, std::string("client_command b3 LOGOUT")));
    // Pipelined: all three commands went out before the first response came back.
    CHECK(step2[4].first == 2);
    // Client 1 is idling with INBOX selected read-write: it hears of the new message at once, and
    // is the session that gets it as \Recent.
    CHECK(step2[step2.size() - 2] == std::make_pair(1u, std::string("server_untagged * 2 EXISTS")));
    CHECK(step2.back() == std::make_pair(1u, std::string("server_untagged * 1 RECENT")));
    const auto step3 = wire(run.timeline(), 3);
    CHECK(step3 == W{{1, "client_continuation DONE"}, {1, "server_tagged a3 OK Idle completed."}});
}
