#include "app.hpp"

#include "lesson/open_lesson.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "lesson/progress.hpp"
#include "lesson/transcript.hpp"
#include "theme.hpp"
#include "trace/connection_log.hpp"
#include "trace/pcap_export.hpp"
#include "views/view_export.hpp"

namespace imaplab::gui {

namespace {

constexpr int kScrollFrames = 3;
constexpr int kKeypadAdd = 334;       // GLFW_KEY_KP_ADD
constexpr int kKeypadSubtract = 333;  // GLFW_KEY_KP_SUBTRACT
constexpr int kKeyPageUp = 266;        // GLFW_KEY_PAGE_UP (a presentation clicker's "back")
constexpr int kKeyPageDown = 267;      // GLFW_KEY_PAGE_DOWN (a clicker's "next")
constexpr int kKeyF5 = 294;            // GLFW_KEY_F5: presenter mode on/off

/// Begins a fixed, non-movable panel at `pos`/`size`; `highlight` draws an accent border and title.
bool begin_panel(const char* title_and_id, ImVec2 pos, ImVec2 size, bool highlight) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    // The panels tile the window: the frame's clear colour is their background (fonts.hpp
    // apply_style), which spares llvmpipe a blended fill of the whole window every frame.
    ImGui::SetNextWindowBgAlpha(0.0f);
    if (highlight) {
        ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme::kAccent));
        ImGui::PushStyleColor(ImGuiCol_TitleBg, ImGui::ColorConvertU32ToFloat4(theme::kHighlightTitleBg));
        ImGui::PushStyleColor(ImGuiCol_TitleBgActive, ImGui::ColorConvertU32ToFloat4(theme::kHighlightTitleBg));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
    }
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    const bool open = ImGui::Begin(title_and_id, nullptr, flags);
    if (highlight) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(3);
    }
    return open;
}

/// Where a panel is drawn this frame; `shown` false leaves it out (presenter mode's subset).
struct PanelRect {
    ImVec2 pos;
    ImVec2 size;
    bool shown = true;
};

/// Presenter mode's layout of the panels in `panels` (PanelBit): the left column holds state and
/// lesson, the right one log, explainer and mailboxes; a column with none of its panels gives its
/// width to the other. Heights are shared by weight within a column (the explainer keeps the
/// height it wants, `explain_h`).
void presenter_layout(std::uint32_t panels, ImVec2 window, float gap, float explain_h, PanelRect& state, PanelRect& lesson,
                      PanelRect& log, PanelRect& explain, PanelRect& mailboxes) {
    state.shown = panels & kPanelState;
    lesson.shown = panels & kPanelLesson;
    log.shown = panels & kPanelLog;
    explain.shown = panels & kPanelExplain;
    mailboxes.shown = panels & kPanelMailboxes;
    const bool left = state.shown || lesson.shown;
    const bool right = log.shown || explain.shown || mailboxes.shown;
    const float inner_w = window.x - 3.0f * gap;
    const float left_w = !left ? 0.0f : !right ? window.x - 2.0f * gap : std::floor(inner_w * (state.shown ? 0.5f : 0.42f));
    const float right_x = left ? gap + left_w + gap : gap;
    const float right_w = !right ? 0.0f : window.x - right_x - gap;
    auto column = [&](float x, float width, std::initializer_list<std::pair<PanelRect*, float>> items) {
        float fixed = 0.0f, weights = 0.0f;
        int count = 0;
        for (const auto& [r, weight] : items) {
            if (!r->shown) continue;
            ++count;
            if (weight < 0.0f)
                fixed += explain_h;
            else
                weights += weight;
        }
        if (count == 0) return;
        const float free_h = window.y - gap * static_cast<float>(count + 1) - fixed;
        float y = gap;
        for (const auto& [r, weight] : items) {
            if (!r->shown) continue;
            const float height = weight < 0.0f ? explain_h : std::floor(free_h * weight / std::max(weights, 0.001f));
            r->pos = ImVec2(x, y);
            r->size = ImVec2(width, height);
            y += height + gap;
        }
    };
    column(gap, left_w, {{&state, 0.6f}, {&lesson, 0.4f}});
    column(right_x, right_w, {{&log, 0.55f}, {&explain, -1.0f}, {&mailboxes, 0.45f}});
}

}  // namespace

