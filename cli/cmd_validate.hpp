#pragma once
// `imaplab-cli validate FILE...`: checks lesson files (and the explainer's data,
// lessons/explain/explain.json) without playing them.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ValidateArgs {
    std::vector<std::string> files;  ///< lesson files, or lessons/explain/explain.json
};

CLI::App* add_validate_subcommand(CLI::App& app, ValidateArgs& args);
/// Prints "FILE: ok" or the loader's error (file:line: /json/path: what) for each file. Exit 0
/// when all are valid, 2 otherwise.
int run_validate(const ValidateArgs& args);

}  // namespace imaplab::cli
