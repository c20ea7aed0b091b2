#include "script.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace imaplab::gui {

namespace {

using StepResult = Result<ScriptStep, std::string>;

StepResult action_step(UiAction a) {
    ScriptStep s;
    s.kind = ScriptStep::Kind::Action;
    s.action = std::move(a);
    return s;
}

/// A verb whose step is one UiAction made from the argument.
ScriptVerb verb(std::string name, ScriptArgShape shape, std::string usage, std::function<UiAction(const ScriptArg&)> make) {
    return ScriptVerb{std::move(name), shape, std::move(usage),
                      [make = std::move(make)](const ScriptArg& a) -> StepResult { return action_step(make(a)); }};
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool parse_int(std::string_view s, std::int64_t& out) {
    if (s.empty()) return false;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (*b == '+') ++b;
    if (b == e) return false;
    auto [p, ec] = std::from_chars(b, e, out);
    return ec == std::errc() && p == e;
}

/// Checks `text` against `shape`; fills `arg` or returns the reason it does not fit.
std::string parse_arg(const ScriptVerb& v, std::string_view text, ScriptArg& arg) {
    arg.text = std::string(text);
    const std::string quoted = "'" + arg.text + "'";
    switch (v.shape) {
        case ScriptArgShape::None:
            return text.empty() ? "" : v.name + " takes no argument (got " + quoted + ")";
        case ScriptArgShape::Count: {
            if (text.empty()) return v.usage + ": the number is missing";
            const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits || !parse_int(text, arg.number)) return v.usage + ": " + quoted + " is not a number";
            if (arg.number > 1000000) return v.usage + ": " + quoted + " is too large (at most 1000000)";
            return "";
        }
        case ScriptArgShape::Signed:
            if (text.empty()) return v.usage + ": the number is missing";
            if (!parse_int(text, arg.number)) return v.usage + ": " + quoted + " is not a number";
            if (arg.number < -100 || arg.number > 100) return v.usage + ": " + quoted + " is out of range (-100..100)";
            return "";
        case ScriptArgShape::OnOff:
            if (text == "on" || text == "off") {
                arg.on = text == "on";
                return "";
            }
            return v.usage + ": " + (text.empty() ? std::string("on or off is missing") : quoted + " is neither on nor off");
        case ScriptArgShape::Language:
            if (text == "ru" || text == "en") {
                arg.language = text == "ru" ? Language::Ru : Language::En;
                return "";
            }
            return v.usage + ": " + (text.empty() ? std::string("the language is missing") : quoted + " is neither ru nor en");
        case ScriptArgShape::Text:
            return text.empty() ? v.usage + ": the argument is missing" : "";
    }
    return "unknown argument shape";
}

}  // namespace