App::App(std::unique_ptr<LessonRun> run, UiState initial)
    : run_(std::move(run)), ui_(std::move(initial)), log_(run_->timeline()) {
    ui_.step = std::min(ui_.step, run_->step_count());
    log_.rebuild_rows(ui_.expanded_literals, 80);
    enter_exercise_step();
    refresh_step();
}

std::uint32_t App::connection_at(std::uint32_t step) const {
    const auto& steps = run_->lesson().steps;
    return step >= 1 && step <= steps.size() && steps[step - 1].exercise ? steps[step - 1].client : 1;
}

void App::refresh_step() {
    if (serving()) {
        const Timeline* tl = shown_connection();
        const Timeline& t = tl ? *tl : empty_;
        step_ = build_step_model(t, 0, std::make_shared<const SessionView>(project(t, 0, network_.selected, ui_.shown_mailbox)));
        shown_for_ = ui_.shown_mailbox;
        return;
    }
    const std::uint32_t connection = connection_at(ui_.step);
    if (attempt_shown()) {
        const Timeline& t = exercise_.grade->timeline;
        step_ = build_step_model(t, ui_.step, attempt_cache_.get(t, ui_.step, ui_.shown_mailbox, connection));
        for (const StepCheck& c : exercise_.grade->goal) step_.checks.push_back(&c);
    } else {
        step_ = build_step_model(*run_, ui_.step, cache_.get(run_->timeline(), ui_.step, ui_.shown_mailbox, connection));
    }
    shown_for_ = ui_.shown_mailbox;
}

void App::set_step(std::uint32_t step) {
    step = std::min(step, run_->step_count());
    if (step == ui_.step) return;
    const bool had_attempt = attempt_shown();
    ui_.step = step;
    ui_.scroll_log_frames = kScrollFrames;
    ui_.scroll_messages_frames = kScrollFrames;
    enter_exercise_step();
    if (had_attempt) clear_selection();
    refresh_step();
    if (ui_.inspect_uid != 0) refresh_inspector();  // message inspector: the message at the new step
}

void App::clear_selection() {
    ui_.selected_line.reset();
    ui_.selected_tag.clear();
    refresh_explain();
}

void App::refresh_explain() {
    explain_ = build_explain_model(explainer_.get(), explainer_error_, shown_log(), ui_.selected_line, ui_.language);
}

void App::set_explainer(std::unique_ptr<const Explainer> explainer, std::string error) {
    explainer_ = std::move(explainer);
    explainer_error_ = std::move(error);
    refresh_explain();
}

void App::set_progress_path(std::string path) {
    progress_path_ = std::move(path);
    enter_exercise_step();
    refresh_step();  // the step model may have pointed into the attempt just dropped
}

void App::enter_exercise_step() {
    exercise_ = ExerciseModel{};
    attempt_cache_.clear();
    ui_.exercise_input.clear();
    ui_.answer_shown = false;
    ui_.show_attempt = true;
    const auto& steps = run_->lesson().steps;
    if (serving() || ui_.step == 0 || ui_.step > steps.size() || !steps[ui_.step - 1].exercise) return;
    exercise_.step = ui_.step;
    if (progress_path_.empty()) return;
    auto progress = Progress::load(progress_path_);
    if (!progress) {
        exercise_.message = progress.error() + tr(ui_.language, " (attempts are not recorded)", " (попытки не записываются)");
        return;
    }
    if (const ExerciseProgress* p = progress->find(run_->lesson().id, ui_.step)) {
        exercise_.attempts = p->attempts;
        exercise_.passed = p->passed;
    }
}

