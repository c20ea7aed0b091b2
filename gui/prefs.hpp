#pragma once
// The window's preferences, kept between runs in $XDG_CONFIG_HOME/imaplab/ (default
// ~/.config/imaplab/, XDG Base Directory Specification 0.8): prefs.json (UI language, zoom,
// presenter settings, window position and size) beside imgui.ini (ImGui's own ini).
// Loaded at start (command-line options win over them), saved at exit; `--no-prefs`, screenshot,
// script and bench runs neither read nor write them, so tests do not depend on the user's files.
//
// prefs.json, every key optional:
//   {"language": "ru", "zoom": 1.25,
//    "presenter": {"on": false, "zoom": 1.5, "panels": "lesson,log,state", "theme": "light"},
//    "window": {"x": 40, "y": 30, "width": 1280, "height": 800}}
#include <cstdint>
#include <optional>
#include <string>

#include "lesson/lesson.hpp"
#include "types/result.hpp"

namespace imaplab::gui {

/// The panels of the window, as a set of bits; presenter mode shows a chosen subset.
enum PanelBit : std::uint32_t {
    kPanelState = 1u << 0,      ///< "state": the session state diagram
    kPanelLesson = 1u << 1,     ///< "lesson": narration and controls (serve mode: the Network panel)
    kPanelLog = 1u << 2,        ///< "log": the protocol log
    kPanelExplain = 1u << 3,    ///< "explain": the line explainer
    kPanelMailboxes = 1u << 4,  ///< "mailboxes": mailboxes and messages
    kPanelAll = 0x1f,
};

/// Parses a comma-separated panel list ("lesson,log,state"; spaces allowed around names).
/// Errors: "unknown panel 'x' (panels: state, lesson, log, explain, mailboxes)", "no panel given".
Result<std::uint32_t, std::string> parse_panels(const std::string& list);
/// The list form of `panels`, in the order of the bits ("state,lesson,log").
std::string panels_to_string(std::uint32_t panels);

struct WindowGeometry {
    int x = 0, y = 0;               ///< screen position of the window's top-left corner
    int width = 1280, height = 800; ///< window size in screen coordinates
    friend bool operator==(const WindowGeometry&, const WindowGeometry&) = default;
};

struct PresenterPrefs {
    bool on = false;
    float zoom = 1.5f;                    ///< text scale in presenter mode (1 = normal; 1 .. 4)
    std::uint32_t panels = kPanelLesson | kPanelLog | kPanelState;
    bool light = true;                    ///< black on white; false: white on black
    friend bool operator==(const PresenterPrefs&, const PresenterPrefs&) = default;
};

struct Prefs {
    std::optional<Language> language;  ///< unset: from $LANG
    float zoom = 1.0f;                 ///< text size factor (Ctrl +/−), 0.6 .. 2.5
    PresenterPrefs presenter;
    std::optional<WindowGeometry> window;  ///< unset: 1280x800 where the window manager puts it
    friend bool operator==(const Prefs&, const Prefs&) = default;
};

/// $XDG_CONFIG_HOME/imaplab, else $HOME/.config/imaplab; "" when neither variable is set.
/// (XDG: a relative $XDG_CONFIG_HOME is invalid and ignored.)
std::string prefs_dir();

/// Reads prefs.json at `path`. A missing file gives the defaults. Errors (the caller warns and
/// uses the defaults): "PATH: not valid JSON: why", "PATH: \"zoom\" must be a number from 0.6 to
/// 2.5", "PATH: \"language\" must be \"ru\" or \"en\"", ... (each names the file and the key).
Result<Prefs, std::string> load_prefs(const std::string& path);

/// Parses the text of a prefs file; `path` names it in errors. Same errors as load_prefs.
Result<Prefs, std::string> parse_prefs(const std::string& text, const std::string& path);

/// The JSON text of `prefs` (indented, "\n" at the end).
std::string prefs_to_json(const Prefs& prefs);

/// Writes `prefs` to `path` (the directory is created; written to PATH.tmp then renamed, so a
/// crash never leaves half a file). Errors: "cannot write PATH: why".
Result<bool, std::string> save_prefs(const std::string& path, const Prefs& prefs);

}  // namespace imaplab::gui
