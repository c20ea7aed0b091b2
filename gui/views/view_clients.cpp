// The playground window's layout and its client columns. Each connected client is a column with
// its own state diagram and protocol log (the lesson window's views, draw_state_diagram and
// draw_protocol_log, over that client's events) and its console; the log shows the untagged
// responses another client caused (e.g. "* 4 EXPUNGE" on client 2's next command after client 1's
// EXPUNGE). On the right, tabs: sequence numbers vs UIDs, the diff between two steps, commands in
// flight, rev1 / rev2.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "i18n.hpp"
#include "playground_app.hpp"
#include "theme.hpp"

namespace imaplab::gui {

namespace {

// (the state is drawn by the diagram: "Now: Selected")
}  // namespace

void draw_pg_clients(PlaygroundApp& app, UiActions& out) {
    const Language lang = app.lang();
    const Fonts& fonts = app.fonts();
    auto ids = app.playground().clients();
    if (app.ui().presenter.on && ids.size() > 1) {
        // Presenter mode: one client at a time, at a size a lecture hall can read; these buttons
        // choose which (the same as its Watch button).
        for (std::uint32_t id : ids) {
            const std::string label = std::string(tr(lang, "Client", "Клиент")) + " " + std::to_string(id);
            if (ImGui::RadioButton(label.c_str(), app.watched() == id)) out.push_back(pg_action("watch", std::to_string(id)));
            ImGui::SameLine(0.0f, 18.0f);
        }
        ImGui::NewLine();
        ids = {app.watched()};
    }
    if (ids.empty()) {
        ImGui::TextWrapped("%s", tr(lang, "No client is connected at this step: press \"Add client\".",
                                    "На этом шаге нет подключённых клиентов: нажмите «Добавить клиента»."));
        return;
    }
    const float gap = 6.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float col_w = std::floor((avail.x - gap * static_cast<float>(ids.size() - 1)) / static_cast<float>(ids.size()));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const std::uint32_t id = ids[i];
        auto it = app.panes().find(id);
        if (it == app.panes().end() || !it->second.log) continue;
        ClientPane& p = it->second;
        if (i > 0) ImGui::SameLine(0.0f, gap);
        const bool watched = app.watched() == id;
        if (watched) ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme::kAccent));
        ImGui::BeginChild(("##client" + std::to_string(id)).c_str(), ImVec2(col_w, avail.y), true,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        if (watched) ImGui::PopStyleColor();
        // Header: name, state, watch, remove.
        if (fonts.bold) ImGui::PushFont(fonts.bold);
        ImGui::Text("%s %u", tr(lang, "Client", "Клиент"), id);
        if (fonts.bold) ImGui::PopFont();
        const char* remove = tr(lang, "Remove", "Убрать");
        const char* watch = tr(lang, "Watch", "Следить");
        const char* pipeline = tr(lang, "Pipeline", "Конвейер");
        const float bw = ImGui::CalcTextSize(remove).x + ImGui::CalcTextSize(watch).x + ImGui::CalcTextSize(pipeline).x +
                         ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 4.0f + ImGui::GetStyle().ItemInnerSpacing.x + 24.0f;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 8.0f, ImGui::GetWindowContentRegionMax().x - bw));
        ImGui::PushID(static_cast<int>(id));
        // Pipeline mode: Send queues the command; "Send all" sends the queue together (RFC 9051 §5.5).
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.0f));
        bool pipe = p.pipeline;
        if (ImGui::Checkbox(pipeline, &pipe)) out.push_back(pg_action("queue", std::to_string(id) + (pipe ? " on" : " off")));
        ImGui::PopStyleVar();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tr(lang, "Queue commands and send them together, before any response (RFC 9051 §5.5)",
                                       "Копить команды и отправить вместе, не дожидаясь ответов (RFC 9051 §5.5)"));
        ImGui::SameLine();
        if (ImGui::SmallButton(watch)) out.push_back(pg_action("watch", std::to_string(id)));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", tr(lang, "The panels on the right follow this client", "Панели справа показывают этого клиента"));
        ImGui::SameLine();
        if (ImGui::SmallButton(remove)) out.push_back(pg_action("remove-client", std::to_string(id)));
        ImGui::PopID();

        ViewContext ctx{app.empty_run(), p.ui, *p.log, p.step, fonts, p.actions};
        const float inner_h = ImGui::GetContentRegionAvail().y;
        // The console wants room for its echo, check and candidates; the diagram needs ~300 px at
        // the base text size to draw its four states without overlap.
        // Sized to what it drew last frame (the echo, the check, the candidates, the queue).
        const float console_h = std::floor(std::clamp(p.console_content_h + 4.0f, 90.0f, std::max(90.0f, inner_h * 0.45f)));
        const float diagram_h = std::floor(std::min(300.0f * ImGui::GetFontSize() / 16.0f, std::max(120.0f, inner_h - console_h - 120.0f)));
        const float log_h = std::max(80.0f, inner_h - console_h - diagram_h - 2.0f * ImGui::GetStyle().ItemSpacing.y);
        ImGui::BeginChild("##diagram", ImVec2(0, diagram_h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        draw_state_diagram(ctx);
        ImGui::EndChild();
        ImGui::BeginChild("##log", ImVec2(0, log_h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        draw_protocol_log(ctx);
        ImGui::EndChild();
        ImGui::BeginChild("##console", ImVec2(0, 0), false);
        draw_pg_console(app, p, out);
        p.console_content_h = ImGui::GetCursorPosY();
        ImGui::EndChild();
        ImGui::EndChild();
    }
}

void PlaygroundApp::draw() {
    const ImGuiIO& io = ImGui::GetIO();
    const Language lang = ui_.language;
    ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(io.DisplaySize, ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::Begin("##playground", nullptr, flags);
    // Keys as in the lesson window: PageDown / PageUp (a clicker) step through the timeline when
    // no console has the keyboard; Ctrl +, Ctrl −, Ctrl 0 zoom (GLFW's codes for them are ASCII).
    if (!io.WantTextInput) {
        if (ImGui::IsKeyPressed(267)) actions_.push_back(pg_action("forward"));  // GLFW_KEY_PAGE_DOWN
        if (ImGui::IsKeyPressed(266)) actions_.push_back(pg_action("back"));     // GLFW_KEY_PAGE_UP
    }
    if (ImGui::IsKeyPressed(294, false)) actions_.push_back(action::toggle_presenter());  // GLFW_KEY_F5: presenter mode
    if (io.KeyCtrl) {
        if (ImGui::IsKeyPressed('=', false) || ImGui::IsKeyPressed(334, false)) actions_.push_back(action::zoom(+1));
        if (ImGui::IsKeyPressed('-', false) || ImGui::IsKeyPressed(333, false)) actions_.push_back(action::zoom(-1));
        if (ImGui::IsKeyPressed('0', false)) actions_.push_back(action::zoom(0));
    }

    // Top bar: title, clients, language, export.
    if (fonts_.heading) ImGui::PushFont(fonts_.heading);
    ImGui::TextUnformatted(tr(lang, "IMAP Lab · Playground", "IMAP Lab · Песочница"));
    if (fonts_.heading) ImGui::PopFont();
    ImGui::SameLine(0.0f, 18.0f);
    if (ImGui::Button(tr(lang, "Add client", "Добавить клиента"))) actions_.push_back(pg_action("add-client"));
    ImGui::SameLine(0.0f, 18.0f);
    if (ImGui::RadioButton("EN", lang == Language::En)) actions_.push_back(action::set_language(Language::En));
    ImGui::SameLine();
    if (ImGui::RadioButton("RU", lang == Language::Ru)) actions_.push_back(action::set_language(Language::Ru));
    ImGui::SameLine(0.0f, 18.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s %u:", tr(lang, "Export client", "Экспорт клиента"), watched_);
    const std::string w = std::to_string(watched_);
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "Transcript", "Транскрипт")))
        actions_.push_back(pg_action("export-transcript", "playground-client" + w + ".txt"));
    ImGui::SameLine();
    if (ImGui::Button(tr(lang, "Lesson", "Урок"))) actions_.push_back(pg_action("export-lesson", "playground-lesson.json"));
    ImGui::SameLine();
    if (ImGui::Button("pcap")) actions_.push_back(pg_action("export-pcap", "playground-client" + w + ".pcap"));
    if (!export_message_.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(export_ok_ ? theme::kOk : theme::kBad), "%s", export_message_.c_str());
    }

    draw_pg_timeline(*this, actions_);
    ImGui::Separator();

    // Clients on the left, the tabs on the right.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // rev1 / rev2 shows two logs side by side: it takes more of the width.
    const float right_w = panel_ == PgPanel::Versions ? std::floor(std::max(300.0f, avail.x * 0.55f))
                                                      : std::floor(std::clamp(avail.x * 0.33f, 300.0f, 480.0f));
    ImGui::BeginChild("##clients", ImVec2(avail.x - right_w - 6.0f, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    draw_pg_clients(*this, actions_);
    ImGui::EndChild();
    ImGui::SameLine(0.0f, 6.0f);
    ImGui::BeginChild("##right", ImVec2(right_w, avail.y), true);
    if (ImGui::BeginTabBar("##tabs")) {
        struct Tab {
            PgPanel panel;
            const char* name;
            const char* verb;
        };
        const Tab tabs[] = {
            {PgPanel::SeqUid, tr(lang, "Seq vs UID###seq", "Номера и UID###seq"), "seq-uid"},
            {PgPanel::Diff, tr(lang, "Diff###diff", "Разница###diff"), "diff"},
            {PgPanel::InFlight, tr(lang, "In flight###flight", "В пути###flight"), "flight"},
            {PgPanel::Versions, tr(lang, "rev1 / rev2###versions", "rev1 / rev2###versions"), "versions"},
        };
        for (const Tab& t : tabs) {
            const ImGuiTabItemFlags f = panel_frames_ > 0 && panel_ == t.panel ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(t.name, nullptr, f)) {
                if (panel_frames_ == 0 && panel_ != t.panel) actions_.push_back(pg_action("select-panel", t.verb));
                switch (t.panel) {
                    case PgPanel::SeqUid: draw_pg_seq_uid(*this, actions_); break;
                    case PgPanel::Diff: draw_pg_diff(*this, actions_); break;
                    case PgPanel::InFlight: draw_pg_in_flight(*this, actions_); break;
                    case PgPanel::Versions: draw_pg_versions(*this, actions_); break;
                }
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    ImGui::End();
    draw_pg_inspector(*this, actions_);  // message inspector (issue 6): its own window, on top
}

}  // namespace imaplab::gui
