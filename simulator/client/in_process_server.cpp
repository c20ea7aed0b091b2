#include "client/in_process_server.hpp"

namespace imaplab {

InProcessConnection& InProcessServer::client(std::uint32_t id) {
    auto it = connections_.find(id);
    if (it != connections_.end()) return *it->second;
    auto c = std::make_unique<InProcessConnection>(store_, config_, trace_, id);
    if (clock_) c->session().set_clock(clock_);
    c->open();
    return *connections_.emplace(id, std::move(c)).first->second;
}

void InProcessServer::send(std::uint32_t id, std::string_view command) {
    client(id).send(command);
    deliver_unsolicited(id);
}

void InProcessServer::send_pipelined(std::uint32_t id, const std::vector<std::string>& commands) {
    client(id).send_all(commands);
    deliver_unsolicited(id);
}

void InProcessServer::deliver_unsolicited(std::uint32_t except) {
    for (auto& [id, c] : connections_)
        if (id != except) c->deliver_unsolicited();
}

}  // namespace imaplab
