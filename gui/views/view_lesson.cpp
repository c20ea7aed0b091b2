// The lesson panel: lesson and step titles, the step's narration (ru/en), how it differs from the
// lecture transcript, the step's expectations with ✓/✗ from LessonRun::checks(), and the
// controls: Back, Step, Play/Pause with its speed, Reset, the step counter and a step strip.
// On an exercise step: the task, an input box for command lines (Enter or "Check" grades them as
// one attempt), the graded attempt (each goal ✓/✗ with what was found), the feedback, the hint
// after two wrong attempts, "Show answer", and "passed". Grading happens in App (UiActions).
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>

#include "theme.hpp"
#include "views/view_export.hpp"
#include "views/views.hpp"

#include <imgui_stdlib.h>  // after imgui.h, which it does not include

namespace imaplab::gui {

namespace {

ImVec4 col4(ImU32 c) {
    return ImGui::ColorConvertU32ToFloat4(c);
}

/// A language switch: "RU | EN" as two small toggles.
void language_switch(const ViewContext& ctx) {
    const struct {
        Language lang;
        const char* label;
    } items[] = {{Language::Ru, "RU"}, {Language::En, "EN"}};
    for (const auto& it : items) {
        const bool on = ctx.lang() == it.lang;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, col4(theme::kStateCurrentFill));
        if (ImGui::SmallButton(it.label) && !on) ctx.push(action::set_language(it.lang));
        if (on) ImGui::PopStyleColor();
        ImGui::SameLine(0.0f, 4.0f);
    }
    ImGui::SameLine(0.0f, 10.0f);
    if (ImGui::SmallButton("A−")) ctx.push(action::zoom(-1));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("Smaller text (Ctrl −)", "Мельче (Ctrl −)"));
    ImGui::SameLine(0.0f, 4.0f);
    if (ImGui::SmallButton("A+")) ctx.push(action::zoom(+1));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ctx.tr("Larger text (Ctrl +; Ctrl 0 resets)", "Крупнее (Ctrl +; Ctrl 0 — как было)"));
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

/// Back, Step, Play/Pause, Reset and the step counter "5 / 12".
void controls(const ViewContext& ctx) {
    const UiState& ui = ctx.ui;
    const std::uint32_t n = ctx.run.step_count();
    const float u = ImGui::GetFontSize() / 16.0f;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10.0f * u, 6.0f * u));

    ImGui::BeginDisabled(ui.step == 0);
    if (ImGui::Button(ctx.tr("◀ Back", "◀ Назад"))) ctx.push(action::back());
    ImGui::EndDisabled();
    tooltip(ctx.tr("Previous step (key ←)", "Предыдущий шаг (клавиша ←)"));
    ImGui::SameLine();
    ImGui::BeginDisabled(ui.step >= n);
    ImGui::PushStyleColor(ImGuiCol_Button, col4(theme::rgba(40, 110, 210)));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(theme::rgba(60, 130, 230)));
    if (ImGui::Button(ctx.tr("Step ▶", "Шаг ▶"))) ctx.push(action::step());
    ImGui::PopStyleColor(2);
    ImGui::EndDisabled();
    tooltip(ctx.tr("Send the next step's command (key →)", "Отправить команду следующего шага (клавиша →)"));
    ImGui::SameLine();
    if (ImGui::Button(ui.playing ? ctx.tr("❚❚ Pause###play", "❚❚ Пауза###play") : ctx.tr("▶▶ Play###play", "▶▶ Пуск###play")))
        ctx.push(action::toggle_play());
    tooltip(ctx.tr("Step automatically (space)", "Шаги автоматически (пробел)"));
    ImGui::SameLine();
    if (ImGui::Button(ctx.tr("↺ Reset", "↺ Сначала"))) ctx.push(action::reset());
    tooltip(ctx.tr("Back to the start (Home)", "В начало (Home)"));
    ImGui::SameLine();

    // The counter, large, right-aligned.
    char counter[32];
    std::snprintf(counter, sizeof counter, "%u / %u", ui.step, n);
    ImFont* big = ctx.fonts.heading ? ctx.fonts.heading : ImGui::GetFont();
    ImGui::PushFont(big);
    const float cw = ImGui::CalcTextSize(counter).x;
    const float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 8.0f, right - cw));
    ImGui::TextColored(col4(theme::kAccent), "%s", counter);
    ImGui::PopFont();
    ImGui::PopStyleVar();
}

