// IMAP4rev1 and IMAP4rev2 side by side: the watched client's commands run again against a rev1
// server and a rev2 server built from the same fixture (console::compare_versions), the two logs
// aligned line by line; rows whose sides differ are marked (\Recent, LSUB vs LIST, SEARCH vs
// ESEARCH, modified UTF-7 vs UTF-8).
#include <imgui.h>

#include <string>

#include "i18n.hpp"
#include "playground_app.hpp"
#include "theme.hpp"

namespace imaplab::gui {

namespace {

void side(const std::optional<console::LogLine>& line, bool differs) {
    if (!line) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "—");
        return;
    }
    std::string s = line->substr(0, line->find('\r'));
    const ImU32 col = s.rfind("C:", 0) == 0 ? theme::kClient : differs ? theme::kText : theme::kDim;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col), "%s", s.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void draw_pg_versions(PlaygroundApp& app, UiActions& out) {
    const Language lang = app.lang();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s",
                       tr(lang, "The watched client's commands against an IMAP4rev1 and an IMAP4rev2 server; differing lines are marked.",
                          "Команды выбранного клиента на серверах IMAP4rev1 и IMAP4rev2; различающиеся строки отмечены."));
    ImGui::PopTextWrapPos();
    bool on = app.versions_on();
    if (ImGui::Checkbox(tr(lang, "Compare", "Сравнивать"), &on)) out.push_back(pg_action("versions", on ? "on" : "off"));
    if (!app.versions_on() || !app.versions()) return;
    const console::VersionsComparison& v = *app.versions();
    std::size_t differing = 0;
    for (const console::CompareRow& r : v.rows) differing += r.differs ? 1 : 0;
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(differing ? theme::kShifted : theme::kOk), "%zu / %zu %s", differing, v.rows.size(),
                       tr(lang, "commands differ", "команд различаются"));
    ImFont* mono = app.fonts().mono ? app.fonts().mono : ImGui::GetFont();
    ImGui::PushFont(mono);
    if (ImGui::BeginTable("##versions", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("IMAP4rev1");
        ImGui::TableSetupColumn("IMAP4rev2");
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < v.rows.size(); ++i) {
            const console::CompareRow& r = v.rows[i];
            ImGui::TableNextRow();
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::kStateFill);
            ImGui::TableNextColumn();
            const std::string title = i == 0 ? std::string(tr(lang, "greeting", "приветствие")) : r.command.substr(0, r.command.find('\n'));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(r.differs ? theme::kShifted : theme::kDim), "%s %s", r.differs ? "!=" : "==",
                               title.c_str());
            ImGui::TableNextColumn();
            for (const console::AlignedLine& a : r.aligned) {
                ImGui::TableNextRow();
                if (a.differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::rgba(255, 90, 90, 45));
                ImGui::TableNextColumn();
                side(a.rev1, a.differs);
                ImGui::TableNextColumn();
                side(a.rev2, a.differs);
            }
        }
        // Just switched on: show the latest commands (the table's end).
        if (app.panel_requested()) ImGui::SetScrollHereY(1.0f);
        ImGui::EndTable();
    }
    ImGui::PopFont();
}

}  // namespace imaplab::gui
