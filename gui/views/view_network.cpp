// The Network panel of `imaplab --serve`: where the server listens, how to connect, and the live
// connections (peer, tcp/tls, state, user, bytes, last command). Choosing a row shows that
// connection in the state diagram, protocol log and mailbox panels.
#include <imgui.h>

#include <string>

#include "theme.hpp"
#include "types/session_state.hpp"
#include "views.hpp"
#include "views/view_export.hpp"

namespace imaplab::gui {

void draw_network(const ViewContext& ctx) {
    if (!ctx.network) return;
    const NetworkModel& net = *ctx.network;

    ImGui::TextUnformatted(ctx.tr("Listening on:", "Сервер слушает:"));
    for (const std::string& a : net.addresses) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "%s", a.c_str());
    }
    const std::string plain = net.addresses.empty() ? std::string("127.0.0.1:1143") : net.addresses.front();
    const std::string host = plain.substr(0, plain.rfind(':'));
    const std::string port = plain.substr(plain.rfind(':') + 1);
    const std::string hint = std::string(ctx.tr("Connect: ", "Подключитесь: ")) + "telnet " + host + " " + port +
                             ctx.tr("  (or a mail client, or openssl s_client for TLS)",
                                    "  (или почтовым клиентом, или openssl s_client для TLS)");
    ImGui::TextWrapped("%s", hint.c_str());
    ImGui::Separator();

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit;
    const float table_h = ImGui::GetContentRegionAvail().y - 2.0f * ImGui::GetFrameHeightWithSpacing();
    if (ImGui::BeginTable("##connections", 7, flags, ImVec2(0, table_h > 40.0f ? table_h : 40.0f))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#");
        ImGui::TableSetupColumn(ctx.tr("Peer", "Адрес"));
        ImGui::TableSetupColumn("TLS");
        ImGui::TableSetupColumn(ctx.tr("State", "Состояние"));
        ImGui::TableSetupColumn(ctx.tr("User", "Пользователь"));
        ImGui::TableSetupColumn(ctx.tr("In/out", "Байт"));
        ImGui::TableSetupColumn(ctx.tr("Last command", "Последняя команда"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(net.connections.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const net::ConnectionInfo& c = net.connections[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                const std::string id = std::to_string(c.id) + "##conn" + std::to_string(c.id);
                if (ImGui::Selectable(id.c_str(), c.id == net.selected, ImGuiSelectableFlags_SpanAllColumns))
                    ctx.push(action::select_connection(c.id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.peer.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.transport.c_str());
                ImGui::TableNextColumn();
                const std::string state(to_string(c.state));
                ImGui::TextUnformatted(state.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(c.user.empty() ? "—" : c.user.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%llu/%llu", static_cast<unsigned long long>(c.bytes_in), static_cast<unsigned long long>(c.bytes_out));
                ImGui::TableNextColumn();
                const std::string& last = net.last_command[static_cast<std::size_t>(i)];
                ImGui::TextUnformatted(last.c_str());
            }
        }
        ImGui::EndTable();
    }
    if (net.connections.empty())
        ImGui::TextDisabled("%s", ctx.tr("No connections yet.", "Подключений пока нет."));
    if (net.selected != 0) {
        if (ImGui::Button(ctx.tr("Save as transcript", "Сохранить как транскрипт"))) ctx.push(action::save_transcript());
        ImGui::SameLine();
        draw_export_button(ctx);
        for (const auto& c : net.connections) {
            if (c.id != net.selected || c.user.empty()) continue;
            ImGui::SameLine();
            const std::string label = std::string(ctx.tr("Reset ", "Сбросить ")) + c.user;
            if (ImGui::Button(label.c_str())) ctx.push(action::reset_accounts(c.user));
        }
        ImGui::SameLine();
        if (ImGui::Button(ctx.tr("Reset all accounts", "Сбросить все учётные записи"))) ctx.push(action::reset_accounts(""));
        if (!net.save_message.empty()) {
            ImGui::SameLine();
            ImGui::TextWrapped("%s", net.save_message.c_str());
        }
    }
}

}  // namespace imaplab::gui
