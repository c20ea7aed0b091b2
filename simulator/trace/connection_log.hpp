#pragma once
// The server's timeline split by connection (issue 4's Network panel): every connection of
// `imaplab --serve` records into one shared Timeline (net/server.hpp: events carry the connection
// id, passwords already redacted by net/redact.hpp); the window shows one connection at a time
// with the same views as a lesson, so each connection gets a Timeline of its own events.
// Also: a connection's events written as a C:/S: transcript (lesson/transcript.hpp's format).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "trace/timeline.hpp"

namespace imaplab {

class ConnectionLog {
public:
    /// Takes the events of `server` not taken yet (the timeline only grows) and appends each to
    /// its connection's timeline. Events of connection 0 (the store itself) belong to no
    /// connection and are skipped. Returns the number of events taken.
    std::size_t update(const Timeline& server);

    /// Connection ids seen so far, ascending.
    std::vector<std::uint32_t> ids() const;
    /// The events of connection `id` (re-indexed from 0, step 0, connection id kept), or null
    /// when no event of that connection has been seen.
    const Timeline* timeline(std::uint32_t id) const;
    /// How many events of the server timeline have been taken.
    std::size_t consumed() const { return consumed_; }

private:
    std::map<std::uint32_t, Timeline> connections_;
    std::size_t consumed_ = 0;
};

/// Writes the WireLine events among `events` as a transcript (docs/lesson-format.md,
/// "Transcripts"): "S: " for server lines, "C: " for client lines, one per line, "\n"-terminated;
/// other events are skipped. Literals follow the format:
/// - a server line is cut after each literal announcement "{n}"; the literal data is not typed
///   and the text after it starts the next "S: " line (an "S: ..." elision if nothing follows);
/// - a client line is cut after each announcement; the next "C: " line holds the literal's bytes
///   and the rest of the command. Literal bytes with a CR or LF in them (a message of APPEND)
///   cannot be one transcript line: they are written as "<literal: n octets>", preceded by a
///   "# " comment saying so.
/// Secrets are as the events carry them (redacted by the server's trace sink).
std::string to_transcript(const std::vector<TraceEvent>& events);

}  // namespace imaplab
