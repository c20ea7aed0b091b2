#pragma once
// The playground window (issue 6, `imaplab --playground`): a thin layer over the simulator's
// Playground (simulator/playground/) and console (simulator/console/) libraries. Several clients
// side by side, each with its own console, state diagram and protocol log; a timeline scrubber
// with exact Back (Playground::jump_to) and a mailbox diff between two steps (diff_steps); the
// sequence-number-vs-UID table with its renumbering animation (renumbering, row_position);
// commands in flight at each event of the current step (in_flight_at); IMAP4rev1 and IMAP4rev2
// side by side (compare_versions); export as a transcript, a lesson skeleton and a pcap.
//
// Everything the learner (or a --script) does is one UiAction of kind Playground: `mailbox` is the
// verb, `text` its argument (see PlaygroundApp::run_command). The views push them; apply() runs
// them after the frame, as App does.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "console/completion.hpp"
#include "console/console_input.hpp"
#include "console/highlight.hpp"
#include "console/history.hpp"
#include "console/versions_compare.hpp"
#include "inspector_model.hpp"
#include "lesson/lesson_run.hpp"
#include "log_model.hpp"
#include "playground/playground.hpp"
#include "playground/step_diff.hpp"
#include "step_model.hpp"
#include "theme.hpp"
#include "ui_action.hpp"
#include "ui_state.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

/// The right-hand panel's tabs.
enum class PgPanel : std::uint8_t { SeqUid, Diff, InFlight, Versions };

/// One client's column: its console and the models its views draw.
struct ClientPane {
    std::uint32_t id = 0;
    // Console.
    std::string input;               ///< the input box (edited by the console view)
    std::string analysed_for;        ///< the input `prepared` / `spans` were computed for
    std::string analysed_tag;        ///< ... with this automatic tag
    console::PreparedCommand prepared;
    std::vector<console::Span> spans;
    console::History history;
    bool pipeline = false;               ///< Send queues; "Send all" sends the queue pipelined
    std::vector<std::string> queued;     ///< pipeline mode: commands waiting (as SimulatedClient text)
    std::optional<console::Completion> completion;  ///< the open candidates list
    std::string completion_for;      ///< the input the candidates were computed for (typing closes them)
    int cursor = -1;                 ///< the box's cursor (byte offset), -1 = end
    std::string message;             ///< the last send's error ("" when it went)
    int focus_frames = 0;            ///< focus the box for this many frames
    std::string replace_input;       ///< set by apply(): the box takes this text next frame
    bool replace_pending = false;
    // Views at the current step.
    std::unique_ptr<Timeline> timeline;  ///< this client's events (and the store's), steps kept
    std::unique_ptr<LogModel> log;
    StepModel step;
    std::vector<RenumberRow> renumber;  ///< the seq-vs-UID rows of `step.view` (renumbering()), built once per refresh
    UiState ui;                      ///< per-column selections (line, literals), step = current
    UiActions actions;               ///< what its diagram and log pushed this frame
    int log_columns = 60;
    float console_content_h = 0.0f;  ///< height the console's content took last frame (its child is sized to it)
};

class PlaygroundApp {
public:
    PlaygroundApp(Playground playground, UiState initial);
    ~PlaygroundApp();

    void set_fonts(const Fonts& fonts) { fonts_ = fonts; }
    void update(double dt);
    void draw();
    void apply();
    void push(UiAction a) { actions_.push_back(std::move(a)); }
    std::string take_error() { return std::exchange(error_, std::string()); }
    /// The text scale: `base` times the user's zoom, times presenter mode's zoom when it is on.
    float font_scale(float base) const { return base * ui_.zoom * (ui_.presenter.on ? ui_.presenter.zoom : 1.0f); }
    /// The palette: normal, or presenter mode's high-contrast one (F5, --presenter), as in the lesson window.
    theme::Palette palette() const {
        return !ui_.presenter.on ? theme::Palette::Normal : ui_.presenter.light ? theme::Palette::Light : theme::Palette::Dark;
    }
    /// True while the renumbering animation runs (the loop should not sleep).
    bool busy() const { return !anim_frozen_ && anim_t_ < 1.0; }

    /// Runs one playground verb (the script's and the views' way in):
    ///   add-client | remove-client N | send N TEXT | pipeline N TEXT ; TEXT ... | type N TEXT |
    ///   complete N | choose N K (K-th candidate, 1-based) | history N up|down | queue N on|off |
    ///   send-queue N | watch N | scrub K | back | forward | diff A B | animate-at T | animate-at off |
    ///   panel seq-uid|diff|flight|versions | versions on|off | export-lesson OUT.json |
    ///   export-transcript OUT.txt | export-pcap OUT.pcap |
    ///   inspect UID (the watched client's shown mailbox) | inspect-part PART | inspect-close
    /// Returns "" or the error (a client that is not there, a bad number, a send the playground refused).
    std::string run_command(const std::string& verb, const std::string& arg);

