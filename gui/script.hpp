#pragma once
// `imaplab --script FILE`: a file of UI actions, one per line, that the window applies one after
// the other through the same UiAction path a click takes (App::push, applied after the frame).
// Blank lines and lines starting with '#' are skipped; words are separated by spaces.
//
//   step | back | end | reset          next / previous / last step, back to step 0
//   jump N                            step N (0 = before the first command)
//   lang ru|en                        UI and narration language
//   select-line N                     protocol-log line N (1-based, as --explain-line)
//   show-mailbox NAME                 list mailbox NAME's messages (the rest of the line)
//   zoom +1|-1|0                      larger / smaller / normal text
//   presenter on|off                  presenter mode (large fonts, high contrast, chosen panels)
//   key NAME                          press a key for one frame and release it in the next, through
//                                     ImGui's input as a real key press (pagedown, pageup, right,
//                                     left, space, home, end, f5)
//   wait N                            render N frames doing nothing
//   screenshot OUT.png                write the window as a PNG (relative to the current directory)
//   export-pcap OUT.pcap              the shown session as a capture file (the "Export pcap…" dialog's action)
//   export-dialog                     open the "Export pcap…" dialog (the button's action)
//   export-transcript OUT.txt         the shown session as a C:/S: transcript
//   inspect UID                       open the message inspector on that message of the listed mailbox
//   inspect-part PART                 show part PART (e.g. 1.2) in the inspector's MIME tree
//   inspect-close                     close the inspector
//   quit                              close the window (it also closes after the last line)
//
// The verbs are a table (ScriptVerbs): a verb, the shape of its argument and a function making
// the ScriptStep; another panel adds its verbs with ScriptVerbs::add. The whole file is parsed
// before the window opens: an unknown verb or a bad argument is refused as "FILE:LINE: reason".
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "types/result.hpp"
#include "ui_action.hpp"

namespace imaplab::gui {

/// One line of a script, ready to run.
struct ScriptStep {
    enum class Kind : std::uint8_t {
        Action,      ///< push `action` (applied after the frame, as a click)
        Wait,        ///< render `frames` frames
        Screenshot,  ///< write the window to `path` once the frame has settled
        Quit,        ///< close the window
        Key,         ///< press GLFW key `frames` for one frame (ImGui sees a real key press)
    };
    Kind kind = Kind::Action;
    UiAction action;
    int frames = 0;
    std::string path;
    std::size_t line = 0;  ///< 1-based line in the script file
    std::string text;      ///< the line as written (for messages)
};

/// The argument a verb takes, checked by the parser before the maker is called.
enum class ScriptArgShape : std::uint8_t {
    None,      ///< nothing after the verb
    Count,     ///< an unsigned decimal number (0 .. 1,000,000)
    Signed,    ///< "+N", "-N" or "N" (a small integer, -100 .. 100)
    OnOff,     ///< "on" or "off"
    Language,  ///< "ru" or "en"
    Text,      ///< the rest of the line, not empty (a mailbox name, a path: spaces kept)
};

/// The parsed argument handed to a verb's maker.
struct ScriptArg {
    std::string text;       ///< the argument as written (trimmed); "" for None
    std::int64_t number = 0;  ///< Count and Signed
    bool on = false;          ///< OnOff
    Language language = Language::En;  ///< Language
};

struct ScriptVerb {
    std::string name;       ///< e.g. "jump"
    ScriptArgShape shape = ScriptArgShape::None;
    std::string usage;      ///< e.g. "jump N", used in error messages
    /// Makes the step; may refuse the argument with a reason (e.g. "line numbers start at 1").
    std::function<Result<ScriptStep, std::string>(const ScriptArg&)> make;
};

/// The verb table. `standard()` holds the verbs listed at the top of this file.
class ScriptVerbs {
public:
    static ScriptVerbs standard();
    /// The standard verbs plus the playground window's (gui/playground_app.hpp run_command):
    /// add-client, remove-client N, send N TEXT, pipeline N TEXT ; TEXT, type N TEXT, complete N,
    /// choose N K, history N up|down, queue N on|off, send-queue N, watch N, scrub K, forward,
    /// diff A B, diff-follow, animate-at T|off, panel seq-uid|diff|flight|versions, versions on|off,
    /// export-lesson OUT.json. In TEXT, "\n" stands for a line end (a literal's data follows it).
    static ScriptVerbs playground();
    /// Adds `verb`, or replaces the one with the same name.
    void add(ScriptVerb verb);
    /// The verb named `name` (exact, lower case), or null.
    const ScriptVerb* find(std::string_view name) const;
    const std::vector<ScriptVerb>& verbs() const { return verbs_; }

private:
    std::vector<ScriptVerb> verbs_;
};

struct Script {
    std::string file;
    std::vector<ScriptStep> steps;
};

/// Parses a script's `text`; `file` names it in errors. Errors: "FILE:LINE: unknown verb 'x'
/// (known: ...)", "FILE:LINE: jump N: 'x' is not a number", "FILE:LINE: lang ru|en: 'de' is
/// neither ru nor en", "FILE:LINE: step takes no argument", ... (the first error only).
Result<Script, std::string> parse_script(std::string_view text, const std::string& file,
                                         const ScriptVerbs& verbs = ScriptVerbs::standard());

/// Reads and parses the script at `path`. Errors: "cannot read PATH: why", or parse_script's.
Result<Script, std::string> load_script_file(const std::string& path, const ScriptVerbs& verbs = ScriptVerbs::standard());

/// Runs a parsed script frame by frame (no window of its own: main.cpp asks it each frame what
/// to do). An action is pushed on its own frame; a screenshot waits `settle_frames` frames after
/// the last action so scrolling and layout settle; `wait N` renders N frames.
class ScriptRunner {
public:
    explicit ScriptRunner(Script script, int settle_frames = 6) : script_(std::move(script)), settle_(settle_frames) {}

    /// What to do in the frame that starts now.
    struct Frame {
        const ScriptStep* action = nullptr;      ///< push this step's action before drawing
        const ScriptStep* key = nullptr;         ///< press this step's key (`frames`) in this frame
        const ScriptStep* screenshot = nullptr;  ///< capture after rendering this frame
        bool quit = false;                       ///< the script is done: close the window
    };
    Frame next_frame();
    /// The step last handed out (for "FILE:LINE" in runtime errors), or null.
    const ScriptStep* current() const { return current_; }
    const std::string& file() const { return script_.file; }

private:
    Script script_;
    int settle_ = 6;
    std::size_t next_ = 0;
    int wait_ = 0;
    int since_action_ = 0;  ///< frames since the last action (the first frames count as one)
    const ScriptStep* current_ = nullptr;
};

}  // namespace imaplab::gui
