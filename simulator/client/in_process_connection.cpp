#include "client/in_process_connection.hpp"

namespace imaplab {

InProcessConnection::InProcessConnection(MailStore& store, ServerConfig config, TraceSink* trace, std::uint32_t connection)
    : session_(store, std::move(config), trace, connection), tap_(trace, connection) {}

void InProcessConnection::open() {
    std::string greeting = session_.greeting();
    tap_.server_bytes(greeting);
    client_.receive(greeting);
}

void InProcessConnection::send(std::string_view command) {
    client_.send(command);
    pump();
}

void InProcessConnection::send_all(const std::vector<std::string>& commands) {
    for (const auto& c : commands) client_.send(c);
    pump();
}

void InProcessConnection::deliver_unsolicited() {
    std::string out = session_.take_unsolicited();
    if (out.empty()) return;
    tap_.server_bytes(out);
    client_.receive(out);
}

void InProcessConnection::pump() {
    while (!session_.closed()) {
        std::string out = client_.take_output();
        if (out.empty()) break;
        tap_.client_bytes(out);
        std::string reply = session_.feed(out);
        if (!reply.empty()) {
            tap_.server_bytes(reply);
            client_.receive(reply);
        }
    }
}

}  // namespace imaplab
