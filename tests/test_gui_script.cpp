// gui/script.hpp without a window: the verb table, the parser's errors (FILE:LINE: reason) and
// the runner's frame schedule.
#include <catch2/catch.hpp>

#include "gui/script.hpp"

using namespace imaplab;
using namespace imaplab::gui;

namespace {

Script parse_ok(std::string_view text) {
    auto r = parse_script(text, "demo.script");
    INFO((r ? std::string() : r.error()));
    REQUIRE(r);
    return std::move(r.value());
}

std::string parse_error(std::string_view text) {
    auto r = parse_script(text, "demo.script");
    REQUIRE_FALSE(r);
    return r.error();
}

}  // namespace

TEST_CASE("script: every standard verb makes the UiAction a click makes", "[gui][script]") {
    const Script s = parse_ok(
        "# a comment\n"
        "\n"
        "step\n"
        "back\r\n"
        "  jump 5  \n"
        "lang ru\n"
        "select-line 3\n"
        "show-mailbox Archive/2024 old\n"
        "zoom +1\n"
        "zoom -2\n"
        "presenter on\n"
        "wait 3\n"
        "screenshot out dir/a.png\n"
        "export-pcap s.pcap\n"
        "export-transcript s.txt\n"
        "end\n"
        "reset\n"
        "quit\n");
    REQUIRE(s.file == "demo.script");
    REQUIRE(s.steps.size() == 16);
    using K = UiAction::Kind;
    auto action_at = [&](std::size_t i) -> const UiAction& {
        REQUIRE(s.steps[i].kind == ScriptStep::Kind::Action);
        return s.steps[i].action;
    };
    CHECK(action_at(0).kind == K::Step);
    CHECK(s.steps[0].line == 3);
    CHECK(action_at(1).kind == K::Back);
    CHECK(s.steps[1].line == 4);
    CHECK(action_at(2).kind == K::JumpTo);
    CHECK(action_at(2).step == 5);
    CHECK(s.steps[2].text == "jump 5");
    CHECK(action_at(3).kind == K::SetLanguage);
    CHECK(action_at(3).language == Language::Ru);
    CHECK(action_at(4).kind == K::SelectLine);
    CHECK(action_at(4).line == std::optional<std::size_t>(2));  // 1-based in the script
    CHECK(action_at(5).kind == K::ShowMailbox);
    CHECK(action_at(5).mailbox == "Archive/2024 old");
    CHECK(action_at(6).kind == K::Zoom);
    CHECK(action_at(6).columns == 1);
    CHECK(action_at(7).columns == -2);
    CHECK(action_at(8).kind == K::SetPresenter);
    CHECK(action_at(8).columns == 1);
    CHECK(s.steps[9].kind == ScriptStep::Kind::Wait);
    CHECK(s.steps[9].frames == 3);
    CHECK(s.steps[10].kind == ScriptStep::Kind::Screenshot);
    CHECK(s.steps[10].path == "out dir/a.png");
    CHECK(action_at(11).kind == K::ExportPcap);
    CHECK(action_at(11).text == "s.pcap");
    CHECK(action_at(12).kind == K::ExportTranscript);
    CHECK(action_at(12).text == "s.txt");
    CHECK(action_at(13).kind == K::JumpTo);
    CHECK(action_at(13).step == UINT32_MAX);
    CHECK(action_at(14).kind == K::Reset);
    CHECK(s.steps[15].kind == ScriptStep::Kind::Quit);
    CHECK(s.steps[15].line == 18);
}

TEST_CASE("script: unknown verbs and bad arguments are refused with FILE:LINE", "[gui][script]") {
    CHECK(parse_error("step\n\nfly 3\n").rfind("demo.script:3: unknown verb 'fly' (known: step, back, ", 0) == 0);
    CHECK(parse_error("jump\n") == "demo.script:1: jump N: the number is missing");
    CHECK(parse_error("jump five\n") == "demo.script:1: jump N: 'five' is not a number");
    CHECK(parse_error("jump -1\n") == "demo.script:1: jump N: '-1' is not a number");
    CHECK(parse_error("jump 99999999999\n") == "demo.script:1: jump N: '99999999999' is too large (at most 1000000)");
    CHECK(parse_error("# x\nstep 2\n") == "demo.script:2: step takes no argument (got '2')");
    CHECK(parse_error("lang de\n") == "demo.script:1: lang ru|en: 'de' is neither ru nor en");
    CHECK(parse_error("lang\n") == "demo.script:1: lang ru|en: the language is missing");
    CHECK(parse_error("presenter maybe\n") == "demo.script:1: presenter on|off: 'maybe' is neither on nor off");
    CHECK(parse_error("zoom big\n") == "demo.script:1: zoom +1|-1|0: 'big' is not a number");
    CHECK(parse_error("zoom +500\n") == "demo.script:1: zoom +1|-1|0: '+500' is out of range (-100..100)");
    CHECK(parse_error("select-line 0\n") == "demo.script:1: select-line N: lines are numbered from 1");
    CHECK(parse_error("screenshot\n") == "demo.script:1: screenshot OUT.png: the argument is missing");
    CHECK(parse_error("STEP\n").rfind("demo.script:1: unknown verb 'STEP'", 0) == 0);
    CHECK(parse_error("key escape\n") ==
          "demo.script:1: key NAME: 'escape' is not a key the window knows (space, right, left, pageup, pagedown, home, end, f5)");
}

