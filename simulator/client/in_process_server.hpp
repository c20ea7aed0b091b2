#pragma once
// Several simulated clients connected to one in-process server (one shared MailStore), as a
// classroom or a lesson with two mail clients on one account needs. After any client's command,
// the others' sessions are asked for unsolicited output (IDLE updates), so every byte of every
// connection reaches the trace in wire order.
#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include "client/in_process_connection.hpp"
#include "client/in_process_pop3_connection.hpp"

namespace imaplab {

class InProcessServer {
public:
    InProcessServer(MailStore& store, ServerConfig config, TraceSink* trace) : store_(store), config_(std::move(config)), trace_(trace) {}

    /// The connection of client `id` (1-based), opened (greeting sent) on first use.
    InProcessConnection& client(std::uint32_t id);
    bool has_client(std::uint32_t id) const { return connections_.count(id) > 0; }
    /// The POP3 connection of client `id` (RFC 1939; same store, greeting "+OK " + the config's
    /// greeting text), opened on first use. A client id is either IMAP or POP3: the first call
    /// decides (throws std::logic_error when `id` is already an IMAP client, and client() throws
    /// for a POP3 id).
    InProcessPop3Connection& pop3_client(std::uint32_t id);
    bool is_pop3(std::uint32_t id) const { return pop3_.count(id) > 0; }
    /// Client `id` goes away without LOGOUT (the socket closes): its session ends as the network
    /// server ends one, and it gets no more output. Returns false when `id` is not connected.
    bool close(std::uint32_t id) { return connections_.erase(id) + pop3_.erase(id) > 0; }

    /// Client `id` (IMAP or POP3) sends `command`; then every other connection delivers its unsolicited output.
    void send(std::uint32_t id, std::string_view command);
    /// Client `id` sends all `commands` before reading any response (pipelining).
    void send_pipelined(std::uint32_t id, const std::vector<std::string>& commands);
    /// The clock every session uses for APPEND's INTERNALDATE.
    void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

private:
    MailStore& store_;
    ServerConfig config_;
    TraceSink* trace_;
    std::function<std::int64_t()> clock_;
    std::map<std::uint32_t, std::unique_ptr<InProcessConnection>> connections_;
    std::map<std::uint32_t, std::unique_ptr<InProcessPop3Connection>> pop3_;
    void deliver_unsolicited(std::uint32_t except);
};

}  // namespace imaplab
