#include "net/server.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "engine/session.hpp"
#include "net/login_snapshot.hpp"
#include "net/redact.hpp"
#include "net/tls_context.hpp"
#include "net/tls_transport.hpp"
#include "net/transport.hpp"
#include "pop3/pop3_session.hpp"
#include "pop3/pop3_wire_tap.hpp"
#include "trace/wire_tap.hpp"

namespace imaplab::net {

using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kRoundBudget = 128 * 1024;  // output one connection may produce per round
constexpr std::string_view kByeShutdown = "* BYE Server shutting down.\r\n";     // Dovecot's text
constexpr std::string_view kByeIdle = "* BYE Disconnected for inactivity.\r\n";  // Dovecot's text
constexpr std::string_view kByeLimit = "* BYE [LIMIT] Too many connections.\r\n";
constexpr std::string_view kByeReset = "* BYE [ALERT] The instructor reset this account.\r\n";
constexpr std::string_view kByeSharedGone = "* BYE Selected mailbox was deleted, have to disconnect.\r\n";  // Dovecot's text
// The same events for a POP3 connection (RFC 1939: "-ERR" instead of "* BYE"); Dovecot's texts.
constexpr std::string_view kPop3Shutdown = "-ERR Server shutting down.\r\n";
constexpr std::string_view kPop3Idle = "-ERR Disconnected for inactivity.\r\n";
constexpr std::string_view kPop3Limit = "-ERR [SYS/TEMP] Too many connections.\r\n";
constexpr std::size_t kControlLineMax = 64 * 1024;
constexpr auto kControlTimeout = std::chrono::seconds(10);  // a control client must send its line by then

/// JSON text of one line; user names need not be UTF-8.
std::string dump_line(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string human_bytes(std::uint64_t n) { return fmt::format("{} B", n); }

}  // namespace

struct Server::Listener {
    int fd = -1;
    std::string address;
    bool tls = false;  // implicit TLS
    bool pop3 = false; // POP3 instead of IMAP
    ~Listener() {
        if (fd >= 0) ::close(fd);
    }
};

struct Server::ControlClient {
    int fd = -1;
    std::string in, out;
    std::size_t out_pos = 0;
    bool answered = false;
    Clock::time_point opened;
    ~ControlClient() {
        if (fd >= 0) ::close(fd);
    }
};

struct Server::Connection {
    std::uint32_t id = 0;
    std::string peer;
    std::unique_ptr<Transport> transport;
    std::unique_ptr<LoginSnapshotSink> snapshot;  // declared before the sink, which points to it
    std::unique_ptr<RedactingSink> sink;  // declared before the session and tap, which point to it
    std::unique_ptr<Session> session;
    std::unique_ptr<WireTap> tap;
    std::unique_ptr<Pop3Session> pop3;        // set instead of `session` on a POP3 listener's connection
    std::unique_ptr<Pop3WireTap> pop3_tap;
    std::string in;  // bytes read, not yet fed: in[in_pos..]
    std::size_t in_pos = 0;
    std::string out;  // bytes to send: out[out_pos..]
    std::size_t out_pos = 0;
    bool read_eof = false;  // the client will send nothing more
    bool closing = false;   // send what is pending, then close
    bool dead = false;      // close now
    std::string reason;     // why it ended, for the log
    bool starttls_requested = false;  // set by the session's starttls_hook during feed()
    bool upgrade_pending = false;     // STARTTLS answered: send the OK, then hand the socket to TLS
    bool tls_announced = false;       // the handshake's result was logged (--trace)
    std::string user;
    std::uint64_t bytes_in = 0, bytes_out = 0;
    Clock::time_point opened, last_input, last_progress;

