// Sequence numbers vs UIDs (RFC 9051 §2.3.1): the watched client's mailbox as a table seq | UID |
// flags. After an EXPUNGE the rows below the expunged one slide up over 0.6 s (renumbering() and
// row_position() of simulator/playground/step_diff.hpp) while their UIDs stay; the expunged row
// fades where it was. A script freezes the animation at t (`animate-at 0.5`) for a screenshot.
// Also the "In flight" tab: at each event of the current step, the watched client's commands sent
// and not yet completed (in_flight_at), so a pipeline shows its tags waiting for their tagged
// responses (RFC 9051 §5.5).
// Clicking a row (or a script's `inspect UID`) opens the message inspector (view_inspector.cpp) on
// that message of the watched client's account, as the store is at the current step.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "i18n.hpp"
#include "playground_app.hpp"
#include "theme.hpp"

namespace imaplab::gui {

namespace {

ImU32 with_alpha(ImU32 c, double a) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    v.w *= static_cast<float>(std::clamp(a, 0.0, 1.0));
    return ImGui::ColorConvertFloat4ToU32(v);
}

}  // namespace

void draw_pg_seq_uid(PlaygroundApp& app, UiActions& out) {
    const Language lang = app.lang();
    auto it = app.panes().find(app.watched());
    if (it == app.panes().end() || !it->second.step.view) return;
    const SessionView& view = *it->second.step.view;
    const Fonts& fonts = app.fonts();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::Text("%s %u · %s %s · %s %u", tr(lang, "Client", "Клиент"), app.watched(), tr(lang, "mailbox", "ящик"),
                view.shown_mailbox.c_str(), tr(lang, "step", "шаг"), view.step);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s",
                       tr(lang, "After EXPUNGE the sequence numbers below shift down by one; UIDs never change (RFC 9051 §2.3.1).",
                          "После EXPUNGE номера писем ниже сдвигаются на единицу; UID не меняются (RFC 9051 §2.3.1)."));
    ImGui::PopTextWrapPos();

    const std::vector<RenumberRow>& rows = it->second.renumber;
    const double t = app.anim_t();
    ImFont* mono = fonts.mono ? fonts.mono : ImGui::GetFont();
    const float fs = mono->FontSize;
    const float row_h = std::floor(fs * 1.6f);
    const float char_w = mono->CalcTextSizeA(fs, FLT_MAX, 0.0f, "M").x;
    const float col_seq = 6.0f, col_uid = col_seq + char_w * 9.0f, col_flags = col_uid + char_w * 6.0f;

    // Header.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + row_h), theme::kStateFill);
    if (fonts.bold) ImGui::PushFont(fonts.bold);
    const float ty = p.y + (row_h - ImGui::GetFontSize()) * 0.5f;
    dl->AddText(ImVec2(p.x + col_seq, ty), theme::kShifted, tr(lang, "seq", "номер"));
    dl->AddText(ImVec2(p.x + col_uid, ty), theme::kRecent, "UID");
    dl->AddText(ImVec2(p.x + col_flags, ty), theme::kText, tr(lang, "flags", "флаги"));
    if (fonts.bold) ImGui::PopFont();
    ImGui::Dummy(ImVec2(w, row_h));

    p = ImGui::GetCursorScreenPos();
    std::size_t slots = 0;
    for (const RenumberRow& r : rows) slots = std::max<std::size_t>(slots, std::max(r.from_seq, r.to_seq));
    const float body_h = row_h * static_cast<float>(std::max<std::size_t>(slots, 1));
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + body_h), theme::kLogBg);
    const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
    // Leaving rows first (fading, drifting right), then the others on an opaque band, so a row
    // sliding up covers the one fading under it instead of mixing their text.
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const RenumberRow& r = rows[i];
            if ((pass == 0) != r.leaving) continue;
            const RowPosition pos = row_position(r, t);
            const float y = p.y + static_cast<float>(pos.slot - 1.0) * row_h;
            if (y + row_h < clip_top || y > clip_bottom) continue;  // scrolled out: a big mailbox costs what shows
            const float yt = y + (row_h - fs) * 0.5f;
            const float dx = r.leaving ? static_cast<float>(std::clamp(t, 0.0, 1.0)) * char_w * 6.0f : 0.0f;
            const bool moved = !r.leaving && !r.arriving && r.from_seq != r.to_seq;
            if (r.leaving) {
                dl->AddRectFilled(ImVec2(p.x + dx, y), ImVec2(p.x + w, y + row_h), with_alpha(theme::kLeavingBg, pos.opacity * 2.0));
            } else {
                dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w, y + row_h), with_alpha(theme::kLogBg, pos.opacity));
                if (moved) dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w, y + row_h), with_alpha(theme::kCurrentStepBg, pos.opacity * 1.5));
            }
            std::string seq;
            ImU32 seq_col = theme::kText;
            if (r.leaving) {
                seq = std::to_string(r.from_seq) + " ×";
                seq_col = theme::kFlagRemoved;
            } else if (r.arriving) {
                seq = "+" + std::to_string(r.to_seq);
                seq_col = theme::kFlagAdded;
            } else if (moved) {
                seq = std::to_string(r.from_seq) + " → " + std::to_string(r.to_seq);
                seq_col = theme::kShifted;
            } else {
                seq = std::to_string(r.to_seq);
            }
            dl->AddText(mono, fs, ImVec2(p.x + col_seq + dx, yt), with_alpha(seq_col, pos.opacity), seq.c_str());
            const std::string uid = std::to_string(r.uid);
            dl->AddText(mono, fs, ImVec2(p.x + col_uid + dx, yt), with_alpha(theme::kRecent, pos.opacity), uid.c_str());
            std::string flags;
            const bool pending = i < view.messages.size() && view.messages[i].uid == r.uid && view.messages[i].expunge_pending;
            if (i < view.messages.size() && view.messages[i].uid == r.uid)
                for (const std::string& f : view.messages[i].flags) flags += (flags.empty() ? "" : " ") + f;
            if (pending) flags = tr(lang, "(expunged, not told yet) ", "(удалено, клиенту ещё не сказали) ") + flags;
            ImGui::PushClipRect(ImVec2(p.x, y), ImVec2(p.x + w, y + row_h), true);
            dl->AddText(mono, fs, ImVec2(p.x + col_flags + dx, yt), with_alpha(theme::kText, pos.opacity), flags.c_str());
            ImGui::PopClipRect();
            if (r.leaving) {
                const float mid = y + row_h * 0.5f;
                dl->AddLine(ImVec2(p.x + 4.0f + dx, mid), ImVec2(p.x + w - 4.0f, mid), with_alpha(theme::kFlagRemoved, pos.opacity), 1.5f);
            }
        }
    }
    // A click on a row opens the inspector on its message (rows by their final number; a row
    // leaving this step is no longer in the store).
    ImGui::InvisibleButton("##rows", ImVec2(std::max(w, 1.0f), body_h + 4.0f));
    if (ImGui::IsItemHovered()) {
        const float my = ImGui::GetIO().MousePos.y - p.y;
        const std::size_t slot = my < 0.0f ? 0 : static_cast<std::size_t>(my / row_h) + 1;
        for (const RenumberRow& r : rows) {
            if (r.leaving || r.to_seq != slot) continue;
            const float y = p.y + static_cast<float>(slot - 1) * row_h;
            dl->AddRect(ImVec2(p.x + 1.0f, y), ImVec2(p.x + w - 1.0f, y + row_h), theme::kAccent, 2.0f);
            ImGui::SetTooltip("%s %u", tr(lang, "Inspect the message, UID", "Открыть письмо в инспекторе, UID"), r.uid);
            if (ImGui::IsItemClicked()) out.push_back(action::inspect_message(view.shown_mailbox, r.uid));
            break;
        }
    }
    if (rows.empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s", tr(lang, "(no messages)", "(писем нет)"));
    std::string leaving;
    for (const RenumberRow& r : rows)
        if (r.leaving) leaving += (leaving.empty() ? "" : ", ") + std::to_string(r.uid);
    if (!leaving.empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagRemoved), "%s %s", tr(lang, "Expunged this step, UID:", "Удалены на этом шаге, UID:"),
                           leaving.c_str());
    // Another client's EXPUNGE: this client still numbers those messages (RFC 9051 §7.5.1).
    std::string pending;
    for (const MessageRow& m : view.messages)
        if (m.expunge_pending) pending += (pending.empty() ? "" : ", ") + std::to_string(m.uid);
    if (!pending.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kShifted), "%s %s. %s",
                           tr(lang, "Expunged by another client, UID:", "Удалены другим клиентом, UID:"), pending.c_str(),
                           tr(lang, "This client keeps their numbers until it is told with * n EXPUNGE (after NOOP, IDLE or another command), RFC 9051 §7.5.1.",
                              "Этот клиент сохраняет их номера, пока сервер не сообщит * n EXPUNGE (после NOOP, IDLE или другой команды), RFC 9051 §7.5.1."));
        ImGui::PopTextWrapPos();
    }
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s t = %.2f", tr(lang, "animation", "анимация"), t);
}