void App::check_exercise() {
    if (serving() || exercise_.step == 0 || exercise_.step != ui_.step) return;
    const Language lang = ui_.language;
    const std::vector<std::string> lines = exercise_lines(ui_.exercise_input);
    if (lines.empty()) {
        exercise_.message = tr(lang, "Type a command first, tag included (e.g. a1 NOOP).",
                               "Сначала введите команду вместе с тегом (например, a1 NOOP).");
        return;
    }
    auto graded = grade_exercise(run_->lesson(), exercise_.step, lines);
    if (!graded) {
        exercise_.message = graded.error();
        return;
    }
    exercise_.message.clear();
    const bool passed = graded->passed;
    bool recorded = false;
    if (!progress_path_.empty()) {
        // Read again before writing: imaplab-cli may have recorded attempts meanwhile.
        auto progress = Progress::load(progress_path_);
        if (!progress) {
            exercise_.message = progress.error() + tr(lang, " (attempts are not recorded)", " (попытки не записываются)");
        } else {
            const ExerciseProgress& p = progress->record(run_->lesson().id, exercise_.step, passed);
            exercise_.attempts = p.attempts;
            exercise_.passed = p.passed;
            recorded = true;
            if (auto saved = progress->save(progress_path_); !saved) exercise_.message = saved.error();
        }
    }
    if (!recorded) {
        ++exercise_.attempts;
        exercise_.passed = exercise_.passed || passed;
    }
    exercise_.grade = std::make_unique<const ExerciseGrade>(std::move(*graded));
    exercise_.log = std::make_unique<LogModel>(exercise_.grade->timeline);
    exercise_.log->rebuild_rows(ui_.expanded_literals, log_.columns());
    attempt_cache_.clear();
    ui_.show_attempt = true;
    ui_.scroll_log_frames = kScrollFrames;
    ui_.scroll_messages_frames = kScrollFrames;
    ui_.scroll_lesson_frames = kScrollFrames;
    clear_selection();
    refresh_step();
}

std::string App::preselect_line(std::size_t number) {
    const LogModel& log = shown_log();
    std::size_t shown = 0;
    for (const LogLine& l : log.lines()) shown += l.step <= ui_.step ? 1 : 0;
    if (number == 0 || number > shown)
        return "there is no protocol line " + std::to_string(number) + " at step " + std::to_string(ui_.step) + " (lines 1.." +
               std::to_string(shown) + ")";
    // Lines are in timeline order, so the first `shown` lines are those up to the current step.
    ui_.selected_line = number - 1;
    ui_.selected_tag = log.lines()[number - 1].tag;
    ui_.scroll_to_selected = true;
    ui_.scroll_log_frames = kScrollFrames;
    refresh_explain();
    return "";
}

std::string App::try_exercise(const std::vector<std::string>& lines) {
    if (exercise_.step == 0 || exercise_.step != ui_.step) return "step " + std::to_string(ui_.step) + " is not an exercise";
    std::string input;
    for (const auto& l : lines) input += (input.empty() ? "" : "\n") + l;
    // The same way as typing and pressing Enter: two UiActions, applied.
    actions_.push_back(action::set_exercise_input(input));
    actions_.push_back(action::check_exercise());
    apply();
    if (!exercise_.grade) return exercise_.message;
    return "";
}

// ---- Message inspector (issue 6) ----

std::string App::preselect_message(std::uint32_t uid) {
    const SessionView& view = *step_.view;
    std::string uids;
    for (const MessageRow& r : view.messages) {
        if (r.uid == uid) {
            actions_.push_back(action::inspect_message(view.shown_mailbox, uid));
            apply();
            return "";
        }
        uids += (uids.empty() ? "" : " ") + std::to_string(r.uid);
    }
    return "there is no message with UID " + std::to_string(uid) + " in " + view.shown_mailbox + " at step " +
           std::to_string(ui_.step) + " (UIDs: " + (uids.empty() ? "none" : uids) + ")";
}

void App::refresh_inspector() {
    if (ui_.inspect_uid == 0) {
        inspector_ = InspectorModel{};
        return;
    }
    if (serving()) {
        inspector_ = inspector_error(ui_.inspect_mailbox, ui_.inspect_uid,
                                     tr(ui_.language, "The inspector shows the messages of a lesson, not of live connections.",
                                        "Инспектор показывает письма урока, а не живых подключений."));
        return;
    }
    // As the listed session sees the message: \Recent or not; one expunged during this step is
    // read from the store before the step.
    bool recent = false, leaving = false;
    if (step_.view->shown_mailbox == ui_.inspect_mailbox)
        for (const MessageRow& r : step_.view->messages)
            if (r.uid == ui_.inspect_uid) {
                recent = std::find(r.flags.begin(), r.flags.end(), "\\Recent") != r.flags.end();
                leaving = r.leaving;
            }
    const std::uint32_t step = leaving && ui_.step > 0 ? ui_.step - 1 : ui_.step;
    inspector_ = build_inspector_model(run_->lesson(), step, connection_at(ui_.step), ui_.inspect_mailbox, ui_.inspect_uid, recent);
    settle_inspector_choice(inspector_, ui_);
}

