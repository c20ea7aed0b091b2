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

/// The lesson file in lessons/ next to the transcripts/ folder of `transcript` whose "transcript"
/// field names the same file (e.g. transcripts/uw-imap-search.txt → lessons/16-uw-imap-search.json),
/// or "" when there is none.
std::string find_lesson_for_transcript(const std::string& transcript);

/// Loads `path`: a ".txt" file as a transcript, anything else as a lesson file. A transcript that a
/// lesson reproduces (find_lesson_for_transcript: the seed transcripts) opens as that lesson.
/// Another transcript becomes a lesson (lesson/transcript_lesson.hpp) played against the mail its
/// "# fixture:" line names, else one account with an empty INBOX and the password the transcript
/// logs in with. The user the transcript logs in with (LOGIN)
/// gets the fixture's account of that name, else its first one (as `serve --fixture` does), so a
/// session saved by any classroom user replays;
/// narration comes from `explainer` (may be null).
/// Errors are one line naming the file (and line, for lesson and transcript syntax).
Result<Lesson, std::string> open_lesson(const std::string& path, const Explainer* explainer);

}  // namespace imaplab
