#pragma once
// The simulated client: sends commands as real bytes (tags as given, CRLF line ends) and handles
// synchronising literals the way RFC 9051 §4.3 requires: it sends the line up to "{n}" CRLF, waits
// for the server's "+" continuation request, then sends the literal and the rest of the command.
// If the server answers with a tagged response instead of "+", the rest is not sent.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/framer.hpp"

namespace imaplab {

class SimulatedClient {
public:
    /// Queues a command written as typed: "A1 LOGIN user pass", or with a literal
    /// "A2 LOGIN {4}\r\nuser pass" (a "\n" after "{n}" is sent as CRLF). CRLF is appended.
    void send(std::string_view command);

    /// Bytes the client writes now; "" while it waits for a continuation request.
    std::string take_output();

    /// Bytes received from the server.
    void receive(std::string_view bytes);

    /// Queues `command` (without a tag) under the next automatic tag "A0001", "A0002", ...
    /// Returns the tag used.
    std::string send_tagged(std::string_view command);
    /// The tag send_tagged() will use next.
    std::string next_tag() const;

    /// Commands sent whose tagged response has not arrived yet (tag -> command line as typed),
    /// oldest first: what a pipelining view shows "in flight". RFC 9051 §5.5.
    const std::vector<std::pair<std::string, std::string>>& in_flight() const { return in_flight_; }

    /// Whole server responses received so far (final CRLF removed), oldest first.
    const std::vector<std::string>& responses() const { return responses_; }
    /// True while a command part waits for the server's "+".
    bool waiting_for_continuation() const { return waiting_; }

private:
    std::deque<std::string> parts_;  // chunks to send; a chunk ending in a sync literal waits for "+"
    std::deque<bool> waits_;
    bool waiting_ = false;
    Framer framer_{FramerLimits{1u << 30, std::size_t(1) << 40}};
    std::vector<std::string> responses_;
    std::vector<std::pair<std::string, std::string>> in_flight_;
    std::uint32_t tag_counter_ = 0;
    bool command_continues_ = false;  // a "+" not for a literal: the next line belongs to the command
};

}  // namespace imaplab
