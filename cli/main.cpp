// imaplab-cli: the terminal player. It loads a lesson, plays it against the simulated server
// (LessonRun) and prints the resulting timeline step by step (render.hpp). Subcommands:
//   play FILE [--lang ru|en] [--check] [--no-pause] [--color auto|always|never] [--width N]
//   check FILE... [--verbose]
//   trace FILE [--compact]          (the timeline as JSON, trace/trace_json.hpp)
//   admin [--data DIR] reset USER...|--all, admin list   (instructor commands for a running serve, cmd_admin.hpp)
//   export-pcap TRANSCRIPT OUT.pcap [--port 143]   (a session as a capture file, cmd_export_pcap.hpp)
//   serve [--listen HOST:PORT] [--tls-listen HOST:PORT] [--stdio] ...   (the server for real clients, cmd_serve.hpp)
// Exit codes: 0 fine, 1 an expectation failed (--check / check), 2 a lesson did not load,
// 3 an internal error while playing.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cmd_exercise.hpp"
#include "cmd_explain.hpp"
#include "cmd_export.hpp"
#include "cmd_export_pcap.hpp"
#include "cmd_replay.hpp"
#include "cmd_validate.hpp"
#include "cmd_serve.hpp"
#include "cmd_admin.hpp"
#include "lesson/lesson_loader.hpp"
#include "lesson/open_lesson.hpp"
#include "lesson/lesson_run.hpp"
#include "lesson/progress.hpp"
#include "render.hpp"
#include "terminal.hpp"
#include "trace/trace_json.hpp"

namespace {

using namespace imaplab;
using namespace imaplab::cli;

constexpr int kExitOk = 0;
constexpr int kExitCheckFailed = 1;
constexpr int kExitLoadError = 2;
constexpr int kExitInternal = 3;

/// Loads and runs one lesson, or a recorded transcript as a lesson (lesson/open_lesson.hpp). Prints
/// the loader's error (file:line: /json/path: message) or the internal error to stderr and returns
/// nullptr with `exit_code` set.
std::unique_ptr<LessonRun> load_and_run(const std::string& file, int& exit_code) {
    std::optional<Explainer> explainer;
    if (std::filesystem::path(file).extension() == ".txt")
        if (auto e = Explainer::load_file(default_explain_data_path())) explainer.emplace(std::move(e).value());
    auto loaded = open_lesson(file, explainer ? &*explainer : nullptr);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        exit_code = kExitLoadError;
        return nullptr;
    }
    try {
        return std::make_unique<LessonRun>(*loaded);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: internal error while playing the lesson: %s\n", file.c_str(), e.what());
        exit_code = kExitInternal;
        return nullptr;
    }
}

void write(const std::string& s) {
    std::fwrite(s.data(), 1, s.size(), stdout);
}

/// Prints the results of the lesson's expectations; returns the number of failures.
std::size_t report_checks(const LessonRun& run, const std::string& prefix) {
    std::size_t failed = 0;
    for (const auto& c : run.checks()) {
        if (c.passed) continue;
        ++failed;
        write(prefix + describe_failure(c) + "\n");
    }
    const std::size_t total = run.checks().size();
    std::string summary = total == 0    ? fmt::format("{}no expectations to check", prefix)
                          : failed == 0 ? fmt::format("{}all {} expectations met", prefix, total)
                                        : fmt::format("{}{} of {} expectations failed", prefix, failed, total);
    write(summary + "\n");
    return failed;
}

struct PlayArgs {
    std::string file;
    std::string lang = "auto";
    bool check = false;
    bool no_pause = false;
    std::string color = "auto";
    std::size_t width = 0;
};

RenderOptions make_options(const std::string& lang, const std::string& color, std::size_t width) {
    RenderOptions o;
    o.lang = lang == "ru" ? Language::Ru : lang == "en" ? Language::En : language_from_environment();
    o.color = want_color(color);
    o.width = width ? width : terminal_width();
    return o;
}

int play(const PlayArgs& a) {
    int rc = kExitOk;
    auto run = load_and_run(a.file, rc);
    if (!run) return rc;
    const RenderOptions o = make_options(a.lang, a.color, a.width);
    const Lesson& lesson = run->lesson();
    const Timeline& timeline = run->timeline();
    const std::uint32_t last = run->step_count();
    const bool interactive = !a.check && !a.no_pause && stdin_is_tty() && stdout_is_tty();

    write(render_header(lesson, o));
    const bool ru = o.lang == Language::Ru;
    std::uint32_t step = 0;
    std::uint32_t exercised = 0;  // the last exercise step handed to the learner
    while (step <= last) {
        if (interactive && step >= 1 && lesson.steps[step - 1].exercise && step > exercised) {
            exercised = step;
            write(fmt::format("\n── {} {}/{} · {}\n", o.lang == Language::Ru ? "шаг" : "step", step, last,
                              lesson.steps[step - 1].title.get(o.lang)));
            interactive_exercise(lesson, step, o, Progress::default_path());
            write(o.lang == Language::Ru ? "Так это выглядит в уроке:\n" : "This is how the lesson does it:\n");
        }
        write("\n" + render_step(lesson, timeline, step, o));
        if (!interactive) {
            ++step;
            continue;
        }
        const bool at_end = step == last;
        std::string prompt =
            at_end ? (ru ? "— конец урока · b назад · Enter/q выход" : "— end of lesson · b back · Enter/q quit")
                   : fmt::format("{} {}/{}", ru ? "[Enter] дальше · b назад · q выход —" : "[Enter] next · b back · q quit —",
                                 step, last);
        write(o.color ? "\x1b[2m" + prompt + "\x1b[0m" : prompt);
        std::fflush(stdout);
        const Key k = read_key();
        write("\r\x1b[K");
        if (k == Key::Quit) {
            std::fflush(stdout);
            return kExitOk;
        }
        if (k == Key::Back) {
            step = step > 0 ? step - 1 : 0;
        } else if (at_end) {
            break;
        } else {
            ++step;
        }
    }
    write("\n");
    const std::size_t failed = report_checks(*run, "");
    std::fflush(stdout);
    return (a.check && failed > 0) ? kExitCheckFailed : kExitOk;
}