void App::attach_server(net::Server* server, const Timeline* trace, std::vector<std::string> addresses,
                        std::string transcripts_dir, std::string fallback_dir, std::string fixture) {
    server_ = server;
    fixture_ = std::move(fixture);
    trace_ = trace;
    network_.addresses = std::move(addresses);
    transcripts_dir_ = std::move(transcripts_dir);
    fallback_dir_ = std::move(fallback_dir);
    ui_.step = 0;
    ui_.playing = false;
    show_connection(0);
}

const Timeline* App::shown_connection() const {
    return network_.selected ? connections_.timeline(network_.selected) : nullptr;
}

void App::show_connection(std::uint32_t id) {
    network_.selected = id;
    network_.save_message.clear();
    ui_.selected_line.reset();
    ui_.selected_tag.clear();
    ui_.expanded_literals.clear();
    ui_.shown_mailbox.clear();
    const Timeline* tl = shown_connection();
    shown_events_ = tl ? tl->size() : 0;
    // The log points into the timeline's events: rebuilt whenever that vector grows.
    const int columns = log_.columns();
    log_ = LogModel(tl ? *tl : empty_);
    log_.rebuild_rows(ui_.expanded_literals, columns > 0 ? columns : 80);
    ui_.scroll_log_frames = kScrollFrames;
    refresh_step();
    refresh_explain();
}

void App::refresh_network() {
    connections_.update(*trace_);
    network_.connections = server_->connections();
    network_.last_command.assign(network_.connections.size(), std::string());
    for (std::size_t i = 0; i < network_.connections.size(); ++i) {
        const Timeline* tl = connections_.timeline(network_.connections[i].id);
        if (!tl) continue;
        const auto& ev = tl->events();
        for (auto it = ev.rbegin(); it != ev.rend(); ++it) {
            const auto* w = std::get_if<WireLine>(&it->data);
            if (w && w->kind == LineKind::ClientCommand) {
                network_.last_command[i] = w->text.substr(0, std::min(w->text.find("\r\n"), std::size_t(60)));
                break;
            }
        }
    }
    // The first connection is shown until the learner chooses one; a closed one stays shown.
    if (network_.selected == 0 && !network_.connections.empty()) show_connection(network_.connections.front().id);
    const Timeline* tl = shown_connection();
    if (tl && tl->size() != shown_events_) {
        shown_events_ = tl->size();
        const int columns = log_.columns();
        log_ = LogModel(*tl);
        log_.rebuild_rows(ui_.expanded_literals, columns > 0 ? columns : 80);
        ui_.scroll_log_frames = kScrollFrames;
        ui_.scroll_messages_frames = kScrollFrames;
        refresh_step();
    }
}

void App::save_transcript() {
    const Timeline* tl = shown_connection();
    if (!tl) return;
    char date[32];
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    std::strftime(date, sizeof date, "%Y%m%d-%H%M%S", &tm);
    const std::string name = std::string("session-") + date + "-" + std::to_string(network_.selected) + ".txt";
    // The fixture line lets the transcript open as a lesson (lesson/open_lesson.hpp); an absolute
    // path, as the transcript may be opened from anywhere.
    std::string fixture_line;
    if (!fixture_.empty()) {
        std::error_code ec;
        const auto abs = std::filesystem::absolute(fixture_, ec);
        fixture_line = std::string(kTranscriptFixturePrefix) + (ec ? fixture_ : abs.string()) + "\n";
    }
    const std::string text = "# A session recorded by imaplab --serve (connection " + std::to_string(network_.selected) +
                             "); passwords are redacted.\n# Open it as a lesson: imaplab --lesson FILE, or imaplab-cli play FILE.\n" +
                             fixture_line + to_transcript(tl->events());
    for (const std::string& dir : {transcripts_dir_, fallback_dir_}) {
        if (dir.empty()) continue;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        const std::string path = (std::filesystem::path(dir) / name).string();
        std::ofstream out(path, std::ios::binary);
        if (out << text && out.flush()) {
            network_.save_message = std::string(tr(ui_.language, "Saved: ", "Сохранено: ")) + path;
            return;
        }
    }
    network_.save_message = tr(ui_.language, "Cannot write the transcript", "Не удалось записать транскрипт");
}

