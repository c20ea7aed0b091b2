// The line explainer: the protocol-log line the learner clicked, token by token — the token as
// sent (monospace), its meaning in the UI language, the RFC section that defines it. The rows are
// prepared by App (ExplainModel) when the selection or the language changes; this only draws them.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "theme.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

namespace {

ImVec4 col4(ImU32 c) {
    return ImGui::ColorConvertU32ToFloat4(c);
}

struct Columns {
    float token = 0.0f;
    float rfc = 0.0f;
};

/// Widths of the token and RFC columns: as wide as their widest cell, the token column at most
/// 28% of `width` (longer tokens wrap).
Columns column_widths(const ExplainModel& m, ImFont* mono, ImFont* ui, float width) {
    Columns c;
    for (const ExplainRow& r : m.rows) {
        c.token = std::max(c.token, mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0.0f, r.token.c_str()).x);
        c.rfc = std::max(c.rfc, ui->CalcTextSizeA(ui->FontSize, FLT_MAX, 0.0f, r.rfc.c_str()).x);
    }
    // Rounded up with a pixel to spare: the table floors column widths, and a token exactly as
    // wide as its column would wrap inside its last letter.
    c.token = std::ceil(std::min(c.token, width * 0.28f)) + 2.0f;
    c.rfc = std::ceil(std::min(c.rfc, width * 0.25f)) + 2.0f;
    return c;
}

}  // namespace

float explain_panel_height(const ExplainModel& m, const Fonts& fonts, float width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImFont* ui = fonts.ui ? fonts.ui : ImGui::GetFont();
    ImFont* mono = fonts.mono ? fonts.mono : ui;
    const float title = ui->FontSize + style.FramePadding.y * 2.0f;
    const float frame = title + style.WindowPadding.y * 2.0f + style.WindowBorderSize * 2.0f;
    const float line = ui->FontSize + style.ItemSpacing.y;
    if (!m.has_line) return frame + line;
    const float text_w = width - style.WindowPadding.x * 2.0f;
    const float prefix_w = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0.0f, "S:").x + style.ItemSpacing.x;
    const float wire = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, text_w - prefix_w, m.line.c_str()).y + style.ItemSpacing.y;
    if (!m.error.empty()) return frame + wire + line * 2.0f;
    const Columns c = column_widths(m, mono, ui, width);
    const float meaning_w = std::max(80.0f, width - style.WindowPadding.x * 2.0f - c.token - c.rfc - style.CellPadding.x * 6.0f -
                                                style.ScrollbarSize);
    float rows = 0.0f;
    for (const ExplainRow& r : m.rows) {
        const std::string& text = r.meaning.empty() ? r.missing : r.meaning;
        const float h = ui->CalcTextSizeA(ui->FontSize, FLT_MAX, meaning_w, text.c_str()).y;
        const float th = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, c.token, r.token.c_str()).y;
        rows += std::max({h, th, ui->FontSize}) + style.CellPadding.y * 2.0f;
    }
    return frame + wire + style.ItemSpacing.y + rows + 4.0f;
}

void draw_explain(const ViewContext& ctx) {
    if (!ctx.explain || !ctx.explain->has_line) {
        ImGui::TextColored(col4(theme::kDim), "%s",
                           ctx.tr("Click a line in the protocol log: each of its parts is explained here, with its RFC section.",
                                  "Щёлкните строку в протоколе: здесь появится разбор каждой её части со ссылкой на RFC."));
        return;
    }
    const ExplainModel& m = *ctx.explain;
    ImFont* ui = ctx.fonts.ui ? ctx.fonts.ui : ImGui::GetFont();
    ImFont* mono = ctx.fonts.mono ? ctx.fonts.mono : ui;
    const ImU32 side_col = m.client ? theme::kClient : theme::kServer;

    // The line itself, as it crossed the wire.
    ImGui::PushFont(mono);
    ImGui::TextColored(col4(m.client ? theme::kClient : theme::kDim), "%s", m.client ? "C:" : "S:");
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(col4(side_col), "%s", m.line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();

    if (!m.error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(col4(theme::kBad), "%s", m.error.c_str());
        ImGui::PopTextWrapPos();
        return;
    }

    const float width = ImGui::GetContentRegionAvail().x;
    const Columns c = column_widths(m, mono, ui, width);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                 ImGuiTableFlags_PadOuterX;
    ImGui::PushStyleColor(ImGuiCol_TableRowBg, col4(theme::rgba(255, 255, 255, 6)));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, col4(theme::rgba(255, 255, 255, 14)));
    if (ImGui::BeginTable("##tokens", 3, flags, ImVec2(0.0f, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupColumn("token", ImGuiTableColumnFlags_WidthFixed, c.token);
        ImGui::TableSetupColumn("meaning", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("rfc", ImGuiTableColumnFlags_WidthFixed, c.rfc);
        for (const ExplainRow& r : m.rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushFont(mono);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(col4(side_col), "%s", r.token.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopFont();
            ImGui::TableSetColumnIndex(1);
            ImGui::PushTextWrapPos(0.0f);
            if (!r.meaning.empty()) {
                ImGui::TextUnformatted(r.meaning.c_str());
            } else {
                ImGui::TextColored(col4(theme::kDim), "%s %s", ctx.tr("(no explanation yet:", "(пока нет объяснения:"),
                                   (r.missing + ")").c_str());
            }
            ImGui::PopTextWrapPos();
            ImGui::TableSetColumnIndex(2);
            ImGui::TextColored(col4(theme::kDim), "%s", r.rfc.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleColor(2);
}

}  // namespace imaplab::gui
