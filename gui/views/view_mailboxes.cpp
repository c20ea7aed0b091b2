// The account's mailbox tree and the message list of one mailbox (SessionView). Flags added in
// this step are green, removed ones red and struck through; an expunged message stays one more step,
// struck out, and the sequence numbers after it show their shift ("181→180"). The table draws only
// the visible rows (ImGuiListClipper), so 100,000 messages cost the same as ten.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "theme.hpp"
#include "types/flags.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

namespace {

bool contains_flag(const std::vector<std::string>& flags, const std::string& f) {
    return std::any_of(flags.begin(), flags.end(), [&](const std::string& x) { return iequals(x, f); });
}

/// Text with a line through it.
void text_struck(const char* text, ImU32 col) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(col));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    const float y = std::floor((a.y + b.y) * 0.5f) + 1.0f;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x - 1.0f, y), ImVec2(b.x + 1.0f, y), col, 1.5f);
}

/// A flag as a small chip: plain, added (green) or removed (red, struck).
void flag_chip(const std::string& flag, ImU32 text_col, ImU32 bg, bool struck) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 ts = ImGui::CalcTextSize(flag.c_str());
    if (bg != 0) {
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 2.0f, p.y - 1.0f), ImVec2(p.x + ts.x + 2.0f, p.y + ts.y + 1.0f),
                                                  bg, 3.0f);
    }
    if (struck) {
        text_struck(flag.c_str(), text_col);
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text_col));
        ImGui::TextUnformatted(flag.c_str());
        ImGui::PopStyleColor();
    }
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

/// Everything about one message row, for when its cells are too narrow.
void message_tooltip(const ViewContext& ctx, const MessageRow& r) {
    ImGui::BeginTooltip();
    ImGui::Text("UID %u · %s", r.uid, r.internal_date.c_str());
    ImGui::Text("%s (%s)", ctx.tr("Flags:", "Флаги:"), join(r.flags).c_str());
    if (!r.added.empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagAdded), "%s %s", ctx.tr("added:", "добавлены:"),
                           join(r.added).c_str());
    if (!r.removed.empty())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagRemoved), "%s %s", ctx.tr("removed:", "сняты:"),
                           join(r.removed).c_str());
    if (r.leaving)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagRemoved), ctx.tr("expunged (was %u)", "удалено (был №%u)"),
                           r.prev_seq);
    if (r.expunge_pending)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kShifted), "%s",
                           ctx.tr("expunged by another session; this one keeps its number until told (RFC 9051 §7.5.1)",
                                  "удалено другим сеансом; этот сеанс сохраняет номер, пока ему не сообщат (RFC 9051 §7.5.1)"));
    ImGui::Text("%s %s", ctx.tr("From:", "От:"), r.from.c_str());
    ImGui::Text("%s %s", ctx.tr("Subject:", "Тема:"), r.subject.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s",
                       ctx.tr("Click: open in the message inspector", "Щелчок: открыть в инспекторе письма"));
    ImGui::EndTooltip();
}

void draw_tree(const ViewContext& ctx, const SessionView& view) {
    const std::string follow_name = view.selected_mailbox.empty() ? std::string("INBOX") : view.selected_mailbox;
    for (std::size_t i = 0; i < view.mailboxes.size(); ++i) {
        const MailboxRow& mb = view.mailboxes[i];
        ImGui::PushID(static_cast<int>(i));
        const bool shown = mb.name == view.shown_mailbox;
        const std::string label = (mb.selected ? "● " : "   ") + mb.leaf;
        ImGui::Indent(static_cast<float>(mb.depth) * ImGui::GetFontSize());
        if (mb.created_this_step) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kAccent));
        else if (mb.selected) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kStateCurrentBorder));
        if (ImGui::Selectable(label.c_str(), shown)) {
            ctx.push(action::show_mailbox(mb.name == follow_name ? std::string() : mb.name));
        }
        if (mb.created_this_step || mb.selected) ImGui::PopStyleColor();
        ImGui::SameLine();
        const std::string count = std::to_string(mb.messages);
        const float right = ImGui::GetWindowContentRegionMax().x - 4.0f;
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - ImGui::CalcTextSize(count.c_str()).x));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s", count.c_str());
        ImGui::Unindent(static_cast<float>(mb.depth) * ImGui::GetFontSize());
        ImGui::PopID();
    }
}

