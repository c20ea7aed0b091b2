#include "cmd_validate.hpp"

#include <cstdio>
#include <filesystem>

#include "lesson/explainer.hpp"
#include "lesson/lesson_loader.hpp"

namespace imaplab::cli {

namespace {
void out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }
}  // namespace

CLI::App* add_validate_subcommand(CLI::App& app, ValidateArgs& a) {
    auto* cmd = app.add_subcommand("validate", "Check lesson files (and lessons/explain/explain.json) without playing them.");
    cmd->add_option("FILE", a.files, "Lesson files")->required();
    return cmd;
}

int run_validate(const ValidateArgs& a) {
    int rc = 0;
    for (const auto& f : a.files) {
        std::string error;
        if (std::filesystem::path(f).filename() == "explain.json") {
            auto e = Explainer::load_file(f);
            if (!e) error = e.error().to_string();
        } else {
            auto l = load_lesson_file(f);
            if (!l) error = l.error().to_string();
        }
        if (error.empty()) {
            out(f + ": ok\n");
            std::fflush(stdout);  // in order with the errors on stderr
        } else {
            std::fprintf(stderr, "%s\n", error.c_str());
            rc = 2;
        }
    }
    std::fflush(stdout);
    return rc;
}

}  // namespace imaplab::cli