    std::size_t pending() const { return out.size() - out_pos; }
    std::size_t backlog() const { return in.size() - in_pos; }
};

Server::Server(MailStore& store, ServerOptions options, Log log, TraceSink* trace)
    : store_(store), options_(std::move(options)), log_(std::move(log)), trace_(trace) {
    if (!options_.clock) options_.clock = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
    int fds[2];
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    wake_read_ = fds[0];
    wake_write_ = fds[1];
}

Server::~Server() {
    connections_.clear();
    listeners_.clear();
    close_control();
    ::close(wake_read_);
    ::close(wake_write_);
}

void Server::log(const std::string& line) const {
    if (log_) log_(line);
}

Result<std::vector<std::string>, std::string> Server::listen() {
    using R = Result<std::vector<std::string>, std::string>;
    std::vector<std::string> bound;
    if (!options_.tls_listen.empty() && !options_.tls)
        return R::failure(fmt::format("cannot listen on {}: TLS needs a certificate", options_.tls_listen.front().to_string()));
    std::vector<std::tuple<ListenAddress, bool, bool>> all;  // address, TLS, POP3
    for (const auto& a : options_.listen) all.emplace_back(a, false, false);
    for (const auto& a : options_.tls_listen) all.emplace_back(a, true, false);
    for (const auto& a : options_.pop3_listen) all.emplace_back(a, false, true);
    for (const auto& [a, tls, pop3] : all) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(a.port);
        if (int rc = ::getaddrinfo(a.host.c_str(), port.c_str(), &hints, &found); rc != 0)
            return R::failure(fmt::format("cannot listen on {}: {}", a.to_string(), gai_strerror(rc)));
        std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(found, &freeaddrinfo);
        auto listener = std::make_unique<Listener>();
        listener->fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, found->ai_protocol);
        if (listener->fd < 0) return R::failure(fmt::format("cannot listen on {}: {}", a.to_string(), std::strerror(errno)));
        int one = 1;
        ::setsockopt(listener->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(listener->fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(listener->fd, 128) != 0) {
            const int e = errno;
            return R::failure(fmt::format("cannot listen on {}: {}{}", a.to_string(), std::strerror(e),
                                          e == EACCES && a.port < 1024
                                              ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)"
                                              : ""));
        }
        sockaddr_storage local{};
        socklen_t len = sizeof local;
        ::getsockname(listener->fd, reinterpret_cast<sockaddr*>(&local), &len);
        listener->address = format_socket_address(reinterpret_cast<sockaddr*>(&local));
        listener->tls = tls;
        listener->pop3 = pop3;
        if (!is_loopback(reinterpret_cast<sockaddr*>(&local)))
            log(fmt::format("warning: listening on {}{}, which is not a loopback address: other hosts can connect{}",
                            listener->address, tls ? " (tls)" : "",
                            tls            ? ""
                            : options_.tls ? " (clients that skip STARTTLS send passwords in clear text)"
                                           : " (no TLS: passwords cross the network in clear text)"));
        bound.push_back(listener->address);
        listeners_.push_back(std::move(listener));
    }
    return bound;
}

void Server::add_stream(int read_fd, int write_fd, std::string peer) {
    add_connection(std::make_unique<FdTransport>(read_fd, write_fd, /*is_socket=*/false, /*owns_fds=*/false), std::move(peer));
}

void Server::add_socket(int fd, std::string peer) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    add_connection(std::make_unique<FdTransport>(fd, fd, /*is_socket=*/true, /*owns_fds=*/true), std::move(peer));
}

void Server::add_pop3_socket(int fd, std::string peer) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    add_connection(std::make_unique<FdTransport>(fd, fd, /*is_socket=*/true, /*owns_fds=*/true), std::move(peer), /*pop3=*/true);
}

void Server::add_tls_socket(int fd, std::string peer) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (auto t = make_tls_transport(fd, peer)) add_connection(std::move(t), std::move(peer));
}

std::unique_ptr<Transport> Server::make_tls_transport(int fd, const std::string& peer) {
    if (!options_.tls) {
        ::close(fd);
        log(fmt::format("refused {}: no TLS certificate", peer));
        return nullptr;
    }
    try {
        return std::make_unique<TlsTransport>(fd, options_.tls->native());
    } catch (const std::exception& e) {  // the transport has closed fd
        log(fmt::format("refused {}: {}", peer, e.what()));
        return nullptr;
    }
}

