#include "cmd_serve.hpp"
#include "serve_options.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <optional>
#include <filesystem>
#include <memory>

#include <fmt/core.h>

#include "lesson/fixture_file.hpp"
#include "net/accounts.hpp"
#include "net/server.hpp"
#include "net/tls_context.hpp"
#include "net/trace_printer.hpp"
#include "store/formats/mail_formats.hpp"
#include "store/mail_store.hpp"
#include "store/persist/persister.hpp"
#include "store/persist/snapshot.hpp"

namespace imaplab::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitConfig = 2;

net::Server* g_server = nullptr;
volatile std::sig_atomic_t g_persistent = 0;     // the loop saves the state before stopping
volatile std::sig_atomic_t g_stop_requested = 0;

extern "C" void on_stop_signal(int) {
    // With --data the first signal only asks the loop to save and then stop (it polls at least
    // every 250 ms); a second one stops at once, as without --data.
    if (g_persistent && !g_stop_requested) {
        g_stop_requested = 1;
        return;
    }
    if (g_server) g_server->request_stop();
}

/// Log lines go to stderr (or --log FILE), each with the local time.
class Logger {
public:
    explicit Logger(std::FILE* out) : out_(out) {}
    void operator()(std::string_view line) const {
        char stamp[32];
        std::time_t t = std::time(nullptr);
        std::tm tm{};
        localtime_r(&t, &tm);
        std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
        std::fprintf(out_, "%s imaplab: %.*s\n", stamp, static_cast<int>(line.size()), line.data());
        std::fflush(out_);
    }

private:
    std::FILE* out_;
};

}  // namespace

CLI::App* add_serve_subcommand(CLI::App& app, ServeArgs& a) {
    auto* cmd = app.add_subcommand(
        "serve",
        "Serve IMAP to real clients on a loopback TCP port (or on stdin/stdout with --stdio). Everything is in memory.");
    cmd->add_option("--listen", a.listen,
                    "HOST:PORT to listen on (repeatable; default 127.0.0.1:1143; port 0 picks a free port). "
                    "A non-loopback address is served but logged as a warning");
    auto* stdio = cmd->add_flag("--stdio", a.stdio,
                                "Serve one session on stdin/stdout instead of a socket (inetd, ssh, mutt's tunnel)");
    stdio->excludes(cmd->get_option("--listen"));
    auto* tls_listen = cmd->add_option("--tls-listen", a.tls_listen,
                                       "HOST:PORT for implicit TLS (IMAPS; repeatable; default 127.0.0.1:1993, or none when "
                                       "only --listen is given)");
    auto* pop3_listen = cmd->add_option("--pop3-listen", a.pop3_listen,
                                        "HOST:PORT to serve POP3 on (RFC 1939: USER/PASS, STAT, LIST, RETR, DELE, UIDL, TOP; "
                                        "the accounts' INBOX, shared with IMAP; repeatable; off by default)");
    auto* cert = cmd->add_option("--cert", a.cert, "Server certificate, PEM (with any chain after it); needs --key");
    auto* key = cmd->add_option("--key", a.key, "Private key of --cert, PEM, unencrypted");
    cert->needs(key);
    key->needs(cert);
    cmd->add_option("--data", a.data,
                    "Keep the sandbox's state in DIR across restarts (saved atomically, at most once a second and at "
                    "shutdown); without --data everything is in memory. Without --cert, a self-signed certificate for "
                    "localhost is generated once into DIR/tls/ (default DIR for it: $XDG_DATA_HOME/imaplab) and reused");
    auto* require_tls = cmd->add_flag("--require-tls", a.require_tls,
                                      "Refuse passwords on plain connections until STARTTLS (LOGINDISABLED, no AUTH=PLAIN)");
    auto* no_tls = cmd->add_flag("--no-tls", a.no_tls, "Serve plain IMAP only: no TLS listener, no STARTTLS");
    no_tls->excludes(tls_listen)->excludes(cert)->excludes(require_tls);
    stdio->excludes(tls_listen)->excludes(require_tls)->excludes(pop3_listen);
    cmd->add_option("--users", a.users,
                    "Accounts: JSON array of {\"user\", \"password\", \"fixture\"} (fixture: a lesson or fixture file)")
        ->check(CLI::ExistingFile);
    auto* classroom = cmd->add_flag("--classroom", a.classroom,
                                    "Any user name logs in with --password and gets its own fresh copy of the fixture");
    auto* password = cmd->add_option("--password", a.password, "The class password for --classroom");
    classroom->needs(password);
    password->needs(classroom);
    cmd->add_option("--fixture", a.fixture,
                    "Mail for classroom accounts and users without a fixture: a lesson or fixture file, an mbox file, a Maildir, a folder of .eml files or of mbox files (default: an empty INBOX)")
        ->check(CLI::ExistingPath);
    cmd->add_option("--protocol", a.protocol, "IMAP4rev1 (rev1, as Dovecot 2.3), IMAP4rev2 only (rev2), or both")
        ->check(CLI::IsMember({"rev1", "rev2", "both"}));
    cmd->add_flag("--trace", a.trace, "Log every protocol line (passwords and SASL data redacted)");
    cmd->add_option("--log", a.log_file, "Append log lines to FILE instead of stderr");
    cmd->add_option("--idle-timeout", a.idle_timeout, "Seconds without input before \"* BYE Disconnected for inactivity.\" (0: never)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--write-timeout", a.write_timeout,
                    "Seconds pending output may wait without progress before the client is dropped (0: never)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--max-output", a.max_output, "Bytes of pending output after which a client that does not read is dropped")
        ->check(CLI::Range(std::size_t(4096), std::size_t(1) << 40));
    cmd->add_option("--max-connections", a.max_connections, "Connections served at once; more get \"* BYE [LIMIT]\"")
        ->check(CLI::Range(std::size_t(1), std::size_t(100000)));
    return cmd;
}

