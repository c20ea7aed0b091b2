#pragma once
// `imaplab --playground`: the playground window (gui/playground_app.hpp) and its frame loop.

namespace imaplab::gui {

/// Parses the playground's command line (--playground, --fixture FILE, --versions rev1|rev2|both,
/// --lang ru|en, --script FILE, --screenshot OUT.png) and runs the window. Returns the exit code:
/// 0, 1 (no window, an unreadable fixture, a screenshot not written, a script line that failed),
/// 2 (a bad option, a bad script or fixture file).
int playground_main(int argc, char** argv);

}  // namespace imaplab::gui
