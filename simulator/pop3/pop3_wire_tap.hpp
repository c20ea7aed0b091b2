#pragma once
// Records the bytes of a POP3 connection as WireLine trace events, so every view that shows IMAP
// lines shows POP3 lines too ("C:" / "S:"):
// - each client line is a LineKind::ClientCommand with an empty tag (POP3 has no tags);
// - each server response is one LineKind::ServerTagged event, also with an empty tag, status Ok
//   for "+OK" and No for "-ERR"; a multi-line response (RFC 1939 §3) is one event whose text
//   holds every line up to and including the terminating "." (inner CRLFs kept, no final CRLF).
// Whether a "+OK" starts a multi-line response depends on the command, so the tap follows the
// client's commands in order, as a POP3 client does (RFC 2449 §6.6: PIPELINING).
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "trace/timeline.hpp"

namespace imaplab {

class Pop3WireTap {
public:
    Pop3WireTap(TraceSink* sink, std::uint32_t connection) : sink_(sink), connection_(connection) {}

    /// Bytes the client sent. A line longer than Pop3Session::kMaxLine is recorded when it grows
    /// past that (the session answers it at once) and its rest is dropped, as the session does.
    void client_bytes(std::string_view bytes);
    /// Bytes the server sent (the greeting first).
    void server_bytes(std::string_view bytes);

    /// True when a "+OK" answer to `command_line` is followed by more lines: CAPA, LIST and UIDL
    /// without argument, RETR, TOP. RFC 1939 §5, §7; RFC 2449 §5.
    static bool multi_line(std::string_view command_line);

private:
    TraceSink* sink_;
    std::uint32_t connection_;
    std::string client_in_;
    bool client_skipping_ = false;  // inside a line longer than Pop3Session::kMaxLine
    std::string server_in_;
    std::deque<bool> expect_multi_;  // per command sent and not yet answered
    bool greeted_ = false;
};

}  // namespace imaplab
