#pragma once
// `imaplab-cli serve`: the IMAP Lab server on TCP — by default 127.0.0.1:1143 (plain, STARTTLS
// offered) and 127.0.0.1:1993 (implicit TLS) — or on stdin/stdout (--stdio, for inetd, ssh, mutt's
// `tunnel`, mbsync's `Tunnel`). Accounts come from a users file or classroom mode. TLS uses the
// --cert/--key PEM files, or a self-signed certificate for localhost generated on first start into
// DATA/tls/. See simulator/net/server.hpp and simulator/net/tls_context.hpp.
#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ServeArgs {
    std::vector<std::string> listen;  ///< HOST:PORT, repeatable; default 127.0.0.1:1143
    std::vector<std::string> tls_listen;  ///< HOST:PORT (implicit TLS), repeatable; default 127.0.0.1:1993
    std::vector<std::string> pop3_listen;  ///< HOST:PORT for POP3 (RFC 1939), repeatable; none by default
    std::string cert, key;            ///< PEM files; "" = DATA/tls/cert.pem + key.pem (generated once)
    std::string data;                 ///< data directory; "" = $XDG_DATA_HOME/imaplab
    bool require_tls = false;         ///< LOGINDISABLED on plain connections until STARTTLS
    bool no_tls = false;              ///< plain only: no TLS listener, no STARTTLS
    bool stdio = false;
    std::string users;                ///< users file (JSON)
    bool classroom = false;
    std::string password;             ///< the class password (--classroom)
    std::string fixture;              ///< lesson or fixture file for new accounts
    std::string protocol = "rev1";    ///< rev1, rev2 or both
    bool trace = false;
    std::string log_file;             ///< "" = stderr
    double idle_timeout = 1800;       ///< seconds; 0 = never
    double write_timeout = 300;       ///< seconds; 0 = never
    std::size_t max_output = 64u << 20;
    std::size_t max_connections = 1000;
};

/// Adds the `serve` subcommand with its options to `app`.
CLI::App* add_serve_subcommand(CLI::App& app, ServeArgs& args);

/// Runs the server until SIGINT/SIGTERM (or, with --stdio, until the session ends). Prints one
/// stdout line per listener: "listening on 127.0.0.1:1143" (plain first), "listening on
/// 127.0.0.1:1993 (tls)". Exit codes: 0 after a clean stop, 2 when the configuration, the
/// certificate ("cannot load ...: reason") or the listen address is refused.
int run_serve(const ServeArgs& args);

}  // namespace imaplab::cli