void draw_pg_inspector(PlaygroundApp& app, UiActions& out) {
    if (!app.inspector().open) return;
    auto it = app.panes().find(app.watched());
    if (it == app.panes().end() || !it->second.log) return;
    ViewContext ctx{app.empty_run(), app.inspector_ui(), *it->second.log, it->second.step, app.fonts(), out};
    ctx.inspector = &app.inspector();
    draw_inspector(ctx);
}

void draw_pg_in_flight(PlaygroundApp& app, UiActions&) {
    const Language lang = app.lang();
    const Playground& pg = app.playground();
    const Timeline& tl = pg.timeline();
    const std::uint32_t conn = app.watched();
    const std::uint32_t step = pg.current_step();
    const Fonts& fonts = app.fonts();
    ImFont* mono = fonts.mono ? fonts.mono : ImGui::GetFont();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s",
                       tr(lang, "Commands sent and not yet completed, after each line of this step: a tag waits until its tagged response (RFC 9051 §5.5).",
                          "Отправленные и ещё не завершённые команды после каждой строки шага: тег ждёт своего ответа с тегом (RFC 9051 §5.5)."));
    ImGui::PopTextWrapPos();
    const auto now = in_flight_at(tl, conn, tl.size());
    std::string now_s;
    for (const InFlightCommand& c : now) now_s += (now_s.empty() ? "" : " ") + c.tag;
    ImGui::Text("%s %u: %s", tr(lang, "In flight now, client", "Сейчас в пути, клиент"), conn,
                now_s.empty() ? tr(lang, "none", "ничего") : now_s.c_str());
    if (ImGui::BeginTable("##flight", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY)) {
        ImGui::TableSetupColumn(tr(lang, "line", "строка"), ImGuiTableColumnFlags_WidthStretch, 0.62f);
        ImGui::TableSetupColumn(tr(lang, "in flight after it", "в пути после неё"), ImGuiTableColumnFlags_WidthStretch, 0.38f);
        ImGui::TableHeadersRow();
        const std::size_t b = tl.begin_of_step(step), e = tl.end_of_step(step);
        for (std::size_t i = b; i < e && i < tl.size(); ++i) {
            const TraceEvent& ev = tl.events()[i];
            const auto* w = std::get_if<WireLine>(&ev.data);
            if (!w || ev.connection != conn) continue;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(mono);
            std::string text = (w->is_client() ? "C: " : "S: ") + w->text.substr(0, w->text.find('\r'));
            if (text.size() > 48) text = text.substr(0, 45) + "...";
            const ImU32 col = w->is_client() ? theme::kClient
                              : w->kind == LineKind::ServerTagged ? (w->status == ResponseStatus::Ok ? theme::kOk : theme::kBad)
                              : w->kind == LineKind::ServerContinuation ? theme::kContinuation
                                                                       : theme::kServer;
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col), "%s", text.c_str());
            ImGui::TableNextColumn();
            const auto fl = in_flight_at(tl, conn, i);
            for (std::size_t k = 0; k < fl.size(); ++k) {
                if (k) ImGui::SameLine(0.0f, 4.0f);
                const ImVec2 ts = ImGui::CalcTextSize(fl[k].tag.c_str());
                const ImVec2 q = ImGui::GetCursorScreenPos();
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(q.x - 2.0f, q.y), ImVec2(q.x + ts.x + 2.0f, q.y + ts.y),
                                                          theme::rgba(255, 196, 0, 60), 3.0f);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "%s", fl[k].tag.c_str());
            }
            if (fl.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "—");
            ImGui::PopFont();
        }
        ImGui::EndTable();
    }
}

}  // namespace imaplab::gui