void App::update(double dt) {
    if (serving()) refresh_network();
    if (!ui_.playing) return;
    ui_.play_elapsed += dt;
    if (ui_.play_elapsed >= ui_.seconds_per_step) {
        ui_.play_elapsed = 0.0;
        actions_.push_back(action::step());
    }
}

void App::handle_keyboard() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) actions_.push_back(action::step());
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) actions_.push_back(action::back());
    // In presenter mode Space is "next", as on a slide deck; else it is Play/Pause.
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
        actions_.push_back(ui_.presenter.on ? action::step() : action::toggle_play());
    if (ImGui::IsKeyPressed(kKeyPageDown)) actions_.push_back(action::step());
    if (ImGui::IsKeyPressed(kKeyPageUp)) actions_.push_back(action::back());
    if (ImGui::IsKeyPressed(kKeyF5, false)) actions_.push_back(action::toggle_presenter());
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) actions_.push_back(action::reset());
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) actions_.push_back(action::jump_to(run_->step_count()));
    // Ctrl +, Ctrl −, Ctrl 0. ImGui 1.86 indexes KeysDown by the backend's key codes; GLFW's codes
    // for these keys are their ASCII characters (GLFW_KEY_EQUAL = '=', ...).
    if (io.KeyCtrl) {
        if (ImGui::IsKeyPressed('=', false) || ImGui::IsKeyPressed(kKeypadAdd, false)) actions_.push_back(action::zoom(+1));
        if (ImGui::IsKeyPressed('-', false) || ImGui::IsKeyPressed(kKeypadSubtract, false)) actions_.push_back(action::zoom(-1));
        if (ImGui::IsKeyPressed('0', false)) actions_.push_back(action::zoom(0));
    }
}

