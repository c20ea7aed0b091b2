#pragma once
// Everything the window remembers that is not part of the lesson or its timeline: language, current
// step, playback, selections, expanded literals. Views read it; only App::apply changes it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "lesson/lesson.hpp"
#include "prefs.hpp"

namespace imaplab::gui {

/// Identifies one literal of one wire line: (timeline event index, literal number in that line).
struct LiteralKey {
    std::uint64_t event = 0;
    std::uint32_t literal = 0;
    friend auto operator<=>(const LiteralKey&, const LiteralKey&) = default;
};

struct UiState {
    Language language = Language::En;
    float zoom = 1.0f;  ///< text size factor chosen with Ctrl +/− (on top of the window-size scale)

    std::uint32_t step = 0;          ///< 0 = setup (fixture + greeting), 1..step_count = lesson steps
    bool playing = false;
    float seconds_per_step = 3.0f;   ///< Play advances one step this often
    double play_elapsed = 0.0;       ///< seconds since Play last advanced

    /// Mailbox whose messages are listed; "" follows the session (selected mailbox, else INBOX).
    std::string shown_mailbox;

    /// Protocol log: the clicked wire line (index into LogModel::lines) and the tag it carries.
    std::optional<std::size_t> selected_line;
    std::string selected_tag;
    std::set<LiteralKey> expanded_literals;

    /// Exercise steps: the command lines typed so far (several lines = one attempt), whether the
    /// model answer is shown, and whether the panels show the graded attempt (else the lesson's run).
    std::string exercise_input;
    bool answer_shown = false;
    bool show_attempt = true;

    /// Scroll requests, set when the step changes: the log scrolls to the step's lines and the
    /// message table to its first changed row while the counter is positive. They last a few
    /// frames because ImGui clamps a scroll to the content size of the previous frame.
    int scroll_log_frames = 3;
    bool scroll_to_selected = false;  ///< the log scrolls to the selected line instead (--explain-line)
    int scroll_messages_frames = 3;
    int scroll_lesson_frames = 0;  ///< the lesson text scrolls to its end (a graded attempt's result)

    /// Presenter mode (F5, --presenter): larger text (`presenter.zoom` on top of `zoom`), a
    /// high-contrast palette, only `presenter.panels`; PageDown/Space next, PageUp back.
    PresenterPrefs presenter;

    /// The "Export pcap…" dialog: open, the path in its box, and the last export's result.
    bool export_dialog = false;
    std::string export_path;
    std::string export_message;
    bool export_ok = false;  ///< the last export succeeded
};

}  // namespace imaplab::gui
