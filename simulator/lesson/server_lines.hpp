#pragma once
// The server-line expectations of a lesson step (server_line, server_line_regex,
// no_server_line_regex), shared by IMAP clients (lesson_run.cpp) and POP3 clients
// (pop3_expectation.cpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "trace/timeline.hpp"

namespace imaplab {

/// The server lines of `connection` among the timeline events [begin, end): each whole response
/// and, for one with a literal (or a multi-line POP3 answer), also its first line.
std::vector<std::string> step_server_lines(const Timeline& t, std::size_t begin, std::size_t end, std::uint32_t connection);

/// Checks a ServerLine, ServerLineRegex or NoServerLineRegex expectation against `lines`; when it
/// does not hold, `actual` says what was sent instead.
bool check_server_lines(const Expectation& e, const std::vector<std::string>& lines, std::string& actual);

}  // namespace imaplab
