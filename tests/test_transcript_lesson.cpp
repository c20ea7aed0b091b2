// A recorded transcript opened as a lesson (lesson/transcript_lesson.hpp, lesson/open_lesson.hpp):
// one step per client command, literals and SASL responses kept with their command, redacted
// secrets put back from the fixture, the recorded tagged status expected.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "lesson/lesson_run.hpp"
#include "lesson/open_lesson.hpp"
#include "lesson/transcript.hpp"
#include "lesson/transcript_lesson.hpp"

using namespace imaplab;

namespace {

Fixture one_account() {
    Fixture f;
    f.uidvalidity = 7;
    FixtureAccount a;
    a.user = "student";
    a.password = "s3cret pw";
    FixtureMailbox inbox;
    inbox.name = "INBOX";
    FixtureMessage m;
    m.uid = 1;
    m.internal_date = "01-Jan-2020 00:00:00 +0000";
    m.text = "Subject: hi\r\n\r\nhello\r\n";
    inbox.messages.push_back(m);
    a.mailboxes.push_back(inbox);
    f.accounts.push_back(a);
    return f;
}

const char* kRecorded =
    "# A session recorded by imaplab --serve (connection 3); passwords are redacted.\n"
    "S: * OK [CAPABILITY IMAP4rev1] IMAP Lab ready.\n"
    "C: a1 LOGIN student <redacted>\n"
    "S: a1 OK Logged in\n"
    "C: a2 SELECT {5}\n"
    "S: + OK\n"
    "C: INBOX\n"
    "S: * 1 EXISTS\n"
    "S: a2 OK [READ-WRITE] Select completed.\n"
    "C: a3 IDLE\n"
    "S: + idling\n"
    "C: DONE\n"
    "S: a3 OK Idle completed.\n"
    "C: a4 FETCH 9 FLAGS\n"
    "S: a4 BAD Error in IMAP command FETCH: Invalid messageset.\n"
    "C: a5 AUTHENTICATE PLAIN\n"
    "S: + \n"
    "C: <redacted>\n"
    "S: a5 BAD Already logged in.\n"
    "C: a6 LOGOUT\n"
    "S: * BYE Logging out\n"
    "S: a6 OK Logout completed.\n";

}  // namespace

TEST_CASE("transcript as lesson: steps, literals, continuations, redacted secrets, expected statuses", "[lesson][transcript]") {
    auto t = parse_transcript(kRecorded, "session.txt");
    REQUIRE(t);
    auto l = lesson_from_transcript(t.value(), one_account(), nullptr, "session", "session.txt");
    REQUIRE(l);
    const Lesson& lesson = l.value();
    REQUIRE(lesson.steps.size() == 6);
    CHECK(lesson.steps[0].send == std::vector<std::string>{"a1 LOGIN student \"s3cret pw\""});
    CHECK(lesson.steps[1].send == std::vector<std::string>{"a2 SELECT {5}\r\nINBOX"});
    CHECK(lesson.steps[2].send == std::vector<std::string>{"a3 IDLE", "DONE"});
    CHECK(lesson.steps[4].send == std::vector<std::string>{"a5 AUTHENTICATE PLAIN", "AHN0dWRlbnQAczNjcmV0IHB3"});
    CHECK(lesson.steps[1].title.en == "a2 SELECT {5}");
    CHECK(lesson.steps[3].narration.en == "The client sends FETCH.\nRecorded answer:\n    S: a4 BAD Error in IMAP command FETCH: Invalid messageset.");
    REQUIRE(lesson.steps[3].expect.size() == 1);
    CHECK(lesson.steps[3].expect[0].describe() == "the tagged response is BAD");
    CHECK(lesson.transcript == "session.txt");

    // Played against the fixture, every recorded status comes out again.
    LessonRun run(lesson);
    const auto failure = run.first_failure();
    CHECK_FALSE(failure);
    CHECK(run.checks().size() == 6);
}

TEST_CASE("transcript as lesson: errors", "[lesson][transcript]") {
    auto t = parse_transcript("S: * OK hi\n", "greeting-only.txt");
    REQUIRE(t);
    CHECK(lesson_from_transcript(t.value(), one_account(), nullptr, "x", "x").error() == "the transcript has no client line to replay");
    CHECK(lesson_from_transcript(t.value(), Fixture{}, nullptr, "x", "x").error() == "the fixture has no account to log in to");
}

TEST_CASE("open_lesson: a seed transcript opens as its lesson; another as a replay against its '# fixture:'", "[lesson][transcript]") {
    const std::string root = IMAPLAB_SOURCE_DIR;
    CHECK(find_lesson_for_transcript(root + "/transcripts/uw-imap-search.txt") == root + "/lessons/16-uw-imap-search.json");
    auto seed = open_lesson(root + "/transcripts/lecture-cyrus-session.txt", nullptr);
    REQUIRE(seed);
    CHECK(seed->id == "16-lecture-cyrus-session");

    // A recorded session (as the window saves it): its fixture line names the server's mail; the
    // first account of that fixture becomes the user who logged in.
    auto recorded = open_lesson(root + "/tests/data/cli/recorded-session.txt", nullptr);
    REQUIRE(recorded);
    CHECK(recorded->id == "recorded-session");
    CHECK(find_lesson_for_transcript(root + "/tests/data/cli/recorded-session.txt").empty());
    REQUIRE(recorded->fixture.accounts.size() == 2);
    CHECK(recorded->fixture.accounts[0].user == "alice");
    CHECK(recorded->steps.size() == 5);
    LessonRun run(recorded.value());
    CHECK_FALSE(run.first_failure());
    CHECK(run.checks().size() == 5);

    // No fixture line: one account with an empty INBOX, named as the transcript logs in, with the
    // password it typed (a seed transcript's password is not redacted).
    const std::string dir = std::string(IMAPLAB_BINARY_DIR) + "/transcript_lesson_test";
    std::filesystem::create_directories(dir);
    {
        std::ofstream(dir + "/bare.txt") << "C: a LOGIN \"maria\" drums\nS: a OK Logged in\nC: b SELECT INBOX\nS: b OK done\n";
        std::ofstream(dir + "/missing.txt") << "# fixture: nowhere.mbox\nC: a NOOP\n";
    }
    auto bare = open_lesson(dir + "/bare.txt", nullptr);
    REQUIRE(bare);
    CHECK(bare->fixture.accounts.front().user == "maria");
    CHECK(bare->fixture.accounts.front().password == "drums");
    LessonRun bare_run(bare.value());
    CHECK_FALSE(bare_run.first_failure());
    auto missing = open_lesson(dir + "/missing.txt", nullptr);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().rfind(dir + "/missing.txt: fixture ", 0) == 0);
    // A lesson file still loads as a lesson; its errors keep file:line: /pointer.
    CHECK(open_lesson(root + "/tests/data/lessons/missing_field.json", nullptr).error().find("missing_field.json:") != std::string::npos);
    std::filesystem::remove_all(dir);
}
