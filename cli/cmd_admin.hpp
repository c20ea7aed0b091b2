#pragma once
// `imaplab-cli admin`: instructor commands for a running `imaplab-cli serve`, sent over its control
// socket DATA/control.sock (net::Server::listen_control):
//   imaplab-cli admin [--data DIR] reset USER...   reset accounts to their fixture (sessions get a BYE)
//   imaplab-cli admin [--data DIR] reset --all     reset every account
//   imaplab-cli admin [--data DIR] list            the server's connections
// Prints the server's one-line answer. Exit 0 on "OK", 1 on "NO", 2 when no server runs there.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct AdminArgs {
    std::string data;                ///< data directory of the server; "" = the default
    std::vector<std::string> users;  ///< reset USER...
    bool all = false;                ///< reset --all
    CLI::App* reset = nullptr;
    CLI::App* list = nullptr;
};

/// Adds the `admin` subcommand (with `reset` and `list`) to `app`.
CLI::App* add_admin_subcommand(CLI::App& app, AdminArgs& args);

/// Sends the command and prints the answer; returns the exit status (0, 1 or 2).
int run_admin(const AdminArgs& args);

}  // namespace imaplab::cli
