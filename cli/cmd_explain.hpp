#pragma once
// `imaplab-cli explain LINE...`: each protocol line split into tokens, each token with its meaning
// (Russian or English) and RFC section, from lessons/explain/explain.json (simulator/lesson/explainer.hpp).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ExplainArgs {
    std::vector<std::string> lines;  ///< protocol lines, e.g. "A0003 SELECT INBOX"
    std::string lang = "auto";       ///< ru, en or auto ($LANG)
    std::string side = "auto";       ///< client, server or auto (guess_side)
    std::string data;                ///< explain.json; default lessons/explain/explain.json (cwd, then the source tree)
};

CLI::App* add_explain_subcommand(CLI::App& app, ExplainArgs& args);

/// lessons/explain/explain.json in the working directory if it is there, else in the source tree.
std::string default_explain_data_path();

/// Prints the explanation of every line. Exit codes: 0; 2 when the data file cannot be loaded
/// (the message names the file, line and field).
int run_explain(const ExplainArgs& args);

}  // namespace imaplab::cli