void Server::add_connection(std::unique_ptr<Transport> transport, std::string peer, bool pop3) {
    auto c = std::make_unique<Connection>();
    c->id = next_id_++;
    c->peer = std::move(peer);
    c->transport = std::move(transport);
    if (pop3) {
        TraceSink* sink = nullptr;
        if (trace_) {
            c->sink = std::make_unique<RedactingSink>(trace_);
            sink = c->sink.get();
            c->pop3_tap = std::make_unique<Pop3WireTap>(sink, c->id);
        }
        c->pop3 = std::make_unique<Pop3Session>(store_, sink, c->id, options_.config.greeting_text);
        c->opened = c->last_input = c->last_progress = Clock::now();
        Connection& ref = *c;
        connections_.push_back(std::move(c));
        queue_output(ref, ref.pop3->greeting());
        flush(ref);
        return;
    }
    // Per connection: whether it is encrypted, and whether STARTTLS can encrypt it.
    ServerConfig config = options_.config;
    const std::string kind = c->transport->kind();
    config.tls_active = config.tls_active || kind == "tls";
    config.tls_available = options_.tls != nullptr && kind == "tcp";
    config.starttls_hook = nullptr;
    if (config.tls_available) {
        Connection* raw = c.get();  // the session lives inside the connection
        config.starttls_hook = [raw](Session&) { raw->starttls_requested = true; };
    }
    TraceSink* sink = nullptr;
    if (trace_) {
        TraceSink* next = trace_;
        if (options_.trace_login_snapshot) {
            Connection* raw = c.get();
            c->snapshot = std::make_unique<LoginSnapshotSink>(trace_, [raw]() -> const Account* {
                return raw->session ? raw->session->account() : nullptr;
            });
            next = c->snapshot.get();
        }
        c->sink = std::make_unique<RedactingSink>(next);
        sink = c->sink.get();
        c->tap = std::make_unique<WireTap>(sink, c->id);
    }
    if (trace_) trace_->record(c->id, ConnectionChanged{ConnectionChanged::Kind::Opened, c->peer, kind, ""});
    c->session = std::make_unique<Session>(store_, std::move(config), sink, c->id);
    c->session->set_clock(options_.clock);
    c->opened = c->last_input = c->last_progress = Clock::now();
    Connection& ref = *c;
    connections_.push_back(std::move(c));
    queue_output(ref, ref.session->greeting());
    flush(ref);
}

void Server::accept_all(Listener& listener) {
    while (true) {
        sockaddr_storage peer{};
        socklen_t len = sizeof peer;
        int fd = ::accept4(listener.fd, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) log(fmt::format("accept on {}: {}", listener.address, std::strerror(errno)));
            return;
        }
        std::string who = format_socket_address(reinterpret_cast<sockaddr*>(&peer));
        if (connection_count() >= options_.max_connections) {
            // On a TLS port the BYE could only be sent after a handshake: just close.
            if (!listener.tls) {
                const std::string_view bye = listener.pop3 ? kPop3Limit : kByeLimit;
                [[maybe_unused]] auto n = ::send(fd, bye.data(), bye.size(), MSG_NOSIGNAL);
            }
            ::close(fd);
            log(fmt::format("refused {}: too many connections ({})", who, options_.max_connections));
            continue;
        }
        if (listener.tls) {
            if (auto t = make_tls_transport(fd, who)) add_connection(std::move(t), std::move(who));
        } else {
            add_connection(std::make_unique<FdTransport>(fd, fd, /*is_socket=*/true, /*owns_fds=*/true), std::move(who), listener.pop3);
        }
    }
}

void Server::queue_output(Connection& c, std::string bytes) {
    if (bytes.empty() || c.dead) return;
    if (c.tap) c.tap->server_bytes(bytes);
    if (c.pop3_tap) c.pop3_tap->server_bytes(bytes);
    if (c.pending() == 0) c.last_progress = Clock::now();
    c.out.append(bytes);
    if (c.pending() > options_.max_output_bytes)
        end_connection(c, fmt::format("output buffer full ({} waiting; the client does not read)", human_bytes(c.pending())));
}

void Server::flush(Connection& c) {
    while (!c.dead && c.pending() > 0) {
        IoResult r = c.transport->write(c.out.data() + c.out_pos, c.pending());
        if (r.status == IoResult::Status::Ok) {
            c.out_pos += r.bytes;
            c.bytes_out += r.bytes;
            c.last_progress = Clock::now();
        } else if (r.status == IoResult::Status::WouldBlock) {
            break;
        } else {
            std::string why = !r.message.empty()                     ? r.message
                              : c.transport->handshaking()           ? "disconnected during the TLS handshake"
                              : r.status == IoResult::Status::Eof    ? "disconnected"
                                                                     : fmt::format("write error: {}", std::strerror(r.error));
            end_connection(c, std::move(why));
        }
    }
    announce_tls(c);
    if (c.out_pos == c.out.size()) {
        c.out.clear();
        c.out_pos = 0;
        if (c.upgrade_pending && !c.dead) start_tls(c);
    } else if (c.out_pos > (1u << 20) && c.out_pos > c.out.size() / 2) {
        c.out.erase(0, c.out_pos);
        c.out_pos = 0;
    }
}

void Server::handle_input(Connection& c) {
    char buffer[kReadChunk];
    IoResult r = c.transport->read(buffer, sizeof buffer);
    switch (r.status) {
        case IoResult::Status::Ok:
            c.bytes_in += r.bytes;
            c.last_input = Clock::now();
            if (!c.closing) c.in.append(buffer, r.bytes);  // after LOGOUT or BYE, input is ignored
            break;
        case IoResult::Status::Eof:
            c.read_eof = true;
            if (c.transport->handshaking()) end_connection(c, "disconnected during the TLS handshake");
            break;
        case IoResult::Status::WouldBlock:
            break;
        case IoResult::Status::Error:
            end_connection(c, !r.message.empty()          ? r.message
                              : r.error == ECONNRESET ? "connection reset by the client"
                                                      : fmt::format("read error: {}", std::strerror(r.error)));
            break;
    }
    announce_tls(c);
}

