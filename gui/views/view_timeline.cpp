// The playground's timeline: Back / Forward, a scrubber over steps 0..N (every jump is exact:
// Playground::jump_to replays the recorded actions from the fixture), the current step's action;
// and the Diff tab: the mailbox and the account between two chosen steps (diff_steps).
#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.hpp"
#include "playground_app.hpp"
#include "theme.hpp"

namespace imaplab::gui {

namespace {

std::string first_line(const std::string& s) {
    std::string f = s.substr(0, s.find_first_of("\r\n"));
    return f.size() > 60 ? f.substr(0, 57) + "..." : f;
}

std::string describe(const PlaygroundAction& a, Language lang) {
    const std::string who = std::string(tr(lang, "client ", "клиент ")) + std::to_string(a.client);
    switch (a.kind) {
        case PlaygroundAction::Kind::AddClient: return who + tr(lang, " connects", " подключается");
        case PlaygroundAction::Kind::RemoveClient: return who + tr(lang, " goes away", " уходит");
        case PlaygroundAction::Kind::Send: return who + ": " + (a.commands.empty() ? "" : first_line(a.commands.front()));
        case PlaygroundAction::Kind::SendPipelined: {
            std::string s = who + tr(lang, " pipelines: ", " конвейером: ");
            for (std::size_t i = 0; i < a.commands.size(); ++i) s += (i ? " ; " : "") + first_line(a.commands[i]);
            return s;
        }
    }
    return who;
}

void uid_list(const char* label, const std::vector<std::uint32_t>& uids, ImU32 colour) {
    if (uids.empty()) return;
    std::string s;
    for (std::uint32_t u : uids) s += (s.empty() ? "" : ", ") + std::to_string(u);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%s %s", label, s.c_str());
}

}  // namespace

void draw_pg_timeline(PlaygroundApp& app, UiActions& out) {
    const Playground& pg = app.playground();
    const Language lang = app.lang();
    const std::uint32_t cur = pg.current_step();
    const std::uint32_t n = pg.step_count();
    ImGui::BeginDisabled(cur == 0);
    if (ImGui::Button(tr(lang, "◀ Back", "◀ Назад"))) out.push_back(pg_action("back"));
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(cur >= n);
    if (ImGui::Button(tr(lang, "Forward ▶", "Вперёд ▶"))) out.push_back(pg_action("forward"));
    ImGui::EndDisabled();
    ImGui::SameLine();
    int v = static_cast<int>(cur);
    ImGui::SetNextItemWidth(std::max(200.0f, ImGui::GetContentRegionAvail().x * 0.35f));
    const std::string fmt = std::string(tr(lang, "step %d of ", "шаг %d из ")) + std::to_string(n);
    if (ImGui::SliderInt("##scrub", &v, 0, static_cast<int>(std::max<std::uint32_t>(n, 1)), fmt.c_str()) && v >= 0 &&
        static_cast<std::uint32_t>(v) != cur && static_cast<std::uint32_t>(v) <= n)
        out.push_back(pg_action("scrub", std::to_string(v)));
    ImGui::SameLine();
    const std::string what = cur == 0 ? std::string(tr(lang, "0 · fixture and client 1's greeting", "0 · ящики и приветствие клиенту 1"))
                                      : std::to_string(cur) + " · " + describe(pg.actions()[cur - 1], lang);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "%s", what.c_str());
    if (cur < n) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "(%s %u; %s)", tr(lang, "later steps kept:", "сохранено шагов после этого:"),
                           n - cur, tr(lang, "a new action drops them", "новое действие их сбросит"));
    }
}

void draw_pg_diff(PlaygroundApp& app, UiActions& out) {
    const Language lang = app.lang();
    const std::uint32_t cur = app.playground().current_step();
    int a = static_cast<int>(app.diff_a());
    int b = static_cast<int>(app.diff_b());
    ImGui::TextWrapped("%s", tr(lang, "What changed between two steps, as the watched client sees it (messages by UID).",
                                "Что изменилось между двумя шагами для выбранного клиента (письма по UID)."));
    const int hi = static_cast<int>(std::max<std::uint32_t>(cur, 1));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    bool changed = ImGui::SliderInt("##diff_a", &a, 0, hi, tr(lang, "from step %d", "с шага %d"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    changed |= ImGui::SliderInt("##diff_b", &b, 0, hi, tr(lang, "to step %d", "до шага %d"));
    if (changed && a >= 0 && b >= 0 && a <= static_cast<int>(cur) && b <= static_cast<int>(cur))
        out.push_back(pg_action("diff", std::to_string(a) + " " + std::to_string(b)));
    ImGui::Separator();
    if (!app.diff_error().empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kBad), "%s", app.diff_error().c_str());
        return;
    }
    if (!app.diff()) return;
    const StepDiff& d = *app.diff();
    const Fonts& fonts = app.fonts();
    if (fonts.bold) ImGui::PushFont(fonts.bold);
    ImGui::Text("%s %s · %s %u → %u", tr(lang, "Mailbox", "Ящик"), d.mailbox.c_str(), tr(lang, "steps", "шаги"), d.step_a, d.step_b);
    if (fonts.bold) ImGui::PopFont();
    if (!d.mailbox_before.empty() && d.mailbox_before != d.mailbox)
        ImGui::Text("%s %s", tr(lang, "was named", "назывался"), d.mailbox_before.c_str());
    if (d.empty()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s", tr(lang, "No difference.", "Разницы нет."));
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    uid_list(tr(lang, "Added, UID:", "Добавлены, UID:"), d.added, theme::kFlagAdded);
    uid_list(tr(lang, "Expunged, UID:", "Удалены (EXPUNGE), UID:"), d.expunged, theme::kFlagRemoved);
    for (const FlagDelta& f : d.flags) {
        std::string s = "UID " + std::to_string(f.uid) + ":";
        for (const std::string& x : f.added) s += " +" + x;
        for (const std::string& x : f.removed) s += " −" + x;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kText), "%s %s", tr(lang, "Flags", "Флаги"), s.c_str());
    }
    for (const SeqChange& s : d.renumbered)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kShifted), "UID %u: %s %u → %u", s.uid,
                           tr(lang, "sequence number", "порядковый номер"), s.before, s.after);
    for (const std::string& m : d.mailboxes_created)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagAdded), "%s %s", tr(lang, "Mailbox created:", "Создан ящик:"), m.c_str());
    for (const std::string& m : d.mailboxes_deleted)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagRemoved), "%s %s", tr(lang, "Mailbox deleted:", "Удалён ящик:"), m.c_str());
    for (const MailboxRename& r : d.mailboxes_renamed)
        ImGui::Text("%s %s → %s", tr(lang, "Mailbox renamed:", "Ящик переименован:"), r.from.c_str(), r.to.c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace imaplab::gui
