#pragma once
// Plays a lesson against the simulated server: builds the store from the fixture, connects one
// simulated client, sends each step's lines as real bytes, and checks the step's expectations.
// Deterministic: the same lesson gives the same timeline, byte for byte.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"

namespace imaplab {

struct StepCheck {
    std::uint32_t step = 0;  ///< 1-based lesson step
    Expectation expectation;
    bool passed = false;
    std::string actual;  ///< what was found instead, when it failed
};

/// The grade of one attempt at an exercise.
struct ExerciseGrade {
    bool passed = false;
    std::vector<StepCheck> goal;             ///< each goal expectation, checked after the attempt
    std::vector<LocalizedText> feedback;     ///< the feedback whose condition held (wrong attempts only)
    std::vector<std::string> lines;          ///< the attempt's protocol lines, "C: ..." / "S: ..."
    Timeline timeline;                       ///< the replay: the lesson up to the step before, then the attempt
};

/// Grades the learner's `lines` (whole commands, as typed, tag included) at exercise step `step`
/// (1-based): the lesson is replayed up to the step before (deterministically), the lines are
/// sent as the step's client, and the exercise's goal is checked on the resulting state and
/// responses. Error: the step is not an exercise.
Result<ExerciseGrade, std::string> grade_exercise(const Lesson& lesson, std::uint32_t step, const std::vector<std::string>& lines);

class MailStore;
class Account;

/// Replays `lesson` up to and including step `step` (0: the fixture and the greeting; steps past
/// the end are clamped), exactly as LessonRun plays it, and calls `visit` with the store as it is
/// then and the account IMAP client `connection` is logged in as (nullptr when it is not). For
/// views that need more than the timeline carries (the message inspector reads message texts).
void visit_store_at_step(const Lesson& lesson, std::uint32_t step, std::uint32_t connection,
                         const std::function<void(const MailStore&, const Account*)>& visit);

class LessonRun {
public:
    /// Runs the whole lesson. Never throws on protocol errors: they are part of the timeline.
    explicit LessonRun(const Lesson& lesson);
    ~LessonRun();
    LessonRun(const LessonRun&) = delete;
    LessonRun& operator=(const LessonRun&) = delete;

    const Lesson& lesson() const { return lesson_; }
    const Timeline& timeline() const { return timeline_; }
    /// Number of lesson steps (step 0, the setup, is not counted).
    std::uint32_t step_count() const { return static_cast<std::uint32_t>(lesson_.steps.size()); }
    const std::vector<StepCheck>& checks() const { return checks_; }
    /// The first failed check, if any.
    std::optional<StepCheck> first_failure() const;

private:
    Lesson lesson_;
    Timeline timeline_;
    std::vector<StepCheck> checks_;
};

}  // namespace imaplab
