#pragma once
// Records the bytes that cross a connection as WireLine trace events, in wire order. The client
// stream is cut where the client stops to wait (end of a command, or a synchronising literal
// announcement); the server stream is cut into whole responses (literals inline).
// Used by the in-process connection and, later, by real sockets: the same events either way.
#include <cstdint>
#include <string_view>

#include "codec/framer.hpp"
#include "trace/timeline.hpp"

namespace imaplab {

class WireTap {
public:
    WireTap(TraceSink* sink, std::uint32_t connection) : sink_(sink), connection_(connection) {}

    /// Bytes the client sent.
    void client_bytes(std::string_view bytes);
    /// Bytes the server sent.
    void server_bytes(std::string_view bytes);

private:
    TraceSink* sink_;
    std::uint32_t connection_;
    Framer client_{FramerLimits{1u << 30, std::size_t(1) << 40}};
    Framer server_{FramerLimits{1u << 30, std::size_t(1) << 40}};
    std::size_t client_emitted_ = 0;   // bytes of the current client message already recorded
    bool client_waiting_ = false;      // the client announced a synchronising literal
    bool command_continues_ = false;   // a "+" asked for more of a command (AUTHENTICATE, IDLE)
    std::string client_tag_;

    void emit_client(const Frame& f, bool complete);
};

}  // namespace imaplab
