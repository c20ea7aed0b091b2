#include "cmd_exercise.hpp"

#include <cstdio>
#include <optional>
#include <iostream>

#include <fmt/format.h>

#include "lesson/lesson_loader.hpp"
#include "lesson/progress.hpp"
#include "terminal.hpp"

namespace imaplab::cli {

namespace {

void out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::string paint(const RenderOptions& o, const char* sgr, const std::string& s) { return colored(o.color, sgr, s); }

/// Loads the progress file unless disabled; on a broken file prints why and disables saving.
std::optional<Progress> open_progress(const std::string& path) {
    if (path.empty()) return std::nullopt;
    auto p = Progress::load(path);
    if (!p) {
        std::fprintf(stderr, "imaplab-cli: %s (progress not saved)\n", p.error().c_str());
        return std::nullopt;
    }
    return std::move(p).value();
}

void save_progress(const Progress& p, const std::string& path) {
    if (auto r = p.save(path); !r) std::fprintf(stderr, "imaplab-cli: %s\n", r.error().c_str());
}

}  // namespace

CLI::App* add_exercise_subcommand(CLI::App& app, ExerciseArgs& a) {
    auto* cmd = app.add_subcommand("exercise", "Grade commands for an exercise step of a lesson (graded on the result, "
                                               "not the text): exit 0 when they pass.");
    cmd->add_option("FILE", a.file, "Lesson file")->required();
    cmd->add_option("STEP", a.step, "The exercise step (1-based)")->required()->check(CLI::Range(1u, 100000u));
    cmd->add_option("COMMAND", a.commands, "Whole command lines, tag included, e.g. 'a STORE 3 +FLAGS (\\Seen)'");
    cmd->add_option("--lang", a.lang, "Language (default: from $LANG)")->check(CLI::IsMember({"ru", "en", "auto"}));
    cmd->add_option("--color", a.color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    cmd->add_option("--progress", a.progress, "Progress file (default: $XDG_DATA_HOME/imaplab/progress.json)");
    cmd->add_flag("--no-progress", a.no_progress, "Neither read nor write a progress file");
    cmd->add_flag("--answer", a.show_answer, "Print the model answer instead of grading");
    return cmd;
}

std::string render_attempt(const Exercise& x, const ExerciseGrade& g, std::uint32_t attempts, const RenderOptions& o) {
    const bool ru = o.lang == Language::Ru;
    std::string s;
    for (const auto& line : g.lines) {
        const bool client = line.rfind("C: ", 0) == 0;
        std::string shown = line;
        for (std::size_t p = 0; (p = shown.find("\r\n", p)) != std::string::npos;) shown.replace(p, 2, "\n   ");
        s += paint(o, client ? "1" : "36", shown) + "\n";
    }
    if (g.passed) {
        s += paint(o, "32", ru ? "✓ Выполнено" : "✓ Done") + "\n";
        return s;
    }
    s += paint(o, "31", ru ? "✗ Пока нет:" : "✗ Not yet:") + "\n";
    for (const auto& c : g.goal)
        if (!c.passed) s += "  " + (ru ? std::string("нужно: ") : std::string("wanted: ")) + c.expectation.describe(o.lang) + "; " + c.actual + "\n";
    for (const auto& f : g.feedback) s += wrap_text(f.get(o.lang), o.width, "  ");
    if (attempts >= 2) s += wrap_text((ru ? "Подсказка: " : "Hint: ") + x.hint.get(o.lang), o.width, "  ");
    return s;
}

int run_exercise(const ExerciseArgs& a) {
    auto loaded = load_lesson_file(a.file);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().to_string().c_str());
        return 2;
    }
    const Lesson& lesson = *loaded;
    if (a.step == 0 || a.step > lesson.steps.size() || !lesson.steps[a.step - 1].exercise) {
        std::fprintf(stderr, "%s: step %u is not an exercise\n", a.file.c_str(), a.step);
        return 2;
    }
    RenderOptions o;
    o.lang = a.lang == "ru" ? Language::Ru : a.lang == "en" ? Language::En : language_from_environment();
    o.color = want_color(a.color);
    o.width = terminal_width();
    const Exercise& x = *lesson.steps[a.step - 1].exercise;
    out(wrap_text(x.task.get(o.lang), o.width));
    if (a.show_answer) {
        for (const auto& line : x.answer) out(line + "\n");
        return 0;
    }
    if (a.commands.empty()) {
        std::fprintf(stderr, "imaplab-cli exercise: give the command lines to grade (or --answer)\n");
        return 2;
    }
    auto g = grade_exercise(lesson, a.step, a.commands);
    if (!g) {
        std::fprintf(stderr, "%s\n", g.error().c_str());
        return 2;
    }
    const std::string path = a.no_progress ? "" : (a.progress.empty() ? Progress::default_path() : a.progress);
    std::uint32_t attempts = 1;
    if (auto p = open_progress(path)) {
        attempts = p->record(lesson.id, a.step, g->passed).attempts;
        save_progress(*p, path);
    }
    out(render_attempt(x, *g, attempts, o));
    std::fflush(stdout);
    return g->passed ? 0 : 1;
}

bool interactive_exercise(const Lesson& lesson, std::uint32_t step, const RenderOptions& o, const std::string& progress_path) {
    const Exercise& x = *lesson.steps[step - 1].exercise;
    const bool ru = o.lang == Language::Ru;
    std::optional<Progress> progress = open_progress(progress_path);
    out("\n" + paint(o, "1;33", ru ? "Упражнение: " : "Exercise: ") + wrap_text(x.task.get(o.lang), o.width));
    out(paint(o, "2", ru ? "Введите команду(ы) с тегом; пустая строка — проверить; ? — ответ; s — пропустить"
                         : "Type command(s) with a tag; empty line: check; ?: show the answer; s: skip") +
        "\n");
    std::vector<std::string> lines;
    std::uint32_t attempts = progress && progress->find(lesson.id, step) ? progress->find(lesson.id, step)->attempts : 0;
    std::string line;
    while (true) {
        out(lines.empty() ? "> " : ". ");
        std::fflush(stdout);
        if (!std::getline(std::cin, line)) return false;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (lines.empty() && (line == "s" || line == "S")) return false;
        if (lines.empty() && line == "?") {
            out((ru ? "Ответ:\n" : "Answer:\n"));
            for (const auto& a : x.answer) out("  " + a + "\n");
            continue;
        }
        if (!line.empty()) {
            lines.push_back(line);
            continue;
        }
        if (lines.empty()) continue;
        auto g = grade_exercise(lesson, step, lines);
        lines.clear();
        if (!g) return false;
        ++attempts;
        if (progress) {
            progress->record(lesson.id, step, g->passed);
            save_progress(*progress, progress_path);
        }
        out(render_attempt(x, *g, attempts, o));
        if (g->passed) return true;
    }
}

}  // namespace imaplab::cli
