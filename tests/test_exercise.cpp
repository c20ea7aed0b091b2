// Exercises (lesson/lesson_run.hpp grade_exercise): the learner's commands are graded on the
// resulting state and responses, so different correct commands pass and wrong ones get feedback.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"
#include "lesson/progress.hpp"
#include "trace/session_view.hpp"

using namespace imaplab;

namespace {

const char* kLesson = R"json({
  "format": 1,
  "title": {"en": "Exercises", "ru": "Упражнения"},
  "fixture": {
    "uidvalidity": 1700000000,
    "clock": "21-Nov-2026 10:00:00 +0000",
    "accounts": [{"user": "student", "password": "pw", "mailboxes": [{"name": "INBOX", "messages": [
      {"uid": 10, "flags": ["\\Seen"], "text": "From: Alice <alice@example.org>\nSubject: one\n\nfirst\n"},
      {"uid": 11, "text": "From: Alice <alice@example.org>\nSubject: two\n\nsecond\n"},
      {"uid": 12, "text": "From: Bob <bob@example.org>\nSubject: three\n\nthird\n"},
      {"uid": 13, "text": "From: Alice <alice@example.org>\nSubject: four\n\nfourth\n"}
    ]}]}]
  },
  "steps": [
    {"title": {"en": "Log in", "ru": "Вход"}, "narration": {"en": "x", "ru": "x"},
     "send": ["A0001 LOGIN student pw", "A0002 SELECT INBOX"], "expect": [{"state": "Selected"}]},
    {"title": {"en": "Read", "ru": "Прочитать"}, "narration": {"en": "x", "ru": "x"},
     "exercise": {
       "task": {"en": "Mark message 3 as read.", "ru": "Отметьте письмо 3 как прочитанное."},
       "goal": [{"message": {"seq": 3}, "has_flag": "\\Seen"}],
       "feedback": [
         {"if": {"command_regex": "BODY\\.PEEK"},
          "say": {"en": "You fetched with BODY.PEEK, which does not set \\Seen.", "ru": "BODY.PEEK не ставит \\Seen."}},
         {"if": {"tagged": "BAD"}, "say": {"en": "The server did not understand the command.", "ru": "Сервер не понял команду."}}
       ],
       "hint": {"en": "STORE adds flags.", "ru": "STORE добавляет флаги."},
       "answer": ["A0003 STORE 3 +FLAGS (\\Seen)"]}},
    {"title": {"en": "Search", "ru": "Поиск"}, "narration": {"en": "x", "ru": "x"},
     "exercise": {
       "task": {"en": "Find all unread messages from Alice.", "ru": "Найдите все непрочитанные письма от Alice."},
       "goal": [{"search_uids": [11, 13]}],
       "feedback": [{"if": {"search_uids": [10, 11, 13]}, "say": {"en": "That includes read ones: add UNSEEN.", "ru": "Здесь и прочитанные: добавьте UNSEEN."}}],
       "hint": {"en": "Two keys: UNSEEN and FROM.", "ru": "Два ключа: UNSEEN и FROM."},
       "answer": ["A0004 SEARCH UNSEEN FROM alice"]}},
    {"title": {"en": "Folder", "ru": "Папка"}, "narration": {"en": "x", "ru": "x"},
     "exercise": {
       "task": {"en": "Create the folder Архив/2024.", "ru": "Создайте папку Архив/2024."},
       "goal": [{"mailbox_exists": "Архив/2024"}],
       "hint": {"en": "Names are in modified UTF-7.", "ru": "Имена — в модифицированном UTF-7."},
       "answer": ["A0005 CREATE &BBAEQARFBDgEMg-/2024"]}}
  ]
})json";

const Lesson& lesson() {
    static const Lesson l = [] {
        auto r = parse_lesson(kLesson, "exercises.json", ".");
        if (!r) FAIL(r.error().to_string());
        return std::move(r).value();
    }();
    return l;
}

ExerciseGrade grade(std::uint32_t step, std::vector<std::string> lines) {
    auto g = grade_exercise(lesson(), step, lines);
    REQUIRE(g);
    return std::move(g).value();
}

}  // namespace

