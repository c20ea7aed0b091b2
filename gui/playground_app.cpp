#include "playground_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "i18n.hpp"
#include "lesson/transcript.hpp"
#include "trace/pcap_export.hpp"
#include "trace/session_view.hpp"

namespace imaplab::gui {

namespace {

constexpr double kAnimationSeconds = 0.6;  // the renumbering after an EXPUNGE
constexpr int kScrollFrames = 3;

bool parse_u32(std::string_view s, std::uint32_t& out) {
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

/// "N rest": the client number and the rest of the argument.
bool split_client(const std::string& arg, std::uint32_t& id, std::string& rest) {
    const std::size_t sp = arg.find(' ');
    if (!parse_u32(arg.substr(0, sp), id)) return false;
    rest = sp == std::string::npos ? std::string() : std::string(arg.substr(sp + 1));
    return true;
}

bool write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    return out && (out << bytes) && out.flush();
}

Lesson empty_lesson(const Fixture& fixture) {
    Lesson l;
    l.id = "playground";
    l.fixture = fixture;
    return l;
}

}  // namespace

Timeline client_timeline(const Timeline& all, std::uint32_t id) {
    Timeline t;
    for (const TraceEvent& e : all.events()) {
        if (const auto* s = std::get_if<StepStarted>(&e.data)) {
            t.begin_step(s->step);
            continue;
        }
        if (e.connection == id || e.connection == 0) t.record(e.connection, e.data);
    }
    return t;
}

PlaygroundApp::PlaygroundApp(Playground playground, UiState initial)
    : pg_(std::move(playground)), empty_run_(std::make_unique<LessonRun>(empty_lesson(pg_.fixture()))), ui_(std::move(initial)) {
    refresh();
}

PlaygroundApp::~PlaygroundApp() = default;

ClientPane* PlaygroundApp::pane(std::uint32_t id) {
    auto it = panes_.find(id);
    return it == panes_.end() || !pg_.has_client(id) ? nullptr : &it->second;
}

std::string PlaygroundApp::tag_after(std::uint32_t id, std::size_t k) const {
    std::string tag = pg_.next_tag(id);
    if (k == 0 || tag.size() < 2) return tag;
    std::uint32_t n = 0;
    if (!parse_u32(std::string_view(tag).substr(1), n)) return tag;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u", static_cast<unsigned>(n + k));
    return tag.substr(0, 1) + buf;
}

console::CompletionContext PlaygroundApp::completion_context(std::uint32_t id) const {
    console::CompletionContext c;
    c.state = pg_.client_state(id);
    c.imap4rev2 = pg_.config().versions == ProtocolVersions::Rev2;
    auto it = panes_.find(id);
    if (it != panes_.end() && it->second.step.view) {
        for (const MailboxRow& m : it->second.step.view->mailboxes) c.mailboxes.push_back(m.name);
        for (const MessageRow& r : it->second.step.view->messages)
            for (const std::string& f : r.flags)
                if (!f.empty() && f[0] != '\\' && std::find(c.keywords.begin(), c.keywords.end(), f) == c.keywords.end())
                    c.keywords.push_back(f);
    }
    return c;
}

void PlaygroundApp::analyse(ClientPane& pane) const {
    const std::string tag = tag_after(pane.id, pane.queued.size());
    if (pane.input == pane.analysed_for && tag == pane.analysed_tag && !pane.analysed_for.empty()) return;
    console::CheckOptions opt;
    opt.imap4rev2 = pg_.config().versions == ProtocolVersions::Rev2;
    pane.prepared = console::prepare_input(pane.input, tag, opt);
    pane.spans = console::highlight(pane.input, pane.prepared);
    pane.analysed_for = pane.input;
    pane.analysed_tag = tag;
}

void PlaygroundApp::refresh() {
    const Timeline& all = pg_.timeline();
    const std::uint32_t step = pg_.current_step();
    for (std::uint32_t id : pg_.clients()) {
        ClientPane& p = panes_[id];
        p.id = id;
        p.timeline = std::make_unique<Timeline>(client_timeline(all, id));
        p.log = std::make_unique<LogModel>(*p.timeline);
        p.ui.language = ui_.language;
        p.ui.step = step;
        p.ui.scroll_log_frames = kScrollFrames;
        p.ui.selected_line.reset();
        p.ui.selected_tag.clear();
        p.log->rebuild_rows(p.ui.expanded_literals, p.log_columns);
        p.step = build_step_model(all, step, std::make_shared<const SessionView>(project(all, step, id)));
        p.renumber = renumbering(*p.step.view);
        p.analysed_for.clear();
    }
    if (!pg_.has_client(watched_)) {
        const auto ids = pg_.clients();
        if (!ids.empty()) watched_ = ids.front();
    }
    if (anim_step_ != step) {
        anim_step_ = step;
        if (!anim_frozen_) anim_t_ = 0.0;
    }
    if (diff_auto_) {
        diff_b_ = step;
        diff_a_ = step > 0 ? step - 1 : 0;
    }
    refresh_diff();
    refresh_versions();
    refresh_inspector();
}

void PlaygroundApp::refresh_inspector() {
    if (ui_.inspect_uid == 0) {
        inspector_ = InspectorModel{};
        return;
    }
    // As the watched client sees the message (\Recent or not), from its account's store now.
    // A message expunged during this step is gone from the store: the model says so.
    bool recent = false;
    auto it = panes_.find(watched_);
    if (it != panes_.end() && it->second.step.view && it->second.step.view->shown_mailbox == ui_.inspect_mailbox)
        for (const MessageRow& r : it->second.step.view->messages)
            if (r.uid == ui_.inspect_uid) recent = std::find(r.flags.begin(), r.flags.end(), "\\Recent") != r.flags.end();
    inspector_ = build_inspector_model(pg_.store(), pg_.client_account(watched_), pg_.current_step(), ui_.inspect_mailbox,
                                       ui_.inspect_uid, recent);
    settle_inspector_choice(inspector_, ui_);
}

std::string PlaygroundApp::inspect(const std::string& mailbox_in, std::uint32_t uid) {
    auto it = panes_.find(watched_);
    const SessionView* view = it != panes_.end() && it->second.step.view ? it->second.step.view.get() : nullptr;
    const std::string mailbox = mailbox_in.empty() && view ? view->shown_mailbox : mailbox_in;
    if (mailbox.empty()) return "inspect UID: client " + std::to_string(watched_) + " shows no mailbox at step " + std::to_string(pg_.current_step());
    if (uid != ui_.inspect_uid || mailbox != ui_.inspect_mailbox) {
        ui_.inspect_mailbox = mailbox;
        ui_.inspect_uid = uid;
        ui_.inspect_part.clear();
        ui_.inspect_fetch_item = 0;
        refresh_inspector();
    }
    return "";
}

void PlaygroundApp::refresh_diff() {
    diff_.reset();
    diff_error_.clear();
    auto d = diff_steps(pg_.timeline(), diff_a_, diff_b_, watched_);
    if (d)
        diff_ = std::move(d.value());
    else
        diff_error_ = d.error();
}

void PlaygroundApp::refresh_versions() {
    if (!versions_on_) {
        versions_.reset();
        versions_for_.clear();
        return;
    }
    // The watched client's commands up to the current step, each as it was sent.
    std::vector<std::string> commands;
    for (std::uint32_t s = 1; s <= pg_.current_step() && s <= pg_.actions().size(); ++s) {
        const PlaygroundAction& a = pg_.actions()[s - 1];
        if (a.client != watched_) continue;
        if (a.kind == PlaygroundAction::Kind::Send || a.kind == PlaygroundAction::Kind::SendPipelined)
            for (const std::string& c : a.commands) commands.push_back(c);
    }
    std::string key = std::to_string(watched_);
    for (const std::string& c : commands) key += "\x1f" + c;
    if (versions_ && key == versions_for_) return;
    versions_ = console::compare_versions(pg_.fixture(), commands);
    versions_for_ = key;
}

std::string PlaygroundApp::jump(std::uint32_t step) {
    if (step > pg_.step_count()) step = pg_.step_count();
    auto r = pg_.jump_to(step);
    if (!r) return r.error();
    refresh();
    return "";
}

std::string PlaygroundApp::do_send(ClientPane& p, const std::string& input) {
    p.input = input;
    analyse(p);
    if (p.prepared.status != console::InputStatus::Ready) {
        switch (p.prepared.status) {
            case console::InputStatus::Empty: return "nothing to send";
            case console::InputStatus::NeedsLiteralData:
                return "the literal still wants " + std::to_string(p.prepared.missing) + " octets";
            default: return "text after the end of the command";
        }
    }
    const std::string text = p.prepared.text;
    p.history.add(input);
    if (p.pipeline) {
        p.queued.push_back(text);
        p.input.clear();
        p.replace_input.clear();
        p.replace_pending = true;
        p.completion.reset();
        p.analysed_for.clear();
        return "";
    }
    auto r = pg_.send(p.id, text);
    if (!r) {
        p.message = r.error();
        return p.message;
    }
    p.message.clear();
    p.input.clear();
    p.replace_input.clear();
    p.replace_pending = true;
    p.completion.reset();
    p.focus_frames = 1;  // Enter took the focus from the box: give it back for the next command
    watched_ = p.id;
    refresh();
    return "";
}

std::string PlaygroundApp::send_queue(ClientPane& p) {
    if (p.queued.empty()) return "nothing queued";
    auto r = p.queued.size() == 1 ? pg_.send(p.id, p.queued.front()) : pg_.send_pipelined(p.id, p.queued);
    if (!r) {
        p.message = r.error();
        return p.message;
    }
    p.queued.clear();
    p.message.clear();
    watched_ = p.id;
    refresh();
    return "";
}

std::string PlaygroundApp::run_command(const std::string& verb, const std::string& arg_in) {
    const std::string arg(trim(arg_in));
    std::uint32_t id = 0;
    std::string rest;
    auto need_client = [&](ClientPane*& out) -> std::string {
        if (!split_client(arg, id, rest)) return verb + ": '" + arg + "' does not start with a client number";
        out = pane(id);
        if (!out) return verb + ": there is no client " + std::to_string(id) + " at step " + std::to_string(pg_.current_step());
        return "";
    };
    ClientPane* p = nullptr;
    if (verb == "add-client") {
        auto r = pg_.add_client();
        if (!r) return r.error();
        refresh();
        return "";
    }
    if (verb == "remove-client") {
        if (auto e = need_client(p); !e.empty()) return e;
        auto r = pg_.remove_client(id);
        if (!r) return r.error();
        refresh();
        return "";
    }
    if (verb == "send") {
        if (auto e = need_client(p); !e.empty()) return e;
        if (auto e = do_send(*p, rest); !e.empty()) return "send: " + e;
        return "";
    }
    if (verb == "pipeline") {
        if (auto e = need_client(p); !e.empty()) return e;
        std::vector<std::string> texts;
        std::size_t pos = 0;
        while (pos <= rest.size()) {
            const std::size_t semi = rest.find(" ; ", pos);
            texts.emplace_back(trim(std::string_view(rest).substr(pos, semi == std::string::npos ? std::string::npos : semi - pos)));
            if (semi == std::string::npos) break;
            pos = semi + 3;
        }
        const bool was = p->pipeline;
        p->pipeline = true;
        for (const std::string& t : texts)
            if (auto e = do_send(*p, t); !e.empty()) {
                p->pipeline = was;
                return "pipeline: " + e;
            }
        p->pipeline = was;
        return send_queue(*p);
    }
    if (verb == "queue") {
        if (auto e = need_client(p); !e.empty()) return e;
        if (rest != "on" && rest != "off") return "queue N on|off: '" + rest + "'";
        p->pipeline = rest == "on";
        p->analysed_for.clear();
        return "";
    }
    if (verb == "send-queue") {
        if (auto e = need_client(p); !e.empty()) return e;
        return send_queue(*p);
    }
    if (verb == "type") {
        if (auto e = need_client(p); !e.empty()) return e;
        p->input = rest;
        p->replace_input = rest;
        p->replace_pending = true;
        p->cursor = -1;
        p->completion.reset();
        p->focus_frames = 3;
        return "";
    }
    if (verb == "complete") {
        if (auto e = need_client(p); !e.empty()) return e;
        const std::size_t cursor = p->cursor < 0 ? p->input.size() : std::min<std::size_t>(p->input.size(), static_cast<std::size_t>(p->cursor));
        console::Completion c = console::complete(p->input, cursor, completion_context(id));
        if (c.candidates.size() == 1) {
            p->input.replace(c.offset, c.length, c.candidates.front());
            p->replace_input = p->input;
            p->replace_pending = true;
            p->completion.reset();
        } else {
            p->completion = std::move(c);
            p->completion_for = p->input;
        }
        return "";
    }
    if (verb == "choose") {
        if (auto e = need_client(p); !e.empty()) return e;
        std::uint32_t k = 0;
        if (!parse_u32(rest, k) || k == 0 || !p->completion || k > p->completion->candidates.size())
            return "choose N K: no candidate " + rest;
        const console::Completion& c = *p->completion;
        p->input.replace(c.offset, c.length, c.candidates[k - 1]);
        p->replace_input = p->input;
        p->replace_pending = true;
        p->completion.reset();
        return "";
    }
    if (verb == "history") {
        if (auto e = need_client(p); !e.empty()) return e;
        std::optional<std::string> got = rest == "up" ? p->history.up(p->input) : rest == "down" ? p->history.down() : std::nullopt;
        if (rest != "up" && rest != "down") return "history N up|down: '" + rest + "'";
        if (got) {
            p->input = *got;
            p->replace_input = *got;
            p->replace_pending = true;
        }
        return "";
    }
    if (verb == "watch") {
        if (auto e = need_client(p); !e.empty()) return e;
        watched_ = id;
        refresh_diff();
        refresh_versions();
        refresh_inspector();
        return "";
    }
    if (verb == "scrub") {
        std::uint32_t k = 0;
        if (!parse_u32(arg, k)) return "scrub K: '" + arg + "' is not a step";
        if (k > pg_.step_count()) return "scrub K: step " + arg + " is past the last step " + std::to_string(pg_.step_count());
        return jump(k);
    }
    if (verb == "back") return pg_.current_step() == 0 ? "" : jump(pg_.current_step() - 1);
    if (verb == "forward") return pg_.current_step() >= pg_.step_count() ? "" : jump(pg_.current_step() + 1);
    if (verb == "diff") {
        std::uint32_t a = 0, b = 0;
        const std::size_t sp = arg.find(' ');
        if (sp == std::string::npos || !parse_u32(arg.substr(0, sp), a) || !parse_u32(trim(arg.substr(sp + 1)), b))
            return "diff A B: '" + arg + "' is not two steps";
        if (a > pg_.current_step() || b > pg_.current_step())
            return "diff A B: the steps go up to " + std::to_string(pg_.current_step());
        diff_a_ = a;
        diff_b_ = b;
        diff_auto_ = false;
        refresh_diff();
        panel_ = PgPanel::Diff;
        panel_frames_ = 3;
        return "";
    }
    if (verb == "diff-follow") {
        diff_auto_ = true;
        refresh();
        return "";
    }
    if (verb == "animate-at") {
        if (arg == "off") {
            anim_frozen_ = false;
            return "";
        }
        char* end = nullptr;
        const double t = std::strtod(arg.c_str(), &end);
        if (arg.empty() || end != arg.c_str() + arg.size() || !(t >= 0.0 && t <= 1.0)) return "animate-at T: '" + arg + "' is not in 0..1";
        anim_frozen_ = true;
        anim_t_ = t;
        return "";
    }
    if (verb == "panel") {
        if (arg == "seq-uid") panel_ = PgPanel::SeqUid;
        else if (arg == "diff") panel_ = PgPanel::Diff;
        else if (arg == "flight") panel_ = PgPanel::InFlight;
        else if (arg == "versions") panel_ = PgPanel::Versions;
        else return "panel seq-uid|diff|flight|versions: '" + arg + "'";
        panel_frames_ = 3;
        return "";
    }
    if (verb == "select-panel") {  // a tab clicked: no request to the tab bar
        if (arg == "seq-uid") panel_ = PgPanel::SeqUid;
        else if (arg == "diff") panel_ = PgPanel::Diff;
        else if (arg == "flight") panel_ = PgPanel::InFlight;
        else if (arg == "versions") panel_ = PgPanel::Versions;
        return "";
    }
    if (verb == "versions") {
        if (arg != "on" && arg != "off") return "versions on|off: '" + arg + "'";
        versions_on_ = arg == "on";
        if (versions_on_) {
            panel_ = PgPanel::Versions;
            panel_frames_ = 3;
        }
        refresh_versions();
        return "";
    }
    if (verb == "inspect") {
        std::uint32_t uid = 0;
        if (!parse_u32(arg, uid) || uid == 0) return "inspect UID: '" + arg + "' is not a UID";
        auto it = panes_.find(watched_);
        const SessionView* view = it != panes_.end() && it->second.step.view ? it->second.step.view.get() : nullptr;
        std::string uids;
        if (view)
            for (const MessageRow& r : view->messages) {
                if (r.uid == uid && !r.leaving) return inspect(view->shown_mailbox, uid);
                if (!r.leaving) uids += (uids.empty() ? "" : " ") + std::to_string(r.uid);
            }
        return "inspect UID: client " + std::to_string(watched_) + " has no message with UID " + arg + " in " +
               (view && !view->shown_mailbox.empty() ? view->shown_mailbox : std::string("its mailbox")) + " at step " +
               std::to_string(pg_.current_step()) + " (UIDs: " + (uids.empty() ? "none" : uids) + ")";
    }
    if (verb == "inspect-part") {
        if (!inspector_.data) return "inspect-part PART: no message is being inspected";
        if (!find_mime_node(inspector_.data->inspection.tree, arg))
            return "inspect-part PART: UID " + std::to_string(inspector_.uid) + " has no part '" + arg + "'";
        ui_.inspect_part = arg;
        return "";
    }
    if (verb == "inspect-close") {
        ui_.inspect_uid = 0;
        ui_.inspect_mailbox.clear();
        refresh_inspector();
        return "";
    }
    if (verb == "export-lesson") {
        export_lesson(arg);
        return export_ok_ ? "" : export_message_;
    }
    if (verb == "export-transcript") {
        export_transcript(arg);
        return export_ok_ ? "" : export_message_;
    }
    if (verb == "export-pcap") {
        export_pcap(arg);
        return export_ok_ ? "" : export_message_;
    }
    return "unknown playground verb '" + verb + "'";
}

void PlaygroundApp::export_done(bool ok, const std::string& message) {
    export_ok_ = ok;
    export_message_ = ok ? std::string(tr(ui_.language, "Saved: ", "Сохранено: ")) + message : message;
}

void PlaygroundApp::export_transcript(const std::string& path) {
    auto t = pg_.transcript(watched_);
    if (!t) return export_done(false, t.error());
    if (!write_file(path, *t)) return export_done(false, "cannot write " + path);
    export_done(true, path);
}

void PlaygroundApp::export_lesson(const std::string& path) {
    auto j = pg_.lesson_skeleton("playground");
    if (!j) return export_done(false, j.error());
    if (!write_file(path, j->dump(2) + "\n")) return export_done(false, "cannot write " + path);
    export_done(true, path);
}

void PlaygroundApp::export_pcap(const std::string& path) {
    // The same path as imaplab-cli export-pcap and the lesson window: transcript -> chunks -> file.
    auto t = pg_.transcript(watched_);
    if (!t) return export_done(false, t.error());
    auto transcript = parse_transcript(*t, path);
    if (!transcript) return export_done(false, transcript.error().to_string());
    auto chunks = pcap_chunks_from_transcript(*transcript);
    if (!chunks) return export_done(false, chunks.error());
    if (auto written = write_pcap_file(path, *chunks); !written) return export_done(false, written.error());
    export_done(true, path);
}

void PlaygroundApp::update(double dt) {
    if (!anim_frozen_ && anim_t_ < 1.0) anim_t_ = std::min(1.0, anim_t_ + dt / kAnimationSeconds);
}

void PlaygroundApp::apply_pane_actions(ClientPane& p) {
    UiActions pending;
    pending.swap(p.actions);
    for (const UiAction& a : pending) {
        switch (a.kind) {
            case UiAction::Kind::SetLogColumns:
                if (p.log && a.columns != p.log_columns) {
                    p.log_columns = a.columns;
                    p.log->rebuild_rows(p.ui.expanded_literals, p.log_columns);
                }
                break;
            case UiAction::Kind::SelectLine:
                p.ui.selected_line = a.line;
                p.ui.selected_tag = a.line && p.log && *a.line < p.log->lines().size() ? p.log->lines()[*a.line].tag : std::string();
                break;
            case UiAction::Kind::ToggleLiteral:
                if (!p.ui.expanded_literals.erase(a.literal)) p.ui.expanded_literals.insert(a.literal);
                if (p.log) p.log->rebuild_rows(p.ui.expanded_literals, p.log_columns);
                break;
            default:
                break;  // the diagram and the log push nothing else here
        }
    }
}

void PlaygroundApp::apply() {
    if (panel_frames_ > 0) --panel_frames_;
    for (auto& [id, p] : panes_) {
        if (p.ui.scroll_log_frames > 0) --p.ui.scroll_log_frames;
        if (p.focus_frames > 0) --p.focus_frames;
        apply_pane_actions(p);
    }
    UiActions pending;
    pending.swap(actions_);
    for (const UiAction& a : pending) {
        switch (a.kind) {
            case UiAction::Kind::Playground:
                if (std::string e = run_command(a.mailbox, a.text); !e.empty()) error_ = e;
                break;
            case UiAction::Kind::Step:
                if (std::string e = run_command("forward", ""); !e.empty()) error_ = e;
                break;
            case UiAction::Kind::Back:
                if (std::string e = run_command("back", ""); !e.empty()) error_ = e;
                break;
            case UiAction::Kind::JumpTo:
                if (std::string e = jump(a.step); !e.empty()) error_ = e;
                break;
            case UiAction::Kind::SetLanguage:
                ui_.language = a.language;
                for (auto& [id, p] : panes_) p.ui.language = a.language;
                break;
            case UiAction::Kind::Zoom:
                ui_.zoom = a.columns == 0 ? 1.0f : std::clamp(ui_.zoom * (a.columns > 0 ? 1.1f : 1.0f / 1.1f), 0.6f, 3.0f);
                break;
            case UiAction::Kind::SetPresenter:
            case UiAction::Kind::TogglePresenter:
                ui_.presenter.on = a.kind == UiAction::Kind::TogglePresenter ? !ui_.presenter.on : a.columns != 0;
                break;
            // Message inspector (issue 6): the same actions as in the lesson window.
            case UiAction::Kind::InspectMessage:
                if (std::string e = inspect(a.mailbox, a.uid); !e.empty()) error_ = e;
                break;
            case UiAction::Kind::CloseInspector:
                run_command("inspect-close", "");
                break;
            case UiAction::Kind::InspectPart:
            case UiAction::Kind::InspectFetchItem:
            case UiAction::Kind::SetInspectItemText:
            case UiAction::Kind::FetchInspectItem:
                apply_inspector_choice(a, inspector_, ui_);
                break;
            case UiAction::Kind::ExportPcap:
                export_pcap(a.text);
                if (!export_ok_) error_ = export_message_;
                break;
            case UiAction::Kind::ExportTranscript:
                export_transcript(a.text);
                if (!export_ok_) error_ = export_message_;
                break;
            default:
                break;  // lesson-only actions have no meaning here
        }
    }
}

}  // namespace imaplab::gui
