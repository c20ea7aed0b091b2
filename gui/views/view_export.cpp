#include "views/view_export.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "theme.hpp"

namespace imaplab::gui {

void draw_export_button(const ViewContext& ctx) {
    if (ImGui::Button(ctx.tr("Export pcap…", "Экспорт pcap…"))) ctx.push(action::open_export_dialog());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", ctx.tr("Save the shown session as a capture file for Wireshark (as imaplab-cli export-pcap)",
                                       "Сохранить показанный сеанс как файл захвата для Wireshark (как imaplab-cli export-pcap)"));
}

void draw_export_row(const ViewContext& ctx) {
    const char* label = ctx.tr("Export pcap…", "Экспорт pcap…");
    const float button_w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    const float right = ImGui::GetWindowContentRegionMax().x;
    const UiState& ui = ctx.ui;
    if (!ui.export_message.empty() && !ui.export_dialog) {
        // The last result, cut to the room left of the button.
        ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                            ImVec2(ImGui::GetWindowPos().x + right - button_w - 8.0f, ImGui::GetCursorScreenPos().y + ImGui::GetFrameHeight()), true);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ui.export_ok ? theme::kOk : theme::kBad), "%s", ui.export_message.c_str());
        ImGui::PopClipRect();
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - button_w));
    if (ImGui::SmallButton(label)) ctx.push(action::open_export_dialog());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", ctx.tr("Save the shown session as a capture file for Wireshark (as imaplab-cli export-pcap)",
                                       "Сохранить показанный сеанс как файл захвата для Wireshark (как imaplab-cli export-pcap)"));
}

float export_row_height() {
    return ImGui::GetTextLineHeightWithSpacing();
}

void draw_export_dialog(const ViewContext& ctx) {
    const UiState& ui = ctx.ui;
    if (!ui.export_dialog) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x - 40.0f, 36.0f * ImGui::GetFontSize()), 0.0f), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin(ctx.tr("Export pcap###export_pcap", "Экспорт pcap###export_pcap"), nullptr, flags)) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(ctx.tr("The shown session as a capture file (synthetic TCP to port 143) that Wireshark and tshark "
                                      "decode. File (relative to the current directory):",
                                      "Показанный сеанс как файл захвата (условное TCP-соединение на порт 143), который "
                                      "разбирают Wireshark и tshark. Файл (относительно текущего каталога):"));
        ImGui::PopTextWrapPos();
        std::string path = ui.export_path;
        ImGui::SetNextItemWidth(-1.0f);
        bool enter = ImGui::InputText("##export_path", &path, ImGuiInputTextFlags_EnterReturnsTrue);
        if (path != ui.export_path) ctx.push(action::open_export_dialog(path));
        ImGui::BeginDisabled(path.empty());
        enter = ImGui::Button(ctx.tr("Export", "Экспортировать")) || enter;
        ImGui::EndDisabled();
        if (enter && !path.empty()) ctx.push(action::export_pcap(path));
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("Close", "Закрыть"))) ctx.push(action::close_export_dialog());
        if (!ui.export_message.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ui.export_ok ? theme::kOk : theme::kBad), "%s", ui.export_message.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::End();
}

}  // namespace imaplab::gui
