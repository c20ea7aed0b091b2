#include "cmd_replay.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "lesson/lesson_loader.hpp"
#include "lesson/replay.hpp"
#include "lesson/open_lesson.hpp"
#include "lesson/transcript.hpp"
#include "render.hpp"
#include "terminal.hpp"

namespace imaplab::cli {

namespace fs = std::filesystem;

namespace {

void out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }


/// The lesson that reproduces `transcript` (lesson/open_lesson.hpp), or "" with `why`.
std::string find_lesson_for(const std::string& transcript, std::string& why) {
    std::string found = find_lesson_for_transcript(transcript);
    if (found.empty())
        why = "no lesson in " + (fs::weakly_canonical(transcript).parent_path().parent_path() / "lessons").string() + " names " + transcript +
              " as its \"transcript\"; give --lesson";
    return found;
}

}  // namespace

CLI::App* add_replay_subcommand(CLI::App& app, ReplayArgs& a) {
    auto* cmd = app.add_subcommand("replay", "Replay a recorded transcript's client lines against our server and report each "
                                             "exchange as same or differs, with why.");
    cmd->add_option("TRANSCRIPT", a.transcript, "e.g. transcripts/lecture-cyrus-session.txt")->required();
    cmd->add_option("--lesson", a.lesson, "The lesson that reproduces it (default: found in lessons/)");
    cmd->add_option("--lang", a.lang, "Language of the explanations")->check(CLI::IsMember({"ru", "en", "auto"}));
    cmd->add_option("--color", a.color, "auto, always or never")->check(CLI::IsMember({"auto", "always", "never"}));
    return cmd;
}

int run_replay(const ReplayArgs& a) {
    auto tr = load_transcript_file(a.transcript);
    if (!tr) {
        std::fprintf(stderr, "%s\n", tr.error().to_string().c_str());
        return 2;
    }
    std::string lesson_file = a.lesson, why;
    if (lesson_file.empty() && (lesson_file = find_lesson_for(a.transcript, why)).empty()) {
        std::fprintf(stderr, "imaplab-cli replay: %s\n", why.c_str());
        return 2;
    }
    auto lesson = load_lesson_file(lesson_file);
    if (!lesson) {
        std::fprintf(stderr, "%s\n", lesson.error().to_string().c_str());
        return 2;
    }
    auto replayed = replay_transcript(*lesson, *tr);
    if (!replayed) {
        std::fprintf(stderr, "imaplab-cli replay: %s and %s do not match: %s\n", lesson_file.c_str(), a.transcript.c_str(),
                     replayed.error().c_str());
        return 2;
    }
    const Language lang = a.lang == "ru" ? Language::Ru : a.lang == "en" ? Language::En : language_from_environment();
    const bool ru = lang == Language::Ru;
    const bool color = want_color(a.color);
    std::size_t same = 0, explained = 0, unexplained = 0;
    out(fmt::format("{} {} · {} {}\n", ru ? "Запись" : "Transcript", a.transcript, ru ? "урок" : "lesson", lesson_file));
    for (const auto& x : *replayed) {
        out("\n" + colored(color, "1", x.command.empty() ? (ru ? "(приветствие)" : "(greeting)") : "C: " + x.command) + "\n");
        if (x.same) {
            ++same;
            for (const auto& l : x.ours) out(colored(color, "32", "  = ") + "S: " + l + "\n");
            continue;
        }
        // Line by line: a recorded line we also sent is "=", one we did not is "≠"; our lines the
        // recording lacks follow as "+".
        auto has = [](const std::vector<std::string>& v, const std::string& l) { return std::find(v.begin(), v.end(), l) != v.end(); };
        for (const auto& l : x.recorded) {
            if (l == "...") out(colored(color, "2", "  … ") + (ru ? "(пропуск в записи)" : "(elided in the recording)") + "\n");
            else if (has(x.ours, l)) out(colored(color, "32", "  = ") + "S: " + l + "\n");
            else out(colored(color, "33", ru ? "  ≠ записано: " : "  ≠ recorded: ") + "S: " + l + "\n");
        }
        for (const auto& l : x.ours)
            if (!has(x.recorded, l)) out(colored(color, "36", ru ? "  + у нас:    " : "  + ours:     ") + "S: " + l + "\n");
        const std::string& note = x.why.get(lang);
        if (note.empty()) {
            ++unexplained;
            out(colored(color, "31", ru ? "    почему: урок не объясняет это различие\n" : "    why: the lesson does not explain this difference\n"));
        } else {
            ++explained;
            out(wrap_text((ru ? "почему: " : "why: ") + note, terminal_width(), "    "));
        }
    }
    out(fmt::format("\n{}: {} {}, {} {}, {} {}\n", ru ? "Итого" : "Total", same, ru ? "совпадают" : "same", explained,
                    ru ? "отличаются с объяснением" : "differ, explained", unexplained,
                    ru ? "отличаются без объяснения" : "differ, unexplained"));
    std::fflush(stdout);
    return unexplained ? 1 : 0;
}

}  // namespace imaplab::cli
