#pragma once
// The message inspector's window, prepared (issue 6): the chosen message of a lesson's mailbox at
// the current step, taken apart by simulator/inspect (source lines, header table, MIME tree,
// decoded text, FETCH answers). Built when the chosen message or the step changes, never per frame.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspect/message_inspector.hpp"
#include "lesson/lesson.hpp"
#include "ui_action.hpp"
#include "ui_state.hpp"

namespace imaplab {
class MailStore;
class Account;
}  // namespace imaplab

namespace imaplab::gui {

/// One FETCH item's answer, ready to draw.
struct InspectorFetch {
    std::string item;                ///< as asked, e.g. "BODY[1.2]"
    std::vector<std::string> lines;  ///< the value inside "* n FETCH (...)", split at CRLF, printable
    std::string tagged;              ///< the tagged completion (printable)
    bool ok = false;
};

struct InspectorModel {
    bool open = false;         ///< a message is chosen
    std::string mailbox;       ///< as chosen
    std::uint32_t uid = 0;
    std::uint32_t step = 0;    ///< the step whose store it was read from
    std::string error;         ///< why there is nothing to show (no such message, serve mode ...)
    std::optional<InspectorData> data;
    std::vector<InspectorFetch> fetches;  ///< one per data->inspection.fetch_items
    std::string first_text_part;          ///< part number of the first text part ("" when none)
    std::optional<InspectorFetch> custom; ///< the answer to the item typed into the box
};

/// The answer to `item` (typed by the learner), from the model's FetchPreviewer; nullopt when the
/// model has no message.
std::optional<InspectorFetch> fetch_custom_item(const InspectorModel& model, const std::string& item);

/// Reads UID `uid` of `mailbox` from `lesson`'s store after step `step` (replayed; see
/// visit_store_at_step), as client `connection`'s account has it; FETCH answers as that client
/// sees them (`recent`: the message is \Recent for it). A missing message gives a model with `error`.
InspectorModel build_inspector_model(const Lesson& lesson, std::uint32_t step, std::uint32_t connection,
                                     const std::string& mailbox, std::uint32_t uid, bool recent);

/// Reads UID `uid` of `mailbox` from `store` as it is now, in `account` (nullptr: the first
/// account that has `mailbox`), e.g. the playground's store at its current step; `step` is only
/// recorded in the model. FETCH answers as a session that sees the message \Recent (`recent`) or
/// not. A missing mailbox or message gives a model with `error`.
InspectorModel build_inspector_model(const MailStore& store, const Account* account, std::uint32_t step,
                                     const std::string& mailbox, std::uint32_t uid, bool recent);

/// After `m` was rebuilt: `ui`'s chosen part (the first text part when it has none or `m` lacks
/// it), FETCH item (clamped) and typed item (answered again) made to fit `m`.
void settle_inspector_choice(InspectorModel& m, UiState& ui);

/// Applies an inspector action that keeps the message (InspectPart, InspectFetchItem,
/// SetInspectItemText, FetchInspectItem) to `ui` and `m`; returns false for any other kind.
bool apply_inspector_choice(const UiAction& a, InspectorModel& m, UiState& ui);

/// A model that only says why there is nothing to inspect.
InspectorModel inspector_error(const std::string& mailbox, std::uint32_t uid, std::string error);

}  // namespace imaplab::gui