    // What the views read.
    const Playground& playground() const { return pg_; }
    const UiState& ui() const { return ui_; }
    const Fonts& fonts() const { return fonts_; }
    Language lang() const { return ui_.language; }
    std::map<std::uint32_t, ClientPane>& panes() { return panes_; }
    std::uint32_t watched() const { return watched_; }
    PgPanel panel() const { return panel_; }
    bool panel_requested() const { return panel_frames_ > 0; }
    double anim_t() const { return anim_t_; }
    std::uint32_t diff_a() const { return diff_a_; }
    std::uint32_t diff_b() const { return diff_b_; }
    const std::optional<StepDiff>& diff() const { return diff_; }
    const std::string& diff_error() const { return diff_error_; }
    bool versions_on() const { return versions_on_; }
    const std::optional<console::VersionsComparison>& versions() const { return versions_; }
    const std::string& export_message() const { return export_message_; }
    bool export_ok() const { return export_ok_; }
    const LessonRun& empty_run() const { return *empty_run_; }
    /// The message inspector (issue 6): the chosen message of the watched client's account, read
    /// from the store at the current step; `open` false when none is chosen.
    const InspectorModel& inspector() const { return inspector_; }
    /// UI state the inspector view reads (its chosen part, FETCH item, typed item).
    const UiState& inspector_ui() const { return ui_; }
    /// The tag the console gives client `id`'s `k`-th queued command (0 = the next one).
    std::string tag_after(std::uint32_t id, std::size_t k) const;
    /// Re-analyses `pane`'s input when it changed (prepare_input + highlight).
    void analyse(ClientPane& pane) const;
    /// Completion context of client `id` at the current step.
    console::CompletionContext completion_context(std::uint32_t id) const;

private:
    std::string do_send(ClientPane& pane, const std::string& text);
    std::string send_queue(ClientPane& pane);
    std::string jump(std::uint32_t step);
    void refresh();
    void refresh_diff();
    void refresh_versions();
    void refresh_inspector();
    std::string inspect(const std::string& mailbox, std::uint32_t uid);
    void export_transcript(const std::string& path);
    void export_lesson(const std::string& path);
    void export_pcap(const std::string& path);
    void export_done(bool ok, const std::string& message);
    ClientPane* pane(std::uint32_t id);
    void apply_pane_actions(ClientPane& pane);

    Playground pg_;
    std::unique_ptr<LessonRun> empty_run_;  ///< the views' lesson: none (no step titles)
    UiState ui_;
    Fonts fonts_;
    UiActions actions_;
    std::string error_;
    std::map<std::uint32_t, ClientPane> panes_;
    std::uint32_t watched_ = 1;
    PgPanel panel_ = PgPanel::SeqUid;
    int panel_frames_ = 0;
    // Renumbering animation.
    double anim_t_ = 1.0;
    bool anim_frozen_ = false;
    std::uint32_t anim_step_ = 0;
    // Diff.
    std::uint32_t diff_a_ = 0, diff_b_ = 0;
    bool diff_auto_ = true;  ///< follows the current step (A = step - 1, B = step) until `diff A B`
    std::optional<StepDiff> diff_;
    std::string diff_error_;
    // rev1 / rev2.
    bool versions_on_ = false;
    std::optional<console::VersionsComparison> versions_;
    std::string versions_for_;
    // Message inspector.
    InspectorModel inspector_;
    // Export.
    std::string export_message_;
    bool export_ok_ = false;
};

/// Client `id`'s events of `all` (and the store's, connection 0), steps kept: what its protocol
/// log shows.
Timeline client_timeline(const Timeline& all, std::uint32_t id);

/// A Playground action for the views and scripts: `verb` with its argument.
inline UiAction pg_action(std::string verb, std::string arg = "") {
    UiAction a = action::make(UiAction::Kind::Playground);
    a.mailbox = std::move(verb);
    a.text = std::move(arg);
    return a;
}

// The playground's views (gui/views/view_*.cpp).
/// A client's console: the input box, its highlighted echo, the syntax check, completion, Send.
void draw_pg_console(PlaygroundApp& app, ClientPane& pane, UiActions& out);
/// The client columns side by side (state diagram, log, console each).
void draw_pg_clients(PlaygroundApp& app, UiActions& out);
/// The timeline bar: Back / Forward, the scrubber, the step's action.
void draw_pg_timeline(PlaygroundApp& app, UiActions& out);
/// The diff between two steps.
void draw_pg_diff(PlaygroundApp& app, UiActions& out);
/// Sequence numbers vs UIDs, animated; clicking a row opens the message inspector on it.
void draw_pg_seq_uid(PlaygroundApp& app, UiActions& out);
/// The message inspector's window (views/view_inspector.cpp) over the playground, when a message
/// is chosen; its actions go to `out`.
void draw_pg_inspector(PlaygroundApp& app, UiActions& out);
/// Commands in flight at each event of the current step.
void draw_pg_in_flight(PlaygroundApp& app, UiActions& out);
/// rev1 / rev2 side by side.
void draw_pg_versions(PlaygroundApp& app, UiActions& out);

}  // namespace imaplab::gui
