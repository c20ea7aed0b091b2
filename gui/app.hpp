#pragma once
// The application behind the window: runs the lesson once, keeps the prepared models for the
// current step, lays out the four panels, and applies the UiActions the panels emit after each
// frame. main.cpp owns only the GLFW/ImGui loop around it.
#include <cstdint>
#include <memory>

#include "lesson/lesson_run.hpp"
#include "log_model.hpp"
#include "step_model.hpp"
#include "ui_action.hpp"
#include "ui_state.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

class App {
public:
    /// Takes the played lesson and prepares step `initial.step` (clamped to the lesson).
    App(std::unique_ptr<LessonRun> run, UiState initial);

    /// Fonts the panels draw with (set once the ImGui font atlas is loaded).
    void set_fonts(const Fonts& fonts) { fonts_ = fonts; }

    /// Advances Play by `dt` seconds (queues a Step when due).
    void update(double dt);
    /// Draws one frame of the four panels into the current ImGui frame; queues UiActions.
    void draw();
    /// Applies the queued UiActions and ends one-shot requests.
    void apply();

    const LessonRun& run() const { return *run_; }
    const UiState& ui() const { return ui_; }
    std::uint32_t step_count() const { return run_->step_count(); }
    /// The text scale the fonts should have: `base` (from the window size) times the user's zoom.
    float font_scale(float base) const { return base * ui_.zoom; }
    /// True while something animates (Play), so the loop should not sleep.
    bool busy() const { return ui_.playing; }

private:
    void set_step(std::uint32_t step);
    void refresh_step();
    void handle_keyboard();
    void apply_one(const UiAction& a);

    std::unique_ptr<LessonRun> run_;
    Fonts fonts_;
    UiState ui_;
    LogModel log_;
    ViewCache cache_;
    StepModel step_;
    UiActions actions_;
    std::string shown_for_;  ///< the shown_mailbox the step model was built for
};

}  // namespace imaplab::gui
