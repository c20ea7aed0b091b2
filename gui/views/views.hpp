#pragma once
// The four panels. Each draws its content inside a window that App has already begun, reads the
// models and the UiState, and pushes UiActions; none of them changes anything while drawing.
#include <imgui.h>

#include "i18n.hpp"
#include "lesson/lesson_run.hpp"
#include <string>
#include <vector>

#include "explain_model.hpp"
#include "inspector_model.hpp"
#include "exercise_model.hpp"
#include "log_model.hpp"
#include "net/server.hpp"
#include "step_model.hpp"
#include "ui_action.hpp"
#include "ui_state.hpp"

namespace imaplab::gui {

struct Fonts {
    ImFont* ui = nullptr;       ///< DejaVu Sans (Latin + Cyrillic + arrows)
    ImFont* bold = nullptr;     ///< DejaVu Sans Bold, same size
    ImFont* heading = nullptr;  ///< DejaVu Sans Bold, larger
    ImFont* mono = nullptr;     ///< DejaVu Sans Mono, for protocol text
};

/// Serve mode (`imaplab --serve`): what the Network panel shows, refreshed by App every frame.
struct NetworkModel {
    std::vector<std::string> addresses;        ///< "127.0.0.1:1143", "127.0.0.1:1993 (tls)"
    std::vector<net::ConnectionInfo> connections;  ///< live connections, by id
    std::vector<std::string> last_command;     ///< per row of `connections`: its last command line
    std::uint32_t selected = 0;                ///< connection shown in the other panels (0: none)
    std::string save_message;                  ///< result of the last "Save as transcript" or reset
};

struct ViewContext {
    const LessonRun& run;
    const UiState& ui;
    const LogModel& log;
    const StepModel& step;
    const Fonts& fonts;
    UiActions& actions;
    const NetworkModel* network = nullptr;  ///< serve mode only
    const ExplainModel* explain = nullptr;    ///< the selected line, explained
    const ExerciseModel* exercise = nullptr;  ///< the current step's exercise (lesson mode only)
    bool attempt_shown = false;               ///< `log` and `step` are the graded attempt's
    const InspectorModel* inspector = nullptr;  ///< the message inspector's chosen message (issue 6)

    Language lang() const { return ui.language; }
    const char* tr(const char* en, const char* ru) const { return gui::tr(ui.language, en, ru); }
    void push(UiAction a) const { actions.push_back(std::move(a)); }
};

void draw_state_diagram(const ViewContext& ctx);
void draw_protocol_log(const ViewContext& ctx);
void draw_mailboxes(const ViewContext& ctx);
/// The lesson panel; on an exercise step also the task, the input box, the graded attempt,
/// feedback, hint and answer.
void draw_lesson(const ViewContext& ctx);
/// The line explainer: the selected protocol-log line's tokens, their meaning and RFC section.
void draw_explain(const ViewContext& ctx);
/// Height the explainer panel wants for `model` at the current font (title bar included).
float explain_panel_height(const ExplainModel& model, const Fonts& fonts, float width);
/// Serve mode's panel in place of the lesson: listening addresses, how to connect, the table of
/// connections (select one to show it), "Save as transcript".
void draw_network(const ViewContext& ctx);
/// The message inspector (issue 6): raw source, header table, MIME tree with decoded text, FETCH
/// answers of the message chosen in the message table. Draws its own window; nothing when closed.
void draw_inspector(const ViewContext& ctx);

}  // namespace imaplab::gui
