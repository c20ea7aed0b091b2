#pragma once
// `imaplab-cli export SOURCE OUT --format maildir|mbox|eml [--user U]`: writes an account as other
// mail tools store it (store/formats). SOURCE is a sandbox's --data directory (the account of
// --user) or any mail `serve --fixture` takes (a lesson, a fixture, an mbox, a Maildir, .eml files).
#include <string>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ExportArgs {
    std::string source;
    std::string out;
    std::string format = "maildir";
    std::string user;  ///< which account of a --data directory (needed when it has several)
};

CLI::App* add_export_subcommand(CLI::App& app, ExportArgs& args);
/// Exit codes: 0 written ("exported N messages of USER to OUT (FORMAT)"); 2 on any error (named).
int run_export(const ExportArgs& args);

}  // namespace imaplab::cli