TEST_CASE("exercise lesson: played with its answers, every goal holds", "[exercise]") {
    LessonRun run(lesson());
    CHECK_FALSE(run.first_failure());
    CHECK(run.checks().size() == 4);  // one expectation + three goals
}

TEST_CASE("exercise: 'mark message 3 as read' passes for every correct command", "[exercise]") {
    for (const char* answer : {"a STORE 3 +FLAGS (\\Seen)", "b UID STORE 12 +FLAGS \\Seen", "c FETCH 3 BODY[]",
                                      "d STORE 3 FLAGS (\\Seen \\Flagged)", "e uid fetch 12 rfc822"}) {
        INFO(answer);
        const ExerciseGrade g = grade(2, {answer});
        CHECK(g.passed);
        CHECK(g.feedback.empty());
    }
}

TEST_CASE("exercise: a wrong attempt fails with the feedback that fits it", "[exercise]") {
    const ExerciseGrade peek = grade(2, {"a FETCH 3 BODY.PEEK[]"});
    CHECK_FALSE(peek.passed);
    REQUIRE(peek.goal.size() == 1);
    CHECK(peek.goal[0].actual == "its flags are ()");
    REQUIRE(peek.feedback.size() == 1);
    CHECK(peek.feedback[0].en == "You fetched with BODY.PEEK, which does not set \\Seen.");
    CHECK(peek.lines.front() == "C: a FETCH 3 BODY.PEEK[]");

    const ExerciseGrade bad = grade(2, {"a STORE 3 +FLAGS (\\Sean)"});
    CHECK_FALSE(bad.passed);
    REQUIRE(bad.feedback.size() == 1);
    CHECK(bad.feedback[0].ru == "Сервер не понял команду.");

    const ExerciseGrade other = grade(2, {"a STORE 2 +FLAGS (\\Seen)"});
    CHECK_FALSE(other.passed);
    CHECK(other.feedback.empty());
}

TEST_CASE("exercise: the grade carries the attempt's timeline, which the window shows", "[exercise]") {
    const ExerciseGrade g = grade(2, {"a STORE 3 +FLAGS (\\Seen)"});
    REQUIRE(g.passed);
    std::vector<std::string> replayed, attempt;
    for (const TraceEvent& e : g.timeline.events())
        if (const auto* w = std::get_if<WireLine>(&e.data))
            (e.step == 2 ? attempt : replayed).push_back((w->is_client() ? "C: " : "S: ") + w->text);
    CHECK(attempt == g.lines);  // the attempt's lines, as the grade lists them
    REQUIRE(replayed.size() >= 2);
    CHECK(replayed[1] == "C: A0001 LOGIN student pw");  // step 1 replayed before the attempt
    const SessionView v = project(g.timeline, 2, 1);
    CHECK(v.state == SessionState::Selected);
    REQUIRE(v.messages.size() == 4);
    CHECK(v.messages[2].uid == 12);
    CHECK(v.messages[2].added == std::vector<std::string>{"\\Seen"});
}

TEST_CASE("exercise: SEARCH graded on the messages found, whatever the form", "[exercise][search]") {
    for (const char* answer : {"s SEARCH UNSEEN FROM alice", "u UID SEARCH FROM \"Alice\" NOT SEEN",
                                      "e SEARCH RETURN (ALL) UNSEEN FROM alice", "o SEARCH OR 2 4 FROM alice"}) {
        INFO(answer);
        CHECK(grade(3, {answer}).passed);
    }
    const ExerciseGrade all = grade(3, {"w SEARCH FROM alice"});
    CHECK_FALSE(all.passed);
    CHECK(all.goal[0].actual == "the search found UIDs (10 11 13)");
    REQUIRE(all.feedback.size() == 1);
    CHECK(all.feedback[0].en == "That includes read ones: add UNSEEN.");
    CHECK(grade(3, {"n NOOP"}).goal[0].actual == "the step has no SEARCH result");
}

