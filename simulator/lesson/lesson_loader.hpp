#pragma once
// Loading lesson files (format v1, docs/lesson-format.md) with errors that name the file, line and
// JSON path of the bad field. Nothing is returned half-loaded: either the whole lesson or an error.
#include <string>
#include <string_view>

#include "lesson/lesson.hpp"
#include "types/result.hpp"

namespace imaplab {

struct LessonError {
    std::string file;       ///< as given to the loader
    std::size_t line = 0;   ///< 1-based line of the bad field; 0 when unknown (e.g. unreadable file)
    std::string json_path;  ///< JSON Pointer (RFC 6901) of the bad field, "" for the document
    std::string message;    ///< what is wrong, e.g. "expected a string"
    /// "lessons/01.json:12: /steps/3/send/0: expected a string"
    std::string to_string() const;
};

/// Reads and validates the lesson at `path`. Relative paths inside the lesson (message files)
/// are resolved against the lesson file's directory.
Result<Lesson, LessonError> load_lesson_file(const std::string& path);

/// Validates lesson JSON text. `file` names it in errors; `base_dir` resolves message files.
Result<Lesson, LessonError> parse_lesson(std::string_view json_text, const std::string& file,
                                         const std::string& base_dir);

}  // namespace imaplab
