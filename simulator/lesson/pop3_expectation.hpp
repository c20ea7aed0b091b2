#pragma once
// Checking a lesson expectation on a POP3 client (lesson.hpp ClientProtocol::Pop3). A POP3 client
// has no IMAP state, selected mailbox or SEARCH, so only these kinds apply (the loader rejects the
// others): server_line / server_line_regex (a whole response, or the first line of a multi-line
// one, e.g. "+OK 90 octets"), tagged (the status of the step's last response: "+OK" is OK,
// "-ERR" is NO), command_regex, mailbox_exists / mailbox_absent (of the logged-in account).
#include <cstddef>
#include <string>

#include "lesson/lesson.hpp"
#include "pop3/pop3_session.hpp"
#include "trace/timeline.hpp"

namespace imaplab {

/// True when `e` holds for `session` over the timeline events [begin, end); otherwise `actual`
/// says what was found instead.
bool check_pop3_expectation(const Expectation& e, const Timeline& t, const Pop3Session& session, std::size_t begin,
                            std::size_t end, std::string& actual);

}  // namespace imaplab