void App::draw() {
    handle_keyboard();

    const ImGuiIO& io = ImGui::GetIO();
    const float w = io.DisplaySize.x;
    const float h = io.DisplaySize.y;
    const float gap = 6.0f;

    // Fixed layout from the window size:  state diagram | protocol log
    //                                      lesson        | mailboxes and messages
    const float left_w = std::floor(std::clamp(w * 0.37f, 340.0f, std::max(340.0f, w - 420.0f)));
    const float right_x = gap + left_w + gap;
    const float right_w = std::max(200.0f, w - right_x - gap);
    const float inner_h = h - 3.0f * gap;
    // An exercise step needs room for the task, the input and the graded attempt: the diagram
    // gives some of its height to the lesson panel.
    const float diagram_h = std::floor(inner_h * (exercise_.step != 0 && exercise_.step == ui_.step ? 0.41f : 0.44f));
    const float log_h = std::floor(inner_h * 0.50f);
    // The explainer sits between the log and the mailboxes and takes its room from both: one line
    // until a line is selected, then as tall as its rows want, up to 30% of the column.
    const float explain_h = std::floor(std::clamp(explain_panel_height(explain_, fonts_, right_w), 0.0f, inner_h * 0.30f));
    const float log_top_h = std::floor(log_h - explain_h * 0.5f);
    const float mailboxes_y = 3.0f * gap + log_top_h + explain_h;
    const float mailboxes_h = h - mailboxes_y - gap;
    // Where each panel goes; presenter mode shows only its chosen panels, laid out anew.
    PanelRect state_r{ImVec2(gap, gap), ImVec2(left_w, diagram_h)};
    PanelRect lesson_r{ImVec2(gap, 2 * gap + diagram_h), ImVec2(left_w, inner_h - diagram_h)};
    PanelRect log_r{ImVec2(right_x, gap), ImVec2(right_w, log_top_h)};
    PanelRect explain_r{ImVec2(right_x, 2 * gap + log_top_h), ImVec2(right_w, explain_h)};
    PanelRect mailboxes_r{ImVec2(right_x, mailboxes_y), ImVec2(right_w, mailboxes_h)};
    if (ui_.presenter.on)
        presenter_layout(ui_.presenter.panels, ImVec2(w, h), gap, explain_h, state_r, lesson_r, log_r, explain_r, mailboxes_r);
    const std::string& highlight =
        ui_.step >= 1 && ui_.step <= run_->lesson().steps.size() ? run_->lesson().steps[ui_.step - 1].highlight : std::string();
    ViewContext ctx{*run_, ui_, shown_log(), step_, fonts_, actions_, serving() ? &network_ : nullptr};
    ctx.explain = &explain_;
    ctx.exercise = serving() ? nullptr : &exercise_;
    ctx.attempt_shown = attempt_shown();
    ctx.inspector = &inspector_;
    const Language lang = ui_.language;

    if (state_r.shown) {
        if (begin_panel(tr(lang, "Session state (RFC 3501 §3)###state", "Состояния сеанса (RFC 3501 §3)###state"), state_r.pos,
                        state_r.size, highlight == "state")) {
            draw_state_diagram(ctx);
        }
        ImGui::End();
    }

    if (serving() && lesson_r.shown) {
        if (begin_panel(tr(lang, "Network: live connections###lesson", "Сеть: подключения###lesson"), lesson_r.pos, lesson_r.size,
                        false)) {
            draw_network(ctx);
        }
        ImGui::End();
    }
    const std::string lesson_title =
        std::string(tr(lang, "Lesson · ", "Урок · ")) + run_->lesson().title.get(lang) + "###lesson";
    if (!serving() && lesson_r.shown) {
        if (begin_panel(lesson_title.c_str(), lesson_r.pos, lesson_r.size, highlight == "lesson")) {
            draw_lesson(ctx);
        }
        ImGui::End();
    }

    const char* log_title = ctx.attempt_shown ? tr(lang, "Protocol log · your attempt###log", "Протокол · ваша попытка###log")
                                              : tr(lang, "Protocol log###log", "Протокол (строки на линии)###log");
    if (log_r.shown) {
        if (begin_panel(log_title, log_r.pos, log_r.size, highlight == "log")) {
            draw_protocol_log(ctx);
        }
        ImGui::End();
    }

    if (explain_r.shown) {
        if (begin_panel(tr(lang, "Line explainer###explain", "Разбор строки###explain"), explain_r.pos, explain_r.size, false)) {
            draw_explain(ctx);
        }
        ImGui::End();
    }

    if (mailboxes_r.shown) {
        if (begin_panel(tr(lang, "Mailboxes and messages###mailboxes", "Почтовые ящики и письма###mailboxes"), mailboxes_r.pos,
                        mailboxes_r.size, highlight == "mailboxes")) {
            draw_mailboxes(ctx);
        }
        ImGui::End();
    }

    draw_export_dialog(ctx);
    draw_inspector(ctx);  // message inspector (issue 6): its own window, on top, when a message is chosen
}

