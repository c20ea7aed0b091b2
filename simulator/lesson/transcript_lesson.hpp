#pragma once
// A recorded session opened as a lesson (issue 4: "save a connection's session as a transcript
// and open it as a lesson"): a C:/S: transcript (lesson/transcript.hpp) becomes a lesson whose
// steps send the transcript's client lines, one command per step, against a fixture.
#include <string>

#include "lesson/explainer.hpp"
#include "lesson/lesson.hpp"
#include "lesson/transcript.hpp"
#include "types/result.hpp"

namespace imaplab {

/// Builds a lesson from `transcript` played against `fixture`:
/// - one step per client command; a command that announces synchronising literals (RFC 9051 §4.3)
///   takes the transcript's following C: lines, joined with CRLF as the lesson format wants; a
///   line answering a "+" that was not for a literal (a SASL response, IDLE's DONE) is a step too;
/// - each step is titled with the command and narrated with the meaning of its command name from
///   `explainer` (ru and en; a generic sentence when null or unknown) followed by the recorded
///   server lines;
/// - each step whose recorded lines hold its tagged response expects that status (OK, NO, BAD);
/// - a secret recorded as "<redacted>" (net/redact.hpp) is put back from the fixture: LOGIN gets
///   the password of its user; AUTHENTICATE PLAIN's response becomes base64("\0user\0password") of
///   the first account.
/// The lesson's `transcript` is `transcript_path` (for `imaplab-cli replay`), its id `id`.
/// Errors: the transcript has no client line; the fixture has no account.
Result<Lesson, std::string> lesson_from_transcript(const Transcript& transcript, Fixture fixture, const Explainer* explainer,
                                                   const std::string& id, const std::string& transcript_path);

}  // namespace imaplab
