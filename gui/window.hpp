#pragma once
// What both windows (the lesson window, gui/main.cpp, and the playground, gui/playground_window.cpp)
// need around their frame loop: the OpenGL window itself, the screenshot, the language from the
// locale, and the preferences' window geometry.
#include <optional>
#include <string>

#include "lesson/lesson.hpp"
#include "prefs.hpp"

struct GLFWwindow;

namespace imaplab::gui {

/// The UI language the locale asks for: Russian when $LC_ALL, $LC_MESSAGES or $LANG (the first
/// one set) starts with "ru", else English.
Language language_from_locale();

/// Creates a window with an OpenGL 3.3 core context (GLFW must be initialised) and makes it
/// current. `width` x `height` in screen coordinates; `at`, when given, puts it at the saved
/// position and size instead. `fixed` (screenshot, script and benchmark runs): not resizable and
/// no vsync, so frames are not paced by the display. Null (with a message on stderr) when the
/// context cannot be created.
GLFWwindow* create_gl_window(const char* title, int width, int height, bool fixed, const WindowGeometry* at = nullptr);

/// The window's position and size now (for the preferences); nullopt when it is too small to
/// be worth restoring (under 320x240).
std::optional<WindowGeometry> window_geometry(GLFWwindow* window);

/// From now on SIGINT and SIGTERM (Ctrl+C, kill) end the frame loop as closing the window does,
/// so the preferences are saved: the loop checks stop_requested().
void stop_on_signals();
bool stop_requested();

/// Writes the back buffer (before the swap) of `width` x `height` pixels as an RGB PNG at `path`.
/// False when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height);

}  // namespace imaplab::gui
