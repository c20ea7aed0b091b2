// The message inspector (issue 6): a window over the panels with four tabs — the MIME tree (part
// numbers as BODY[...] takes them; a part's decoded text beside it), the header table, the raw
// source with line numbers and octet offsets (drawn with ImGuiListClipper), and the answer to
// each FETCH item. Everything is prepared in InspectorModel; this file only draws.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "theme.hpp"
#include "views/views.hpp"

#include <imgui_stdlib.h>  // after imgui.h, which it does not include

namespace imaplab::gui {

namespace {

ImVec4 col(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

void push_mono(const ViewContext& ctx) { ImGui::PushFont(ctx.fonts.mono ? ctx.fonts.mono : ImGui::GetFont()); }

/// "1.2  text/html" with charset, encoding and size.
std::string node_label(const ViewContext& ctx, const MimeNode& n) {
    std::string label = n.part_number.empty() ? "[" + n.section + "]" : n.part_number;
    label += "  " + n.content_type();
    if (!n.charset.empty()) label += "; " + n.charset;
    if (!n.transfer_encoding.empty()) label += " · " + n.transfer_encoding;
    if (!n.filename.empty()) label += " · \"" + n.filename + "\"";
    char buf[64];
    std::snprintf(buf, sizeof buf, ctx.tr(" · %llu octets", " · %llu октетов"), static_cast<unsigned long long>(n.size));
    label += buf;
    return label;
}

void draw_tree_node(const ViewContext& ctx, const MimeNode& n, int& id) {
    ImGui::PushID(id++);
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_DefaultOpen | ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_SpanAvailWidth;
    if (n.children.empty()) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (!n.part_number.empty() && n.part_number == ctx.ui.inspect_part) flags |= ImGuiTreeNodeFlags_Selected;
    const std::string label = node_label(ctx, n);
    if (n.part_number.empty()) ImGui::PushStyleColor(ImGuiCol_Text, col(theme::kDim));
    const bool open = ImGui::TreeNodeEx("##node", flags, "%s", label.c_str());
    if (n.part_number.empty()) ImGui::PopStyleColor();
    if (ImGui::IsItemClicked() && !n.part_number.empty() && n.part_number != ctx.ui.inspect_part)
        ctx.push(action::inspect_part(n.part_number));
    if (open && !n.children.empty()) {
        for (const MimeNode& c : n.children) draw_tree_node(ctx, c, id);
        ImGui::TreePop();
    }
    ImGui::PopID();
}

void draw_part_details(const ViewContext& ctx, const MimeNode& n) {
    ImGui::PushFont(ctx.fonts.bold ? ctx.fonts.bold : ImGui::GetFont());
    ImGui::Text("%s %s · %s", ctx.tr("Part", "Часть"), n.part_number.c_str(), n.content_type().c_str());
    ImGui::PopFont();
    ImGui::TextColored(col(theme::kDim), "%s", ctx.tr("Fetch it with:", "Получить её:"));
    ImGui::SameLine();
    push_mono(ctx);
    ImGui::TextColored(col(theme::kClient), "BODY[%s]  BODY[%s.MIME]  BINARY[%s]", n.part_number.c_str(), n.part_number.c_str(),
                       n.part_number.c_str());
    ImGui::PopFont();
    ImGui::TextColored(col(theme::kDim), ctx.tr("%llu octets, %u lines · header at octet %zu", "%llu октетов, строк: %u · заголовок с октета %zu"),
                       static_cast<unsigned long long>(n.size), n.lines, n.offset);
    for (const MimeParam& p : n.params) {
        ImGui::BulletText("%s = %s", p.name.c_str(), p.value.c_str());
    }
    if (!n.headers.empty() && ImGui::CollapsingHeader(ctx.tr("Part header", "Заголовок части"))) {
        push_mono(ctx);
        for (const HeaderRow& h : n.headers) ImGui::TextWrapped("%s: %s", h.name.c_str(), h.decoded.c_str());
        ImGui::PopFont();
    }
    ImGui::Separator();
    if (!n.text) {
        ImGui::TextColored(col(theme::kDim), "%s",
                           ctx.tr("Not a text part: nothing to decode (see its octets in the FETCH tab, BINARY[...]).",
                                  "Не текстовая часть: декодировать нечего (её октеты — на вкладке FETCH, BINARY[...])."));
        return;
    }
    const DecodedText& t = *n.text;
    ImGui::TextColored(col(theme::kDim), ctx.tr("Decoded: %s, then %s → UTF-8", "Декодировано: %s, затем %s → UTF-8"),
                       t.transfer_encoding.c_str(), t.charset.c_str());
    if (!t.error.empty()) ImGui::TextColored(col(theme::kNo), "%s %s", ctx.tr("Problem:", "Проблема:"), t.error.c_str());
    ImGui::BeginChild("##decoded", ImVec2(0, 0), true);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(t.utf8.data(), t.utf8.data() + t.utf8.size());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

void draw_mime_tab(const ViewContext& ctx, const InspectorData& data) {
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::BeginChild("##tree", ImVec2(std::floor(w * 0.45f), 0), true);
    ImGui::PushStyleColor(ImGuiCol_Text, col(theme::kDim));
    ImGui::TextWrapped("%s", ctx.tr("BODYSTRUCTURE as a tree; numbers are BODY[...] part numbers (RFC 9051 §6.4.5)",
                                    "BODYSTRUCTURE деревом; номера — номера частей для BODY[...] (RFC 9051 §6.4.5)"));
    ImGui::PopStyleColor();
    ImGui::Separator();
    int id = 0;
    draw_tree_node(ctx, data.inspection.tree, id);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##part", ImVec2(0, 0), true);
    const MimeNode* n = ctx.ui.inspect_part.empty() ? nullptr : find_mime_node(data.inspection.tree, ctx.ui.inspect_part);
    if (n) draw_part_details(ctx, *n);
    else ImGui::TextColored(col(theme::kDim), "%s", ctx.tr("Click a part to see its decoded text.", "Щёлкните часть, чтобы увидеть её текст."));
    ImGui::EndChild();
}

void draw_headers_tab(const ViewContext& ctx, const InspectorData& data) {
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##headers", 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ctx.tr("Field", "Поле"), ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn(ctx.tr("Raw value", "Значение как есть"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(ctx.tr("Decoded (RFC 2047, unfolded)", "Декодировано (RFC 2047, без переносов)"),
                            ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (const HeaderRow& h : data.inspection.headers) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(h.name.c_str());
        ImGui::TableSetColumnIndex(1);
        push_mono(ctx);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(h.raw.c_str());  // folding line breaks show as line breaks
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ImGui::TableSetColumnIndex(2);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(h.decoded.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

void draw_source_tab(const ViewContext& ctx, const InspectorData& data) {
    const auto& lines = data.inspection.source;
    ImGui::TextColored(col(theme::kDim), ctx.tr("%zu lines, %llu octets (RFC822.SIZE); \\r\\n marks each CRLF, \\xNN a byte that is not UTF-8",
                                                "строк: %zu, октетов: %llu (RFC822.SIZE); \\r\\n — конец строки CRLF, \\xNN — байт не из UTF-8"),
                       lines.size(), static_cast<unsigned long long>(data.inspection.size));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingFixedFit;
    push_mono(ctx);
    if (ImGui::BeginTable("##source", 3, flags)) {
        const float cw = ImGui::CalcTextSize("0").x;
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, cw * 5.0f);
        ImGui::TableSetupColumn(ctx.tr("Offset", "Смещение"), ImGuiTableColumnFlags_WidthFixed, cw * 8.0f);
        ImGui::TableSetupColumn(ctx.tr("Line", "Строка"), ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(lines.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const SourceLine& l = lines[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextColored(col(theme::kDim), "%u", l.number);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextColored(col(theme::kDim), "%zu", l.offset);
                ImGui::TableSetColumnIndex(2);
                ImGui::TextUnformatted(l.shown.data(), l.shown.data() + l.shown.size());
                if (l.end != LineEnd::None) {
                    ImGui::SameLine(0.0f, 0.0f);
                    if (l.end == LineEnd::CrLf) ImGui::TextColored(col(theme::kDim), "\\r\\n");
                    else ImGui::TextColored(col(theme::kBad), "%s", ctx.tr("\\n (bare LF)", "\\n (LF без CR)"));
                }
            }
        }
        clipper.End();
        ImGui::EndTable();
    }
    ImGui::PopFont();
}

void draw_fetch_tab(const ViewContext& ctx, const InspectorModel& m) {
    if (m.fetches.empty()) return;
    const bool custom = ctx.ui.inspect_fetch_item < 0 && m.custom;
    const int current = custom ? -1 : std::clamp(ctx.ui.inspect_fetch_item, 0, static_cast<int>(m.fetches.size()) - 1);
    const InspectorFetch& f = custom ? *m.custom : m.fetches[static_cast<std::size_t>(current)];
    ImGui::TextUnformatted(ctx.tr("FETCH item:", "Элемент FETCH:"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18.0f);
    if (ImGui::BeginCombo("##item", custom ? ctx.tr("(typed)", "(введённый)") : f.item.c_str())) {
        for (int i = 0; i < static_cast<int>(m.fetches.size()); ++i) {
            const bool selected = i == current;
            if (ImGui::Selectable(m.fetches[static_cast<std::size_t>(i)].item.c_str(), selected) && !selected)
                ctx.push(action::inspect_fetch_item(i));
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    // Any other item, typed: Enter (or the button) asks the engine.
    ImGui::SameLine();
    ImGui::TextUnformatted(ctx.tr("or type one:", "или введите:"));
    ImGui::SameLine();
    std::string typed = ctx.ui.inspect_custom_item;
    push_mono(ctx);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
    const bool enter = ImGui::InputTextWithHint("##typed", "BODY[1]<0.20>", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::PopFont();
    if (typed != ctx.ui.inspect_custom_item) ctx.push(action::set_inspect_item_text(typed));
    ImGui::SameLine();
    if ((ImGui::Button(ctx.tr("Fetch", "Запросить")) || enter) && !typed.empty()) ctx.push(action::fetch_inspect_item());
    if (custom) {
        push_mono(ctx);
        ImGui::TextColored(col(theme::kClient), "FETCH 1 %s", f.item.c_str());
        ImGui::PopFont();
    }
    ImGui::TextColored(col(theme::kDim), "%s",
                       ctx.tr("What the server puts inside \"* n FETCH (...)\" for it (the engine's own answer; literals shown inline):",
                              "Что сервер пишет для него внутри «* n FETCH (...)» (ответ самого движка; литералы — в тексте):"));
    ImGui::BeginChild("##fetch", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true, ImGuiWindowFlags_HorizontalScrollbar);
    push_mono(ctx);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(f.lines.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const std::string& line = f.lines[static_cast<std::size_t>(i)];
            ImGui::PushStyleColor(ImGuiCol_Text, col(i == 0 ? theme::kServer : theme::kLiteral));
            ImGui::TextUnformatted(line.data(), line.data() + line.size());
            ImGui::PopStyleColor();
        }
    }
    clipper.End();
    ImGui::PopFont();
    ImGui::EndChild();
    push_mono(ctx);
    ImGui::TextColored(col(f.ok ? theme::kOk : theme::kBad), "%s", f.tagged.c_str());
    ImGui::PopFont();
}

}  // namespace

void draw_inspector(const ViewContext& ctx) {
    const InspectorModel* m = ctx.inspector;
    if (!m || !m->open) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(std::floor(io.DisplaySize.x * 0.06f), std::floor(io.DisplaySize.y * 0.06f)), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(std::floor(io.DisplaySize.x * 0.88f), std::floor(io.DisplaySize.y * 0.86f)), ImGuiCond_Appearing);
    char title[160];
    std::snprintf(title, sizeof title, ctx.tr("Message inspector · %s UID %u###inspector", "Инспектор письма · %s UID %u###inspector"),
                  m->mailbox.c_str(), m->uid);
    bool open = true;
    if (ImGui::Begin(title, &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        if (!m->data) {
            ImGui::TextColored(col(theme::kNo), "%s %s", ctx.tr("Nothing to inspect:", "Нечего показать:"), m->error.c_str());
        } else if (ImGui::BeginTabBar("##inspector_tabs")) {
            if (ImGui::BeginTabItem(ctx.tr("MIME tree", "Дерево MIME"))) {
                draw_mime_tab(ctx, *m->data);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(ctx.tr("Headers", "Заголовки"))) {
                draw_headers_tab(ctx, *m->data);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(ctx.tr("Raw source", "Исходный текст"))) {
                draw_source_tab(ctx, *m->data);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem(ctx.tr("FETCH items", "Элементы FETCH"))) {
                draw_fetch_tab(ctx, *m);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
    if (!open) ctx.push(action::close_inspector());
}

}  // namespace imaplab::gui
