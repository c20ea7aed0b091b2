#pragma once
// A simulated POP3 client connected to a Pop3Session in the same process (RFC 1939): it sends each
// command as one line ending in CRLF, and every byte goes through the Pop3WireTap, so the
// timeline shows exactly what crossed the "wire", as for an IMAP client (in_process_connection.hpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pop3/pop3_session.hpp"
#include "pop3/pop3_wire_tap.hpp"

namespace imaplab {

class InProcessPop3Connection {
public:
    InProcessPop3Connection(MailStore& store, std::string greeting_text, TraceSink* trace, std::uint32_t connection);

    /// Opens the connection: the server's greeting "+OK ..." reaches the client.
    void open();
    /// The client sends `line` + CRLF and reads the answer. Nothing is sent once the server has
    /// closed the connection (after QUIT).
    void send(std::string_view line);
    /// The client sends every line before reading any answer (RFC 2449 §6.6 PIPELINING).
    void send_all(const std::vector<std::string>& lines);

    Pop3Session& session() { return session_; }
    const Pop3Session& session() const { return session_; }

private:
    Pop3Session session_;
    Pop3WireTap tap_;
};

}  // namespace imaplab