/// The Play speed, as seconds per step.
void speed_slider(const ViewContext& ctx, float width) {
    float speed = ctx.ui.seconds_per_step;
    ImGui::SetNextItemWidth(width);
    if (ImGui::SliderFloat("##speed", &speed, 0.5f, 10.0f, ctx.tr("Play: %.1f s/step", "Пуск: %.1f с/шаг"))) {
        ctx.push(action::set_speed(speed));
    }
    tooltip(ctx.tr("How long Play waits on each step", "Сколько секунд «Пуск» стоит на каждом шаге"));
}

/// Numbered step buttons 0..n (click to jump), when they fit; otherwise a slider.
void step_strip(const ViewContext& ctx, float width) {
    const UiState& ui = ctx.ui;
    const std::uint32_t n = ctx.run.step_count();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float bw = ImGui::CalcTextSize("00").x + style.FramePadding.x * 2.0f;
    const float need = static_cast<float>(n + 1) * (bw + 3.0f);
    if (need <= width) {
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(3.0f, style.ItemSpacing.y));
        for (std::uint32_t s = 0; s <= n; ++s) {
            ImGui::PushID(static_cast<int>(s));
            bool failed = false;
            for (const StepCheck& c : ctx.run.checks()) failed = failed || (c.step == s && !c.passed);
            const bool cur = s == ui.step;
            const bool done = s < ui.step;
            ImGui::PushStyleColor(ImGuiCol_Button, col4(cur ? theme::kStripCurrent
                                                            : (done ? theme::kStripDone : theme::kStripTodo)));
            if (failed) ImGui::PushStyleColor(ImGuiCol_Text, col4(theme::kBad));
            char label[16];
            std::snprintf(label, sizeof label, "%u", s);
            if (ImGui::Button(label, ImVec2(bw, 0.0f)) && !cur) ctx.push(action::jump_to(s));
            if (failed) ImGui::PopStyleColor();
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered() && s >= 1 && s <= ctx.run.lesson().steps.size()) {
                ImGui::SetTooltip("%s", ctx.run.lesson().steps[s - 1].title.get(ctx.lang()).c_str());
            }
            ImGui::PopID();
            if (s < n) ImGui::SameLine();
        }
        ImGui::PopStyleVar();
    } else {
        int s = static_cast<int>(ui.step);
        ImGui::SetNextItemWidth(width);
        if (ImGui::SliderInt("##jump", &s, 0, static_cast<int>(n))) ctx.push(action::jump_to(static_cast<std::uint32_t>(s)));
    }
}

