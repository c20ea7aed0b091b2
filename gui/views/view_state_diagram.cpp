// The session state diagram of RFC 3501 §3 (RFC 9051 §3): four states as boxes, the commands
// that move between them as labelled arrows. The current state is filled; the edges taken during
// the current step (SessionView::transitions) are drawn thick in the accent colour.
#include <algorithm>
#include <array>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "theme.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

namespace {

enum class Edge : int {
    Greeting,        // connection + "* OK" greeting -> Not Authenticated          (1)
    Preauth,         // "* PREAUTH" greeting -> Authenticated                       (2)
    Refused,         // "* BYE" greeting (connection refused) -> Logout             (3)
    Login,           // LOGIN / AUTHENTICATE                                        (4)
    Select,          // SELECT / EXAMINE                                            (5)
    Close,           // CLOSE / UNSELECT / failed SELECT -> Authenticated           (6)
    Reselect,        // SELECT / EXAMINE while Selected: another mailbox
    LogoutNotAuth,   // LOGOUT, BYE, connection closed                              (7)
    LogoutAuth,
    LogoutSelected,
    Count
};

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

/// Which drawn edge a transition took. Step 0 is the connection setup (the greeting).
std::optional<Edge> edge_for(const StateChanged& t, std::uint32_t step) {
    using S = SessionState;
    const std::string cmd = upper(t.command);
    switch (t.to) {
        case S::NotAuthenticated:
            return Edge::Greeting;
        case S::Authenticated:
            if (t.from == S::Selected) return Edge::Close;
            if (cmd == "LOGIN" || cmd == "AUTHENTICATE") return Edge::Login;
            if (cmd == "PREAUTH" || cmd == "GREETING" || step == 0) return Edge::Preauth;
            return Edge::Login;
        case S::Selected:
            return t.from == S::Selected ? Edge::Reselect : Edge::Select;
        case S::Logout:
            if (cmd == "GREETING" || (step == 0 && t.from == S::NotAuthenticated && cmd != "LOGOUT")) return Edge::Refused;
            if (t.from == S::Authenticated) return Edge::LogoutAuth;
            if (t.from == S::Selected) return Edge::LogoutSelected;
            return Edge::LogoutNotAuth;
    }
    return std::nullopt;
}

struct Geometry {
    ImVec2 pill_min, pill_max;               // "connection: server greeting"
    std::array<ImVec2, 4> box_min, box_max;  // by SessionState
};

ImVec2 center(ImVec2 a, ImVec2 b) {
    return ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
}

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 from, ImU32 col, float size) {
    float dx = tip.x - from.x, dy = tip.y - from.y;
    const float len = std::max(0.001f, std::sqrt(dx * dx + dy * dy));
    dx /= len;
    dy /= len;
    const ImVec2 base(tip.x - dx * size, tip.y - dy * size);
    const ImVec2 n(-dy * size * 0.5f, dx * size * 0.5f);
    dl->AddTriangleFilled(tip, ImVec2(base.x + n.x, base.y + n.y), ImVec2(base.x - n.x, base.y - n.y), col);
}

/// A polyline with an arrow head at its last point.
void draw_arrow(ImDrawList* dl, const std::vector<ImVec2>& pts, bool emphasised, float u) {
    const ImU32 col = emphasised ? theme::kAccent : theme::kEdge;
    const float thick = (emphasised ? 4.0f : 1.6f) * u;
    const float head = (emphasised ? 13.0f : 9.0f) * u;
    // Stop the line short of the tip so the head stays sharp.
    std::vector<ImVec2> line = pts;
    if (line.size() >= 2) {
        ImVec2& last = line.back();
        const ImVec2 prev = line[line.size() - 2];
        float dx = last.x - prev.x, dy = last.y - prev.y;
        const float len = std::max(0.001f, std::sqrt(dx * dx + dy * dy));
        last = ImVec2(last.x - dx / len * head * 0.6f, last.y - dy / len * head * 0.6f);
    }
    dl->AddPolyline(line.data(), static_cast<int>(line.size()), col, ImDrawFlags_None, thick);
    if (pts.size() >= 2) arrow_head(dl, pts.back(), pts[pts.size() - 2], col, head);
}

enum class Align { Left, Center, Right };

