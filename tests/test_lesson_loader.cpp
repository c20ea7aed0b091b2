// The lesson loader (format v1), Expectation::describe() and the C:/S: transcript reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "lesson/lesson_loader.hpp"
#include "lesson/transcript.hpp"

using namespace imaplab;

namespace {

const std::string kRoot = IMAPLAB_SOURCE_DIR;
const std::string kData = kRoot + "/tests/data/lessons";

std::string load_error(const std::string& name) {
    auto r = load_lesson_file(kData + "/" + name);
    REQUIRE_FALSE(r.ok());
    return r.error().to_string();
}

/// parse_lesson on inline text; returns the error as "line: /path: message" ("" when it loads).
std::string inline_error(const std::string& json) {
    auto r = parse_lesson(json, "t.json", kData);
    if (r.ok()) return "";
    return r.error().to_string();
}

/// A valid lesson whose one step is `step` and whose INBOX messages are `messages`.
std::string lesson_with(const std::string& messages, const std::string& step = R"({"title": {"en": "x", "ru": "x"}, "narration": {"en": "x", "ru": "x"}})") {
    return R"({"format": 1, "title": {"en": "t", "ru": "t"},
"fixture": {"accounts": [{"user": "u", "password": "p", "mailboxes": [{"name": "INBOX", "messages": [)" +
           messages + R"(]}]}]},
"steps": [)" + step + "]}";
}

const FixtureMailbox& mailbox(const Lesson& l, const std::string& name) {
    const auto& boxes = l.fixture.accounts.at(0).mailboxes;
    auto it = std::find_if(boxes.begin(), boxes.end(), [&](const FixtureMailbox& m) { return m.name == name; });
    REQUIRE(it != boxes.end());
    return *it;
}

std::string header(const std::string& msg, const std::string& name) {
    std::string key = "\r\n" + name + ": ";
    std::string m = "\r\n" + msg;
    auto end_of_header = m.find("\r\n\r\n");
    auto p = m.find(key);
    if (p == std::string::npos || p > end_of_header) return "";
    auto e = m.find("\r\n", p + key.size());
    return m.substr(p + key.size(), e - p - key.size());
}

bool has_bare_lf(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) return true;
    return false;
}

}  // namespace

TEST_CASE("lesson loader: the lecture lesson loads with the designed fixture", "[lesson]") {
    auto r = load_lesson_file(kRoot + "/lessons/16-lecture-cyrus-session.json");
    INFO((r.ok() ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    const Lesson& l = *r;
    CHECK(l.id == "16-lecture-cyrus-session");
    CHECK(l.title.en == "The example session from the lecture");
    CHECK(l.title.ru == "Пример сеанса из лекции");
    CHECK(l.transcript == "transcripts/lecture-cyrus-session.txt");
    CHECK(l.fixture.uidvalidity == 1340776425u);
    REQUIRE(l.fixture.accounts.size() == 1);
    CHECK(l.fixture.accounts[0].user == "username");
    CHECK(l.fixture.accounts[0].password == "password");

    std::vector<std::string> names;
    for (const auto& m : l.fixture.accounts[0].mailboxes) names.push_back(m.name);
    CHECK(names == std::vector<std::string>{"INBOX", "INBOX/Drafts", "INBOX/Junk", "INBOX/Sent", "INBOX/Trash"});

    const FixtureMailbox& inbox = mailbox(l, "INBOX");
    CHECK(inbox.uidnext == 29048u);
    CHECK(inbox.uidvalidity == 0u);  // the fixture default, 1340776425
    CHECK(inbox.keywords == std::vector<std::string>{"$Forwarded", "Junk", "NonJunk"});
    REQUIRE(inbox.messages.size() == 180);
    const auto& msgs = inbox.messages;

    // UIDs strictly ascending; the last one is UIDNEXT - 1.
    for (std::size_t i = 1; i < msgs.size(); ++i) REQUIRE(msgs[i].uid > msgs[i - 1].uid);
    CHECK(msgs[176].uid == 29012u);
    CHECK(msgs[177].uid == 29045u);
    CHECK(msgs[178].uid == 29046u);
    CHECK(msgs[179].uid == 29047u);

    // Flags as the lecture lists them.
    CHECK(msgs[0].flags.to_strings() == std::vector<std::string>{"\\Seen"});
    CHECK(msgs[1].flags.to_strings() == std::vector<std::string>{"\\Seen"});
    CHECK(msgs[2].flags.to_strings() == std::vector<std::string>{"\\Answered", "\\Seen"});
    for (std::size_t i = 0; i < 176; ++i) {
        INFO("message " << i + 1);
        CHECK((msgs[i].flags.system & kSeen) != 0);  // so the first unseen is 177
        CHECK_FALSE(msgs[i].recent);
    }
    CHECK(msgs[176].flags.empty());
    CHECK_FALSE(msgs[176].recent);
    for (std::size_t i = 177; i < 180; ++i) {
        CHECK(msgs[i].flags.empty());
        CHECK(msgs[i].recent);
    }
    // A plausible mix among 4..176, with every keyword of the FLAGS line in use.
    std::set<std::string> used;
    int answered = 0, flagged = 0;
    for (std::size_t i = 3; i < 176; ++i) {
        for (const auto& k : msgs[i].flags.keywords) used.insert(k);
        answered += (msgs[i].flags.system & kAnswered) != 0;
        flagged += (msgs[i].flags.system & kFlagged) != 0;
    }
    CHECK(used == std::set<std::string>{"$Forwarded", "Junk", "NonJunk"});
    CHECK(answered > 10);
    CHECK(flagged > 3);

    // Message 180: exactly the lecture's BODY[] {7077}.
    CHECK(msgs[179].text.size() == 7077);
    CHECK(msgs[179].internal_date == "15-Oct-2013 09:58:30 +0400");
    CHECK(header(msgs[179].text, "Message-ID") == "<525CD9F3.8010903@univ.example>");

    // Every message is RFC 5322 text with CRLF line ends and the usual header fields.
    for (std::size_t i = 0; i < msgs.size(); ++i) {
        INFO("message " << i + 1 << ", UID " << msgs[i].uid);
        const std::string& t = msgs[i].text;
        CHECK_FALSE(has_bare_lf(t));
        CHECK(t.find("\r\n\r\n") != std::string::npos);
        for (const char* h : {"From", "To", "Subject", "Date", "Message-ID"}) CHECK_FALSE(header(t, h).empty());
        std::string head = t.substr(0, t.find("\r\n\r\n"));
        CHECK(std::all_of(head.begin(), head.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
        CHECK(msgs[i].internal_date.size() == 26);
    }
    // A generated message: message 4 is the first of the "generate" entry.
    CHECK(msgs[3].uid == 27775u);
    CHECK(msgs[3].internal_date == "03-Sep-2013 12:06:41 +0400");
    CHECK(header(msgs[3].text, "Date") == "Tue, 03 Sep 2013 12:06:41 +0400");
    CHECK(header(msgs[3].text, "Message-ID") == "<20130903120641.27775@univ.example>");
    CHECK(header(msgs[3].text, "Subject").rfind("=?UTF-8?B?", 0) == 0);

    CHECK(mailbox(l, "INBOX/Sent").messages.size() == 2);
    CHECK(mailbox(l, "INBOX/Junk").messages.size() == 1);

    // Steps: the lecture's commands, in order, each with expectations; then the learner's
    // exercise on a second connection (not part of the recorded session).
    REQUIRE(l.steps.size() == 9);
    REQUIRE(l.steps[8].exercise);
    CHECK(l.steps[8].client == 2u);
    std::vector<std::string> sends;
    for (const auto& s : l.steps) {
        if (s.exercise) continue;
        REQUIRE(s.send.size() == 1);
        sends.push_back(s.send[0]);
        CHECK_FALSE(s.narration.en.empty());
        CHECK_FALSE(s.narration.ru.empty());
        CHECK_FALSE(s.transcript_note.en.empty());
        CHECK_FALSE(s.transcript_note.ru.empty());
        CHECK_FALSE(s.expect.empty());
        CHECK_FALSE(s.highlight.empty());
    }
    CHECK(sends == std::vector<std::string>{"A0001 LOGIN username password", "A0002 LIST \"\" \"*\"", "A0003 SELECT INBOX",
                                            "A0004 FETCH 1:* FLAGS", "A0005 FETCH 180 BODY[]", "A0006 STORE 180 +FLAGS \\Deleted",
                                            "A0007 EXPUNGE", "A0008 LOGOUT"});
    const auto& e7 = l.steps[6].expect;
    CHECK(std::any_of(e7.begin(), e7.end(), [](const Expectation& e) { return e.describe() == "a server line equals `* 180 EXPUNGE`"; }));
    CHECK(std::any_of(e7.begin(), e7.end(), [](const Expectation& e) { return e.describe() == "the mailbox has 179 messages"; }));
    CHECK(l.steps[4].expect[1].describe() == "message 180 has \\Seen");
    CHECK(l.steps[4].expect[1].json_path == "/steps/4/expect/1");
}

TEST_CASE("lesson loader: the lecture lesson sends exactly the transcript's client lines", "[lesson][transcript]") {
    auto l = load_lesson_file(kRoot + "/lessons/16-lecture-cyrus-session.json");
    REQUIRE(l.ok());
    auto t = load_transcript_file(kRoot + "/" + l->transcript);
    REQUIRE(t.ok());
    std::vector<std::string> client, sends;
    for (const auto& line : t->lines)
        if (line.is_client()) client.push_back(line.text);
    for (const auto& s : l->steps)
        if (!s.exercise) sends.insert(sends.end(), s.send.begin(), s.send.end());
    CHECK(client == sends);
}

TEST_CASE("lesson loader: a minimal lesson, defaults and normalisation", "[lesson]") {
    auto r = load_lesson_file(kData + "/minimal.json");
    INFO((r.ok() ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    CHECK(r->id == "minimal");
    CHECK(r->summary.en.empty());
    CHECK(r->fixture.uidvalidity == 1u);
    CHECK(r->fixture.clock == 0);
    const auto& boxes = r->fixture.accounts.at(0).mailboxes;
    REQUIRE(boxes.size() == 2);
    CHECK(boxes[0].name == "INBOX");
    CHECK(boxes[0].subscribed);
    CHECK(boxes[1].name == "INBOX/Sent");
    CHECK_FALSE(boxes[1].subscribed);
    const auto& m = boxes[0].messages;
    REQUIRE(m.size() == 2);
    CHECK(m[0].text == "From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n");
    CHECK(m[0].internal_date == "01-Jan-1970 00:00:00 +0000");  // the clock, by default
    CHECK(m[0].flags.empty());
    CHECK(m[1].recent);
    CHECK(m[1].flags.to_strings() == std::vector<std::string>{"\\Seen", "$Label1"});
    CHECK(m[1].text ==
          "From: b@example.org\r\nTo: u@example.org\r\nSubject: hello\r\nDate: Tue, 15 Oct 2013 09:58:11 +0400\r\n\r\nline 1\r\nline 2\r\n");
    REQUIRE(r->steps.size() == 1);
    CHECK(r->steps[0].narration.ru == "LOGIN.\nВторая строка.");
    REQUIRE(r->steps[0].expect.size() == 2);
    CHECK(r->steps[0].expect[0].describe() == "state is Authenticated");
    CHECK(r->steps[0].expect[1].status == ResponseStatus::Ok);
    CHECK(r->steps[0].expect[1].describe() == "the tagged response is OK");
}

TEST_CASE("lesson loader: broken files name file, line, JSON path and the problem", "[lesson]") {
    const std::string d = kData + "/";
    CHECK(load_error("bad_syntax.json") ==
          d + "bad_syntax.json:7: invalid JSON: syntax error while parsing object - unexpected string literal; expected '}'");
    CHECK(load_error("missing_field.json") == d + "missing_field.json:8: /steps/0: missing required key \"narration\"");
    CHECK(load_error("wrong_type.json") == d + "wrong_type.json:13: /steps/0/send/1: expected a string");
    CHECK(load_error("unknown_key.json") == d + "unknown_key.json:11: /steps/0/sned: unknown key \"sned\"; did you mean \"send\"?");
    CHECK(load_error("bad_flag.json") ==
          d + "bad_flag.json:13: /fixture/accounts/0/mailboxes/0/messages/0/flags/1: \"\\Seeen\" is not a flag: Invalid system flag \\SEEEN");
    CHECK(load_error("bad_date.json") ==
          d + "bad_date.json:15: /fixture/accounts/0/mailboxes/0/messages/0/internal_date: \"31-Jun-2013 10:00:00 +0400\" is not an "
              "IMAP date-time (RFC 9051 §9, e.g. \"17-Jul-1996 02:44:25 -0700\"): Jun 2013 has no day 31");
    CHECK(load_error("uids_not_ascending.json") ==
          d + "uids_not_ascending.json:15: /fixture/accounts/0/mailboxes/0/messages/2/uid: UID 11 is not greater than the previous "
              "UID 12 (UIDs ascend strictly within a mailbox)");
    CHECK(load_error("missing_file.json") ==
          d + "missing_file.json:13: /fixture/accounts/0/mailboxes/0/messages/0/file: cannot read message file \"" + kData +
              "/fixtures/no-such-message.eml\": No such file or directory");
    CHECK(load_error("no-such-lesson.json") == d + "no-such-lesson.json: cannot read: No such file or directory");
}

TEST_CASE("lesson loader: the error fields", "[lesson]") {
    auto r = load_lesson_file(kData + "/wrong_type.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == kData + "/wrong_type.json");
    CHECK(r.error().line == 13);
    CHECK(r.error().json_path == "/steps/0/send/1");
    CHECK(r.error().message == "expected a string");
    CHECK(LessonError{"lessons/01.json", 12, "/steps/3/send/0", "expected a string"}.to_string() ==
          "lessons/01.json:12: /steps/3/send/0: expected a string");
    CHECK(LessonError{"x.json", 0, "", "cannot read: Permission denied"}.to_string() == "x.json: cannot read: Permission denied");
}

TEST_CASE("lesson loader: more validation, inline", "[lesson]") {
    const std::string ok_msg = R"({"uid": 1, "text": "From: a@example.org\n\nx\n"})";
    CHECK(inline_error(lesson_with(ok_msg)) == "");

    // JSON itself.
    CHECK(inline_error("") == "t.json:1: invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
    CHECK(inline_error("{\n  \"format\": 1,\n  \"format\": 1\n}") == "t.json:3: /format: duplicate key \"format\"");
    CHECK(inline_error("{\"format\": 1,\n\"steps\": [\n{\"title\": \"x\",\n") ==
          "t.json:3: /steps/0: invalid JSON: syntax error while parsing object key - unexpected end of input; expected string literal");
    CHECK(inline_error("[1]") == "t.json:1: expected an object");
    CHECK(inline_error(R"({"format": 2})") == "t.json:1: /format: unsupported format version 2 (this build reads format 1)");
    CHECK(inline_error(R"({"format": "1"})") == "t.json:1: /format: expected an integer");
    CHECK(inline_error(R"({"format": 1, "title": {"en": "t"}})") == "t.json:1: /title: missing required key \"ru\"");
    CHECK(inline_error(R"({"format": 1, "colour": 1})") ==
          "t.json:1: /colour: unknown key \"colour\" (allowed here: format id title summary transcript server fixture steps)");

    // Messages.
    CHECK(inline_error(lesson_with(R"({"uid": 0, "text": "From: a@b\n\nx"})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0/uid: expected an integer between 1 and 4294967295");
    CHECK(inline_error(lesson_with(R"({"uid": 1})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0: a message needs \"text\" or \"file\" (or use \"generate\")");
    CHECK(inline_error(lesson_with(R"({"uid": 1, "text": "hello\n"})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0/text: line 1 of the message is not a header field \"Name: value\" "
          "(RFC 5322 §2.2)");
    CHECK(inline_error(lesson_with(R"({"uid": 1, "flags": ["\\Recent", "(x"], "text": "A: b\n"})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0/flags/1: \"(x\" is not a flag: Invalid flag name: (x");
    CHECK(inline_error(lesson_with(R"({"uid": 1, "internal_date": "1-Jul-1996 02:44:25 -0700", "text": "A: b\n"})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0/internal_date: \"1-Jul-1996 02:44:25 -0700\" is not an IMAP "
          "date-time (RFC 9051 §9, e.g. \"17-Jul-1996 02:44:25 -0700\"): not of the form \"dd-Mon-yyyy hh:mm:ss +zzzz\"");
    {
        auto r = parse_lesson(lesson_with(R"({"uid": 1, "internal_date": " 1-jul-1996 02:44:25 -0700", "text": "A: b\n"})"), "t.json", kData);
        REQUIRE(r.ok());
        CHECK(r->fixture.accounts[0].mailboxes[0].messages[0].internal_date == "01-Jul-1996 02:44:25 -0700");
    }
    CHECK(inline_error(lesson_with(R"({"uid": 1, "internal_date": "29-Feb-2013 10:00:00 +0000", "text": "A: b\n"})"))
              .find("Feb 2013 has no day 29") != std::string::npos);
    CHECK(inline_error(lesson_with(R"({"uid": 1, "internal_date": "29-Feb-2012 10:00:00 +0000", "text": "A: b\n"})")) == "");
    CHECK(inline_error(lesson_with(R"({"uid": 1, "flags": ["\\Recent"], "text": "A: b"}, {"uid": 2, "text": "A: b"})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/1: UID 2 is not \\Recent but the earlier UID 1 is: the recent messages "
          "must be the newest (every message after the first \\Recent one is \\Recent)");
    CHECK(inline_error(lesson_with(ok_msg + R"(, {"generate": {"count": 2, "uid_start": 1, "from": "a@b", "to": "c@d",
        "subject": "s", "body": "b", "internal_date_start": "01-Jan-2013 00:00:00 +0000"}})")) ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/1/generate/uid_start: UID 1 is not greater than the previous UID 1 "
          "(UIDs ascend strictly within a mailbox)");

    // Mailboxes.
    auto box = [](const std::string& boxes) {
        return R"({"format": 1, "title": {"en": "t", "ru": "t"}, "fixture": {"accounts": [{"user": "u", "password": "p", "mailboxes": [)" +
               boxes + R"(]}]}, "steps": [{"title": {"en": "x", "ru": "x"}, "narration": {"en": "x", "ru": "x"}}]})";
    };
    CHECK(inline_error(box(R"({"name": "Sent"})")) ==
          "t.json:1: /fixture/accounts/0/mailboxes: no \"INBOX\" mailbox (every account has one, RFC 9051 §5.1)");
    CHECK(inline_error(box(R"({"name": "INBOX"}, {"name": "inbox"})")) == "t.json:1: /fixture/accounts/0/mailboxes/1/name: duplicate mailbox \"INBOX\"");
    CHECK(inline_error(box(R"({"name": "INBOX"}, {"name": "a//b"})")) ==
          "t.json:1: /fixture/accounts/0/mailboxes/1/name: \"a//b\": the hierarchy delimiter \"/\" separates non-empty names");
    CHECK(inline_error(box(R"({"name": "INBOX", "uidnext": 5, "messages": [{"uid": 5, "text": "A: b"}]})")) ==
          "t.json:1: /fixture/accounts/0/mailboxes/0/uidnext: uidnext 5 must be greater than the highest UID 5");
    CHECK(inline_error(box(R"({"name": "INBOX", "keywords": ["\\Seen"]})")) ==
          "t.json:1: /fixture/accounts/0/mailboxes/0/keywords/0: \"\\Seen\" is a system flag, not a keyword");
    CHECK(inline_error(box(R"({"name": "INBOX", "subscribed": "yes"})")) == "t.json:1: /fixture/accounts/0/mailboxes/0/subscribed: expected true or false");

    // Steps and expectations.
    auto step = [&](const std::string& s) { return inline_error(lesson_with(ok_msg, s)); };
    const std::string tn = R"("title": {"en": "x", "ru": "x"}, "narration": {"en": "x", "ru": "x"})";
    CHECK(step("{" + tn + R"(, "send": [""]})") == "t.json:3: /steps/0/send/0: empty command");
    CHECK(step("{" + tn + R"(, "send": ["A1 LOGIN u\r\np"]})") ==
          "t.json:3: /steps/0/send/0: a command may contain CR LF only right after a literal announcement {n}");
    CHECK(step("{" + tn + R"(, "send": ["A1 LOGIN {5}\r\nuser p"]})") == "");
    CHECK(step("{" + tn + R"(, "send": ["A1 LOGIN {9}\r\nuser p"]})") ==
          "t.json:3: /steps/0/send/0: the literal {9} announces 9 octets but only 6 follow");
    CHECK(step("{" + tn + R"(, "highlight": "diagram"})") ==
          "t.json:3: /steps/0/highlight: unknown panel \"diagram\" (expected \"state\", \"log\", \"mailboxes\", \"lesson\" or \"\")");
    CHECK(step("{" + tn + R"(, "expect": [{"state": "Selekted"}]})") ==
          "t.json:3: /steps/0/expect/0/state: unknown state \"Selekted\" (expected \"Not Authenticated\", \"Authenticated\", "
          "\"Selected\" or \"Logout\")");
    CHECK(step("{" + tn + R"(, "expect": [{"state": "Selected", "tagged": "OK"}]})") ==
          "t.json:3: /steps/0/expect/0/tagged: \"state\" and \"tagged\" in one expectation: write them as two");
    CHECK(step("{" + tn + R"(, "expect": [{}]})") ==
          "t.json:3: /steps/0/expect/0: an expectation needs one of \"state\", \"message\" (with \"has_flag\" or \"lacks_flag\"), "
          "\"server_line\", \"server_line_regex\", \"no_server_line_regex\", \"tagged\", \"exists\", \"mailbox_exists\", "
          "\"mailbox_absent\", \"search_uids\", \"command_regex\"");
    CHECK(step("{" + tn + R"(, "expect": [{"message": {"seq": 1}}]})") ==
          "t.json:3: /steps/0/expect/0: \"message\" needs \"has_flag\" or \"lacks_flag\", exactly one");
    CHECK(step("{" + tn + R"(, "expect": [{"message": {"seq": 1, "mailbox": "INBOX"}, "has_flag": "\\Seen"}]})") ==
          "t.json:3: /steps/0/expect/0/message/mailbox: a message sequence number names a message of the selected mailbox only; "
          "use \"uid\" with \"mailbox\"");
    CHECK(step("{" + tn + R"(, "expect": [{"message": {"uid": 1}, "has_flag": "\\Bogus"}]})") ==
          "t.json:3: /steps/0/expect/0/has_flag: \"\\Bogus\" is not a flag: Invalid system flag \\BOGUS");
    CHECK(step("{" + tn + R"(, "expect": [{"server_line_regex": "(unclosed"}]})").rfind(
              "t.json:3: /steps/0/expect/0/server_line_regex: not an ECMAScript regular expression: ", 0) == 0);
    CHECK(step("{" + tn + R"(, "expect": [{"tagged": "YES"}]})") ==
          "t.json:3: /steps/0/expect/0/tagged: \"YES\" is not a tagged status (expected \"OK\", \"NO\" or \"BAD\")");
    CHECK(step("{" + tn + R"(, "expect": [{"exists": -1}]})") ==
          "t.json:3: /steps/0/expect/0/exists: expected an integer between 0 and 4294967295");
}

TEST_CASE("lesson loader: generated messages", "[lesson]") {
    const std::string gen = R"J({"generate": {"count": 3, "uid_start": 100, "uid_step": 10,
      "from": ["Ann <ann@example.org>", "=?UTF-8?B?0JHQvtGA0LjRgQ==?= <boris@example.net>"],
      "to": "me@example.com", "subject": "Report {n} (UID {uid})", "body": "Line one\nMessage {n}.\n",
      "internal_date_start": "31-Dec-2013 23:00:00 +0400", "internal_date_step": 3600,
      "flags": ["\\Seen"], "flags_by_n": {"3": ["\\Recent", "$Forwarded"]}}})J";
    auto r = parse_lesson(lesson_with(gen), "t.json", kData);
    INFO((r.ok() ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    const auto& m = r->fixture.accounts[0].mailboxes[0].messages;
    REQUIRE(m.size() == 3);
    CHECK(m[0].uid == 100u);
    CHECK(m[1].uid == 110u);
    CHECK(m[2].uid == 120u);
    CHECK(m[0].flags.to_strings() == std::vector<std::string>{"\\Seen"});
    CHECK(m[1].flags.to_strings() == std::vector<std::string>{"\\Seen"});
    CHECK_FALSE(m[1].recent);
    CHECK(m[2].flags.to_strings() == std::vector<std::string>{"$Forwarded"});
    CHECK(m[2].recent);
    CHECK(m[0].internal_date == "31-Dec-2013 23:00:00 +0400");
    CHECK(m[2].internal_date == "01-Jan-2014 01:00:00 +0400");
    CHECK(m[0].text ==
          "From: Ann <ann@example.org>\r\n"
          "To: me@example.com\r\n"
          "Subject: Report 1 (UID 100)\r\n"
          "Date: Tue, 31 Dec 2013 23:00:00 +0400\r\n"
          "Message-ID: <20131231230000.100@example.org>\r\n"
          "MIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=UTF-8\r\n"
          "Content-Transfer-Encoding: 7bit\r\n"
          "\r\n"
          "Line one\r\nMessage 1.\r\n");
    CHECK(m[1].text.rfind("From: =?UTF-8?B?0JHQvtGA0LjRgQ==?= <boris@example.net>\r\n", 0) == 0);
    CHECK(m[2].text.find("Date: Wed, 01 Jan 2014 01:00:00 +0400\r\n") != std::string::npos);

    // A long header is folded at a space; the message stays valid.
    const std::string long_subject = R"({"generate": {"count": 1, "uid_start": 1, "from": "a@example.org", "to": "b@example.org",
      "subject": "=?UTF-8?B?0JvQsNCx0L7RgNCw0YLQvtGA0L3QsNGPINGA0LDQsdC+0YLQsCDihJY0OiA=?= =?UTF-8?B?0L/RgNC+0YLQvtC60L7QuyBJTUFQ?=",
      "body": "Тело\n", "internal_date_start": "01-Jan-2013 00:00:00 +0000"}})";
    auto l = parse_lesson(lesson_with(long_subject), "t.json", kData);
    REQUIRE(l.ok());
    const std::string& t = l->fixture.accounts[0].mailboxes[0].messages[0].text;
    CHECK(t.find("Subject: =?UTF-8?B?0JvQsNCx0L7RgNCw0YLQvtGA0L3QsNGPINGA0LDQsdC+0YLQsCDihJY0OiA=?=\r\n =?UTF-8?B?0L/RgNC+0YLQvtC60L7QuyBJTUFQ?=\r\n") !=
          std::string::npos);
    CHECK(t.find("Content-Transfer-Encoding: 8bit\r\n") != std::string::npos);

    // Errors inside a generate entry.
    auto gen_error = [&](const std::string& fields) {
        return inline_error(lesson_with(R"({"generate": {"count": 2, "uid_start": 1, "to": "b@example.org", "body": "x",
      "internal_date_start": "01-Jan-2013 00:00:00 +0000", )" + fields + "}}"));
    };
    CHECK(gen_error(R"("from": "a@example.org", "subject": "Отчёт")") ==
          "t.json:3: /fixture/accounts/0/mailboxes/0/messages/0/generate/subject: a header value must be printable ASCII on one "
          "line; write other characters as RFC 2047 encoded-words (=?UTF-8?B?...?=)");
    CHECK(gen_error(R"("from": ["a@example.org", "nobody"], "subject": "s")") ==
          "t.json:3: /fixture/accounts/0/mailboxes/0/messages/0/generate/from/1: expected an address such as \"Name <user@example.org>\"");
    CHECK(gen_error(R"("from": "a@example.org", "subject": "s", "flags_by_n": {"3": []})") ==
          "t.json:3: /fixture/accounts/0/mailboxes/0/messages/0/generate/flags_by_n/3: \"3\" is not a message number of this entry (1..2)");
    CHECK(gen_error(R"("from": "a@example.org", "subject": "s", "uid_strat": 5)") ==
          "t.json:3: /fixture/accounts/0/mailboxes/0/messages/0/generate/uid_strat: unknown key \"uid_strat\"; did you mean \"uid_start\"?");
    CHECK(gen_error(R"("from": "a@example.org")") ==
          "t.json:2: /fixture/accounts/0/mailboxes/0/messages/0/generate: missing required key \"subject\"");
}

TEST_CASE("Expectation::describe", "[lesson]") {
    Expectation e;
    e.kind = Expectation::Kind::State;
    e.state = SessionState::Selected;
    CHECK(e.describe() == "state is Selected");
    e = {};
    e.kind = Expectation::Kind::FlagPresent;
    e.seq = 180;
    e.text = "\\Deleted";
    CHECK(e.describe() == "message 180 has \\Deleted");
    e = {};
    e.kind = Expectation::Kind::FlagAbsent;
    e.uid = 29047;
    e.text = "\\Seen";
    CHECK(e.describe() == "message UID 29047 lacks \\Seen");
    e.mailbox = "INBOX/Trash";
    CHECK(e.describe() == "message UID 29047 in INBOX/Trash lacks \\Seen");
    e = {};
    e.kind = Expectation::Kind::ServerLine;
    e.text = "* 180 EXPUNGE";
    CHECK(e.describe() == "a server line equals `* 180 EXPUNGE`");
    e.kind = Expectation::Kind::ServerLineRegex;
    e.text = "^\\* \\d+ EXISTS$";
    CHECK(e.describe() == "a server line matches /^\\* \\d+ EXISTS$/");
    e = {};
    e.kind = Expectation::Kind::TaggedStatus;
    e.status = ResponseStatus::Ok;
    CHECK(e.describe() == "the tagged response is OK");
    e = {};
    e.kind = Expectation::Kind::MessageCount;
    e.count = 179;
    CHECK(e.describe() == "the mailbox has 179 messages");
    e.count = 1;
    CHECK(e.describe() == "the mailbox has 1 message");
}

// ---------------------------------------------------------------------------------------------
// Transcripts

TEST_CASE("transcript reader: directions, comments, elisions, literals", "[transcript]") {
    const std::string text =
        "# a comment\n"
        "\n"
        "S: * OK ready\r\n"
        "C: A1 LOGIN {4}   \n"
        "S: + go ahead\n"
        "C: user pass\n"
        "S: ...\n"
        "S: A1 OK done\n"
        "C: A2 FETCH 1 BODY[]\n"
        "S: * 1 FETCH (BODY[] {12}\n"
        "S: )\n"
        "#S: not a line\n"
        "S: A2 OK\n";
    auto r = parse_transcript(text, "t.txt");
    INFO((r.ok() ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    const auto& l = r->lines;
    REQUIRE(l.size() == 10);
    CHECK(r->file == "t.txt");
    CHECK(l[0].direction == TranscriptLine::Direction::Server);
    CHECK(l[0].text == "* OK ready");
    CHECK(l[0].line == 3);
    CHECK(l[1].is_client());
    CHECK(l[1].text == "A1 LOGIN {4}");
    CHECK(l[1].literal_octets == std::optional<std::uint64_t>(4));
    CHECK(l[4].elision);
    CHECK(l[4].line == 7);
    CHECK_FALSE(l[5].elision);
    CHECK_FALSE(l[5].literal_octets.has_value());
    CHECK(l[7].literal_octets == std::optional<std::uint64_t>(12));
    CHECK(l[8].text == ")");
    CHECK(l[9].text == "A2 OK");
    CHECK(l[9].line == 13);

    auto plus = parse_transcript("C: A1 APPEND INBOX {310+}\n", "t.txt");
    REQUIRE(plus.ok());
    CHECK(plus->lines[0].literal_octets == std::optional<std::uint64_t>(310));
    CHECK(parse_transcript("", "t.txt")->lines.empty());
}

TEST_CASE("transcript reader: errors name file and line", "[transcript]") {
    auto err = [](const std::string& text) {
        auto r = parse_transcript(text, "t.txt");
        return r.ok() ? std::string() : r.error().to_string();
    };
    CHECK(err("S: * OK\nA1 LOGIN u p\n") ==
          "t.txt:2: expected \"C: \" (client) or \"S: \" (server) at the start of the line, a \"#\" comment or a blank line");
    CHECK(err("S: * OK\n\nC:\n") == "t.txt:3: empty client line");
    CHECK(err("S:    \n") == "t.txt:1: empty server line");
    CHECK(err("C:A1 NOOP\n") == "t.txt:1: expected a space after \"C:\"");
    CHECK(err("C: ...\n") == "t.txt:1: an elision \"...\" stands for server lines only; type every client line");
    CHECK(err("S: ...\nS: ...\n") == "t.txt:2: two elisions in a row");
    auto missing = load_transcript_file(kRoot + "/transcripts/no-such.txt");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().to_string() == kRoot + "/transcripts/no-such.txt: cannot read: No such file or directory");
}

TEST_CASE("transcript reader: the lecture's Cyrus session", "[transcript]") {
    auto r = load_transcript_file(kRoot + "/transcripts/lecture-cyrus-session.txt");
    INFO((r.ok() ? std::string() : r.error().to_string()));
    REQUIRE(r.ok());
    const auto& l = r->lines;
    REQUIRE_FALSE(l.empty());
    CHECK(l.front().text == "* OK Cyrus IMAP4 server ready");
    CHECK_FALSE(l.front().is_client());
    CHECK(l.back().text == "A0008 OK Completed");

    auto find = [&](const std::string& text) {
        return std::find_if(l.begin(), l.end(), [&](const TranscriptLine& t) { return t.text == text; });
    };
    // The seed's slips are kept as typed.
    for (const char* slip : {"* 177 EXISTS", "* 41 RECENT", "* OK [UNSEEN 1]", "A003 OK [READ-WRITE] Completed", "* 179 EXPUNGE"}) {
        INFO(slip);
        CHECK(find(slip) != l.end());
    }
    CHECK(find("* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $Forwarded Junk NonJunk)") != l.end());

    // FETCH 1:* FLAGS: lines 1..3, an elision, then 177..180.
    auto f3 = find("* 3 FETCH (FLAGS (\\Answered \\Seen))");
    REQUIRE(f3 != l.end());
    CHECK((f3 + 1)->elision);
    CHECK((f3 + 2)->text == "* 177 FETCH (FLAGS ())");

    // FETCH 180 BODY[]: the literal is announced, then elided.
    auto body = find("* 180 FETCH (FLAGS (\\Recent \\Seen) BODY[] {7077}");
    REQUIRE(body != l.end());
    CHECK(body->literal_octets == std::optional<std::uint64_t>(7077));
    CHECK((body + 1)->elision);
    CHECK((body + 2)->text == "A0005 OK Completed (0.000 sec)");

    int client = 0, elisions = 0;
    for (const auto& t : l) {
        client += t.is_client();
        elisions += t.elision;
    }
    CHECK(client == 8);
    CHECK(elisions == 2);
    CHECK(l.size() == 41);
}