ScriptVerbs ScriptVerbs::standard() {
    using S = ScriptArgShape;
    ScriptVerbs t;
    t.add(verb("step", S::None, "step", [](const ScriptArg&) { return action::step(); }));
    t.add(verb("back", S::None, "back", [](const ScriptArg&) { return action::back(); }));
    t.add(verb("reset", S::None, "reset", [](const ScriptArg&) { return action::reset(); }));
    // The last step: a jump past the end is clamped to it (App::set_step).
    t.add(verb("end", S::None, "end", [](const ScriptArg&) { return action::jump_to(UINT32_MAX); }));
    t.add(verb("jump", S::Count, "jump N", [](const ScriptArg& a) { return action::jump_to(static_cast<std::uint32_t>(a.number)); }));
    t.add(verb("lang", S::Language, "lang ru|en", [](const ScriptArg& a) { return action::set_language(a.language); }));
    t.add(ScriptVerb{"select-line", S::Count, "select-line N", [](const ScriptArg& a) -> StepResult {
                         if (a.number == 0) return StepResult::failure("select-line N: lines are numbered from 1");
                         return action_step(action::select_line(static_cast<std::size_t>(a.number - 1)));
                     }});
    t.add(verb("show-mailbox", S::Text, "show-mailbox NAME", [](const ScriptArg& a) { return action::show_mailbox(a.text); }));
    t.add(verb("zoom", S::Signed, "zoom +1|-1|0", [](const ScriptArg& a) { return action::zoom(static_cast<int>(a.number)); }));
    t.add(verb("presenter", S::OnOff, "presenter on|off", [](const ScriptArg& a) { return action::set_presenter(a.on); }));
    t.add(verb("export-pcap", S::Text, "export-pcap OUT.pcap", [](const ScriptArg& a) { return action::export_pcap(a.text); }));
    // Message inspector (issue 6): the message with this UID in the listed mailbox, one of its parts.
    t.add(verb("inspect", S::Count, "inspect UID", [](const ScriptArg& a) {
        return action::inspect_message("", static_cast<std::uint32_t>(a.number));
    }));
    t.add(verb("inspect-part", S::Text, "inspect-part PART (e.g. 1.2)", [](const ScriptArg& a) { return action::inspect_part(a.text); }));
    t.add(verb("inspect-close", S::None, "inspect-close", [](const ScriptArg&) { return action::close_inspector(); }));
    t.add(verb("export-dialog", S::None, "export-dialog", [](const ScriptArg&) { return action::open_export_dialog(); }));
    t.add(verb("export-transcript", S::Text, "export-transcript OUT.txt",
               [](const ScriptArg& a) { return action::export_transcript(a.text); }));
    t.add(ScriptVerb{"key", S::Text, "key NAME", [](const ScriptArg& a) -> StepResult {
                         // GLFW key codes (ImGui 1.86 indexes its key state by the backend's codes).
                         static constexpr struct {
                             const char* name;
                             int code;
                         } kKeys[] = {{"space", 32}, {"right", 262}, {"left", 263}, {"pageup", 266}, {"pagedown", 267},
                                      {"home", 268}, {"end", 269}, {"f5", 294}};
                         std::string names;
                         for (const auto& k : kKeys) {
                             if (a.text == k.name) {
                                 ScriptStep s;
                                 s.kind = ScriptStep::Kind::Key;
                                 s.frames = k.code;
                                 return s;
                             }
                             names += (names.empty() ? "" : ", ") + std::string(k.name);
                         }
                         return StepResult::failure("key NAME: '" + a.text + "' is not a key the window knows (" + names + ")");
                     }});
    t.add(ScriptVerb{"wait", S::Count, "wait N", [](const ScriptArg& a) -> StepResult {
                         ScriptStep s;
                         s.kind = ScriptStep::Kind::Wait;
                         s.frames = static_cast<int>(a.number);
                         return s;
                     }});
    t.add(ScriptVerb{"screenshot", S::Text, "screenshot OUT.png", [](const ScriptArg& a) -> StepResult {
                         ScriptStep s;
                         s.kind = ScriptStep::Kind::Screenshot;
                         s.path = a.text;
                         return s;
                     }});
    t.add(ScriptVerb{"quit", S::None, "quit", [](const ScriptArg&) -> StepResult {
                         ScriptStep s;
                         s.kind = ScriptStep::Kind::Quit;
                         return s;
                     }});
    return t;
}

ScriptVerbs ScriptVerbs::playground() {
    using S = ScriptArgShape;
    ScriptVerbs t = standard();
    // "\\n" in a script line stands for a line end (a literal's data follows it).
    auto unescape = [](const std::string& s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
                out += '\n';
                ++i;
            } else {
                out += s[i];
            }
        }
        return out;
    };
    auto pg = [](const std::string& verb, const std::string& arg) {
        UiAction a = action::make(UiAction::Kind::Playground);
        a.mailbox = verb;
        a.text = arg;
        return a;
    };
    struct Spec {
        const char* name;
        S shape;
        const char* usage;
        bool escapes;
    };
    const Spec specs[] = {
        {"add-client", S::None, "add-client", false},
        {"remove-client", S::Count, "remove-client N", false},
        {"send", S::Text, "send N COMMAND", true},
        {"pipeline", S::Text, "pipeline N COMMAND ; COMMAND ...", true},
        {"type", S::Text, "type N TEXT", true},
        {"complete", S::Count, "complete N", false},
        {"choose", S::Text, "choose N K", false},
        {"history", S::Text, "history N up|down", false},
        {"queue", S::Text, "queue N on|off", false},
        {"send-queue", S::Count, "send-queue N", false},
        {"watch", S::Count, "watch N", false},
        {"scrub", S::Count, "scrub K", false},
        {"forward", S::None, "forward", false},
        {"diff", S::Text, "diff A B", false},
        {"diff-follow", S::None, "diff-follow", false},
        {"animate-at", S::Text, "animate-at T|off", false},
        {"panel", S::Text, "panel seq-uid|diff|flight|versions", false},
        {"versions", S::OnOff, "versions on|off", false},
        {"export-lesson", S::Text, "export-lesson OUT.json", false},
        // Message inspector (issue 6): UID of the watched client's shown mailbox, checked to be there.
        {"inspect", S::Count, "inspect UID", false},
        {"inspect-part", S::Text, "inspect-part PART (e.g. 1.2)", false},
        {"inspect-close", S::None, "inspect-close", false},
    };
    for (const Spec& sp : specs) {
        const std::string name = sp.name;
        const bool escapes = sp.escapes;
        t.add(verb(name, sp.shape, sp.usage, [=](const ScriptArg& a) { return pg(name, escapes ? unescape(a.text) : a.text); }));
    }
    return t;
}