/// The exercise of the current step: task, input, the graded attempt, feedback, hint, answer.
void exercise_box(const ViewContext& ctx, const Exercise& x, const ExerciseModel& m) {
    const UiState& ui = ctx.ui;
    const Language lang = ctx.lang();
    const float u = ImGui::GetFontSize() / 16.0f;
    ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();
    ImFont* mono = ctx.fonts.mono ? ctx.fonts.mono : ImGui::GetFont();

    ImGui::Spacing();
    ImGui::Separator();
    if (ui.scroll_lesson_frames > 0) ImGui::SetScrollHereY(0.0f);  // a graded attempt: the exercise on top
    ImGui::PushFont(bold);
    ImGui::TextColored(col4(theme::kAccent), "%s", ctx.tr("Exercise", "Упражнение"));
    ImGui::PopFont();
    if (m.passed) {
        ImGui::SameLine();
        ImGui::TextColored(col4(theme::kOk), "%s", ctx.tr("✓ passed", "✓ выполнено"));
    }
    if (m.attempts > 0) {
        ImGui::SameLine();
        ImGui::TextColored(col4(theme::kDim), ctx.tr("· attempts: %u", "· попыток: %u"), m.attempts);
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(x.task.get(lang).c_str());
    ImGui::PopTextWrapPos();

    // The input box: Enter checks, Ctrl+Enter starts another line of the same attempt.
    std::string input = ui.exercise_input;
    ImGui::PushFont(mono);
    const float box_h = ImGui::GetTextLineHeight() * 2.0f + ImGui::GetStyle().FramePadding.y * 2.0f;
    const bool enter = ImGui::InputTextMultiline("##exercise_input", &input, ImVec2(-FLT_MIN, box_h),
                                                 ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine);
    ImGui::PopFont();
    const char* keys = ctx.tr("Enter: check · Ctrl+Enter: new line", "Enter — проверить · Ctrl+Enter — новая строка");
    tooltip(keys);
    if (input != ui.exercise_input) ctx.push(action::set_exercise_input(input));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10.0f * u, 4.0f * u));
    ImGui::PushStyleColor(ImGuiCol_Button, col4(theme::rgba(40, 110, 210)));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, col4(theme::rgba(60, 130, 230)));
    const bool check = ImGui::Button(ctx.tr("Check", "Проверить"));
    ImGui::PopStyleColor(2);
    if (enter || check) ctx.push(action::check_exercise());
    ImGui::SameLine();
    ImGui::BeginDisabled(ui.answer_shown);
    if (ImGui::Button(ctx.tr("Show answer", "Показать ответ"))) ctx.push(action::show_answer());
    ImGui::EndDisabled();
    ImGui::PopStyleVar();
    ImGui::SameLine();
    if (ImGui::CalcTextSize(keys).x <= ImGui::GetContentRegionAvail().x) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(col4(theme::kDim), "%s", keys);
    } else {
        ImGui::NewLine();
    }

    ImGui::PushTextWrapPos(0.0f);
    if (!m.message.empty()) ImGui::TextColored(col4(theme::kNo), "%s", m.message.c_str());

    if (m.grade) {
        const ExerciseGrade& g = *m.grade;
        ImGui::Spacing();
        ImGui::PushFont(bold);
        if (g.passed) {
            ImGui::TextColored(col4(theme::kOk), ctx.tr("Attempt %u: ✓ done", "Попытка %u: ✓ выполнено"), m.attempts);
        } else {
            ImGui::TextColored(col4(theme::kBad), ctx.tr("Attempt %u: ✗ not yet", "Попытка %u: ✗ пока нет"), m.attempts);
        }
        ImGui::PopFont();
        // The switch sits on the result's line when it fits.
        bool shown = ui.show_attempt;
        const char* show_label = ctx.tr("Show in the panels", "Показать на панелях");
        ImGui::SameLine();
        const float show_w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(show_label).x;
        if (show_w + 12.0f * u <= ImGui::GetContentRegionAvail().x)
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - show_w);
        else
            ImGui::NewLine();
        if (ImGui::Checkbox(show_label, &shown))
            ctx.push(action::show_attempt(shown));
        tooltip(ctx.tr("The state diagram, the protocol log and the mailboxes show your attempt (on) or the lesson's answer (off)",
                       "Диаграмма состояний, протокол и ящики показывают вашу попытку (вкл.) или ответ урока (выкл.)"));
        for (const StepCheck& c : g.goal) {
            const std::string what = c.expectation.describe(lang);
            if (c.passed) {
                ImGui::TextColored(col4(theme::kOk), "✓ %s", what.c_str());
            } else {
                // What was found, first line only: the lines it may list are in the protocol log.
                const std::size_t nl = c.actual.find('\n');
                const std::string found = nl == std::string::npos ? c.actual : c.actual.substr(0, nl) + " …";
                ImGui::TextColored(col4(theme::kBad), "✗ %s; %s %s", what.c_str(), ctx.tr("found:", "на деле:"), found.c_str());
                if (nl != std::string::npos) tooltip(c.actual.c_str());
            }
        }
        for (const LocalizedText& f : g.feedback) ImGui::TextColored(col4(theme::kText), "→ %s", f.get(lang).c_str());
        if (!g.passed && m.attempts >= 2 && !x.hint.get(lang).empty()) {
            ImGui::TextColored(col4(theme::kAccent), "%s", ctx.tr("Hint:", "Подсказка:"));
            ImGui::SameLine();
            ImGui::TextUnformatted(x.hint.get(lang).c_str());
        }
    }
    if (ui.answer_shown) {
        ImGui::TextColored(col4(theme::kDim), "%s", ctx.tr("A model answer (any correct commands pass):",
                                                           "Образец ответа (подходит любое верное решение):"));
        ImGui::PushFont(mono);
        for (const std::string& line : x.answer) ImGui::TextColored(col4(theme::kClient), "  %s", line.c_str());
        ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
}

}  // namespace

