#pragma once
// Loading a fixture (the mail store a lesson starts from) on its own, for the network server's
// accounts (`imaplab-cli serve --users FILE`, `--fixture FILE`). The file may be
//   - a whole lesson (format v1): its "fixture" is used;
//   - a fixture object as in a lesson: {"uidvalidity": ..., "clock": ..., "accounts": [...]};
//   - one account's mailboxes: {"mailboxes": [...]} (user and password come from elsewhere).
// All three are validated by the lesson loader (lesson/lesson_loader.hpp), so errors read the same
// way: "file:line: /json/pointer: message", with the pointer relative to the file's own document.
#include <string>
#include <string_view>

#include "lesson/lesson.hpp"
#include "lesson/lesson_loader.hpp"
#include "types/result.hpp"

namespace imaplab {

/// Reads the fixture at `path` (any of the three shapes above). Relative message file paths
/// ("file": "fixtures/x.eml") are resolved against the file's directory. A mailboxes-only file
/// gives a fixture with one account whose user name and password are empty.
Result<Fixture, LessonError> load_fixture_file(const std::string& path);

/// The same for JSON text; `file` names it in errors, `base_dir` resolves message files.
Result<Fixture, LessonError> parse_fixture(std::string_view json_text, const std::string& file, const std::string& base_dir);

}  // namespace imaplab
