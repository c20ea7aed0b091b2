#include "client/in_process_pop3_connection.hpp"

namespace imaplab {

InProcessPop3Connection::InProcessPop3Connection(MailStore& store, std::string greeting_text, TraceSink* trace,
                                                 std::uint32_t connection)
    : session_(store, trace, connection, std::move(greeting_text)), tap_(trace, connection) {}

void InProcessPop3Connection::open() { tap_.server_bytes(session_.greeting()); }

void InProcessPop3Connection::send(std::string_view line) { send_all({std::string(line)}); }

void InProcessPop3Connection::send_all(const std::vector<std::string>& lines) {
    if (session_.closed()) return;
    std::string bytes;
    for (const auto& l : lines) bytes.append(l).append("\r\n");
    tap_.client_bytes(bytes);
    tap_.server_bytes(session_.feed(bytes));
}

}  // namespace imaplab