void draw_lesson(const ViewContext& ctx) {
    const Lesson& lesson = ctx.run.lesson();
    const UiState& ui = ctx.ui;
    const Language lang = ctx.lang();
    ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont();

    // Room for the controls at the bottom: the strip, two rows of controls.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float controls_h = ImGui::GetFrameHeightWithSpacing() + (ImGui::GetTextLineHeight() + 12.0f * ImGui::GetFontSize() / 16.0f + style.ItemSpacing.y) +
                             style.ItemSpacing.y * 2.0f + 4.0f + export_row_height();
    // The step's title (the lesson's own title is in the panel's title bar), the language
    // switch on its right.
    const LessonStep* step = ui.step >= 1 && ui.step <= lesson.steps.size() ? &lesson.steps[ui.step - 1] : nullptr;
    const float switch_w = ImGui::CalcTextSize("RUENA−A+").x + style.FramePadding.x * 8.0f + 4.0f * 2.0f + 10.0f + 12.0f;
    const float title_right = ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - switch_w;
    const ImVec2 title_pos = ImGui::GetCursorPos();
    ImGui::PushFont(bold);
    ImGui::PushTextWrapPos(title_right);
    if (step) {
        ImGui::TextColored(col4(theme::kAccent), ctx.tr("Step %u.", "Шаг %u."), ui.step);
        ImGui::SameLine();
        ImGui::TextUnformatted(step->title.get(lang).c_str());
    } else {
        ImGui::TextColored(col4(theme::kAccent), "%s", ctx.tr("Before the first step: connected, greeting received.",
                                                              "До первого шага: соединение и приветствие сервера."));
    }
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const ImVec2 after_title = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(title_right + 12.0f, title_pos.y));
    language_switch(ctx);
    const float after_switch = title_pos.y + ImGui::GetFontSize() + style.ItemSpacing.y;
    ImGui::SetCursorPos(ImVec2(title_pos.x, std::max(after_title.y, after_switch)));

    ImGui::BeginChild("##lesson_text", ImVec2(0, -controls_h), false);

    ImGui::PushTextWrapPos(0.0f);
    if (step) {
        ImGui::TextUnformatted(step->narration.get(lang).c_str());
    } else {
        ImGui::TextUnformatted(lesson.summary.get(lang).c_str());
        ImGui::Spacing();
        ImGui::TextColored(col4(theme::kDim), "%s", ctx.tr("Press Step (or →) to send the first command.",
                                                           "Нажмите «Шаг» (или →), чтобы отправить первую команду."));
    }
    ImGui::PopTextWrapPos();

    // How this step differs from the lecture's transcript.
    if (step && !step->transcript_note.get(lang).empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_ChildBg, col4(theme::kNoteBg));
        ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 4.0f);
        const std::string& note = step->transcript_note.get(lang);
        const float wrap_w = ImGui::GetContentRegionAvail().x - style.WindowPadding.x * 2.0f;
        const float title_h = ImGui::GetTextLineHeightWithSpacing();
        const float text_h = ImGui::CalcTextSize(note.c_str(), nullptr, false, wrap_w).y;
        ImGui::BeginChild("##note", ImVec2(0, title_h + text_h + style.WindowPadding.y * 2.0f + 2.0f), false,
                          ImGuiWindowFlags_NoScrollbar);
        ImGui::TextColored(col4(theme::kAccent), "%s", ctx.tr("Compared with the lecture transcript:", "По сравнению с записью из лекции:"));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }

    // The exercise, or the expectations of this step.
    if (step && step->exercise && ctx.exercise && ctx.exercise->step == ui.step) {
        exercise_box(ctx, *step->exercise, *ctx.exercise);
    } else if (!ctx.step.checks.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(col4(theme::kDim), "%s", ctx.tr("Checked after this step:", "Проверка после шага:"));
        for (const StepCheck* c : ctx.step.checks) {
            const std::string what = c->expectation.describe(lang);
            ImGui::PushTextWrapPos(0.0f);
            if (c->passed) {
                ImGui::TextColored(col4(theme::kOk), "✓ %s", what.c_str());
            } else {
                ImGui::TextColored(col4(theme::kBad), "✗ %s — %s %s", what.c_str(), ctx.tr("found:", "на деле:"), c->actual.c_str());
            }
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::EndChild();
    draw_export_row(ctx);

    ImGui::Separator();
    // Step strip and Play speed share a row when there is room.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float speed_w = std::min(190.0f * ImGui::GetFontSize() / 16.0f, avail * 0.4f);
    step_strip(ctx, avail - speed_w - style.ItemSpacing.x);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - speed_w);
    speed_slider(ctx, speed_w);
    controls(ctx);
}

}  // namespace imaplab::gui