int run_serve(const ServeArgs& a) {
    std::FILE* log_out = stderr;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> log_file(nullptr, &std::fclose);
    if (!a.log_file.empty()) {
        log_file.reset(std::fopen(a.log_file.c_str(), "a"));
        if (!log_file) {
            std::fprintf(stderr, "imaplab-cli serve: cannot open the log %s: %s\n", a.log_file.c_str(), std::strerror(errno));
            return kExitConfig;
        }
        log_out = log_file.get();
    }
    Logger logger(log_out);
    auto fail = [](const std::string& message) {
        std::fprintf(stderr, "imaplab-cli serve: %s\n", message.c_str());
        return kExitConfig;
    };
    auto setup = prepare_serve(a, logger);
    if (!setup) return fail(setup.error());
    MailStore& store = *setup.value().store;
    std::unique_ptr<persist::Persister>& persister = setup.value().persister;
    const net::ServerOptions& options = setup.value().options;
    const bool generated = setup.value().generated_certificate;

    // In --stdio mode stdout carries the protocol: log only with --trace or --log.
    const bool quiet = a.stdio && !a.trace && a.log_file.empty();
    net::Server::Log log = [&logger, quiet](std::string_view line) {
        if (!quiet || line.rfind("warning", 0) == 0) logger(line);
    };
    std::unique_ptr<net::TracePrinter> printer;
    if (a.trace) printer = std::make_unique<net::TracePrinter>([&logger](std::string_view line) { logger(line); });

    net::Server server(store, options, log, printer.get());
    if (a.stdio) {
        server.add_stream(0, 1, "stdio");
    } else {
        auto bound = server.listen();
        if (!bound) return fail(bound.error());
        // Instructor commands (`imaplab-cli admin`): reset accounts, list connections.
        auto control = server.listen_control(net::control_socket_path(a.data));
        if (!control) return fail(control.error());
        log("control socket " + control.value());
        const auto& addrs = bound.value();
        for (std::size_t i = 0; i < addrs.size(); ++i)
            std::printf("listening on %s%s\n", addrs[i].c_str(),
                        i < options.listen.size()                               ? ""
                        : i < options.listen.size() + options.tls_listen.size() ? " (tls)"
                                                                                : " (pop3)");
        std::fflush(stdout);
        if (options.tls)
            log(fmt::format("TLS certificate {} ({}), SHA-256 fingerprint {}", options.tls->certificate_file(),
                            generated ? "generated, self-signed for localhost" : "loaded", options.tls->fingerprint()));
    }

    g_server = &server;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    if (!persister) {
        server.run();
    } else {
        // The loop of Server::run, plus the saves: a stop signal saves first, then says BYE.
        g_persistent = 1;
        bool stopping = false;
        while (true) {
            if (g_stop_requested && !stopping) {
                stopping = true;
                if (auto r = persister->flush(); !r) log("warning: cannot save the state: " + r.error());
                server.request_stop();
            }
            auto wait = persister->time_until_due(persist::Persister::Clock::now()).value_or(std::chrono::milliseconds(250));
            if (!server.poll_once(static_cast<int>(std::clamp<std::int64_t>(wait.count(), 0, 250)))) break;
            if (auto r = persister->flush_if_due(persist::Persister::Clock::now()); !r)
                log("warning: cannot save the state: " + r.error());
        }
        if (auto r = persister->flush(); !r) log("warning: cannot save the state: " + r.error());
        g_persistent = 0;
    }
    g_server = nullptr;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return kExitOk;
}

}  // namespace imaplab::cli
