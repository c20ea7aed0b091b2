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
//
// TLS (options.tls): listeners in options.tls_listen speak TLS from the first byte (IMAPS, RFC 8314);
// plain connections offer STARTTLS (RFC 9051 §6.2.1). After a STARTTLS the plaintext OK is sent,
// whatever the client sent after the STARTTLS line is dropped (never executed: the CVE-2011-0411
// class of injection), and the handshake runs before the session sees another byte. OpenSSL writes
// to sockets with write(): a process serving TLS must ignore SIGPIPE.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/server_config.hpp"
#include "net/accounts.hpp"
#include "net/listen_address.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"
#include "types/session_state.hpp"

namespace imaplab::net {

class Transport;
class TlsContext;

struct ServerOptions {
    ServerConfig config;                 ///< protocol configuration of every session
    std::vector<ListenAddress> listen;   ///< plain IMAP listeners (none in --stdio mode)
    /// Plain POP3 listeners (RFC 1939, usually port 110): pop3/pop3_session.hpp over the same
    /// store. Off unless given (`imaplab-cli serve --pop3-listen`).
    std::vector<ListenAddress> pop3_listen;
    /// Implicit-TLS listeners (IMAPS, usually port 993; RFC 8314 §3.3). Need `tls`.
    std::vector<ListenAddress> tls_listen;
    /// Certificate and key for TLS listeners and STARTTLS; null: no TLS (STARTTLS is answered
    /// "BAD TLS support isn't enabled.", as Dovecot with ssl=no). Per connection the server sets
    /// config.tls_available (plain sockets with `tls`), config.tls_active (TLS listeners) and
    /// config.starttls_hook; config.login_disabled (--require-tls) is taken as given.
    std::shared_ptr<TlsContext> tls;
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
    /// Called after bytes were fed to any session (the store may have changed): persistence
    /// (store/persist/persister.hpp) marks itself dirty here. May be empty.
    std::function<void()> after_input;
    /// Connections beyond this are told "* BYE [LIMIT] Too many connections." and closed.
    std::size_t max_connections = 1000;
    /// The clock for sessions (INTERNALDATE of APPEND): seconds since the Unix epoch. Default: the
    /// system clock.
    std::function<std::int64_t()> clock;
    /// With a trace: at each login, record the account's mailboxes and messages as events of the
    /// connection (net/login_snapshot.hpp), so per-connection views show them. The window sets it.
    bool trace_login_snapshot = false;
    /// Where accounts came from, for reset_accounts() (null: no account can be reset).
    std::shared_ptr<AccountOrigins> accounts;
};

/// What the connection list shows (issue 4's Network panel).
struct ConnectionInfo {
    std::uint32_t id = 0;  ///< 1-based, as in trace events
    std::string peer;      ///< "127.0.0.1:54321", or "stdio"
    std::string transport; ///< "tcp", "stdio" or "tls" (implicit TLS, or after STARTTLS)
    std::string user;      ///< "" before login
    SessionState state = SessionState::NotAuthenticated;
    std::uint64_t bytes_in = 0, bytes_out = 0;
    std::size_t pending_output = 0;
};

/// The control socket of the server whose data directory is `data_dir` ("" = the default data
/// directory, default_data_directory() in net/tls_context.hpp): DATA/control.sock.
std::string control_socket_path(const std::string& data_dir);

class Server {
public:
    using Log = std::function<void(std::string_view line)>;

    /// `log` receives one line per connection (and warnings); `trace` (may be null) receives every
    /// connection's trace events with secrets redacted (net/redact.hpp).
    Server(MailStore& store, ServerOptions options, Log log = {}, TraceSink* trace = nullptr);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens on every options.listen address, then every options.tls_listen address,
    /// then every options.pop3_listen address.
    /// Returns the addresses bound in that order (port 0 becomes the port the system chose), or
    /// "cannot listen on HOST:PORT: reason". A non-loopback address is logged as a warning.
    Result<std::vector<std::string>, std::string> listen();

