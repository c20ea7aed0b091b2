#pragma once
// The application behind the window: runs the lesson once, keeps the prepared models for the
// current step, lays out the four panels, and applies the UiActions the panels emit after each
// frame. main.cpp owns only the GLFW/ImGui loop around it.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "explain_model.hpp"
#include "exercise_model.hpp"
#include "lesson/explainer.hpp"
#include "lesson/lesson_run.hpp"
#include "net/server.hpp"
#include "trace/connection_log.hpp"
#include "log_model.hpp"
#include "step_model.hpp"
#include "theme.hpp"
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

    /// The line explainer's data (lessons/explain/explain.json); null with `error` when it could
    /// not be loaded (the panel then shows the error).
    void set_explainer(std::unique_ptr<const Explainer> explainer, std::string error);

    /// Where exercise attempts are recorded (lesson/progress.hpp; the file imaplab-cli exercise
    /// uses). "" records nothing. Reads the current step's entry (attempts, passed).
    void set_progress_path(std::string path);

    /// Selects protocol-log line `number` (1-based, in log order) as if clicked, for --explain-line.
    /// Error: there is no such line at the current step (the message says how many there are).
    std::string preselect_line(std::size_t number);

    /// Types `lines` into the exercise box and grades them, as if Check was pressed, for
    /// --exercise-try. Error: the current step is not an exercise, or the attempt could not be graded.
    std::string try_exercise(const std::vector<std::string>& lines);

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
    /// The text scale the fonts should have: `base` (from the window size) times the user's zoom
    /// (times the presenter zoom in presenter mode).
    float font_scale(float base) const { return base * ui_.zoom * (ui_.presenter.on ? ui_.presenter.zoom : 1.0f); }

    // Window infrastructure: scripts (gui/script.hpp), export, presenter mode.
    /// Queues `a` as a view's click would; the next apply() runs it (the path --script takes).
    void push(UiAction a) { actions_.push_back(std::move(a)); }
    /// The error of the last action that failed since the last call (an export, a protocol-log
    /// line that does not exist), or "" ; clears it.
    std::string take_error() { return std::exchange(error_, std::string()); }
    /// The shown session as a C:/S: transcript (trace/connection_log.hpp to_transcript): in a
    /// lesson the followed client's lines up to the current step (the graded attempt's on an
    /// exercise step that shows it), in serve mode the shown connection's lines.
    std::string shown_transcript() const;
    /// The palette the window draws with: normal, or presenter mode's high-contrast one.
    theme::Palette palette() const {
        return !ui_.presenter.on ? theme::Palette::Normal : ui_.presenter.light ? theme::Palette::Light : theme::Palette::Dark;
    }
    /// True while something animates (Play), so the loop should not sleep.
    bool busy() const { return ui_.playing || serving(); }

private:
    void set_step(std::uint32_t step);
    void refresh_step();
    /// The protocol log the panels show: the graded attempt's, or the lesson's (or a connection's).
    const LogModel& shown_log() const { return attempt_shown() ? *exercise_.log : log_; }
    /// The panels show the graded attempt at the current exercise step.
    bool attempt_shown() const {
        return !serving() && exercise_.grade && exercise_.log && exercise_.step == ui_.step && ui_.show_attempt;
    }
    /// Rebuilds the explainer's rows for the selected line, the shown log and the language.
    void refresh_explain();
    /// Clears the line selection (the shown log changed under it).
    void clear_selection();
    /// Resets the exercise model for the current step (reads its progress entry).
    void enter_exercise_step();
    void check_exercise();
    /// The connection the panels follow at `step`: on an exercise step the learner's client, else 1.
    std::uint32_t connection_at(std::uint32_t step) const;
    void handle_keyboard();
    void apply_one(const UiAction& a);
    /// Serve mode: takes the server's new events and connection list; rebuilds the shown
    /// connection's models when it has new events.
    void refresh_network();
    void show_connection(std::uint32_t id);
    void save_transcript();
    /// Writes the shown session as a pcap (the same transcript → chunks → file path as
    /// `imaplab-cli export-pcap`, trace/pcap_export.hpp) or as a transcript to `path`; sets
    /// ui_.export_message, and error_ when it fails.
    void export_pcap(const std::string& path);
    void export_transcript(const std::string& path);
    /// The export dialog's default file name: "LESSON-stepN.pcap", serve mode "connection-N.pcap".
    std::string default_export_name() const;

    std::unique_ptr<LessonRun> run_;
    Fonts fonts_;
    UiState ui_;
    LogModel log_;
    ViewCache cache_;
    StepModel step_;
    UiActions actions_;
    std::string shown_for_;
    ViewCache attempt_cache_;

    // Line explainer and exercises.
    std::unique_ptr<const Explainer> explainer_;
    std::string explainer_error_ = "the explanations are not loaded";
    ExplainModel explain_;
    ExerciseModel exercise_;
    std::string progress_path_;  ///< the shown_mailbox the step model was built for

    // Serve mode.
    net::Server* server_ = nullptr;
    const Timeline* trace_ = nullptr;
    ConnectionLog connections_;
    NetworkModel network_;
    std::size_t shown_events_ = 0;  ///< events of the shown connection the models were built from
    std::string transcripts_dir_, fallback_dir_;
    std::string fixture_;  ///< serve mode: the server's --fixture ("" = empty INBOX)
    Timeline empty_;
    std::string error_;  ///< the last failed action's error (take_error)
};

}  // namespace imaplab::gui