void Server::process_input(Connection& c) {
    // One line at a time, so a client that pipelines many commands but reads nothing stops being
    // served once its output piles up (read_pause_bytes), instead of filling memory; and at most
    // about kRoundBudget of output per round, so one busy client cannot hold up the others.
    std::size_t produced = 0;
    while (c.backlog() > 0 && !c.closing && !c.dead && c.pending() < options_.read_pause_bytes && produced < kRoundBudget) {
        std::size_t nl = c.in.find('\n', c.in_pos);
        std::size_t n = (nl == std::string::npos ? c.in.size() : nl + 1) - c.in_pos;
        std::string_view piece(c.in.data() + c.in_pos, n);
        if (c.tap) c.tap->client_bytes(piece);
        if (c.pop3_tap) c.pop3_tap->client_bytes(piece);
        std::string out = c.pop3 ? c.pop3->feed(piece) : c.session->feed(piece);
        c.in_pos += n;
        if (options_.after_input) options_.after_input();
        if (const Account* a = c.pop3 ? c.pop3->account() : c.session->account()) c.user = a->user();
        produced += out.size() + 1;
        queue_output(c, std::move(out));
        if (c.starttls_requested) {
            // RFC 9051 §6.2.1: the OK goes out in plaintext, then the handshake; what the client
            // sent after the STARTTLS line came before the handshake and is dropped unread.
            c.starttls_requested = false;
            c.upgrade_pending = true;
            if (c.backlog() > 0)
                log(fmt::format("conn {} {}: dropped {} bytes sent after STARTTLS before the TLS handshake", c.id, c.peer,
                                c.backlog()));
            c.in_pos = c.in.size();
            break;
        }
        if (c.pop3 && c.pop3->closed() && !c.closing) {
            c.closing = true;
            if (c.reason.empty()) c.reason = "logged out";
        } else if (c.session && c.session->closed() && !c.closing) {
            c.closing = true;
            if (c.reason.empty())
                c.reason = c.session->state() == SessionState::Logout ? "logged out" : "closed by the server";
        }
    }
    if (c.closing || c.in_pos == c.in.size()) {
        c.in.clear();
        c.in_pos = 0;
    } else if (c.in_pos > kReadChunk) {
        c.in.erase(0, c.in_pos);
        c.in_pos = 0;
    }
}

void Server::start_tls(Connection& c) {
    c.upgrade_pending = false;
    const int fd = c.transport->release_socket();
    if (fd < 0) {
        end_connection(c, "STARTTLS: this connection cannot be upgraded");
        return;
    }
    auto t = make_tls_transport(fd, c.peer);
    if (!t) {
        end_connection(c, "STARTTLS: cannot start TLS");
        return;
    }
    c.transport = std::move(t);  // the released FdTransport no longer owns the socket
}

void Server::announce_tls(Connection& c) {
    if (c.tls_announced || c.dead || !trace_ || c.transport->kind() != "tls" || c.transport->handshaking()) return;
    c.tls_announced = true;
    if (auto* t = dynamic_cast<TlsTransport*>(c.transport.get())) {
        log(fmt::format("conn {} TLS: {}", c.id, t->description()));
        trace_->record(c.id, ConnectionChanged{ConnectionChanged::Kind::TlsStarted, c.peer, "tls", t->description()});
    }
}

bool Server::wants_read(const Connection& c) const {
    return !c.closing && !c.read_eof && !c.upgrade_pending && c.pending() < options_.read_pause_bytes && c.backlog() < kReadChunk;
}

void Server::service(Connection& c) {
    // Input left over (budget spent, or paused) is taken up in a later round: poll_once() does not
    // wait while a connection has input it may process.
    process_input(c);
    flush(c);
}

void Server::broadcast_unsolicited() {
    for (auto& c : connections_) {
        if (c->dead || !c->session) continue;
        std::string u = c->session->take_unsolicited();
        if (u.empty()) continue;
        queue_output(*c, std::move(u));
        if (c->session->closed() && !c->closing) {
            c->closing = true;
            if (c->reason.empty()) c->reason = "closed by the server";
        }
    }
}

void Server::end_connection(Connection& c, std::string reason) {
    if (c.dead) return;
    c.dead = true;
    c.reason = std::move(reason);
}