    /// Serves one connection over a pair of descriptors, e.g. stdin/stdout (--stdio); the server
    /// does not close them. Its greeting is sent at once.
    void add_stream(int read_fd, int write_fd, std::string peer);
    /// Serves a connected socket (non-blocking; the server closes it). For tests and for listeners
    /// of other kinds.
    void add_socket(int fd, std::string peer);
    /// Serves a connected socket as a POP3 connection (RFC 1939; the server closes it), as a
    /// options.pop3_listen listener does. For tests.
    void add_pop3_socket(int fd, std::string peer);
    /// Serves a connected socket with implicit TLS (needs options.tls; the server closes it).
    void add_tls_socket(int fd, std::string peer);

    /// One round of the loop: waits up to `timeout_ms` (-1: until something happens) for I/O or a
    /// timer, then handles it. Returns false once the server has finished: stopped, or nothing left
    /// to serve (no listener and no connection).
    bool poll_once(int timeout_ms);
    /// poll_once until finished.
    void run();

    /// Asks for a graceful stop: BYE to every connection, then the loop finishes. A second request
    /// drops connections at once. Async-signal-safe (it writes one byte to a pipe).
    void request_stop();

    /// The instructor resets accounts to their fixture while the server runs (issue 4). `users`
    /// empty: every account that can be reset (AccountOrigins::can_reset). Each connection logged
    /// in as such a user gets "* BYE [ALERT] The instructor reset this account." and ends; a
    /// connection of another user with one of its mailboxes selected (shared, RFC 4314) gets
    /// Dovecot's "* BYE Selected mailbox was deleted, have to disconnect."; their sessions are
    /// destroyed before the store changes. Then AccountOrigins::reset rebuilds each account (new
    /// UIDVALIDITYs, RFC 9051 §2.3.1.1) and options.after_input runs (persistence).
    /// Returns the users reset, in name order; or, changing nothing, "unknown user \"x\"" /
    /// "accounts cannot be reset: ...".
    Result<std::vector<std::string>, std::string> reset_accounts(std::vector<std::string> users);

    /// Listens for instructor commands on a Unix domain socket at `path` (mode 0600; removed when
    /// the server finishes). Each client sends one line and gets one line back (see
    /// answer_control). Errors: "another server is running: PATH answers", "cannot listen on
    /// PATH: reason". A stale socket file (no server answers) is replaced.
    Result<std::string, std::string> listen_control(const std::string& path);

    /// The answer to one control line (no line end). Text: "reset USER...", "reset --all",
    /// "list" -> "OK ..." or "NO ..."; JSON: {"command": "reset", "users": [...]} or
    /// {"command": "reset", "all": true} or {"command": "list"} -> {"ok": bool, "message": "...",
    /// "users": [...] | "connections": [...]}.
    std::string answer_control(std::string_view line);

    std::vector<ConnectionInfo> connections() const;
    std::size_t connection_count() const;

private:
    struct Connection;
    struct Listener;
    struct ControlClient;

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
    int control_fd_ = -1;
    std::string control_path_;
    std::vector<std::unique_ptr<ControlClient>> control_clients_;

    void close_control();
    void accept_control();
    void handle_control(ControlClient& cc, short revents);

    /// `pop3`: the connection speaks POP3 (a Pop3Session instead of an IMAP Session).
    void add_connection(std::unique_ptr<Transport> transport, std::string peer, bool pop3 = false);
    std::unique_ptr<Transport> make_tls_transport(int fd, const std::string& peer);
    /// After STARTTLS's OK has been sent: the socket goes over to a TLS transport.
    void start_tls(Connection& c);
    bool wants_read(const Connection& c) const;
    /// With a trace: logs the TLS version and cipher once the handshake is done.
    void announce_tls(Connection& c);
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
