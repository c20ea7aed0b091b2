#pragma once
// `imaplab-cli serve`: the IMAP Lab server on a plain TCP socket (default 127.0.0.1:1143) or on
// stdin/stdout (--stdio, for inetd, ssh, mutt's `tunnel`, mbsync's `Tunnel`). Accounts come from a
// users file or classroom mode. See simulator/net/server.hpp.
#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ServeArgs {
    std::vector<std::string> listen;  ///< HOST:PORT, repeatable; default 127.0.0.1:1143
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

/// Runs the server until SIGINT/SIGTERM (or, with --stdio, until the session ends). Exit codes:
/// 0 after a clean stop, 2 when the configuration or the listen address is refused.
int run_serve(const ServeArgs& args);

}  // namespace imaplab::cli
