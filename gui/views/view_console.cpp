// The playground's console for one client: the input box, a highlighted echo of it underneath
// (ImGui 1.86 has no rich InputText; the spans come from console::highlight), the pre-send syntax
// check (offset and reason, with the line the server would answer) while typing — Send stays
// allowed, the learner sees the server's BAD —, Tab completion (the candidates listed under the
// box), Up/Down history, Enter sends. A literal is typed as on the wire: after "{n}" Enter starts a
// new line (console_input.hpp: the input NeedsLiteralData); Ctrl+Enter always inserts a new line.
// Pipeline mode queues the commands and "Send all" sends them together (RFC 9051 §5.5).
#include <imgui.h>
#include <imgui_stdlib.h>  // after imgui.h, which it does not include

#include <algorithm>
#include <cfloat>
#include <string>

#include "i18n.hpp"
#include "playground_app.hpp"
#include "theme.hpp"

namespace imaplab::gui {

namespace {

ImU32 span_colour(console::SpanClass c) {
    using C = console::SpanClass;
    switch (c) {
        case C::Tag: return theme::rgba(190, 150, 255);
        case C::CommandName: return theme::kClient;
        case C::Atom: return theme::kText;
        case C::Number: return theme::rgba(255, 170, 90);
        case C::SequenceSet: return theme::kShifted;
        case C::QuotedString: return theme::rgba(120, 220, 140);
        case C::LiteralHeader: return theme::kContinuation;
        case C::LiteralData: return theme::kLiteral;
        case C::Flag: return theme::kRecent;
        case C::Bracket: return theme::kDim;
        case C::Error: return theme::kBad;
    }
    return theme::kText;
}

struct CallbackData {
    ClientPane* pane;
    UiActions* out;
};

int console_callback(ImGuiInputTextCallbackData* d) {
    auto* cb = static_cast<CallbackData*>(d->UserData);
    ClientPane& p = *cb->pane;
    switch (d->EventFlag) {
        case ImGuiInputTextFlags_CallbackAlways:
            if (p.replace_pending) {
                d->DeleteChars(0, d->BufTextLen);
                d->InsertChars(0, p.replace_input.c_str());
                d->CursorPos = d->SelectionStart = d->SelectionEnd = d->BufTextLen;
                p.replace_pending = false;
            }
            p.cursor = d->CursorPos;
            break;
        case ImGuiInputTextFlags_CallbackCompletion:
            p.cursor = d->CursorPos;
            cb->out->push_back(pg_action("complete", std::to_string(p.id)));
            break;
        default:
            break;
    }
    return 0;
}

/// The input drawn again with its spans in colour, line by line; returns the screen position of
/// byte `mark` (for the error caret) in `mark_pos`.
void draw_echo(const std::string& input, const std::vector<console::Span>& spans, ImFont* mono, std::size_t mark, ImVec2& mark_pos,
               bool& mark_found) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = mono->FontSize;
    const float row_h = std::floor(fs * 1.2f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    origin.x += 4.0f;
    int lines = 1;
    for (char c : input) lines += c == '\n' ? 1 : 0;
    lines = std::min(lines, 4);
    ImVec2 pos = origin;
    int line = 0;
    std::size_t i = 0;
    mark_found = false;
    auto emit = [&](std::size_t b, std::size_t e, ImU32 col, bool error) {
        while (b < e && line < lines) {
            const std::size_t nl = input.find('\n', b);
            const std::size_t stop = nl == std::string::npos || nl >= e ? e : nl;
            if (!mark_found && mark >= b && mark <= stop) {
                mark_pos = ImVec2(pos.x + mono->CalcTextSizeA(fs, FLT_MAX, 0.0f, input.data() + b, input.data() + mark).x, pos.y);
                mark_found = true;
            }
            const ImVec2 sz = mono->CalcTextSizeA(fs, FLT_MAX, 0.0f, input.data() + b, input.data() + stop);
            dl->AddText(mono, fs, pos, col, input.data() + b, input.data() + stop);
            if (error) dl->AddLine(ImVec2(pos.x, pos.y + fs + 1.0f), ImVec2(pos.x + sz.x, pos.y + fs + 1.0f), theme::kBad, 1.5f);
            pos.x += sz.x;
            if (stop < e) {  // a line end
                ++line;
                pos = ImVec2(origin.x, origin.y + static_cast<float>(line) * row_h);
                b = stop + 1;
            } else {
                b = stop;
            }
        }
    };
    for (const console::Span& s : spans) {
        if (s.offset > i) emit(i, s.offset, theme::kText, false);
        emit(s.offset, s.offset + s.length, span_colour(s.cls), s.cls == console::SpanClass::Error);
        i = s.offset + s.length;
    }
    if (i < input.size()) emit(i, input.size(), theme::kText, false);
    if (!mark_found && mark >= input.size()) {
        mark_pos = pos;
        mark_found = true;
    }
    ImGui::Dummy(ImVec2(10.0f, static_cast<float>(lines) * row_h + 2.0f));
}

}  // namespace

void draw_pg_console(PlaygroundApp& app, ClientPane& p, UiActions& out) {
    app.analyse(p);
    if (p.completion && p.completion_for != p.input) p.completion.reset();  // typing on closes the candidates
    const Language lang = app.lang();
    const Fonts& fonts = app.fonts();
    ImFont* mono = fonts.mono ? fonts.mono : ImGui::GetFont();
    const std::string id = std::to_string(p.id);
    ImGui::PushID(static_cast<int>(p.id));

    // Pipeline mode (the checkbox is in the column's header): the queued commands wait here.
    if (!p.queued.empty()) {
        const std::string label = std::string(tr(lang, "Send all", "Отправить все")) + " (" + std::to_string(p.queued.size()) + ")";
        if (ImGui::SmallButton(label.c_str())) out.push_back(pg_action("send-queue", id));
        ImGui::PushFont(mono);
        for (const std::string& q : p.queued) {
            const std::string first = q.substr(0, q.find('\r'));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kDim), "  %s", first.c_str());
        }
        ImGui::PopFont();
    }

    // The input box.
    const float send_w = ImGui::CalcTextSize(tr(lang, "Send", "Отправить")).x + ImGui::GetStyle().FramePadding.x * 2.0f + 4.0f;
    ImGui::PushFont(mono);
    const bool wants_literal = p.prepared.status == console::InputStatus::NeedsLiteralData;
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackCompletion | ImGuiInputTextFlags_CallbackAlways;
    if (!wants_literal) flags |= ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CtrlEnterForNewLine;
    if (p.focus_frames > 0) {
        ImGui::SetKeyboardFocusHere();
        p.replace_input = p.input;
        p.replace_pending = true;
    }
    CallbackData cb{&p, &out};
    const float box_h = std::floor(mono->FontSize * 1.25f) * 2.0f + ImGui::GetStyle().FramePadding.y * 2.0f;
    const bool enter = ImGui::InputTextMultiline("##console", &p.input, ImVec2(-send_w - ImGui::GetStyle().ItemSpacing.x - 2.0f, box_h), flags, console_callback, &cb);
    const bool active = ImGui::IsItemActive();
    if (!active) p.replace_pending = false;
    // Up/Down move between the lines of a multi-line command; on one line they walk the history
    // (ImGui's history callback is for single-line boxes only).
    if (active && p.input.find('\n') == std::string::npos) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) out.push_back(pg_action("history", id + " up"));
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) out.push_back(pg_action("history", id + " down"));
    }
    ImGui::PopFont();
    ImGui::SameLine();
    // A syntax error does not stop Send (the learner sees the server's BAD); an unfinished literal does.
    ImGui::BeginDisabled(p.prepared.status != console::InputStatus::Ready);
    const bool send_clicked = ImGui::Button(tr(lang, "Send", "Отправить"), ImVec2(send_w, box_h));
    ImGui::EndDisabled();
    if ((enter || send_clicked) && p.prepared.status == console::InputStatus::Ready) out.push_back(pg_action("send", id + " " + p.input));

    // The echo with its colours, and what the console will do.
    ImGui::PushFont(mono);
    ImVec2 mark_pos(0, 0);
    bool mark_found = false;
    const std::size_t mark = p.prepared.syntax ? p.prepared.syntax->offset : std::string::npos;
    if (!p.input.empty()) {
        draw_echo(p.input, p.spans, mono, mark, mark_pos, mark_found);
        if (p.prepared.syntax && mark_found) {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddTriangleFilled(ImVec2(mark_pos.x, mark_pos.y + mono->FontSize + 1.0f),
                                  ImVec2(mark_pos.x - 4.0f, mark_pos.y + mono->FontSize + 7.0f),
                                  ImVec2(mark_pos.x + 4.0f, mark_pos.y + mono->FontSize + 7.0f), theme::kBad);
        }
    }
    ImGui::PopFont();
    const ImVec4 dim = ImGui::ColorConvertU32ToFloat4(theme::kDim);
    switch (p.prepared.status) {
        case console::InputStatus::Empty:
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(dim, "%s %s  ·  %s", tr(lang, "Next tag:", "Следующий тег:"), p.analysed_tag.c_str(),
                               tr(lang, "Tab completes, ↑/↓ history", "Tab — дополнение, ↑/↓ — история"));
            ImGui::PopTextWrapPos();
            break;
        case console::InputStatus::NeedsLiteralData:
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kContinuation), "%s %zu %s",
                               tr(lang, "Literal: type", "Литерал: ещё"), p.prepared.missing,
                               tr(lang, "more octets (Enter = new line, counts 2)", "октетов (Enter — новая строка, 2 октета)"));
            ImGui::PopTextWrapPos();
            break;
        case console::InputStatus::ExtraLines:
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kBad), "%s",
                               tr(lang, "Text after the end of the command: one command at a time",
                                  "Текст после конца команды: по одной команде за раз"));
            break;
        case console::InputStatus::Ready:
            if (p.prepared.syntax) {
                const console::SyntaxError& e = *p.prepared.syntax;
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kBad), "%s %zu: %s", tr(lang, "Syntax error at", "Ошибка синтаксиса, позиция"),
                                   e.offset, e.reason.c_str());
                ImGui::PushFont(mono);
                ImGui::TextColored(dim, "%s %s", tr(lang, "server:", "сервер:"), e.server_line.c_str());
                ImGui::PopFont();
                ImGui::PopTextWrapPos();
            } else {
                std::string plan;
                for (const console::WirePart& part : p.prepared.parts) {
                    std::string first = part.bytes.substr(0, part.bytes.find('\r'));
                    if (first.size() > 40) first = first.substr(0, 37) + "...";
                    plan += (plan.empty() ? "" : " → ") + first;
                    if (part.waits_for_continuation) plan += std::string(" → ") + tr(lang, "waits for +", "ждёт +");
                }
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kOk), "%s %s%s%s",
                                   p.pipeline ? tr(lang, "Enter queues as", "Enter добавит как") : tr(lang, "Enter sends as", "Enter отправит как"),
                                   p.prepared.tag.c_str(), p.prepared.parts.size() > 1 ? ": " : "",
                                   p.prepared.parts.size() > 1 ? plan.c_str() : "");
                ImGui::PopTextWrapPos();
            }
            break;
    }
    if (!p.message.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kBad), "%s", p.message.c_str());

    // Completion candidates.
    if (p.completion && !p.completion->candidates.empty()) {
        const std::size_t n = p.completion->candidates.size();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "Tab: %zu %s", n, tr(lang, "candidates", "вариантов"));
        ImGui::SameLine();
        if (ImGui::SmallButton("×")) out.push_back(pg_action("type", id + " " + p.input));
        ImGui::PushFont(mono);
        const float row = ImGui::GetTextLineHeightWithSpacing();
        ImGui::BeginChild("##candidates", ImVec2(0, row * static_cast<float>(std::min<std::size_t>(n, 5)) + 8.0f), true);
        for (std::size_t k = 0; k < n; ++k) {
            if (ImGui::Selectable(p.completion->candidates[k].c_str(), false))
                out.push_back(pg_action("choose", id + " " + std::to_string(k + 1)));
        }
        ImGui::EndChild();
        ImGui::PopFont();
    } else if (p.completion) {
        ImGui::TextColored(dim, "%s", tr(lang, "Tab: nothing to complete here", "Tab: здесь нечего дополнить"));
    }
    ImGui::PopID();
}

}  // namespace imaplab::gui
