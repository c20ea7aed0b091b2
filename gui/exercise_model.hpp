#pragma once
// An exercise step in the window: the last graded attempt (lesson/lesson_run.hpp grade_exercise),
// the attempts and "passed" as recorded in the progress file (lesson/progress.hpp, the same file
// as imaplab-cli exercise), and the attempt's own timeline prepared for the panels. Changed only
// by App::apply (UiAction CheckExercise), reset when the step changes.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson_run.hpp"
#include "log_model.hpp"
#include "step_model.hpp"

namespace imaplab::gui {

struct ExerciseModel {
    std::uint32_t step = 0;       ///< the exercise step this is about (0: not an exercise step)
    std::uint32_t attempts = 0;   ///< graded attempts so far (from the progress file when there is one)
    bool passed = false;          ///< some attempt passed (progress file or this session)
    std::string message;          ///< a problem to show: nothing typed, the progress file is broken
    /// The last graded attempt (its timeline is what the panels show while `ui.show_attempt`).
    std::unique_ptr<const ExerciseGrade> grade;
    std::unique_ptr<LogModel> log;  ///< the attempt's protocol log (points into grade->timeline)
};

/// The command lines of `input`: one per line, trailing CR and spaces removed, empty lines dropped.
std::vector<std::string> exercise_lines(const std::string& input);

}  // namespace imaplab::gui