/// A label whose anchor is `at` (left/centre/right edge, vertically centred), on a background
/// plate so lines behind it do not cut through the text. Several lines are separated by '\n'.
void draw_label(ImDrawList* dl, ImFont* font, ImVec2 at, Align align, const char* text, bool emphasised) {
    const float size = font->FontSize;
    const ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0.0f, text);
    float x = at.x;
    if (align == Align::Center) x -= ts.x * 0.5f;
    if (align == Align::Right) x -= ts.x;
    const ImVec2 p(x, at.y - ts.y * 0.5f);
    const ImU32 bg = emphasised ? theme::rgba(70, 55, 0, 235) : ImGui::GetColorU32(ImGuiCol_WindowBg);
    const float u = size / 16.0f;
    dl->AddRectFilled(ImVec2(p.x - 3 * u, p.y - u), ImVec2(p.x + ts.x + 3 * u, p.y + ts.y + u), bg, 3.0f * u);
    dl->AddText(font, size, p, emphasised ? theme::kAccent : theme::kEdgeLabel, text);
}

}  // namespace

void draw_state_diagram(const ViewContext& ctx) {
    const SessionView& view = *ctx.step.view;
    ImFont* font = ctx.fonts.ui ? ctx.fonts.ui : ImGui::GetFont();
    ImFont* bold = ctx.fonts.bold ? ctx.fonts.bold : font;
    const float lh = font->FontSize;
    const float u = lh / 16.0f;  // one pixel at the base text size: the drawing scales with the text

    // Which edges this step took.
    std::array<bool, static_cast<int>(Edge::Count)> taken{};
    std::array<std::string, static_cast<int>(Edge::Count)> taken_cmd{};
    for (const StateChanged& t : view.transitions) {
        if (auto e = edge_for(t, view.step)) {
            taken[static_cast<int>(*e)] = true;
            taken_cmd[static_cast<int>(*e)] = upper(t.command);
        }
    }
    if (ctx.step.reselected) taken[static_cast<int>(Edge::Reselect)] = true;
    auto is = [&](Edge e) { return taken[static_cast<int>(e)]; };

    // Status line at the bottom: where the session is now.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float status_h = ImGui::GetFrameHeightWithSpacing();
    const float h = std::max(avail.y - status_h, 10.0f);
    const float w = avail.x;

    // Layout: a column of the three working states on the left, Logout as a tall box on the right,
    // the connection/greeting pill above the column. PREAUTH runs down the left margin, BYE along
    // the top to Logout, LOGOUT edges go straight right.
    Geometry g{};
    const float route_x = origin.x + 10.0f * u;  // PREAUTH's vertical segment
    const float col_x = origin.x + 30.0f * u;
    const float na_text = bold->CalcTextSizeA(lh, FLT_MAX, 0, "Not Authenticated").x;
    const float col_w = std::clamp(w * 0.40f, na_text + 28.0f * u, na_text + 90.0f * u);
    const float logout_w = std::clamp(w * 0.20f, 90.0f * u, 150.0f * u);
    const float logout_x = origin.x + w - logout_w - 4.0f * u;
    const float pill_h = lh + 12.0f * u;
    const float box_h = lh * 1.9f + 6.0f * u;
    const float loop_h = lh + 14.0f * u;
    const float gap = std::max((h - pill_h - 3 * box_h - loop_h) / 3.0f, lh * 1.6f);

    float y = origin.y + 2.0f * u;
    g.pill_min = ImVec2(col_x, y);
    g.pill_max = ImVec2(col_x + col_w, y + pill_h);
    {
        // The pill grows to fit its label (the Russian one is longer than the column).
        const float label_w = font->CalcTextSizeA(lh, FLT_MAX, 0, ctx.tr("connection + greeting", "соединение + приветствие")).x;
        g.pill_max.x = std::max(g.pill_max.x, col_x + label_w + 28.0f * u);
    }
    y += pill_h + gap;
    for (SessionState s : {SessionState::NotAuthenticated, SessionState::Authenticated, SessionState::Selected}) {
        const int i = static_cast<int>(s);
        g.box_min[i] = ImVec2(col_x, y);
        g.box_max[i] = ImVec2(col_x + col_w, y + box_h);
        y += box_h + gap;
    }
    const int na = static_cast<int>(SessionState::NotAuthenticated);
    const int au = static_cast<int>(SessionState::Authenticated);
    const int se = static_cast<int>(SessionState::Selected);
    const int lo = static_cast<int>(SessionState::Logout);
    g.box_min[lo] = ImVec2(logout_x, g.box_min[na].y);
    g.box_max[lo] = ImVec2(logout_x + logout_w, g.box_max[se].y);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = (g.box_min[na].x + g.box_max[na].x) * 0.5f;

    // Edges: geometry + label, drawn plain first and emphasised on top.
    struct EdgeDraw {
        Edge edge;
        std::vector<ImVec2> pts;
        ImVec2 label_at;
        Align align;
        std::string label;
    };
    std::vector<EdgeDraw> edges;
    const float lg = 8.0f * u;  // label gap from its line

    // (1) greeting OK: pill -> Not Authenticated.
    edges.push_back({Edge::Greeting, {ImVec2(cx, g.pill_max.y), ImVec2(cx, g.box_min[na].y)},
                     ImVec2(cx + lg, (g.pill_max.y + g.box_min[na].y) * 0.5f), Align::Left, "* OK"});
    // (2) PREAUTH: pill left -> down the margin -> Authenticated's left side.
    {
        const float y_au = (g.box_min[au].y + g.box_max[au].y) * 0.5f;
        const float y_pill = (g.pill_min.y + g.pill_max.y) * 0.5f;
        edges.push_back({Edge::Preauth,
                         {ImVec2(g.pill_min.x, y_pill), ImVec2(route_x, y_pill), ImVec2(route_x, y_au),
                          ImVec2(g.box_min[au].x, y_au)},
                         ImVec2(route_x + lg, (g.box_max[na].y + g.box_min[au].y) * 0.5f), Align::Left, "* PREAUTH"});
    }
    // (3) greeting BYE: pill right -> along the top -> Logout's top.
    {
        const float y_pill = (g.pill_min.y + g.pill_max.y) * 0.5f;
        const float lx = (g.box_min[lo].x + g.box_max[lo].x) * 0.5f;
        edges.push_back({Edge::Refused, {ImVec2(g.pill_max.x, y_pill), ImVec2(lx, y_pill), ImVec2(lx, g.box_min[lo].y)},
                         ImVec2(lx - lg, (g.pill_max.y + g.box_min[lo].y) * 0.5f + 2.0f * u), Align::Right,
                         ctx.tr("* BYE (refused)", "* BYE (отказ)")});
    }
    // (4) LOGIN / AUTHENTICATE.
    edges.push_back({Edge::Login, {ImVec2(cx, g.box_max[na].y), ImVec2(cx, g.box_min[au].y)},
                     ImVec2(cx + lg, (g.box_max[na].y + g.box_min[au].y) * 0.5f), Align::Left, "LOGIN / AUTHENTICATE"});
    // (5) SELECT / EXAMINE and (6) CLOSE / UNSELECT, side by side.
    {
        const float off = std::min(col_w * 0.18f, 34.0f * u);
        const float mid = (g.box_max[au].y + g.box_min[se].y) * 0.5f;
        edges.push_back({Edge::Select, {ImVec2(cx - off, g.box_max[au].y), ImVec2(cx - off, g.box_min[se].y)},
                         ImVec2(cx - off - lg, mid), Align::Right, "SELECT /\nEXAMINE"});
        edges.push_back({Edge::Close, {ImVec2(cx + off, g.box_min[se].y), ImVec2(cx + off, g.box_max[au].y)},
                         ImVec2(cx + off + lg, mid), Align::Left, "CLOSE /\nUNSELECT"});
    }
    // Selected -> Selected on another mailbox: a loop under the box.
    {
        const float x0 = g.box_min[se].x + col_w * 0.30f;
        const float x1 = g.box_min[se].x + col_w * 0.55f;
        const float yb = g.box_max[se].y;
        const float yl = yb + loop_h * 0.75f;
        edges.push_back({Edge::Reselect, {ImVec2(x0, yb), ImVec2(x0, yl), ImVec2(x1, yl), ImVec2(x1, yb)},
                         ImVec2(x1 + lg, yb + loop_h * 0.45f), Align::Left,
                         ctx.tr("SELECT / EXAMINE (another mailbox)", "SELECT / EXAMINE (другой ящик)")});
    }
    // (7) LOGOUT from each state, straight right into Logout.
    const std::array<std::pair<Edge, int>, 3> logouts{{{Edge::LogoutNotAuth, na}, {Edge::LogoutAuth, au}, {Edge::LogoutSelected, se}}};
    for (const auto& [edge, s] : logouts) {
        const float yy = (g.box_min[s].y + g.box_max[s].y) * 0.5f;
        const std::string& cmd = taken_cmd[static_cast<int>(edge)];
        std::string label = "LOGOUT";
        if (is(edge) && !cmd.empty() && cmd != "LOGOUT") label = cmd == "BYE" ? "* BYE" : cmd;
        edges.push_back({edge, {ImVec2(g.box_max[s].x, yy), ImVec2(g.box_min[lo].x, yy)},
                         ImVec2((g.box_max[s].x + g.box_min[lo].x) * 0.5f, yy - lh * 0.5f - 4.0f * u), Align::Center, label});
    }

    for (int pass = 0; pass < 2; ++pass) {
        for (const EdgeDraw& e : edges) {
            if (is(e.edge) != (pass == 1)) continue;
            draw_arrow(dl, e.pts, pass == 1, u);
        }
    }

    // Boxes.
    const SessionState current = view.state;
    auto draw_box = [&](int s, const char* label, const char* note) {
        const bool cur = static_cast<int>(current) == s;
        const bool was = !cur && static_cast<int>(ctx.step.state_before) == s && !view.transitions.empty();
        dl->AddRectFilled(g.box_min[s], g.box_max[s], cur ? theme::kStateCurrentFill : theme::kStateFill, 6.0f * u);
        dl->AddRect(g.box_min[s], g.box_max[s],
                    cur ? theme::kStateCurrentBorder : (was ? theme::kAccent : theme::kStateBorder), 6.0f * u, 0,
                    (cur ? 3.0f : (was ? 2.0f : 1.2f)) * u);
        const ImVec2 c = center(g.box_min[s], g.box_max[s]);
        ImFont* f = cur ? bold : font;
        const ImVec2 ts = f->CalcTextSizeA(lh, FLT_MAX, 0, label);
        const float note_h = note ? lh * 0.85f : 0.0f;
        const float ty = c.y - (ts.y + note_h) * 0.5f;
        dl->AddText(f, lh, ImVec2(c.x - ts.x * 0.5f, ty), cur ? IM_COL32_WHITE : theme::kText, label);
        if (note) {
            const float ns = lh * 0.85f;
            const ImVec2 nts = font->CalcTextSizeA(ns, FLT_MAX, 0, note);
            dl->AddText(font, ns, ImVec2(c.x - nts.x * 0.5f, ty + ts.y), cur ? theme::rgba(215, 230, 255) : theme::kDim, note);
        }
    };
    const std::string selected_note =
        current == SessionState::Selected && !view.selected_mailbox.empty()
            ? view.selected_mailbox + (view.read_only ? " (READ-ONLY)" : " (READ-WRITE)")
            : std::string();
    draw_box(na, "Not Authenticated", nullptr);
    draw_box(au, "Authenticated", nullptr);
    draw_box(se, "Selected", selected_note.empty() ? nullptr : selected_note.c_str());
    draw_box(lo, "Logout", nullptr);

    // The pseudo-state where every session starts.
    {
        const bool greeting_now = is(Edge::Greeting) || is(Edge::Preauth) || is(Edge::Refused);
        dl->AddRectFilled(g.pill_min, g.pill_max, theme::kPseudoFill, pill_h * 0.5f);
        dl->AddRect(g.pill_min, g.pill_max, greeting_now ? theme::kAccent : theme::kStateBorder, pill_h * 0.5f, 0,
                    (greeting_now ? 2.0f : 1.0f) * u);
        const char* label = ctx.tr("connection + greeting", "соединение + приветствие");
        const ImVec2 ts = font->CalcTextSizeA(lh, FLT_MAX, 0, label);
        const ImVec2 c = center(g.pill_min, g.pill_max);
        dl->AddText(font, lh, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), theme::kDim, label);
    }

    for (int pass = 0; pass < 2; ++pass) {
        for (const EdgeDraw& e : edges) {
            if (is(e.edge) != (pass == 1)) continue;
            draw_label(dl, font, e.label_at, e.align, e.label.c_str(), pass == 1);
        }
    }

    // Status line: the state now and, when it changed, how.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
    ImGui::PushFont(bold);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kStateCurrentBorder), "%s %s",
                       ctx.tr("Now:", "Сейчас:"), std::string(to_string(current)).c_str());
    ImGui::PopFont();
    std::string how;
    if (!view.transitions.empty()) {
        const StateChanged& t = view.transitions.back();
        const std::string from(to_string(ctx.step.state_before));
        const std::string to(to_string(t.to));
        how = t.from == t.to ? t.command + " → " + to : from + " → " + to + "  (" + t.command + ")";
        if (ImGui::CalcTextSize(how.c_str()).x > ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - 20.0f)
            how = t.command + " → " + to;
    } else if (ctx.step.reselected) {
        how = "Selected → Selected";
    }
    if (!how.empty()) {
        ImGui::SameLine(0.0f, 16.0f);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kAccent), "%s", how.c_str());
    }
}

}  // namespace imaplab::gui