void Server::begin_shutdown() {
    if (stopping_) return;
    stopping_ = true;
    stop_deadline_ = Clock::now() + options_.shutdown_grace;
    listeners_.clear();
    close_control();
    log(fmt::format("shutting down ({} connection{})", connection_count(), connection_count() == 1 ? "" : "s"));
    for (auto& c : connections_) {
        if (c->dead || c->closing) continue;
        if (c->transport->handshaking()) {  // no BYE can be sent before the TLS handshake
            end_connection(*c, "server shutdown");
            continue;
        }
        queue_output(*c, std::string(c->pop3 ? kPop3Shutdown : kByeShutdown));
        c->closing = true;
        c->reason = "server shutdown";
    }
}

void Server::check_timers(Clock::time_point now) {
    for (auto& c : connections_) {
        if (c->dead) continue;
        const bool handshaking = c->transport->handshaking();
        if (c->pending() > 0 && options_.write_timeout.count() > 0 && now - c->last_progress >= options_.write_timeout) {
            const auto stalled = std::chrono::duration_cast<std::chrono::seconds>(now - c->last_progress).count();
            end_connection(*c, handshaking ? std::string("TLS handshake not completed")
                                           : fmt::format("output stalled for {} s (the client does not read)", stalled));
            continue;
        }
        if (!c->closing && options_.idle_timeout.count() > 0 && now - c->last_input >= options_.idle_timeout) {
            if (handshaking) {  // a BYE could not be sent before the handshake
                end_connection(*c, "TLS handshake not completed");  // the log line says after how long
                continue;
            }
            queue_output(*c, std::string(c->pop3 ? kPop3Idle : kByeIdle));
            c->closing = true;
            c->reason = "idle timeout";
        }
    }
    if (stopping_ && now >= stop_deadline_)
        for (auto& c : connections_) end_connection(*c, c->reason.empty() ? "server shutdown" : c->reason);
}

void Server::reap() {
    const auto now = Clock::now();
    std::erase_if(connections_, [&](const std::unique_ptr<Connection>& c) {
        bool finished = c->dead || (c->closing && c->pending() == 0) || (c->read_eof && c->backlog() == 0 && c->pending() == 0);
        if (!finished) return false;
        const std::string reason = c->reason.empty() ? "disconnected" : c->reason;
        const double seconds = std::chrono::duration<double>(now - c->opened).count();
        if (trace_) trace_->record(c->id, ConnectionChanged{ConnectionChanged::Kind::Closed, c->peer, c->transport->kind(), reason});
        log(fmt::format("conn {} {}{}{}: {} after {:.1f} s (in {}, out {})", c->id, c->peer,
                        c->transport->kind() == "tls" ? " tls" : "", c->user.empty() ? "" : " user=" + c->user, reason, seconds, human_bytes(c->bytes_in),
                        human_bytes(c->bytes_out)));
        return true;
    });
}

