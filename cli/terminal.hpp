#pragma once
// The few terminal facts the player needs: is a stream a TTY, how wide is it, should we colour,
// and one key press read without waiting for Enter. POSIX only.
#include <cstddef>
#include <string>

#include "lesson/lesson.hpp"

namespace imaplab::cli {

bool stdin_is_tty();
bool stdout_is_tty();

/// Columns of the terminal on stdout; else $COLUMNS; else 80. Clamped to [40, 100] so narration
/// stays readable on very wide terminals.
std::size_t terminal_width();

/// "--color auto|always|never": auto colours when stdout is a TTY, $NO_COLOR is unset and
/// $TERM is not "dumb".
bool want_color(const std::string& mode);

/// The language from $LC_ALL / $LC_MESSAGES / $LANG: Russian when it starts with "ru", else English.
Language language_from_environment();

enum class Key { Next, Back, Quit };

/// Waits for one key on stdin (a TTY): Enter/Space/n/→ = Next, b/p/← = Back, q/Esc/Ctrl-C/Ctrl-D/EOF
/// = Quit; other keys are ignored. The terminal mode is restored before returning.
Key read_key();

}  // namespace imaplab::cli