void ScriptVerbs::add(ScriptVerb v) {
    for (ScriptVerb& have : verbs_)
        if (have.name == v.name) {
            have = std::move(v);
            return;
        }
    verbs_.push_back(std::move(v));
}

const ScriptVerb* ScriptVerbs::find(std::string_view name) const {
    for (const ScriptVerb& v : verbs_)
        if (v.name == name) return &v;
    return nullptr;
}

Result<Script, std::string> parse_script(std::string_view text, const std::string& file, const ScriptVerbs& verbs) {
    using R = Result<Script, std::string>;
    Script script;
    script.file = file;
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++number;
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        const std::string where = file + ":" + std::to_string(number) + ": ";
        const std::size_t sp = line.find_first_of(" \t");
        const std::string_view name = line.substr(0, sp);
        const std::string_view rest = sp == std::string_view::npos ? std::string_view() : trim(line.substr(sp));
        const ScriptVerb* v = verbs.find(name);
        if (!v) {
            std::string known;
            for (const ScriptVerb& k : verbs.verbs()) known += (known.empty() ? "" : ", ") + k.name;
            return R::failure(where + "unknown verb '" + std::string(name) + "' (known: " + known + ")");
        }
        ScriptArg arg;
        if (std::string why = parse_arg(*v, rest, arg); !why.empty()) return R::failure(where + why);
        auto made = v->make(arg);
        if (!made) return R::failure(where + made.error());
        ScriptStep step = std::move(made.value());
        step.line = number;
        step.text = std::string(line);
        script.steps.push_back(std::move(step));
    }
    return script;
}

Result<Script, std::string> load_script_file(const std::string& path, const ScriptVerbs& verbs) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<Script, std::string>::failure("cannot read " + path + ": no such file or not readable");
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_script(ss.str(), path, verbs);
}

ScriptRunner::Frame ScriptRunner::next_frame() {
    Frame f;
    ++since_action_;
    if (wait_ > 0) {
        --wait_;
        return f;
    }
    while (next_ < script_.steps.size()) {
        const ScriptStep& s = script_.steps[next_];
        switch (s.kind) {
            case ScriptStep::Kind::Action:
            case ScriptStep::Kind::Key:
                current_ = &s;
                ++next_;
                since_action_ = 0;
                if (s.kind == ScriptStep::Kind::Key) {
                    f.key = &s;
                    wait_ = 1;  // a frame with the key up, so the next press of the same key is a new press
                } else {
                    f.action = &s;
                }
                return f;
            case ScriptStep::Kind::Wait:
                current_ = &s;
                ++next_;
                if (s.frames > 0) {
                    wait_ = s.frames - 1;
                    return f;
                }
                continue;
            case ScriptStep::Kind::Screenshot:
                // The frames after an action let App apply it and the layout settle.
                if (since_action_ < settle_) return f;
                current_ = &s;
                ++next_;
                f.screenshot = &s;
                return f;
            case ScriptStep::Kind::Quit:
                current_ = &s;
                next_ = script_.steps.size();
                f.quit = true;
                return f;
        }
    }
    // After the last line: let the last action settle, then close.
    if (since_action_ < settle_) return f;
    f.quit = true;
    return f;
}

}  // namespace imaplab::gui