bool Server::poll_once(int timeout_ms) {
    auto now = Clock::now();
    // The nearest timer bounds the wait.
    auto deadline = Clock::time_point::max();
    auto consider = [&](Clock::time_point t) { deadline = std::min(deadline, t); };
    bool work_now = false;
    for (const auto& c : connections_) {
        if (!c->closing && options_.idle_timeout.count() > 0) consider(c->last_input + options_.idle_timeout);
        if (c->pending() > 0 && options_.write_timeout.count() > 0) consider(c->last_progress + options_.write_timeout);
        if (wants_read(*c) && c->transport->has_buffered_input()) work_now = true;
        if (c->backlog() > 0 && !c->closing && c->pending() < options_.read_pause_bytes) work_now = true;
    }
    if (stopping_) consider(stop_deadline_);
    for (const auto& cc : control_clients_) consider(cc->opened + kControlTimeout);
    int wait = timeout_ms;
    if (work_now) {
        wait = 0;
    } else if (deadline != Clock::time_point::max()) {
        auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
        ms = std::max<decltype(ms)>(ms, 0);
        if (wait < 0 || ms < wait) wait = static_cast<int>(std::min<decltype(ms)>(ms, 24 * 3600 * 1000));
    }

    std::vector<pollfd> fds;
    fds.push_back({wake_read_, POLLIN, 0});
    const std::size_t first_listener = fds.size();
    for (const auto& l : listeners_) fds.push_back({l->fd, POLLIN, 0});
    const std::size_t control_index = fds.size();
    if (control_fd_ >= 0) fds.push_back({control_fd_, POLLIN, 0});
    const std::size_t first_control_client = fds.size();
    const std::size_t control_client_count = control_clients_.size();
    for (const auto& cc : control_clients_) fds.push_back({cc->fd, static_cast<short>(cc->answered ? POLLOUT : POLLIN), 0});
    struct Slot {
        Connection* c;
        std::size_t read_index, write_index;  // into fds; npos when not polled
        short read_events;                    // what reading waits for (POLLOUT in a TLS handshake)
    };
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::vector<Slot> slots;
    for (auto& up : connections_) {
        Connection& c = *up;
        if (c.dead) continue;
        const bool want_read = wants_read(c);
        const bool want_write = c.pending() > 0;
        const short r = c.transport->read_events(want_read, want_write);
        const short w = c.transport->write_events(want_read, want_write);
        Slot s{&c, none, none, r};
        if (c.transport->read_fd() == c.transport->write_fd()) {
            if (r | w) {
                s.read_index = s.write_index = fds.size();
                fds.push_back({c.transport->read_fd(), static_cast<short>(r | w), 0});
            }
        } else {
            if (r) {
                s.read_index = fds.size();
                fds.push_back({c.transport->read_fd(), r, 0});
            }
            if (w) {
                s.write_index = fds.size();
                fds.push_back({c.transport->write_fd(), w, 0});
            }
        }
        slots.push_back(s);
    }

    int n = ::poll(fds.data(), fds.size(), wait);
    if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    now = Clock::now();

    if (n > 0 && (fds[0].revents & POLLIN)) {
        char buf[64];
        ssize_t got;
        while ((got = ::read(wake_read_, buf, sizeof buf)) > 0) stops_seen_ += static_cast<int>(got);
    }
    if (stops_seen_ > 0) begin_shutdown();
    if (stops_seen_ > 1)
        for (auto& c : connections_) end_connection(*c, "server shutdown (forced)");

    // Also when poll() reported nothing: decrypted TLS input waits inside OpenSSL, not in the kernel.
    for (auto& s : slots) {
        const short rr = n > 0 && s.read_index != none ? fds[s.read_index].revents : 0;
        const short wr = n > 0 && s.write_index != none ? fds[s.write_index].revents : 0;
        if (rr & (s.read_events | POLLHUP | POLLERR)) handle_input(*s.c);
        else if (!s.c->dead && wants_read(*s.c) && s.c->transport->has_buffered_input()) handle_input(*s.c);
        if ((wr & (POLLOUT | POLLERR | POLLHUP)) && s.read_index != s.write_index) flush(*s.c);
        if ((rr & POLLNVAL) || (wr & POLLNVAL)) end_connection(*s.c, "descriptor closed");
    }
    if (n > 0) {
        if (!stopping_)
            for (std::size_t i = 0; i < listeners_.size(); ++i)
                if (fds[first_listener + i].revents & POLLIN) accept_all(*listeners_[i]);
        // Control clients first (the list is stable until accept_control adds to it; a shutdown
        // empties it).
        for (std::size_t i = 0; i < control_client_count && i < control_clients_.size(); ++i)
            if (fds[first_control_client + i].revents) handle_control(*control_clients_[i], fds[first_control_client + i].revents);
        if (control_fd_ >= 0 && control_index < first_control_client && (fds[control_index].revents & POLLIN)) accept_control();
    }
    std::erase_if(control_clients_, [&](const std::unique_ptr<ControlClient>& cc) {
        return cc->fd < 0 || (cc->answered && cc->out_pos == cc->out.size()) || now - cc->opened >= kControlTimeout;
    });
    for (auto& c : connections_) service(*c);
    broadcast_unsolicited();
    for (auto& c : connections_) flush(*c);
    check_timers(now);
    reap();
    return !(listeners_.empty() && connections_.empty());
}

void Server::run() {
    while (poll_once(-1)) {
    }
}

void Server::request_stop() {
    const char byte = 1;
    [[maybe_unused]] auto n = ::write(wake_write_, &byte, 1);
}

