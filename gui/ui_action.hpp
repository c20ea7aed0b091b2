#pragma once
// What a view asks for. Views push UiActions while drawing; App::apply runs them after the frame,
// so nothing a view reads changes under it mid-frame.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "ui_state.hpp"

namespace imaplab::gui {

struct UiAction {
    enum class Kind : std::uint8_t {
        Step,           ///< next step (stops Play at the end)
        Back,           ///< previous step
        TogglePlay,     ///< Play <-> Pause
        Reset,          ///< back to step 0, Play stopped, selections cleared
        JumpTo,         ///< `step`
        SetLanguage,    ///< `language`
        SetSpeed,       ///< `seconds_per_step`
        SelectLine,     ///< protocol-log line `line` clicked (nullopt clears)
        ToggleLiteral,  ///< expand/collapse `literal`
        ShowMailbox,    ///< list `mailbox`'s messages ("" = follow the session)
        SetLogColumns,  ///< the protocol log is now `columns` monospace characters wide: rewrap
        Zoom,           ///< text size: `columns` > 0 larger, < 0 smaller, 0 back to normal
        SelectConnection,  ///< serve mode: show connection `step` (its id) in the other panels
        SaveTranscript,    ///< serve mode: write the shown connection's session as a transcript
        ResetAccounts,     ///< serve mode: reset account `mailbox` to its fixture ("" = every account)
        SetExerciseInput,  ///< the exercise's input box now holds `text`
        CheckExercise,     ///< grade the input box's lines as one attempt at the current exercise step
        ShowAnswer,        ///< show the exercise's model answer
        ShowAttempt,       ///< the panels show the graded attempt (`columns` != 0) or the lesson's run (0)
        // Message inspector (issue 6):
        InspectMessage,    ///< open the inspector on `mailbox`'s message `uid`
        CloseInspector,    ///< close it
        InspectPart,       ///< show part `text` (a part number) in the MIME tab
        InspectFetchItem,  ///< show FETCH item number `columns` (index into the suggested items)
        SetInspectItemText,  ///< the inspector's FETCH item box now holds `text`
        FetchInspectItem,    ///< fetch the item in the box and show its answer
        // Window infrastructure (script, export, presenter mode).
        ExportPcap,        ///< write the shown session as a pcap file to `text` (trace/pcap_export.hpp)
        ExportTranscript,  ///< write the shown session as a C:/S: transcript to `text`
        SetPresenter,      ///< presenter mode on (`columns` != 0) or off (0)
        TogglePresenter,   ///< presenter mode on <-> off (F5)
        OpenExportDialog,  ///< show the "Export pcap…" dialog (its path box starts at `text`)
        CloseExportDialog, ///< hide it
        Playground,        ///< the playground window's verb `mailbox` with argument `text` (gui/playground_app.hpp)
    };
    Kind kind = Kind::Step;
    std::uint32_t step = 0;
    Language language = Language::En;
    float seconds_per_step = 3.0f;
    std::optional<std::size_t> line;
    LiteralKey literal;
    std::string mailbox;
    int columns = 0;
    std::string text;
    std::uint32_t uid = 0;  ///< InspectMessage
};

/// Constructors that read like the action they make: ctx.push(action::jump_to(3)).
namespace action {
inline UiAction make(UiAction::Kind k) {
    UiAction a;
    a.kind = k;
    return a;
}
inline UiAction step() { return make(UiAction::Kind::Step); }
inline UiAction back() { return make(UiAction::Kind::Back); }
inline UiAction toggle_play() { return make(UiAction::Kind::TogglePlay); }
inline UiAction reset() { return make(UiAction::Kind::Reset); }
inline UiAction jump_to(std::uint32_t s) {
    UiAction a = make(UiAction::Kind::JumpTo);
    a.step = s;
    return a;
}
inline UiAction set_language(Language l) {
    UiAction a = make(UiAction::Kind::SetLanguage);
    a.language = l;
    return a;
}
inline UiAction set_speed(float seconds_per_step) {
    UiAction a = make(UiAction::Kind::SetSpeed);
    a.seconds_per_step = seconds_per_step;
    return a;
}
inline UiAction select_line(std::optional<std::size_t> line) {
    UiAction a = make(UiAction::Kind::SelectLine);
    a.line = line;
    return a;
}
inline UiAction toggle_literal(LiteralKey key) {
    UiAction a = make(UiAction::Kind::ToggleLiteral);
    a.literal = key;
    return a;
}
inline UiAction show_mailbox(std::string mailbox) {
    UiAction a = make(UiAction::Kind::ShowMailbox);
    a.mailbox = std::move(mailbox);
    return a;
}
inline UiAction select_connection(std::uint32_t id) {
    UiAction a = make(UiAction::Kind::SelectConnection);
    a.step = id;
    return a;
}
inline UiAction save_transcript() { return make(UiAction::Kind::SaveTranscript); }
/// `user` "" resets every account (imaplab-cli admin reset --all).
inline UiAction reset_accounts(std::string user) {
    UiAction a = make(UiAction::Kind::ResetAccounts);
    a.mailbox = std::move(user);
    return a;
}
inline UiAction set_exercise_input(std::string text) {
    UiAction a = make(UiAction::Kind::SetExerciseInput);
    a.text = std::move(text);
    return a;
}
inline UiAction check_exercise() { return make(UiAction::Kind::CheckExercise); }
inline UiAction show_answer() { return make(UiAction::Kind::ShowAnswer); }
inline UiAction show_attempt(bool on) {
    UiAction a = make(UiAction::Kind::ShowAttempt);
    a.columns = on ? 1 : 0;
    return a;
}
inline UiAction set_log_columns(int columns) {
    UiAction a = make(UiAction::Kind::SetLogColumns);
    a.columns = columns;
    return a;
}
inline UiAction zoom(int direction) {
    UiAction a = make(UiAction::Kind::Zoom);
    a.columns = direction;
    return a;
}
// Message inspector (issue 6).
inline UiAction inspect_message(std::string mailbox, std::uint32_t uid) {
    UiAction a = make(UiAction::Kind::InspectMessage);
    a.mailbox = std::move(mailbox);
    a.uid = uid;
    return a;
}
inline UiAction close_inspector() { return make(UiAction::Kind::CloseInspector); }
inline UiAction inspect_part(std::string part_number) {
    UiAction a = make(UiAction::Kind::InspectPart);
    a.text = std::move(part_number);
    return a;
}
inline UiAction inspect_fetch_item(int index) {
    UiAction a = make(UiAction::Kind::InspectFetchItem);
    a.columns = index;
    return a;
}
inline UiAction set_inspect_item_text(std::string text) {
    UiAction a = make(UiAction::Kind::SetInspectItemText);
    a.text = std::move(text);
    return a;
}
inline UiAction fetch_inspect_item() { return make(UiAction::Kind::FetchInspectItem); }
inline UiAction export_pcap(std::string path) {
    UiAction a = make(UiAction::Kind::ExportPcap);
    a.text = std::move(path);
    return a;
}
inline UiAction export_transcript(std::string path) {
    UiAction a = make(UiAction::Kind::ExportTranscript);
    a.text = std::move(path);
    return a;
}
inline UiAction set_presenter(bool on) {
    UiAction a = make(UiAction::Kind::SetPresenter);
    a.columns = on ? 1 : 0;
    return a;
}
inline UiAction toggle_presenter() { return make(UiAction::Kind::TogglePresenter); }
inline UiAction open_export_dialog(std::string path = "") {
    UiAction a = make(UiAction::Kind::OpenExportDialog);
    a.text = std::move(path);
    return a;
}
inline UiAction close_export_dialog() { return make(UiAction::Kind::CloseExportDialog); }
}  // namespace action

using UiActions = std::vector<UiAction>;

}  // namespace imaplab::gui
