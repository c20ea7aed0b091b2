#pragma once
// A learner's progress through the lessons' exercises, kept in a small JSON file in the user's
// data directory ($XDG_DATA_HOME/imaplab/progress.json, else ~/.local/share/imaplab/progress.json):
//   {"format": 1, "lessons": {"05-selecting": {"3": {"attempts": 2, "passed": true}}}}
// Saved atomically (a temporary file renamed over the old one), so a crash never leaves half a file.
#include <cstdint>
#include <map>
#include <string>

#include "types/result.hpp"

namespace imaplab {

struct ExerciseProgress {
    std::uint32_t attempts = 0;  ///< graded attempts so far
    bool passed = false;         ///< some attempt passed
};

class Progress {
public:
    /// The default file: $XDG_DATA_HOME/imaplab/progress.json or ~/.local/share/imaplab/progress.json
    /// ("" when neither variable is set).
    static std::string default_path();

    /// Reads `path`; a missing file is an empty progress. Error: the file exists but cannot be
    /// read or is not a progress file (the message names the file) — the caller should not save
    /// over it then, so nothing the learner did is lost.
    static Result<Progress, std::string> load(const std::string& path);

    /// Writes to `path` atomically, creating its directory. Error: what failed, with the path.
    Result<bool, std::string> save(const std::string& path) const;

    const ExerciseProgress* find(const std::string& lesson_id, std::uint32_t step) const;
    /// Counts one graded attempt at (lesson, step); `passed` sticks once true.
    ExerciseProgress& record(const std::string& lesson_id, std::uint32_t step, bool passed);

    const std::map<std::string, std::map<std::uint32_t, ExerciseProgress>>& lessons() const { return lessons_; }

private:
    std::map<std::string, std::map<std::uint32_t, ExerciseProgress>> lessons_;
};

}  // namespace imaplab