Result<std::vector<std::string>, std::string> Server::reset_accounts(std::vector<std::string> users) {
    using R = Result<std::vector<std::string>, std::string>;
    if (!options_.accounts) return R::failure("accounts cannot be reset: the server does not know their fixtures");
    std::set<std::string> todo;
    if (users.empty()) {
        for (const Account* a : store_.accounts())
            if (options_.accounts->can_reset(store_, a->user())) todo.insert(a->user());
    } else {
        for (auto& u : users) {
            if (!options_.accounts->can_reset(store_, u)) return R::failure(fmt::format("unknown user \"{}\"", u));
            todo.insert(std::move(u));
        }
    }
    std::size_t ended = 0;
    for (const auto& user : todo) {
        // First end every session that points into the account, then change the store.
        if (Account* acc = store_.find_account(user)) {
            for (auto& c : connections_) {
                if (c->pop3 && c->pop3->account() == acc) {
                    // RFC 1939 §6: without QUIT nothing marked with DELE is removed.
                    std::string bye = c->pop3->abort("The instructor reset this account.");
                    if (!c->dead && !c->closing) queue_output(*c, std::move(bye));
                    if (!c->closing && !c->dead) c->reason = "account reset by the instructor";
                    c->closing = true;
                    c->in.clear();
                    c->in_pos = 0;
                    ++ended;
                    continue;
                }
                if (!c->session) continue;
                const bool own = c->session->account() == acc;
                const auto& sel = c->session->selected();
                const bool shared = !own && sel && sel->owner == acc;
                if (!own && !shared) continue;
                if (!c->dead && !c->closing) queue_output(*c, std::string(own ? kByeReset : kByeSharedGone));
                if (!c->closing && !c->dead) c->reason = own ? "account reset by the instructor" : "shared mailbox reset by the instructor";
                c->closing = true;
                c->in.clear();
                c->in_pos = 0;
                c->session.reset();
                ++ended;
            }
        }
        if (!options_.accounts->reset(store_, user, trace_)) log(fmt::format("warning: cannot rebuild the account {}", user));
    }
    if (options_.after_input) options_.after_input();
    for (auto& c : connections_) flush(*c);
    log(fmt::format("reset {} account{} ({} connection{} ended)", todo.size(), todo.size() == 1 ? "" : "s", ended,
                    ended == 1 ? "" : "s"));
    return std::vector<std::string>(todo.begin(), todo.end());
}

std::string control_socket_path(const std::string& data_dir) {
    return (std::filesystem::path(data_dir.empty() ? default_data_directory() : data_dir) / "control.sock").string();
}

Result<std::string, std::string> Server::listen_control(const std::string& path) {
    using R = Result<std::string, std::string>;
    if (const auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) return R::failure(fmt::format("cannot listen on {}: cannot create {}: {}", path, dir.string(), ec.message()));
    }
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof addr.sun_path)
        return R::failure(fmt::format("cannot listen on {}: a socket path has 1 to {} bytes", path, sizeof addr.sun_path - 1));
    std::memcpy(addr.sun_path, path.data(), path.size());
    // Is a server there already? Then refuse; a socket file nobody answers on is stale.
    if (int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0); probe >= 0) {
        const bool answers = ::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(probe);
        if (answers) return R::failure(fmt::format("another server is running: {} answers", path));
    }
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) return R::failure(fmt::format("cannot listen on {}: the file exists and is not a socket", path));
        ::unlink(path.c_str());
    }
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return R::failure(fmt::format("cannot listen on {}: {}", path, std::strerror(errno)));
    const mode_t old_mask = ::umask(0077);  // the socket file is created 0600
    const int rc = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    const int bind_errno = errno;
    ::umask(old_mask);
    if (rc != 0 || ::listen(fd, 16) != 0) {
        const int e = rc != 0 ? bind_errno : errno;
        ::close(fd);
        if (rc == 0) ::unlink(path.c_str());
        return R::failure(fmt::format("cannot listen on {}: {}", path, std::strerror(e)));
    }
    ::chmod(path.c_str(), 0600);
    close_control();
    control_fd_ = fd;
    control_path_ = path;
    return path;
}

void Server::close_control() {
    control_clients_.clear();
    if (control_fd_ < 0) return;
    ::close(control_fd_);
    control_fd_ = -1;
    ::unlink(control_path_.c_str());
}

void Server::accept_control() {
    while (true) {
        int fd = ::accept4(control_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;
        }
        if (control_clients_.size() >= 16) {
            ::close(fd);
            continue;
        }
        auto cc = std::make_unique<ControlClient>();
        cc->fd = fd;
        cc->opened = Clock::now();
        control_clients_.push_back(std::move(cc));
    }
}

