#pragma once
// The network server: the sans-I/O Session behind real sockets (or stdin/stdout), many connections
// in one single-threaded poll() loop, one shared MailStore. `imaplab-cli serve` runs it.
//
// Per connection: non-blocking I/O; the bytes read are fed to the Session a line at a time, and
// while too much output waits for a slow reader the server stops reading from that client (it
// blocks nobody else); output beyond a hard cap, or output that makes no progress for a while, ends
// the connection. After any session's input, every session's unsolicited output (IDLE updates) is
// sent. SIGINT/SIGTERM (request_stop) send "* BYE Server shutting down." to everyone (Dovecot's
// text) and stop. No threads: the GUI can drive it with poll_once(0) from its frame loop.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/server_config.hpp"
#include "net/listen_address.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"
#include "types/session_state.hpp"

namespace imaplab::net {

class Transport;

struct ServerOptions {
    ServerConfig config;                 ///< protocol configuration of every session
    std::vector<ListenAddress> listen;   ///< plain IMAP listeners (none in --stdio mode)
    /// Stop reading a client's commands while this much output waits to be sent to it.
    std::size_t read_pause_bytes = 256 * 1024;
    /// End a connection whose pending output grows beyond this (a client that never reads).
    std::size_t max_output_bytes = 64 * 1024 * 1024;
    /// End a connection when its pending output makes no progress for this long (0 = never).
    std::chrono::milliseconds write_timeout = std::chrono::minutes(5);
    /// Autologout (RFC 9051 §5.4: at least 30 minutes): "* BYE Disconnected for inactivity." after
    /// this long without input (0 = never).
    std::chrono::milliseconds idle_timeout = std::chrono::minutes(30);
    /// After a stop request, how long pending output (the BYE) may take before connections drop.
    std::chrono::milliseconds shutdown_grace = std::chrono::seconds(2);
    /// Connections beyond this are told "* BYE [LIMIT] Too many connections." and closed.
    std::size_t max_connections = 1000;
    /// The clock for sessions (INTERNALDATE of APPEND): seconds since the Unix epoch. Default: the
    /// system clock.
    std::function<std::int64_t()> clock;
};

/// What the connection list shows (issue 4's Network panel).
struct ConnectionInfo {
    std::uint32_t id = 0;  ///< 1-based, as in trace events
    std::string peer;      ///< "127.0.0.1:54321", or "stdio"
    std::string transport; ///< "tcp", "stdio" (later "tls")
    std::string user;      ///< "" before login
    SessionState state = SessionState::NotAuthenticated;
    std::uint64_t bytes_in = 0, bytes_out = 0;
    std::size_t pending_output = 0;
};

class Server {
public:
    using Log = std::function<void(std::string_view line)>;

    /// `log` receives one line per connection (and warnings); `trace` (may be null) receives every
    /// connection's trace events with secrets redacted (net/redact.hpp).
    Server(MailStore& store, ServerOptions options, Log log = {}, TraceSink* trace = nullptr);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens on every options.listen address. Returns the addresses bound (port 0
    /// becomes the port the system chose), or "cannot listen on HOST:PORT: reason". A non-loopback
    /// address is logged as a warning.
    Result<std::vector<std::string>, std::string> listen();

    /// Serves one connection over a pair of descriptors, e.g. stdin/stdout (--stdio); the server
    /// does not close them. Its greeting is sent at once.
    void add_stream(int read_fd, int write_fd, std::string peer);
    /// Serves a connected socket (non-blocking; the server closes it). For tests and for listeners
    /// of other kinds.
    void add_socket(int fd, std::string peer);

    /// One round of the loop: waits up to `timeout_ms` (-1: until something happens) for I/O or a
    /// timer, then handles it. Returns false once the server has finished: stopped, or nothing left
    /// to serve (no listener and no connection).
    bool poll_once(int timeout_ms);
    /// poll_once until finished.
    void run();

    /// Asks for a graceful stop: BYE to every connection, then the loop finishes. A second request
    /// drops connections at once. Async-signal-safe (it writes one byte to a pipe).
    void request_stop();

    std::vector<ConnectionInfo> connections() const;
    std::size_t connection_count() const;

private:
    struct Connection;
    struct Listener;

    MailStore& store_;
    ServerOptions options_;
    Log log_;
    TraceSink* trace_;
    std::vector<std::unique_ptr<Listener>> listeners_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::uint32_t next_id_ = 1;
    int wake_read_ = -1, wake_write_ = -1;  // request_stop writes a byte per request
    int stops_seen_ = 0;
    bool stopping_ = false;
    std::chrono::steady_clock::time_point stop_deadline_{};

    void add_connection(std::unique_ptr<Transport> transport, std::string peer);
    void accept_all(Listener& listener);
    void handle_input(Connection& c);
    void process_input(Connection& c);
    void queue_output(Connection& c, std::string bytes);
    void flush(Connection& c);
    /// Feeds buffered input (up to a per-round output budget) and sends what it can.
    void service(Connection& c);
    void broadcast_unsolicited();
    void check_timers(std::chrono::steady_clock::time_point now);
    void begin_shutdown();
    void end_connection(Connection& c, std::string reason);
    void reap();
    void log(const std::string& line) const;
};

}  // namespace imaplab::net
