#pragma once
// The four panels. Each draws its content inside a window that App has already begun, reads the
// models and the UiState, and pushes UiActions; none of them changes anything while drawing.
#include <imgui.h>

#include "i18n.hpp"
#include "lesson/lesson_run.hpp"
#include "log_model.hpp"
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

struct ViewContext {
    const LessonRun& run;
    const UiState& ui;
    const LogModel& log;
    const StepModel& step;
    const Fonts& fonts;
    UiActions& actions;

    Language lang() const { return ui.language; }
    const char* tr(const char* en, const char* ru) const { return gui::tr(ui.language, en, ru); }
    void push(UiAction a) const { actions.push_back(std::move(a)); }
};

void draw_state_diagram(const ViewContext& ctx);
void draw_protocol_log(const ViewContext& ctx);
void draw_mailboxes(const ViewContext& ctx);
void draw_lesson(const ViewContext& ctx);

}  // namespace imaplab::gui