void App::apply_one(const UiAction& a) {
    using K = UiAction::Kind;
    switch (a.kind) {
        case K::Step:
            if (ui_.step < run_->step_count()) set_step(ui_.step + 1);
            if (ui_.step >= run_->step_count()) ui_.playing = false;
            break;
        case K::Back:
            if (ui_.step > 0) set_step(ui_.step - 1);
            break;
        case K::TogglePlay:
            ui_.playing = !ui_.playing;
            ui_.play_elapsed = 0.0;
            if (ui_.playing && ui_.step >= run_->step_count()) set_step(0);  // Play at the end starts over
            break;
        case K::Reset:
            ui_.playing = false;
            ui_.play_elapsed = 0.0;
            ui_.selected_line.reset();
            ui_.selected_tag.clear();
            ui_.shown_mailbox.clear();
            set_step(0);
            if (shown_for_ != ui_.shown_mailbox) refresh_step();
            refresh_explain();
            break;
        case K::JumpTo:
            set_step(a.step);
            break;
        case K::SetLanguage:
            ui_.language = a.language;
            refresh_explain();
            break;
        case K::SetSpeed:
            ui_.seconds_per_step = std::clamp(a.seconds_per_step, 0.5f, 20.0f);
            break;
        case K::SelectLine:
            if (a.line) {  // only a line shown at this step (lines are in timeline order)
                std::size_t shown = 0;
                for (const LogLine& l : shown_log().lines()) shown += l.step <= ui_.step ? 1 : 0;
                if (*a.line >= shown) {
                    error_ = "there is no protocol line " + std::to_string(*a.line + 1) + " at step " + std::to_string(ui_.step) +
                             " (lines 1.." + std::to_string(shown) + ")";
                    break;
                }
            }
            if (a.line && ui_.selected_line == a.line) {  // a second click clears
                ui_.selected_line.reset();
                ui_.selected_tag.clear();
            } else {
                ui_.selected_line = a.line;
                ui_.selected_tag = a.line && *a.line < shown_log().lines().size() ? shown_log().lines()[*a.line].tag : "";
            }
            ui_.scroll_to_selected = false;
            refresh_explain();
            break;
        case K::ToggleLiteral:
            if (!ui_.expanded_literals.erase(a.literal)) ui_.expanded_literals.insert(a.literal);
            log_.rebuild_rows(ui_.expanded_literals, log_.columns());
            if (exercise_.log) exercise_.log->rebuild_rows(ui_.expanded_literals, log_.columns());
            break;
        case K::ShowMailbox:
            ui_.shown_mailbox = a.mailbox;
            ui_.scroll_messages_frames = kScrollFrames;
            refresh_step();
            break;
        case K::Zoom:
            if (ui_.presenter.on) {  // presenter mode: bigger steps, up to 4x
                ui_.presenter.zoom = a.columns == 0 ? PresenterPrefs{}.zoom
                                                    : std::clamp(ui_.presenter.zoom + (a.columns > 0 ? 0.25f : -0.25f), 1.0f, 4.0f);
                ui_.scroll_log_frames = kScrollFrames;
                ui_.scroll_messages_frames = kScrollFrames;
                break;
            }
            ui_.zoom = a.columns == 0 ? 1.0f : std::clamp(ui_.zoom * (a.columns > 0 ? 1.125f : 1.0f / 1.125f), 0.6f, 2.5f);
            ui_.scroll_log_frames = kScrollFrames;
            ui_.scroll_messages_frames = kScrollFrames;
            break;
        case K::SelectConnection:
            if (serving()) show_connection(a.step);
            break;
        case K::SaveTranscript:
            if (serving()) save_transcript();
            break;
        case K::ResetAccounts:
            // The instructor's reset (imaplab-cli admin reset): the user's connections get a BYE,
            // the account goes back to its fixture.
            if (serving()) {
                auto reset = server_->reset_accounts(a.mailbox.empty() ? std::vector<std::string>{} : std::vector<std::string>{a.mailbox});
                if (!reset) {
                    network_.save_message = reset.error();
                } else {
                    std::string users;
                    for (const auto& u : reset.value()) users += (users.empty() ? "" : ", ") + u;
                    network_.save_message = std::string(tr(ui_.language, "Reset: ", "Сброшено: ")) + (users.empty() ? "—" : users);
                }
            }
            break;
        case K::SetLogColumns:
            if (a.columns != log_.columns()) {
                log_.rebuild_rows(ui_.expanded_literals, a.columns);
                if (exercise_.log) exercise_.log->rebuild_rows(ui_.expanded_literals, a.columns);
                ui_.scroll_log_frames = kScrollFrames;
            }
            break;
        case K::SetExerciseInput:
            ui_.exercise_input = a.text;
            break;
        case K::CheckExercise:
            check_exercise();
            break;
        case K::ShowAnswer:
            ui_.answer_shown = true;
            break;
        // Message inspector (issue 6).
        case K::InspectMessage: {
            // "" (a script's `inspect UID`): the mailbox the message table lists.
            const std::string mailbox = a.mailbox.empty() && step_.view ? step_.view->shown_mailbox : a.mailbox;
            if (a.uid != ui_.inspect_uid || mailbox != ui_.inspect_mailbox) {
                ui_.inspect_mailbox = mailbox;
                ui_.inspect_uid = a.uid;
                ui_.inspect_part.clear();
                ui_.inspect_fetch_item = 0;
                refresh_inspector();
            }
            break;
        }
        case K::CloseInspector:
            ui_.inspect_uid = 0;
            ui_.inspect_mailbox.clear();
            refresh_inspector();
            break;
        case K::InspectPart:
        case K::InspectFetchItem:
        case K::SetInspectItemText:
        case K::FetchInspectItem:
            apply_inspector_choice(a, inspector_, ui_);
            break;
        case K::ShowAttempt:
            if ((a.columns != 0) != ui_.show_attempt) {
                const bool before = attempt_shown();
                ui_.show_attempt = a.columns != 0;
                if (before != attempt_shown()) {
                    clear_selection();
                    ui_.scroll_log_frames = kScrollFrames;
                    ui_.scroll_messages_frames = kScrollFrames;
                    refresh_step();
                }
            }
            break;
        case K::ExportPcap:
            export_pcap(a.text);
            break;
        case K::ExportTranscript:
            export_transcript(a.text);
            break;
        case K::SetPresenter:
        case K::TogglePresenter:
            ui_.presenter.on = a.kind == K::TogglePresenter ? !ui_.presenter.on : a.columns != 0;
            ui_.scroll_log_frames = kScrollFrames;
            ui_.scroll_messages_frames = kScrollFrames;
            break;
        case K::OpenExportDialog:
            if (!ui_.export_dialog && a.text.empty()) {
                ui_.export_path = default_export_name();
                ui_.export_message.clear();
            }
            if (!a.text.empty()) ui_.export_path = a.text;
            ui_.export_dialog = true;
            break;
        case K::CloseExportDialog:
            ui_.export_dialog = false;
            break;
        case K::Playground:  // the playground window's own verbs (gui/playground_app.hpp)
            break;
    }
}