TEST_CASE("exercise: CREATE graded on the mailboxes that exist", "[exercise][mailboxes]") {
    CHECK(grade(4, {"c CREATE &BBAEQARFBDgEMg-/2024"}).passed);
    CHECK(grade(4, {"c1 CREATE &BBAEQARFBDgEMg-", "c2 CREATE \"&BBAEQARFBDgEMg-/2024\""}).passed);
    const ExerciseGrade wrong = grade(4, {"c CREATE &BBAEQARFBDgEMg-"});
    CHECK_FALSE(wrong.passed);
    CHECK(wrong.goal[0].actual == "there is no mailbox Архив/2024");
}

TEST_CASE("exercise: grading a step that is no exercise is an error", "[exercise]") {
    CHECK_FALSE(grade_exercise(lesson(), 1, {"a NOOP"}));
    CHECK_FALSE(grade_exercise(lesson(), 9, {"a NOOP"}));
}

TEST_CASE("exercise format errors", "[exercise][lesson]") {
    auto with_step = [](const std::string& step) {
        std::string text = kLesson;
        const std::string anchor = R"("steps": [)";
        text.insert(text.find(anchor) + anchor.size(), step + ",");
        auto r = parse_lesson(text, "x.json", ".");
        return r ? std::string("loaded") : r.error().to_string();
    };
    const std::string head = R"({"title": {"en": "t", "ru": "t"}, "narration": {"en": "n", "ru": "n"}, )";
    CHECK(with_step(head + R"("send": ["a NOOP"], "exercise": {"task": {"en": "t", "ru": "t"}, "goal": [{"state": "Selected"}],
          "hint": {"en": "h", "ru": "h"}, "answer": ["a NOOP"]}})")
              .find("/steps/0/send: an exercise step sends the exercise's \"answer\" when played") != std::string::npos);
    CHECK(with_step(head + R"("exercise": {"task": {"en": "t", "ru": "t"}, "goal": [{"command_regex": "STORE"}],
          "hint": {"en": "h", "ru": "h"}, "answer": ["a NOOP"]}})")
              .find("/steps/0/exercise/goal/0/command_regex: a goal is graded on the result") != std::string::npos);
    CHECK(with_step(head + R"("exercise": {"task": {"en": "t", "ru": "t"}, "goal": [],
          "hint": {"en": "h", "ru": "h"}, "answer": ["a NOOP"]}})")
              .find("/steps/0/exercise/goal: an exercise needs at least one goal expectation") != std::string::npos);
    CHECK(with_step(head + R"("exercise": {"task": {"en": "t", "ru": "t"}, "goal": [{"state": "Selected"}],
          "hint": {"en": "h", "ru": "h"}, "answer": []}})")
              .find("/steps/0/exercise/answer: an exercise needs an answer") != std::string::npos);
}

TEST_CASE("progress file: missing is empty, round trip, broken file refused and kept", "[exercise][progress]") {
    const std::string dir = std::string(IMAPLAB_BINARY_DIR) + "/progress_test";
    std::filesystem::remove_all(dir);
    const std::string path = dir + "/sub/progress.json";
    auto empty = Progress::load(path);
    REQUIRE(empty);
    CHECK(empty->lessons().empty());

    Progress p = std::move(empty).value();
    CHECK(p.record("05-selecting", 3, false).attempts == 1);
    CHECK(p.record("05-selecting", 3, true).passed);
    CHECK(p.record("05-selecting", 3, false).passed);  // passed sticks
    REQUIRE(p.save(path));
    auto back = Progress::load(path);
    REQUIRE(back);
    REQUIRE(back->find("05-selecting", 3));
    CHECK(back->find("05-selecting", 3)->attempts == 3);
    CHECK(back->find("05-selecting", 3)->passed);
    CHECK_FALSE(back->find("05-selecting", 4));
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

    {
        std::ofstream(path) << "{\"format\": 1, \"lessons\": {\"x\": {\"0\": {}}}}";
    }
    auto broken = Progress::load(path);
    REQUIRE_FALSE(broken);
    CHECK(broken.error() == path + ": /lessons/x/0: expected {\"attempts\": n, \"passed\": bool}");
    {
        std::ofstream(path) << "not json";
    }
    CHECK(Progress::load(path).error() == path + ": not an IMAP Lab progress file (expected {\"format\": 1, \"lessons\": {...}})");
    std::filesystem::remove_all(dir);
}
