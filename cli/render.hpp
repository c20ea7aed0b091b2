#pragma once
// Text rendering of a played lesson for the terminal player (imaplab-cli). Pure functions of
// (lesson, timeline, step, options): no I/O, no terminal state, so stepping back is rendering an
// earlier step again and tests can compare the text.
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "lesson/lesson_run.hpp"
#include "trace/timeline.hpp"

namespace imaplab::cli {

struct RenderOptions {
    Language lang = Language::En;
    bool color = false;       ///< emit ANSI SGR colour sequences
    std::size_t width = 80;   ///< terminal columns; narration is wrapped to it
};

/// The lesson header: title, summary (wrapped), file and step count.
std::string render_header(const Lesson& lesson, const RenderOptions& options);

/// One step of the timeline: a "── Step n / N: title ──" rule, the narration, then the step's
/// events in timeline order (C:/S: wire lines with literals marked, [state], [flags], [expunge],
/// [mailbox] lines) and the step's transcript note. Step 0 is the setup (fixture and greeting).
/// Message sequence numbers in [flags]/[expunge] lines are the ones at the moment of the event.
std::string render_step(const Lesson& lesson, const Timeline& timeline, std::uint32_t step,
                        const RenderOptions& options);

/// "step N: expected <describe()>, but <actual>" for one failed check (no trailing newline).
std::string describe_failure(const StepCheck& check);

/// Wraps UTF-8 `text` to `width` code points per line (paragraph breaks "\n" are kept), every
/// line prefixed by `indent`. Words longer than the width are not split.
std::string wrap_text(const std::string& text, std::size_t width, const std::string& indent = "");

/// Number of Unicode code points in UTF-8 `s` (the display width for the scripts lessons use).
std::size_t display_width(const std::string& s);

/// `text` in the ANSI SGR style `params` ("1" bold, "32" green, "1;33" bold yellow) when `color`,
/// else `text` as it is.
std::string colored(bool color, std::string_view params, std::string_view text);

}  // namespace imaplab::cli