void Server::handle_control(ControlClient& cc, short revents) {
    auto answer = [&](std::string line) {
        cc.answered = true;
        cc.out = std::move(line) + "\n";
    };
    if (!cc.answered && (revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[4096];
        ssize_t n = ::recv(cc.fd, buf, sizeof buf, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
        if (n > 0) cc.in.append(buf, static_cast<std::size_t>(n));
        const auto nl = cc.in.find('\n');
        if (nl != std::string::npos || n == 0) {
            std::string line = cc.in.substr(0, nl);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            answer(answer_control(line));
        } else if (cc.in.size() > kControlLineMax) {
            answer("NO line too long");
        } else if (n < 0) {
            ::close(cc.fd);
            cc.fd = -1;
            return;
        }
    }
    if (cc.answered && cc.out_pos < cc.out.size()) {
        ssize_t n = ::send(cc.fd, cc.out.data() + cc.out_pos, cc.out.size() - cc.out_pos, MSG_NOSIGNAL);
        if (n > 0) cc.out_pos += static_cast<std::size_t>(n);
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) cc.out_pos = cc.out.size();
    }
}

std::string Server::answer_control(std::string_view line) {
    const bool json = !line.empty() && line.front() == '{';
    std::string command;
    std::vector<std::string> users;
    bool all = false;
    auto refuse = [&](const std::string& why) {
        return json ? dump_line(nlohmann::json{{"ok", false}, {"message", why}}) : "NO " + why;
    };
    if (json) {
        nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (!doc.is_object() || !doc.contains("command") || !doc["command"].is_string())
            return refuse("expected {\"command\": \"reset\" or \"list\", ...}");
        command = doc["command"].get<std::string>();
        for (const auto& [key, _] : doc.items())
            if (key != "command" && key != "users" && key != "all") return refuse("unknown key \"" + key + "\" (allowed: command users all)");
        if (doc.contains("all")) {
            if (!doc["all"].is_boolean()) return refuse("\"all\": expected true or false");
            all = doc["all"].get<bool>();
        }
        if (doc.contains("users")) {
            if (!doc["users"].is_array()) return refuse("\"users\": expected an array of user names");
            for (const auto& u : doc["users"]) {
                if (!u.is_string() || u.get<std::string>().empty()) return refuse("\"users\": expected an array of user names");
                users.push_back(u.get<std::string>());
            }
        }
    } else {
        std::size_t pos = 0;
        std::vector<std::string> words;
        while (pos < line.size()) {
            const auto start = line.find_first_not_of(' ', pos);
            if (start == std::string_view::npos) break;
            const auto end = std::min(line.find(' ', start), line.size());
            words.emplace_back(line.substr(start, end - start));
            pos = end;
        }
        if (words.empty()) return refuse("empty command (commands: reset USER..., reset --all, list)");
        command = words.front();
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (words[i] == "--all") all = true;
            else users.push_back(words[i]);
        }
    }
    if (command == "list") {
        if (all || !users.empty()) return refuse("list takes no arguments");
        const auto list = connections();
        if (json) {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& c : list)
                arr.push_back({{"id", c.id}, {"peer", c.peer}, {"transport", c.transport}, {"user", c.user},
                               {"state", std::string(to_string(c.state))}});
            return dump_line(nlohmann::json{{"ok", true}, {"message", fmt::format("{} connections", list.size())}, {"connections", arr}});
        }
        std::string out = fmt::format("OK {} connection{}", list.size(), list.size() == 1 ? "" : "s");
        for (std::size_t i = 0; i < list.size(); ++i)
            out += fmt::format("{} {} {} {} {} {}", i == 0 ? ":" : ";", list[i].id, list[i].user.empty() ? "-" : list[i].user,
                               list[i].peer, list[i].transport, to_string(list[i].state));
        return out;
    }
    if (command == "reset") {
        if (all == !users.empty()) return refuse("reset takes user names or --all");
        auto done = reset_accounts(all ? std::vector<std::string>{} : users);
        if (!done) return refuse(done.error());
        const auto& names = done.value();
        std::string joined;
        for (const auto& n : names) joined += (joined.empty() ? "" : " ") + n;
        const std::string message = fmt::format("reset {} account{}{}{}", names.size(), names.size() == 1 ? "" : "s",
                                                names.empty() ? "" : ": ", joined);
        if (json) return dump_line(nlohmann::json{{"ok", true}, {"message", message}, {"users", names}});
        return "OK " + message;
    }
    return refuse("unknown command \"" + command + "\" (commands: reset USER..., reset --all, list)");
}

std::size_t Server::connection_count() const {
    return static_cast<std::size_t>(std::count_if(connections_.begin(), connections_.end(), [](const auto& c) { return !c->dead; }));
}

std::vector<ConnectionInfo> Server::connections() const {
    std::vector<ConnectionInfo> v;
    for (const auto& c : connections_) {
        ConnectionInfo i;
        i.id = c->id;
        i.peer = c->peer;
        i.transport = c->transport->kind();
        i.user = c->user;
        i.state = c->pop3 ? trace_state(c->pop3->state()) : c->session ? c->session->state() : SessionState::Logout;
        i.bytes_in = c->bytes_in;
        i.bytes_out = c->bytes_out;
        i.pending_output = c->pending();
        v.push_back(std::move(i));
    }
    return v;
}

}  // namespace imaplab::net
