#pragma once
// A simulated client connected to a Session in the same process. Every byte goes through the
// WireTap, so the timeline shows exactly what crossed the "wire".
#include <cstdint>
#include <string_view>
#include <vector>

#include "client/simulated_client.hpp"
#include "engine/session.hpp"
#include "trace/wire_tap.hpp"

namespace imaplab {

class InProcessConnection {
public:
    InProcessConnection(MailStore& store, ServerConfig config, TraceSink* trace, std::uint32_t connection);

    /// Opens the connection: the server's greeting reaches the client.
    void open();
    /// The client sends `command` (see SimulatedClient::send); bytes flow both ways until neither
    /// side has anything more to send.
    void send(std::string_view command);
    /// The client sends every command before reading any response (pipelining, RFC 9051 §5.5).
    void send_all(const std::vector<std::string>& commands);
    /// Bytes the server sends unasked (IDLE updates, a BYE) reach the client.
    void deliver_unsolicited();

    Session& session() { return session_; }
    SimulatedClient& client() { return client_; }

private:
    Session session_;
    SimulatedClient client_;
    WireTap tap_;
    void pump();
};

}  // namespace imaplab
