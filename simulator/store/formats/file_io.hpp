#pragma once
// File helpers shared by the mail format readers and writers (not a public API of the library).
#include <cstdint>
#include <string>
#include <string_view>

#include "types/result.hpp"

namespace imaplab::formats {

/// The whole file as bytes. Error: "PATH: cannot read: <strerror>".
Result<std::string> read_whole_file(const std::string& path);

/// Writes `data` to `tmp_path`, sets its modification time to `mtime` (seconds since the epoch)
/// when `set_mtime`, then renames it to `final_path` (atomic on one file system). Errors name
/// the path and the system's reason; nothing is left at `final_path` on failure.
Result<bool> write_file_atomically(const std::string& tmp_path, const std::string& final_path, std::string_view data,
                                   bool set_mtime = false, std::int64_t mtime = 0);

/// Creates the directory `path` (its parent must exist). Error names the path.
Result<bool> make_directory(const std::string& path);

/// Creates `dir` (and its parents) when missing; error when it exists and is not an empty directory,
/// so an export never mixes with files already there.
Result<bool> prepare_empty_directory(const std::string& dir);

/// The message text with each CRLF turned into LF (the form mbox and Maildir files use).
std::string crlf_to_lf(std::string_view text);

/// The modification time of `path`, seconds since the epoch. Error names the path.
Result<std::int64_t> modification_time(const std::string& path);

/// "05-Jul-1996 02:44:25 +0000" for an instant in UTC (the fixture's internal-date form).
std::string utc_internal_date(std::int64_t unix_seconds);

/// ASCII case-insensitive prefix test.
bool istarts_with(std::string_view s, std::string_view prefix);

}  // namespace imaplab::formats
