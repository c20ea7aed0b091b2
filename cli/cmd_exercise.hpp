#pragma once
// Exercises in the terminal: `imaplab-cli exercise LESSON STEP COMMAND...` grades one attempt (for
// scripts, tests and instructors), and the interactive player (`play`) hands the keyboard to the
// learner at an exercise step. Both record attempts in the progress file (lesson/progress.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lesson/lesson.hpp"
#include "lesson/lesson_run.hpp"
#include "render.hpp"

namespace imaplab::cli {

struct ExerciseArgs {
    std::string file;                   ///< lesson file
    std::uint32_t step = 0;             ///< the exercise step (1-based)
    std::vector<std::string> commands;  ///< whole command lines, tag included
    std::string lang = "auto";
    std::string color = "auto";
    std::string progress;               ///< progress file; "" = Progress::default_path()
    bool no_progress = false;           ///< do not read or write a progress file
    bool show_answer = false;           ///< print the model answer instead of grading
};

CLI::App* add_exercise_subcommand(CLI::App& app, ExerciseArgs& args);

/// Exit codes: 0 the attempt passed (or --answer), 1 it did not, 2 the lesson or the step is
/// wrong, or the progress file is broken (it is then left as it is).
int run_exercise(const ExerciseArgs& args);

/// The text shown for one graded attempt: the protocol lines, then "✓ Done" or "✗ Not yet" with
/// each unmet goal and what was found, the feedback, and the hint from the second wrong attempt.
std::string render_attempt(const Exercise& exercise, const ExerciseGrade& grade, std::uint32_t attempts,
                           const RenderOptions& options);

/// Interactive: shows the task and reads commands from stdin until an attempt passes, the learner
/// skips ("s"), or stdin ends; "?" shows the answer. Records attempts in `progress_path` unless it
/// is "". Returns true when the exercise was passed.
bool interactive_exercise(const Lesson& lesson, std::uint32_t step, const RenderOptions& options,
                          const std::string& progress_path);

}  // namespace imaplab::cli