std::string App::shown_transcript() const {
    if (serving()) {
        const Timeline* tl = shown_connection();
        return tl ? to_transcript(tl->events()) : std::string();
    }
    const Timeline& t = attempt_shown() ? exercise_.grade->timeline : run_->timeline();
    const std::uint32_t connection = connection_at(ui_.step);
    std::vector<TraceEvent> events;
    for (const TraceEvent& e : t.events())
        if (e.connection == connection && e.step <= ui_.step && std::holds_alternative<WireLine>(e.data)) events.push_back(e);
    return to_transcript(events);
}

std::string App::default_export_name() const {
    if (serving()) return "connection-" + std::to_string(network_.selected) + ".pcap";
    return (run_->lesson().id.empty() ? std::string("session") : run_->lesson().id) + "-step" + std::to_string(ui_.step) + ".pcap";
}

void App::export_pcap(const std::string& path) {
    const Language lang = ui_.language;
    auto fail = [&](const std::string& why) {
        error_ = why;
        ui_.export_message = why;
        ui_.export_ok = false;
    };
    if (serving() && !shown_connection()) return fail(tr(lang, "No connection is shown: nothing to export", "Не выбрано подключение: нечего экспортировать"));
    // The same steps as imaplab-cli export-pcap on this transcript (export_transcript_pcap), so the
    // two files are byte-identical.
    auto transcript = parse_transcript(shown_transcript(), path);
    if (!transcript) return fail(transcript.error().to_string());
    auto chunks = pcap_chunks_from_transcript(*transcript);
    if (!chunks) return fail(chunks.error());
    if (auto written = write_pcap_file(path, *chunks); !written) return fail(written.error());
    ui_.export_message = std::string(tr(lang, "Saved: ", "Сохранено: ")) + path;
    ui_.export_ok = true;
}

void App::export_transcript(const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!(out << shown_transcript()) || !out.flush()) {
        error_ = "cannot write " + path;
        ui_.export_message = std::string(tr(ui_.language, "Cannot write ", "Не удалось записать ")) + path;
        ui_.export_ok = false;
        return;
    }
    ui_.export_message = std::string(tr(ui_.language, "Saved: ", "Сохранено: ")) + path;
    ui_.export_ok = true;
}

void App::apply() {
    if (ui_.scroll_log_frames > 0) --ui_.scroll_log_frames;
    if (ui_.scroll_messages_frames > 0) --ui_.scroll_messages_frames;
    if (ui_.scroll_lesson_frames > 0) --ui_.scroll_lesson_frames;
    UiActions pending;
    pending.swap(actions_);
    for (const UiAction& a : pending) apply_one(a);
}

}  // namespace imaplab::gui
