// A lesson's "server" object (lesson.hpp LessonServer): the simulated server a lesson talks to can
// offer STARTTLS with LOGINDISABLED, IMAP4rev2, or lack an extension.
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"

using namespace imaplab;

namespace {

std::string lesson_text(const std::string& server, const std::string& sends) {
    return R"({"format": 1, "title": {"en": "t", "ru": "t"}, )" + server +
           R"("fixture": {"accounts": [{"user": "u", "password": "p", "mailboxes": [{"name": "INBOX"}]}]},
              "steps": [{"title": {"en": "s", "ru": "s"}, "narration": {"en": "n", "ru": "n"}, "send": )" + sends + "}]}";
}

/// The server lines of a lesson played whole.
std::vector<std::string> server_lines(const std::string& text) {
    auto l = parse_lesson(text, "t.json", ".");
    if (!l) FAIL(l.error().to_string());
    LessonRun run(l.value());
    std::vector<std::string> out;
    for (const auto& e : run.timeline().events())
        if (const auto* w = std::get_if<WireLine>(&e.data); w && !w->is_client()) out.push_back(w->text);
    return out;
}

std::string load_error(const std::string& text) {
    auto l = parse_lesson(text, "t.json", ".");
    return l ? std::string("loaded") : l.error().to_string();
}

}  // namespace

TEST_CASE("lesson server: STARTTLS and LOGINDISABLED, then login after STARTTLS", "[lesson][tls]") {
    const auto lines = server_lines(lesson_text(R"("server": {"starttls": true, "login_disabled": true}, )",
                                                R"(["a LOGIN u p", "b STARTTLS", "c CAPABILITY", "d LOGIN u p"])"));
    REQUIRE(lines.size() == 7);
    CHECK(lines[0].find(" STARTTLS LOGINDISABLED]") != std::string::npos);
    CHECK(lines[1].rfind("* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS", 0) == 0);
    CHECK(lines[2] == "a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
    CHECK(lines[3] == "b OK Begin TLS negotiation now.");
    // Capabilities after TLS: no STARTTLS, no LOGINDISABLED, the plaintext mechanisms back.
    CHECK(lines[4].find("STARTTLS") == std::string::npos);
    CHECK(lines[4].find("LOGINDISABLED") == std::string::npos);
    CHECK(lines[4].find(" AUTH=PLAIN") != std::string::npos);
    CHECK(lines[6].rfind("d OK [CAPABILITY ", 0) == 0);
}

TEST_CASE("lesson server: without a server object STARTTLS is not offered", "[lesson][tls]") {
    const auto lines = server_lines(lesson_text("", R"(["b STARTTLS"])"));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("STARTTLS") == std::string::npos);
    CHECK(lines[1] == "b BAD TLS support isn't enabled.");
}

TEST_CASE("lesson server: IMAP4rev2 after ENABLE, and a switched-off extension", "[lesson][rev2]") {
    const auto lines = server_lines(lesson_text(R"("server": {"versions": "both", "disabled_extensions": ["LITERAL+"]}, )",
                                                R"(["a CAPABILITY", "b LOGIN u p", "c ENABLE IMAP4rev2"])"));
    REQUIRE(lines.size() == 7);
    CHECK(lines[1].rfind("* CAPABILITY IMAP4rev1 IMAP4rev2 ", 0) == 0);
    CHECK(lines[1].find("LITERAL+") == std::string::npos);
    CHECK(lines[3].find("LITERAL+") == std::string::npos);
    CHECK(lines[5] == "* ENABLED IMAP4rev2");
    CHECK(lines[6] == "c OK Enabled.");
}

TEST_CASE("lesson server: errors name the field", "[lesson]") {
    CHECK(load_error(lesson_text(R"("server": {"versions": "rev3"}, )", R"(["a NOOP"])")) ==
          "t.json:1: /server/versions: \"rev3\" is not a protocol choice (rev1, rev2 or both)");
    CHECK(load_error(lesson_text(R"("server": {"login_disabled": true}, )", R"(["a NOOP"])")) ==
          "t.json:1: /server/login_disabled: LOGINDISABLED without \"starttls\": true would leave no way to log in");
    CHECK(load_error(lesson_text(R"("server": {"startls": true}, )", R"(["a NOOP"])")).find("did you mean \"starttls\"") != std::string::npos);
}

TEST_CASE("no_server_line_regex: holds when no server line of the step matches", "[lesson]") {
    auto run = [](const std::string& sends, const std::string& regex) {
        std::string text = lesson_text(R"("server": {"starttls": true, "login_disabled": true}, )", sends);
        text.insert(text.rfind("}]}"), R"(, "expect": [{"no_server_line_regex": ")" + regex + R"("}])");
        auto l = parse_lesson(text, "t.json", ".");
        if (!l) FAIL(l.error().to_string());
        LessonRun r(l.value());
        REQUIRE(r.checks().size() == 1);
        return r.checks()[0];
    };
    const auto safe = run(R"(["a STARTTLS", "b LOGIN u p"])", ".*PRIVACYREQUIRED.*");
    CHECK(safe.passed);
    CHECK(safe.expectation.describe() == "no server line matches /.*PRIVACYREQUIRED.*/");
    const auto unsafe = run(R"(["a LOGIN u p", "b STARTTLS", "c LOGIN u p"])", ".*PRIVACYREQUIRED.*");
    CHECK_FALSE(unsafe.passed);
    CHECK(unsafe.actual ==
          "the server sent `a NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.`");
}
