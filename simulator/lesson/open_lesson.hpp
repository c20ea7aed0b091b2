#pragma once
// Opening what a learner points the player or the window at: a lesson file (lessons/*.json) or a
// recorded C:/S: transcript (transcripts/*.txt, e.g. one saved from the window's Network panel),
// which becomes a lesson replaying its client lines (lesson/transcript_lesson.hpp).
#include <string>

#include "lesson/explainer.hpp"
#include "lesson/lesson.hpp"
#include "types/result.hpp"

namespace imaplab {

/// A transcript names the mail it was recorded against with a comment line
/// "# fixture: PATH" (a lesson, fixture, mbox, Maildir or .eml folder: store/formats/mail_formats.hpp),
/// PATH relative to the working directory or else to the transcript's folder. Without one the
/// replay runs against one account with an empty INBOX.
inline constexpr std::string_view kTranscriptFixturePrefix = "# fixture: ";

/// Loads `path`: a ".txt" file as a transcript, anything else as a lesson file. For a transcript,
/// the fixture's only account takes the user name the transcript logs in with (LOGIN), so a
/// session saved by any classroom user replays; narration comes from `explainer` (may be null).
/// Errors are one line naming the file (and line, for lesson and transcript syntax).
Result<Lesson, std::string> open_lesson(const std::string& path, const Explainer* explainer);

}  // namespace imaplab
