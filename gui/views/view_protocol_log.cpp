// The protocol log: every line that crossed the wire up to the current step, as LogModel prepared
// it. Client lines are blue with "C:", server lines "S:" coloured by kind (tagged OK/NO/BAD,
// untagged "*", continuation "+"). Lines of the current step sit on an accent band; clicking a
// line selects its tag so the command and its tagged completion light up together; literal bytes
// hide behind a "▸ n bytes" toggle. Rows have one height, so ImGuiListClipper draws only what shows.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "theme.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

namespace {

ImU32 line_colour(const WireLine& w) {
    switch (w.kind) {
        case LineKind::ClientCommand:
        case LineKind::ClientContinuation:
            return theme::kClient;
        case LineKind::ServerContinuation:
            return theme::kContinuation;
        case LineKind::ServerTagged:
            switch (w.status) {
                case ResponseStatus::Ok: return theme::kOk;
                case ResponseStatus::No: return theme::kNo;
                case ResponseStatus::Bad: return theme::kBad;
                default: return theme::kServer;
            }
        case LineKind::ServerUntagged:
            switch (w.status) {
                case ResponseStatus::No: return theme::kNo;
                case ResponseStatus::Bad: return theme::kBad;
                case ResponseStatus::Bye: return theme::kBye;
                default: return theme::kServer;
            }
    }
    return theme::kServer;
}

ImU32 fade(ImU32 c, float k) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    v.x *= k;
    v.y *= k;
    v.z *= k;
    return ImGui::ColorConvertFloat4ToU32(v);
}

void legend_chip(ImU32 col, const char* text) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col), "%s", text);
    ImGui::SameLine(0.0f, 14.0f);
}

}  // namespace

