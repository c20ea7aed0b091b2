#pragma once
// Replaying a recorded transcript (transcripts/*.txt) with the lesson that reproduces it: the
// lesson sends the transcript's client lines to our server; each exchange (the server lines after
// one client command, or the greeting) is compared with the recorded one, "S: ..." elisions
// matching any number of lines. Where they differ, the lesson step's transcript_note says why.
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "lesson/transcript.hpp"
#include "types/result.hpp"

namespace imaplab {

struct ReplayedExchange {
    std::string command;                ///< the client line ("" for the greeting)
    std::uint32_t step = 0;             ///< the lesson step that sent it (1 for the greeting)
    std::vector<std::string> recorded;  ///< the transcript's server lines ("..." for an elision)
    std::vector<std::string> ours;      ///< our server's lines (a literal's octets left out, as in transcripts)
    bool same = false;                  ///< `ours` matches `recorded`
    LocalizedText why;                  ///< the step's transcript_note (empty when none)
};

/// Plays `lesson` and pairs its exchanges with `transcript`'s. Errors: the lesson sends other
/// client lines than the transcript (which line, and what each side has).
Result<std::vector<ReplayedExchange>, std::string> replay_transcript(const Lesson& lesson, const Transcript& transcript);

}  // namespace imaplab