TEST_CASE("script: an empty file or only comments is an empty script", "[gui][script]") {
    CHECK(parse_ok("").steps.empty());
    CHECK(parse_ok("# only\n   \n#\n").steps.empty());
    CHECK(parse_ok("step").steps.size() == 1);  // no newline at the end
}

TEST_CASE("script: another panel adds its verbs to the table", "[gui][script]") {
    ScriptVerbs verbs = ScriptVerbs::standard();
    REQUIRE(verbs.find("send") == nullptr);
    verbs.add(ScriptVerb{"send", ScriptArgShape::Text, "send CLIENT LINE", [](const ScriptArg& a) -> Result<ScriptStep, std::string> {
                             ScriptStep s;
                             s.action = action::set_exercise_input(a.text);
                             return s;
                         }});
    auto r = parse_script("send 1 A1 NOOP\n", "p.script", verbs);
    REQUIRE(r);
    REQUIRE(r->steps.size() == 1);
    CHECK(r->steps[0].action.text == "1 A1 NOOP");
    // Not in the standard table.
    CHECK_FALSE(parse_script("send 1 A1 NOOP\n", "p.script"));
}

TEST_CASE("script: load_script_file names a missing file", "[gui][script]") {
    auto r = load_script_file("/nonexistent/demo.script");
    REQUIRE_FALSE(r);
    CHECK(r.error() == "cannot read /nonexistent/demo.script: no such file or not readable");
}

TEST_CASE("script: the runner gives each action its own frame and lets a screenshot settle", "[gui][script]") {
    ScriptRunner run(parse_ok("screenshot a.png\nstep\nstep\nwait 2\nscreenshot b.png\n"), 3);
    std::vector<std::string> frames;
    for (int i = 0; i < 20; ++i) {
        const auto f = run.next_frame();
        std::string what = "-";
        if (f.action) what = f.action->text;
        if (f.screenshot) what = f.screenshot->text;
        if (f.quit) what = "quit";
        frames.push_back(what);
        if (f.quit) break;
    }
    // First screenshot after 3 settle frames, one frame per step, 2 waited frames, then the
    // screenshot once 3 frames passed since the last action, then the end of the script closes.
    const std::vector<std::string> want = {"-", "-", "screenshot a.png", "step", "step", "-", "-", "screenshot b.png", "quit"};
    CHECK(frames == want);
}

TEST_CASE("script: a key is pressed on one frame and released on the next", "[gui][script]") {
    ScriptRunner run(parse_ok("key f5\nkey pagedown\nkey pageup\nkey space\n"), 1);
    std::vector<int> codes;
    for (int i = 0; i < 4; ++i) {
        const auto f = run.next_frame();
        REQUIRE(f.key);
        CHECK_FALSE(f.action);
        codes.push_back(f.key->frames);
        const auto up = run.next_frame();  // the key is released: nothing else happens
        CHECK_FALSE(up.key);
        CHECK_FALSE(up.action);
        CHECK_FALSE(up.quit);
    }
    CHECK(codes == std::vector<int>{294, 267, 266, 32});
    CHECK(run.next_frame().quit);
}

TEST_CASE("script: quit stops the script before its later lines", "[gui][script]") {
    ScriptRunner run(parse_ok("step\nquit\nstep\n"), 1);
    auto f = run.next_frame();
    REQUIRE(f.action);
    f = run.next_frame();
    CHECK(f.quit);
    REQUIRE(run.current());
    CHECK(run.current()->line == 2);
}

TEST_CASE("script: the playground's verbs make Playground actions, \\n is a line end", "[gui][script]") {
    auto r = parse_script("add-client\n"
                          "send 1 LOGIN {8}\\nusername password\n"
                          "pipeline 1 NOOP ; CHECK\n"
                          "scrub 3\n"
                          "animate-at 0.5\n"
                          "versions on\n"
                          "back\n",
                          "pg.script", ScriptVerbs::playground());
    INFO((r ? std::string() : r.error()));
    REQUIRE(r);
    const auto& s = r.value().steps;
    REQUIRE(s.size() == 7);
    CHECK(s[0].action.kind == UiAction::Kind::Playground);
    CHECK(s[0].action.mailbox == "add-client");
    CHECK(s[0].action.text.empty());
    CHECK(s[1].action.mailbox == "send");
    CHECK(s[1].action.text == "1 LOGIN {8}\nusername password");
    CHECK(s[2].action.text == "1 NOOP ; CHECK");
    CHECK(s[3].action.mailbox == "scrub");
    CHECK(s[3].action.text == "3");
    CHECK(s[4].action.text == "0.5");
    CHECK(s[5].action.text == "on");
    CHECK(s[6].action.kind == UiAction::Kind::Back);  // the standard verbs stay
    // Refused before any window opens; the lesson window does not know these verbs.
    auto bad = parse_script("add-client\nscrub two\n", "pg.script", ScriptVerbs::playground());
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == "pg.script:2: scrub K: 'two' is not a number");
    auto lesson = parse_script("add-client\n", "l.script");
    REQUIRE_FALSE(lesson);
    CHECK(lesson.error().rfind("l.script:1: unknown verb 'add-client'", 0) == 0);
}
