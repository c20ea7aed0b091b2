// The curriculum (lessons/*.json) as a whole: every lesson loads, plays with all its expectations
// holding, is written in both languages, and has at least one exercise; every exercise has its own
// tries in tests/exercises/<lesson id>.json (format below) — at least two different correct answers
// that pass and one wrong answer that fails (with the feedback it should get, when named).
//
// tests/exercises/<id>.json:
//   {"lesson": "lessons/04-folders.json",
//    "exercises": [{"step": 6,
//                   "correct": [["a CREATE Archive"], ["b CREATE Archive/", "c LIST \"\" *"]],
//                   "wrong": [{"send": ["a CREATE archive"], "feedback": "letter case"}]}]}
// "feedback" (optional) is a piece of the English text of a feedback entry the wrong try must get.
//
// IMAPLAB_CURRICULUM_DIR (environment) points the test at another checkout's lessons/ and tests/.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"

using namespace imaplab;
namespace fs = std::filesystem;

namespace {

std::string root() {
    const char* dir = std::getenv("IMAPLAB_CURRICULUM_DIR");
    return dir && *dir ? dir : IMAPLAB_SOURCE_DIR;
}

std::vector<std::string> lesson_files() {
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(root() + "/lessons"))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

/// Every localized text of a lesson that a learner reads, with where it is, for the ru/en check.
std::vector<std::pair<std::string, const LocalizedText*>> texts(const Lesson& l) {
    std::vector<std::pair<std::string, const LocalizedText*>> out{{"title", &l.title}, {"summary", &l.summary}};
    for (std::size_t i = 0; i < l.steps.size(); ++i) {
        const LessonStep& s = l.steps[i];
        const std::string at = "step " + std::to_string(i + 1) + " ";
        out.emplace_back(at + "title", &s.title);
        out.emplace_back(at + "narration", &s.narration);
        if (!s.exercise) continue;
        out.emplace_back(at + "task", &s.exercise->task);
        out.emplace_back(at + "hint", &s.exercise->hint);
        for (std::size_t f = 0; f < s.exercise->feedback.size(); ++f)
            out.emplace_back(at + "feedback " + std::to_string(f + 1), &s.exercise->feedback[f].say);
    }
    return out;
}

bool any_feedback_contains(const ExerciseGrade& g, const std::string& piece) {
    return std::any_of(g.feedback.begin(), g.feedback.end(), [&](const LocalizedText& t) { return t.en.find(piece) != std::string::npos; });
}

std::string describe(const ExerciseGrade& g) {
    std::string s;
    for (const auto& c : g.goal) s += (c.passed ? "  ok: " : "  FAILED: ") + c.expectation.describe() + (c.passed ? "" : " (" + c.actual + ")") + "\n";
    for (const auto& line : g.lines) s += "  " + line + "\n";
    return s;
}

}  // namespace

TEST_CASE("curriculum: lessons are numbered, bilingual, play cleanly and have exercises", "[curriculum]") {
    const auto files = lesson_files();
    REQUIRE_FALSE(files.empty());
    std::set<std::string> ids;
    for (const auto& file : files) {
        DYNAMIC_SECTION(fs::path(file).filename().string()) {
            auto loaded = load_lesson_file(file);
            REQUIRE(loaded);
            const Lesson& l = loaded.value();
            CHECK(ids.insert(l.id).second);
            // "NN-name": the number orders the course (lessons/README.md maps it to the seeds).
            CHECK(l.id.size() > 3);
            CHECK(std::isdigit(static_cast<unsigned char>(l.id[0])));
            CHECK(std::isdigit(static_cast<unsigned char>(l.id[1])));
            CHECK(l.id[2] == '-');
            for (const auto& [where, text] : texts(l)) {
                INFO(l.id << ": " << where);
                CHECK_FALSE(text->en.empty());
                CHECK_FALSE(text->ru.empty());
            }
            LessonRun run(l);
            const auto failure = run.first_failure();
            if (failure) FAIL(l.id << " step " << failure->step << ": " << failure->expectation.describe() << " — " << failure->actual);
            const bool has_exercise = std::any_of(l.steps.begin(), l.steps.end(), [](const LessonStep& s) { return s.exercise.has_value(); });
            CHECK(has_exercise);
        }
    }
}

TEST_CASE("curriculum: every exercise passes two different correct answers and fails a wrong one", "[curriculum][exercise]") {
    for (const auto& file : lesson_files()) {
        auto loaded = load_lesson_file(file);
        REQUIRE(loaded);
        const Lesson& l = loaded.value();
        DYNAMIC_SECTION(l.id) {
            std::set<std::uint32_t> exercise_steps;
            for (std::size_t i = 0; i < l.steps.size(); ++i)
                if (l.steps[i].exercise) exercise_steps.insert(static_cast<std::uint32_t>(i + 1));
            const std::string tries_file = root() + "/tests/exercises/" + l.id + ".json";
            if (exercise_steps.empty()) continue;  // the first test case reports a lesson without exercises
            INFO("tries: " << tries_file);
            std::ifstream in(tries_file);
            REQUIRE(in.good());
            const nlohmann::json tries = nlohmann::json::parse(in);
            REQUIRE(tries.at("lesson").get<std::string>() == "lessons/" + fs::path(file).filename().string());
            std::set<std::uint32_t> tried;
            for (const auto& ex : tries.at("exercises")) {
                const auto step = ex.at("step").get<std::uint32_t>();
                INFO(l.id << " step " << step);
                CHECK(exercise_steps.count(step) == 1);
                CHECK(tried.insert(step).second);
                const auto correct = ex.at("correct").get<std::vector<std::vector<std::string>>>();
                CHECK(std::set<std::vector<std::string>>(correct.begin(), correct.end()).size() >= 2);
                for (const auto& lines : correct) {
                    auto g = grade_exercise(l, step, lines);
                    REQUIRE(g);
                    INFO("correct try: " << nlohmann::json(lines).dump() << "\n" << describe(g.value()));
                    CHECK(g->passed);
                }
                REQUIRE(ex.at("wrong").size() >= 1);
                for (const auto& wrong : ex.at("wrong")) {
                    const auto lines = wrong.at("send").get<std::vector<std::string>>();
                    auto g = grade_exercise(l, step, lines);
                    REQUIRE(g);
                    INFO("wrong try: " << nlohmann::json(lines).dump() << "\n" << describe(g.value()));
                    CHECK_FALSE(g->passed);
                    if (wrong.contains("feedback")) CHECK(any_feedback_contains(g.value(), wrong.at("feedback").get<std::string>()));
                }
            }
            for (const auto step : exercise_steps) {
                INFO(l.id << ": exercise step " << step << " has no tries in " << tries_file);
                CHECK(tried.count(step) == 1);
            }
        }
    }
}
