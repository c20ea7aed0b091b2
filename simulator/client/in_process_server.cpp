#include "client/in_process_server.hpp"

#include <stdexcept>

namespace imaplab {

InProcessConnection& InProcessServer::client(std::uint32_t id) {
    auto it = connections_.find(id);
    if (it != connections_.end()) return *it->second;
    if (is_pop3(id)) throw std::logic_error("client " + std::to_string(id) + " speaks POP3, not IMAP");
    auto c = std::make_unique<InProcessConnection>(store_, config_, trace_, id);
    if (clock_) c->session().set_clock(clock_);
    c->open();
    return *connections_.emplace(id, std::move(c)).first->second;
}

InProcessPop3Connection& InProcessServer::pop3_client(std::uint32_t id) {
    auto it = pop3_.find(id);
    if (it != pop3_.end()) return *it->second;
    if (has_client(id)) throw std::logic_error("client " + std::to_string(id) + " speaks IMAP, not POP3");
    auto c = std::make_unique<InProcessPop3Connection>(store_, config_.greeting_text, trace_, id);
    c->open();
    return *pop3_.emplace(id, std::move(c)).first->second;
}

void InProcessServer::send(std::uint32_t id, std::string_view command) {
    if (is_pop3(id)) pop3_client(id).send(command);
    else client(id).send(command);
    deliver_unsolicited(id);
}

void InProcessServer::send_pipelined(std::uint32_t id, const std::vector<std::string>& commands) {
    if (is_pop3(id)) pop3_client(id).send_all(commands);
    else client(id).send_all(commands);
    deliver_unsolicited(id);
}

void InProcessServer::deliver_unsolicited(std::uint32_t except) {
    for (auto& [id, c] : connections_)
        if (id != except) c->deliver_unsolicited();
}

}  // namespace imaplab
