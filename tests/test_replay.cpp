// Replaying a transcript (simulator/lesson/replay.hpp): client lines that answer a "+" (a SASL
// response to AUTHENTICATE, "*" cancelling it) belong to the command, as our client sends them.
#include <catch2/catch.hpp>

#include "lesson/lesson_loader.hpp"
#include "lesson/replay.hpp"
#include "lesson/transcript.hpp"

using namespace imaplab;

namespace {
Lesson lesson_sending(const std::string& steps_json) {
    const std::string json = R"({"format": 1, "title": {"en": "t", "ru": "t"},
      "fixture": {"accounts": [{"user": "riley", "password": "firetruck", "mailboxes": [{"name": "INBOX"}]}]},
      "steps": )" + steps_json + "}";
    auto r = parse_lesson(json, "t.json", ".");
    if (!r) FAIL(r.error().to_string());
    return r.value();
}
}  // namespace

TEST_CASE("replay: a cancelled AUTHENTICATE is one exchange, \"*\" included", "[replay]") {
    const Lesson lesson = lesson_sending(R"([
      {"title": {"en": "a", "ru": "a"}, "narration": {"en": "n", "ru": "n"}, "send": ["a3 AUTHENTICATE LOGIN", "*"],
       "transcript_note": {"en": "why", "ru": "почему"}},
      {"title": {"en": "b", "ru": "b"}, "narration": {"en": "n", "ru": "n"}, "send": ["a4 LOGIN riley firetruck"]}])");
    auto tr = parse_transcript("S: * OK localhost IMAP4rev1 v12.250 server ready\n"
                               "C: a3 AUTHENTICATE LOGIN\n"
                               "S: + VXNlciBOYW1lAA==\n"
                               "C: *\n"
                               "S: a3 NO AUTHENTICATE LOGIN failed\n"
                               "C: a4 LOGIN riley firetruck\n"
                               "S: ...\n",
                               "t.txt");
    REQUIRE(tr);
    auto r = replay_transcript(lesson, *tr);
    if (!r) FAIL(r.error());
    REQUIRE(r->size() == 3);
    const ReplayedExchange& auth = (*r)[1];
    CHECK(auth.command == "a3 AUTHENTICATE LOGIN");
    CHECK(auth.recorded == std::vector<std::string>{"+ VXNlciBOYW1lAA==", "a3 NO AUTHENTICATE LOGIN failed"});
    CHECK(auth.ours == std::vector<std::string>{"+ VXNlcm5hbWU6", "a3 BAD Authentication aborted by client."});
    CHECK_FALSE(auth.same);
    CHECK(auth.why.en == "why");
    CHECK((*r)[2].command == "a4 LOGIN riley firetruck");
    CHECK((*r)[2].same);
}

TEST_CASE("replay: after the tagged response, a client line is a new command again", "[replay]") {
    const Lesson lesson = lesson_sending(R"([
      {"title": {"en": "a", "ru": "a"}, "narration": {"en": "n", "ru": "n"}, "send": ["a1 AUTHENTICATE LOGIN", "*"]},
      {"title": {"en": "b", "ru": "b"}, "narration": {"en": "n", "ru": "n"}, "send": ["a2 NOOP"]}])");
    auto tr = parse_transcript("S: ...\nC: a1 AUTHENTICATE LOGIN\nS: + VXNlcm5hbWU6\nC: *\nS: a1 BAD Authentication aborted by client.\n"
                               "C: a2 NOOP\nS: a2 OK NOOP completed.\n",
                               "t.txt");
    REQUIRE(tr);
    auto r = replay_transcript(lesson, *tr);
    if (!r) FAIL(r.error());
    REQUIRE(r->size() == 3);
    CHECK((*r)[1].same);
    CHECK((*r)[2].command == "a2 NOOP");
    CHECK((*r)[2].same);
}