void draw_messages(const ViewContext& ctx, const SessionView& view) {
    const StepModel& sm = ctx.step;
    const UiState& ui = ctx.ui;
    const bool is_selected = !view.selected_mailbox.empty() && view.shown_mailbox == view.selected_mailbox;

    // Header: which mailbox, how many messages, and whether the session has it selected.
    ImGui::PushFont(ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont());
    ImGui::TextUnformatted(view.shown_mailbox.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim),
                       ctx.tr(sm.exists == 1 ? "%zu message · %zu \\Recent · %zu unseen" : "%zu messages · %zu \\Recent · %zu unseen",
                              "писем: %zu · \\Recent: %zu · непрочитанных: %zu"),
                       sm.exists, sm.recent, sm.unseen);
    if (is_selected) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kStateCurrentBorder), "%s",
                           view.read_only ? ctx.tr("· selected, read-only", "· выбран, только чтение")
                                          : ctx.tr("· selected, read-write", "· выбран, чтение и запись"));
    } else {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s", ctx.tr("· not selected", "· не выбран"));
    }
    if (!ui.shown_mailbox.empty() && !is_selected) {
        ImGui::SameLine();
        if (ImGui::SmallButton(ctx.tr("follow the session", "к ящику сеанса"))) ctx.push(action::show_mailbox(""));
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##messages", 6, flags, ImVec2(0, 0))) return;
    const float cw = ImGui::CalcTextSize("0").x;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Seq is wide enough for "181→180"; Flags gets the most room, they are what the lesson is about.
    const char* size_label = ctx.tr("Size", "Размер");
    ImGui::TableSetupColumn(ctx.tr("Seq", "№"), ImGuiTableColumnFlags_WidthFixed, cw * 7.0f);
    ImGui::TableSetupColumn("UID", ImGuiTableColumnFlags_WidthFixed, cw * 5.6f);
    ImGui::TableSetupColumn(ctx.tr("Flags", "Флаги"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(size_label, ImGuiTableColumnFlags_WidthFixed,
                            std::max(cw * 5.0f, ImGui::CalcTextSize(size_label).x));
    ImGui::TableSetupColumn(ctx.tr("From", "От"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(ctx.tr("Subject", "Тема"), ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::TableHeadersRow();

    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
    if (ui.scroll_messages_frames > 0) {
        const float view_h = ImGui::GetWindowHeight();
        float target = 0.0f;
        if (!sm.changed_rows.empty()) {
            target = static_cast<float>(sm.changed_rows.front()) * row_h - view_h * 0.45f;
        }
        ImGui::SetScrollY(std::max(0.0f, target));
    }

    const auto& rows = view.messages;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_h);
    char buf[64];
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const MessageRow& r = rows[static_cast<std::size_t>(i)];
            const bool shifted = view.step > 0 && r.prev_seq != 0 && r.seq != 0 && r.prev_seq != r.seq;
            const bool arrived = std::binary_search(sm.new_uids.begin(), sm.new_uids.end(), r.uid);
            const bool flag_change = !r.added.empty() || !r.removed.empty();
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            if (r.leaving) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, theme::kLeavingBg);
            } else if (arrived) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, theme::kFlagAddedBg);
            } else if (flag_change || shifted) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, theme::kCurrentStepBg);
            }
            const ImU32 text_col = r.leaving ? theme::kFlagRemoved : theme::kText;
            // Expunged by another session, not yet told: dimmed, still numbered (RFC 9051 §7.5.1).
            if (r.expunge_pending) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kDim));

            // Seq.
            ImGui::TableSetColumnIndex(0);
            {
                // A click on the row opens the message inspector (issue 6); the cells draw over it.
                const ImVec2 cell = ImGui::GetCursorPos();
                ImGui::PushID(i);
                const bool inspected = ui.inspect_uid == r.uid && ui.inspect_mailbox == view.shown_mailbox;
                if (ImGui::Selectable("##inspect", inspected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                      ImVec2(0.0f, row_h - ImGui::GetStyle().CellPadding.y * 2.0f)) && !inspected)
                    ctx.push(action::inspect_message(view.shown_mailbox, r.uid));
                ImGui::PopID();
                ImGui::SetCursorPos(cell);
            }
            if (r.leaving) {
                std::snprintf(buf, sizeof buf, "%u", r.prev_seq);
                text_struck(buf, theme::kFlagRemoved);
                ImGui::SameLine(0.0f, cw * 0.5f);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagRemoved), "✗");
            } else if (shifted) {
                std::snprintf(buf, sizeof buf, "%u→%u", r.prev_seq, r.seq);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kShifted), "%s", buf);
            } else if (arrived) {
                std::snprintf(buf, sizeof buf, "%u %s", r.seq, ctx.tr("new", "новое"));
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kFlagAdded), "%s", buf);
            } else if (r.seq != 0) {
                std::snprintf(buf, sizeof buf, "%u", r.seq);
                ImGui::TextUnformatted(buf);
            } else {
                ImGui::TextDisabled("—");
            }

            // UID.
            ImGui::TableSetColumnIndex(1);
            std::snprintf(buf, sizeof buf, "%u", r.uid);
            if (r.leaving) text_struck(buf, text_col);
            else ImGui::TextUnformatted(buf);

            // Flags: current ones (added in green), then removed ones struck in red.
            ImGui::TableSetColumnIndex(2);
            ImGui::BeginGroup();
            bool any = false;
            for (const std::string& f : r.flags) {
                if (any) ImGui::SameLine(0.0f, cw * 0.8f);
                any = true;
                if (contains_flag(r.added, f)) {
                    flag_chip(f, theme::kFlagAdded, theme::kFlagAddedBg, false);
                } else {
                    const ImU32 c = iequals(f, "\\Recent") ? theme::kRecent : (r.leaving ? text_col : theme::kText);
                    flag_chip(f, c, 0, r.leaving);
                }
            }
            for (const std::string& f : r.removed) {
                if (any) ImGui::SameLine(0.0f, cw * 0.8f);
                any = true;
                flag_chip(f, theme::kFlagRemoved, theme::kFlagRemovedBg, true);
            }
            if (!any) ImGui::Dummy(ImVec2(cw, ImGui::GetTextLineHeight()));
            ImGui::EndGroup();
            bool show_tip = ImGui::IsItemHovered();

            // Size, From, Subject.
            ImGui::TableSetColumnIndex(3);
            std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(r.size));
            if (r.leaving) text_struck(buf, text_col);
            else ImGui::TextUnformatted(buf);
            ImGui::TableSetColumnIndex(4);
            if (r.leaving) text_struck(r.from.c_str(), text_col);
            else ImGui::TextUnformatted(r.from.c_str());
            show_tip = show_tip || ImGui::IsItemHovered();
            ImGui::TableSetColumnIndex(5);
            if (r.leaving) text_struck(r.subject.c_str(), text_col);
            else ImGui::TextUnformatted(r.subject.c_str());
            show_tip = show_tip || ImGui::IsItemHovered();
            if (r.expunge_pending) ImGui::PopStyleColor();
            if (show_tip) message_tooltip(ctx, r);
        }
    }
    clipper.End();
    ImGui::EndTable();
}

}  // namespace

