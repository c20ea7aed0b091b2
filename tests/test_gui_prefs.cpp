// gui/prefs.hpp without a window: the XDG location, the round trip through prefs.json, and broken
// files refused with the file and key named (the window then warns and uses the defaults).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gui/prefs.hpp"

using namespace imaplab;
using namespace imaplab::gui;

namespace {

/// Sets an environment variable for the scope and restores it after.
struct EnvVar {
    std::string name;
    std::optional<std::string> old;
    EnvVar(std::string n, const char* value) : name(std::move(n)) {
        if (const char* v = std::getenv(name.c_str())) old = v;
        if (value)
            ::setenv(name.c_str(), value, 1);
        else
            ::unsetenv(name.c_str());
    }
    ~EnvVar() {
        if (old)
            ::setenv(name.c_str(), old->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

std::string temp_dir(const char* name) {
    const auto dir = std::filesystem::path(IMAPLAB_BINARY_DIR) / name;
    std::filesystem::remove_all(dir);
    return dir.string();
}

}  // namespace

TEST_CASE("prefs: the directory follows XDG_CONFIG_HOME, else ~/.config", "[gui][prefs]") {
    {
        EnvVar xdg("XDG_CONFIG_HOME", "/tmp/cfg");
        CHECK(prefs_dir() == "/tmp/cfg/imaplab");
    }
    {
        EnvVar xdg("XDG_CONFIG_HOME", "relative/cfg");  // invalid per XDG: ignored
        EnvVar home("HOME", "/home/learner");
        CHECK(prefs_dir() == "/home/learner/.config/imaplab");
    }
    {
        EnvVar xdg("XDG_CONFIG_HOME", nullptr);
        EnvVar home("HOME", nullptr);
        CHECK(prefs_dir().empty());
    }
}

TEST_CASE("prefs: save then load gives the same preferences", "[gui][prefs]") {
    const std::string dir = temp_dir("prefs_roundtrip");
    const std::string path = dir + "/imaplab/prefs.json";
    Prefs p;
    p.language = Language::Ru;
    p.zoom = 1.25f;
    p.presenter.on = true;
    p.presenter.zoom = 2.0f;
    p.presenter.panels = kPanelLesson | kPanelMailboxes;
    p.presenter.light = false;
    p.window = WindowGeometry{40, 30, 1600, 900};
    auto saved = save_prefs(path, p);
    REQUIRE(saved);
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
    auto loaded = load_prefs(path);
    REQUIRE(loaded);
    CHECK(*loaded == p);
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("\"panels\": \"lesson,mailboxes\"") != std::string::npos);
    CHECK(text.find("\"theme\": \"dark\"") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("prefs: a missing file gives the defaults", "[gui][prefs]") {
    auto loaded = load_prefs(temp_dir("prefs_missing") + "/prefs.json");
    REQUIRE(loaded);
    CHECK(*loaded == Prefs{});
    CHECK_FALSE(loaded->language);
    CHECK(loaded->presenter.panels == (kPanelLesson | kPanelLog | kPanelState));
}

TEST_CASE("prefs: broken files are refused naming the file and the key", "[gui][prefs]") {
    auto err = [](const std::string& text) {
        auto r = parse_prefs(text, "/c/imaplab/prefs.json");
        REQUIRE_FALSE(r);
        return r.error();
    };
    CHECK(err("{\"zoom\": ").rfind("/c/imaplab/prefs.json: not valid JSON: ", 0) == 0);
    CHECK(err("[1, 2]") == "/c/imaplab/prefs.json: must be a JSON object");
    CHECK(err("{\"language\": \"de\"}") == "/c/imaplab/prefs.json: \"language\" must be \"ru\" or \"en\"");
    CHECK(err("{\"zoom\": 9}") == "/c/imaplab/prefs.json: \"zoom\" must be a number from 0.6 to 2.5");
    CHECK(err("{\"zoom\": \"big\"}") == "/c/imaplab/prefs.json: \"zoom\" must be a number from 0.6 to 2.5");
    CHECK(err("{\"presenter\": {\"on\": 1}}") == "/c/imaplab/prefs.json: \"presenter.on\" must be true or false");
    CHECK(err("{\"presenter\": {\"zoom\": 0.5}}") == "/c/imaplab/prefs.json: \"presenter.zoom\" must be a number from 1 to 4");
    CHECK(err("{\"presenter\": {\"panels\": \"log,chart\"}}") ==
          "/c/imaplab/prefs.json: \"presenter.panels\": unknown panel 'chart' (panels: state, lesson, log, explain, mailboxes)");
    CHECK(err("{\"presenter\": {\"theme\": \"pink\"}}") == "/c/imaplab/prefs.json: \"presenter.theme\" must be \"light\" or \"dark\"");
    CHECK(err("{\"window\": {\"x\": 1, \"y\": 2, \"width\": 10, \"height\": 600}}") ==
          "/c/imaplab/prefs.json: \"window.width\" must be an integer from 320 to 16384");
    CHECK(err("{\"window\": {\"x\": 1}}") == "/c/imaplab/prefs.json: \"window.y\" must be an integer from -100000 to 100000");
}

TEST_CASE("prefs: unknown keys are ignored, known ones read", "[gui][prefs]") {
    auto r = parse_prefs("{\"future\": 1, \"language\": \"en\", \"zoom\": 1.5}", "p.json");
    REQUIRE(r);
    CHECK(r->language == std::optional<Language>(Language::En));
    CHECK(r->zoom == 1.5f);
}

TEST_CASE("prefs: panel lists", "[gui][prefs]") {
    auto p = parse_panels(" lesson, log ,state");
    REQUIRE(p);
    CHECK(*p == (kPanelLesson | kPanelLog | kPanelState));
    CHECK(panels_to_string(*p) == "state,lesson,log");
    CHECK(panels_to_string(kPanelAll) == "state,lesson,log,explain,mailboxes");
    CHECK(parse_panels("").error() == "no panel given (panels: state, lesson, log, explain, mailboxes)");
    CHECK(parse_panels("log,foo").error() == "unknown panel 'foo' (panels: state, lesson, log, explain, mailboxes)");
}

TEST_CASE("prefs: an unwritable place is an error naming the file", "[gui][prefs]") {
    const std::string dir = temp_dir("prefs_unwritable");
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/file") << "x";  // a file where the directory should be
    auto r = save_prefs(dir + "/file/prefs.json", Prefs{});
    REQUIRE_FALSE(r);
    CHECK(r.error().rfind("cannot write " + dir + "/file/prefs.json: ", 0) == 0);
    std::filesystem::remove_all(dir);
}
