#pragma once
// IMAP4rev1 and IMAP4rev2 side by side: the same commands run against two in-process servers
// built from the same fixture, one IMAP4rev1-only (RFC 3501, as Dovecot 2.3) and one that speaks
// IMAP4rev2 (RFC 9051), and the two logs aligned command by command. What the learner sees differ:
// \Recent and "* n RECENT" (rev1 only, RFC 9051 Appendix E item 2), LSUB (rev1) vs LIST (rev2
// answers LSUB "BAD ... Unknown command"), SEARCH vs ESEARCH (RFC 9051 §6.4.4), mailbox names in
// modified UTF-7 vs UTF-8 (RFC 3501 §5.1.3, RFC 9051 §5.1).
//
// ENABLE IMAP4rev2: RFC 9051 §6.3.1 / Appendix E make the client send "ENABLE IMAP4rev2" only to a
// server that offers both versions; a server that offers only IMAP4rev2 applies its rules from the
// start. By default the rev2 side is such a server (ServerConfig ProtocolVersions::Rev2, lesson
// "server": {"versions": "rev2"}), so no ENABLE is sent and both sides get exactly the same
// commands. With Rev2Server::BothWithEnable the rev2 side offers both versions and the compare
// sends "R2 ENABLE IMAP4rev2" (typed tag "R2", so the automatic tags of both sides stay in step)
// after the first command that leaves Not Authenticated; that row is marked `automatic` and has
// no rev1 lines.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "trace/timeline.hpp"

namespace imaplab::console {

/// One line of a log as the views print it: "C: " + a client line, "S: " + a server line
/// (literal data inline, CRLF inside literals kept).
using LogLine = std::string;

/// Two lines facing each other; a side is nullopt where the other has a line it lacks.
struct AlignedLine {
    std::optional<LogLine> rev1;
    std::optional<LogLine> rev2;
    bool differs = false;  ///< the two sides are not the same line
};

/// One command (or the greeting) on both servers.
struct CompareRow {
    std::string command;               ///< as given ("" for the greeting row)
    std::vector<LogLine> rev1, rev2;   ///< the lines each side exchanged for it, in order
    /// Lines of the same kind face each other (see align_lines()); `differs` marks those whose
    /// text differs and those one side lacks.
    std::vector<AlignedLine> aligned;
    bool differs = false;    ///< some aligned line differs
    bool automatic = false;  ///< sent by the compare itself (ENABLE IMAP4rev2), on the rev2 side only
};

enum class Rev2Server {
    Rev2Only,        ///< ProtocolVersions::Rev2: rev2 rules from the greeting on, no ENABLE
    BothWithEnable,  ///< ProtocolVersions::Both and an automatic "R2 ENABLE IMAP4rev2" after login
};

struct VersionsComparison {
    Timeline rev1, rev2;  ///< the two full timelines (step 0: fixture and greeting; step i: row i)
    std::vector<CompareRow> rows;  ///< rows[0] is the greeting
};

/// Builds two stores from `fixture`, connects client 1 to each server and sends every command of
/// `commands` (each as the console takes it: with a tag, or without one for the automatic tag;
/// a literal as "{n}\n..."; see console_input.hpp) to both, one at a time. Commands that are not
/// Ready (an unterminated literal) are sent neither side and give a row with no lines.
/// Throws std::invalid_argument for a fixture build_fixture() rejects.
VersionsComparison compare_versions(const Fixture& fixture, const std::vector<std::string>& commands,
                                    Rev2Server rev2 = Rev2Server::Rev2Only);

/// Aligns two lists of lines: lines of the same kind face each other, by the longest common
/// subsequence of their kinds (a client line; a continuation request; the tagged response; an
/// untagged response by its name and response code: "EXISTS", "OK [UIDNEXT", "SEARCH"); the
/// other lines between two such pairs face each other in order. So "* SEARCH 1 3" faces
/// "* ESEARCH ...", and a "* 1 RECENT" the other side lacks faces nothing.
/// Exposed for tests and for other side-by-side views.
std::vector<AlignedLine> align_lines(const std::vector<LogLine>& left, const std::vector<LogLine>& right);

}  // namespace imaplab::console
