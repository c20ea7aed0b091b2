#include "cmd_explain.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "lesson/explainer.hpp"
#include "render.hpp"
#include "terminal.hpp"

#ifndef IMAPLAB_SOURCE_DIR
#define IMAPLAB_SOURCE_DIR "."
#endif

namespace imaplab::cli {

std::string default_explain_data_path() {
    std::error_code ec;
    const std::filesystem::path local = "lessons/explain/explain.json";
    if (std::filesystem::exists(local, ec)) return local.string();
    return (std::filesystem::path(IMAPLAB_SOURCE_DIR) / local).string();
}

CLI::App* add_explain_subcommand(CLI::App& app, ExplainArgs& args) {
    auto* cmd = app.add_subcommand("explain", "Explain IMAP protocol lines token by token (tag, command, arguments, "
                                              "response codes, FETCH and SEARCH items) with their RFC sections.");
    cmd->add_option("LINE", args.lines, "Protocol lines, e.g. 'A0003 SELECT INBOX' or '* 3 EXISTS'")->required();
    cmd->add_option("--lang", args.lang, "Language of the meanings (default: from $LANG)")
        ->check(CLI::IsMember({"ru", "en", "auto"}));
    cmd->add_option("--side", args.side, "Who sent the lines (default: guessed from each line)")
        ->check(CLI::IsMember({"client", "server", "auto"}));
    cmd->add_option("--data", args.data, "The explanations (default: lessons/explain/explain.json)");
    return cmd;
}

int run_explain(const ExplainArgs& args) {
    const std::string path = args.data.empty() ? default_explain_data_path() : args.data;
    auto ex = Explainer::load_file(path);
    if (!ex) {
        std::fprintf(stderr, "imaplab-cli explain: %s\n", ex.error().to_string().c_str());
        return 2;
    }
    const Language lang = args.lang == "ru" ? Language::Ru : args.lang == "en" ? Language::En : language_from_environment();
    const LineSide side = args.side == "client" ? LineSide::Client : args.side == "server" ? LineSide::Server : LineSide::Auto;
    std::string out;
    for (const std::string& line : args.lines) {
        const LineSide s = side == LineSide::Auto ? guess_side(line) : side;
        out += (s == LineSide::Server ? "S: " : "C: ") + line + "\n";
        const auto tokens = ex->explain(line, s);
        std::size_t width = 0;
        for (const auto& t : tokens) width = std::max(width, std::min<std::size_t>(display_width(t.text), 28));
        for (const auto& t : tokens) {
            std::string text = t.text;
            if (display_width(text) > 28) text = text.substr(0, 25) + "...";
            const std::string pad(width > display_width(text) ? width - display_width(text) : 0, ' ');
            if (t.meaning)
                out += fmt::format("  {}{}  {}  ({})\n", text, pad, t.meaning->text(lang), t.meaning->rfc);
            else
                out += fmt::format("  {}{}  {}\n", text, pad,
                                   lang == Language::Ru ? "(нет объяснения: " + t.section + "/" + t.key + ")"
                                                        : "(no explanation: " + t.section + "/" + t.key + ")");
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

}  // namespace imaplab::cli
