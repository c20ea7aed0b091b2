#pragma once
// `imaplab-cli replay TRANSCRIPT`: replays a recorded session's client lines against our server
// (through the lesson that reproduces it) and reports each exchange as same or differs, with the
// lesson's explanation of why.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ReplayArgs {
    std::string transcript;
    std::string lesson;          ///< "" = the lesson in lessons/ whose "transcript" names this file
    std::string lang = "auto";
    std::string color = "auto";
};

CLI::App* add_replay_subcommand(CLI::App& app, ReplayArgs& args);
/// Exit codes: 0 every differing exchange is explained by the lesson; 1 some difference is not;
/// 2 the files cannot be loaded or do not belong together.
int run_replay(const ReplayArgs& args);

}  // namespace imaplab::cli