void draw_protocol_log(const ViewContext& ctx) {
    const LogModel& log = ctx.log;
    const UiState& ui = ctx.ui;
    const Lesson& lesson = ctx.run.lesson();

    // Legend.
    legend_chip(theme::kClient, ctx.tr("C: client", "C: клиент"));
    legend_chip(theme::kServer, ctx.tr("S: server", "S: сервер"));
    legend_chip(theme::kOk, "OK");
    legend_chip(theme::kNo, "NO");
    legend_chip(theme::kBad, "BAD");
    legend_chip(theme::kServer, ctx.tr("* untagged", "* без тега"));
    legend_chip(theme::kContinuation, ctx.tr("+ continuation", "+ продолжение"));
    ImGui::NewLine();

    ImFont* mono = ctx.fonts.mono ? ctx.fonts.mono : ImGui::GetFont();
    ImGui::PushFont(mono);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(theme::kLogBg));
    ImGui::BeginChild("##log_rows", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysVerticalScrollbar);

    const float char_w = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0.0f, "M").x;
    const float text_w = ImGui::GetContentRegionAvail().x;
    const int columns = std::max(20, static_cast<int>(std::floor((text_w - 6.0f) / char_w)));
    if (columns != log.columns()) ctx.push(action::set_log_columns(columns));

    const float row_h = std::floor(mono->FontSize * 1.25f);
    // An exercise step before any attempt: the lesson's own lines for it are the model answer, so
    // they stay hidden until the learner checks an attempt or asks for the answer.
    const bool hide_answer = ctx.exercise && ctx.exercise->step != 0 && ctx.exercise->step == ui.step && !ctx.attempt_shown &&
                             !ui.answer_shown;
    const std::size_t visible = hide_answer ? log.first_row_of_step(ui.step) : log.rows_until_step(ui.step);
    const std::size_t step_first = log.first_row_of_step(ui.step);

    if (ui.scroll_log_frames > 0 && ui.scroll_to_selected && ui.selected_line && *ui.selected_line < log.lines().size()) {
        // A preselected line (--explain-line): put it in the upper third of the view.
        const float view_h = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y * 2.0f;
        const float y = static_cast<float>(log.first_row_of_line(*ui.selected_line)) * row_h;
        ImGui::SetScrollY(std::max(0.0f, y - view_h / 3.0f));
    } else if (ui.scroll_log_frames > 0) {
        // Show the end of the current step, but never scroll its first row out of view.
        const float view_h = ImGui::GetWindowHeight() - ImGui::GetStyle().WindowPadding.y * 2.0f;
        const float top = static_cast<float>(step_first) * row_h;
        const float bottom = static_cast<float>(visible) * row_h;
        ImGui::SetScrollY(std::clamp(bottom - view_h + row_h * 0.5f, 0.0f, std::max(0.0f, top - row_h)));
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = mono->FontSize;
    const float text_dy = std::floor((row_h - fs) * 0.5f);

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const LogRow& row = log.rows()[static_cast<std::size_t>(i)];
            const LogLine& line = log.lines()[row.line];
            const WireLine& wire = *line.wire;
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float row_w = std::max(ImGui::GetContentRegionAvail().x, 10.0f);
            ImGui::PushID(i);
            ImGui::InvisibleButton("##row", ImVec2(row_w, row_h));
            const bool hovered = ImGui::IsItemHovered();
            const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
            ImGui::PopID();

            const ImVec2 q(p.x + row_w, p.y + row_h);
            const bool current = row.step == ui.step;
            const float k = current ? 1.0f : 0.78f;

            if (row.kind == LogRowKind::StepHeader) {
                std::string title;
                if (row.step == 0) {
                    title = ctx.tr("0 · connection and greeting", "0 · соединение и приветствие");
                } else if (row.step <= lesson.steps.size()) {
                    title = std::to_string(row.step) + " · " + lesson.steps[row.step - 1].title.get(ctx.lang());
                } else {
                    title = std::to_string(row.step);
                }
                const float ty = p.y + text_dy;
                const ImU32 col = current ? theme::kAccent : theme::kDim;
                const ImVec2 ts = mono->CalcTextSizeA(fs, FLT_MAX, 0.0f, title.c_str());
                const float mid = p.y + row_h * 0.5f;
                dl->AddLine(ImVec2(p.x, mid), ImVec2(p.x + char_w * 2.0f, mid), col, 1.0f);
                ImGui::PushClipRect(p, q, true);
                dl->AddText(mono, fs, ImVec2(p.x + char_w * 2.5f, ty), col, title.c_str());
                ImGui::PopClipRect();
                if (p.x + char_w * 3.0f + ts.x < q.x)
                    dl->AddLine(ImVec2(p.x + char_w * 3.0f + ts.x, mid), ImVec2(q.x, mid), col, 1.0f);
                continue;
            }

            // Background: selected tag, current step band, hover.
            const bool tag_selected = !ui.selected_tag.empty() && line.tag == ui.selected_tag;
            const bool line_selected = ui.selected_line && *ui.selected_line == row.line;
            if (tag_selected || line_selected) {
                dl->AddRectFilled(p, q, theme::kSelectedTagBg);
            } else if (current) {
                dl->AddRectFilled(p, q, theme::kCurrentStepBg);
            }
            if (current) dl->AddRectFilled(p, ImVec2(p.x + 3.0f, q.y), theme::kAccent);
            if (hovered) dl->AddRectFilled(p, q, theme::kHoverBg);

            const ImU32 col = fade(line_colour(wire), k);
            const float x0 = p.x + 6.0f;
            const float tx = x0 + char_w * kLogPrefixColumns;
            const float ty = p.y + text_dy;
            const char* text = wire.text.data();

            if (row.first) {
                dl->AddText(mono, fs, ImVec2(x0, ty), fade(wire.is_client() ? theme::kClient : theme::kDim, k),
                            wire.is_client() ? "C:" : "S:");
            }
            switch (row.kind) {
                case LogRowKind::Text:
                    dl->AddText(mono, fs, ImVec2(tx, ty), col, text + row.begin, text + row.end);
                    if (clicked) ctx.push(action::select_line(row.line));
                    break;
                case LogRowKind::LiteralToggle: {
                    const LiteralKey key{line.event, row.literal};
                    const bool open = ui.expanded_literals.count(key) > 0;
                    const std::size_t n = row.literal < wire.literals.size() ? wire.literals[row.literal].length : 0;
                    const std::string label = std::string(open ? "▾ " : "▸ ") + std::to_string(n) +
                                              ctx.tr(" bytes", " байт");
                    const ImVec2 ts = mono->CalcTextSizeA(fs, FLT_MAX, 0.0f, label.c_str());
                    const ImU32 frame = hovered ? theme::rgba(255, 255, 255, 60) : theme::rgba(255, 255, 255, 28);
                    dl->AddRectFilled(ImVec2(tx - 3.0f, p.y + 1.0f), ImVec2(tx + ts.x + 3.0f, q.y - 1.0f), frame, 3.0f);
                    dl->AddText(mono, fs, ImVec2(tx, ty), fade(theme::kLiteral, k), label.c_str());
                    if (row.end > row.begin)
                        dl->AddText(mono, fs, ImVec2(tx + ts.x + char_w, ty), col, text + row.begin, text + row.end);
                    if (clicked) ctx.push(action::toggle_literal(key));
                    break;
                }
                case LogRowKind::LiteralData:
                    dl->AddLine(ImVec2(tx - char_w * 0.6f, p.y), ImVec2(tx - char_w * 0.6f, q.y), theme::kDim, 1.0f);
                    dl->AddText(mono, fs, ImVec2(tx, ty), fade(theme::kLiteral, k), text + row.begin, text + row.end);
                    if (clicked) ctx.push(action::select_line(row.line));
                    break;
                case LogRowKind::StepHeader:
                    break;
            }
            if (hovered && row.kind != LogRowKind::LiteralData && !line.tag.empty()) {
                ImGui::PopFont();
                ImGui::SetTooltip("%s %s", ctx.tr("tag", "тег"), line.tag.c_str());
                ImGui::PushFont(mono);
            }
        }
    }
    clipper.End();
    if (hide_answer) {
        ImGui::PushFont(ctx.fonts.ui ? ctx.fonts.ui : mono);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "%s",
                           ctx.tr("Your turn: this step's lines appear when you check an attempt.",
                                  "Ваш ход: строки этого шага появятся, когда вы проверите попытку."));
        ImGui::PopFont();
    }

    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::PopFont();
}

}  // namespace imaplab::gui