void draw_mailboxes(const ViewContext& ctx) {
    const SessionView& view = *ctx.step.view;
    const float avail_w = ImGui::GetContentRegionAvail().x;
    // The tree is as wide as its widest row ("● INBOX  180"), within limits.
    float widest = ImGui::CalcTextSize(ctx.tr("Mailboxes", "Ящики")).x;
    for (const MailboxRow& mb : view.mailboxes) {
        const std::string count = std::to_string(mb.messages);
        widest = std::max(widest, static_cast<float>(mb.depth) * ImGui::GetFontSize() + ImGui::CalcTextSize(("●  " + mb.leaf).c_str()).x +
                                      ImGui::CalcTextSize(count.c_str()).x + 24.0f);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float tree_w = std::floor(std::clamp(widest + style.WindowPadding.x * 2.0f + style.ScrollbarSize * 0.5f, 110.0f,
                                               std::max(110.0f, avail_w * 0.30f)));

    ImGui::BeginChild("##tree", ImVec2(tree_w, 0), true);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "%s", ctx.tr("Mailboxes", "Ящики"));
    ImGui::Separator();
    draw_tree(ctx, view);
    ImGui::EndChild();

    ImGui::SameLine();
    ImGui::BeginChild("##messages_area", ImVec2(0, 0), false);
    draw_messages(ctx, view);
    ImGui::EndChild();
}

}  // namespace imaplab::gui
