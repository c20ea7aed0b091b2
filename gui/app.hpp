#pragma once
// The application behind the window: runs the lesson once, keeps the prepared models for the
// current step, lays out the four panels, and applies the UiActions the panels emit after each
// frame. main.cpp owns only the GLFW/ImGui loop around it.
#include <cstdint>
#include <memory>

#include "lesson/lesson_run.hpp"
#include "net/server.hpp"
#include "trace/connection_log.hpp"
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

    /// Serve mode (`imaplab --serve`): the Network panel replaces the lesson, and the other panels
    /// show the chosen connection of `server`, whose events `trace` receives. Both outlive the App.
    /// Transcripts are saved into `transcripts_dir` (or `fallback_dir` when it is not writable),
    /// naming `fixture` (the server's --fixture; "" for the default empty INBOX) so they open as lessons.
    void attach_server(net::Server* server, const Timeline* trace, std::vector<std::string> addresses,
                       std::string transcripts_dir, std::string fallback_dir, std::string fixture = "");
    bool serving() const { return server_ != nullptr; }
    /// Serve mode: the shown connection's events (null when none is shown).
    const Timeline* shown_connection() const;

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
    bool busy() const { return ui_.playing || serving(); }

private:
    void set_step(std::uint32_t step);
    void refresh_step();
    void handle_keyboard();
    void apply_one(const UiAction& a);
    /// Serve mode: takes the server's new events and connection list; rebuilds the shown
    /// connection's models when it has new events.
    void refresh_network();
    void show_connection(std::uint32_t id);
    void save_transcript();

    std::unique_ptr<LessonRun> run_;
    Fonts fonts_;
    UiState ui_;
    LogModel log_;
    ViewCache cache_;
    StepModel step_;
    UiActions actions_;
    std::string shown_for_;  ///< the shown_mailbox the step model was built for

    // Serve mode.
    net::Server* server_ = nullptr;
    const Timeline* trace_ = nullptr;
    ConnectionLog connections_;
    NetworkModel network_;
    std::size_t shown_events_ = 0;  ///< events of the shown connection the models were built from
    std::string transcripts_dir_, fallback_dir_;
    std::string fixture_;  ///< serve mode: the server's --fixture ("" = empty INBOX)
    Timeline empty_;
};

}  // namespace imaplab::gui