int check_all(const std::vector<std::string>& files, bool verbose, const std::string& lang) {
    int rc = kExitOk;
    const RenderOptions o = make_options(lang, "never", 0);
    for (const auto& file : files) {
        int load_rc = kExitOk;
        auto run = load_and_run(file, load_rc);
        if (!run) {
            rc = std::max(rc, load_rc);
            continue;
        }
        if (verbose) {
            write(render_header(run->lesson(), o));
            for (std::uint32_t s = 0; s <= run->step_count(); ++s)
                write("\n" + render_step(run->lesson(), run->timeline(), s, o));
            write("\n");
        }
        if (report_checks(*run, file + ": ") > 0) rc = std::max(rc, kExitCheckFailed);
    }
    std::fflush(stdout);
    return rc;
}

int trace(const std::string& file, bool compact) {
    int rc = kExitOk;
    auto run = load_and_run(file, rc);
    if (!run) return rc;
    write(to_json(run->timeline()).dump(compact ? -1 : 2) + "\n");
    std::fflush(stdout);
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"IMAP Lab terminal player: plays a lesson's IMAP session step by step."};
    app.require_subcommand(1);

    PlayArgs pa;
    auto* play_cmd = app.add_subcommand("play", "Play a lesson step by step (Enter: next, b: back, q: quit).");
    play_cmd->add_option("FILE", pa.file, "Lesson file, e.g. lessons/16-lecture-cyrus-session.json, or a recorded transcript (.txt)")->required();
    play_cmd->add_option("--lang", pa.lang, "Narration language (default: from $LANG)")
        ->check(CLI::IsMember({"ru", "en", "auto"}));
    play_cmd->add_flag("--check", pa.check,
                       "Print everything without pausing, then list failed expectations; exit 1 if any failed");
    play_cmd->add_flag("--no-pause", pa.no_pause, "Print every step without waiting for a key");
    play_cmd->add_option("--color", pa.color, "Colour protocol lines: auto (when stdout is a terminal), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    play_cmd->add_option("--width", pa.width, "Wrap narration to this many columns (default: the terminal's)")
        ->check(CLI::Range(20, 1000));

    std::vector<std::string> check_files;
    bool check_verbose = false;
    std::string check_lang = "en";
    auto* check_cmd = app.add_subcommand("check", "Play several lessons without output and check their expectations.");
    check_cmd->add_option("FILE", check_files, "Lesson files")->required();
    check_cmd->add_flag("-v,--verbose", check_verbose, "Also print every step, as play --check does");
    check_cmd->add_option("--lang", check_lang, "Narration language for --verbose")->check(CLI::IsMember({"ru", "en"}));

    std::string trace_file;
    bool trace_compact = false;
    auto* trace_cmd = app.add_subcommand("trace", "Play a lesson and print its timeline (every trace event) as JSON.");
    trace_cmd->add_option("FILE", trace_file, "Lesson file")->required();
    trace_cmd->add_flag("--compact", trace_compact, "One line instead of indented JSON");

    ServeArgs serve_args;
    auto* serve_cmd = add_serve_subcommand(app, serve_args);

    AdminArgs admin_args;
    auto* admin_cmd = add_admin_subcommand(app, admin_args);

    ExplainArgs explain_args;
    auto* explain_cmd = add_explain_subcommand(app, explain_args);

    ExerciseArgs exercise_args;
    auto* exercise_cmd = add_exercise_subcommand(app, exercise_args);

    ReplayArgs replay_args;
    auto* replay_cmd = add_replay_subcommand(app, replay_args);

    ValidateArgs validate_args;
    auto* validate_cmd = add_validate_subcommand(app, validate_args);

    ExportArgs export_args;
    auto* export_cmd = add_export_subcommand(app, export_args);
    ExportPcapArgs export_pcap_args;
    auto* export_pcap_cmd = add_export_pcap_subcommand(app, export_pcap_args);

    CLI11_PARSE(app, argc, argv);

    if (*play_cmd) return play(pa);
    if (*check_cmd) return check_all(check_files, check_verbose, check_lang);
    if (*trace_cmd) return trace(trace_file, trace_compact);
    if (*serve_cmd) return run_serve(serve_args);
    if (*admin_cmd) return run_admin(admin_args);
    if (*explain_cmd) return run_explain(explain_args);
    if (*exercise_cmd) return run_exercise(exercise_args);
    if (*replay_cmd) return run_replay(replay_args);
    if (*validate_cmd) return run_validate(validate_args);
    if (*export_cmd) return run_export(export_args);
    if (*export_pcap_cmd) return run_export_pcap(export_pcap_args);
    return kExitOk;
}
