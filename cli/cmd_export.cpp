#include "cmd_export.hpp"

#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "lesson/fixture_builder.hpp"
#include "store/formats/mail_formats.hpp"
#include "store/mail_store.hpp"
#include "store/persist/snapshot.hpp"

namespace imaplab::cli {

CLI::App* add_export_subcommand(CLI::App& app, ExportArgs& a) {
    auto* cmd = app.add_subcommand("export", "Write an account as a Maildir, mbox files or .eml files (as Dovecot, mutt and "
                                             "Thunderbird store mail).");
    cmd->add_option("SOURCE", a.source, "A serve --data directory, or a lesson, fixture, mbox, Maildir or .eml folder")
        ->required()
        ->check(CLI::ExistingPath);
    cmd->add_option("OUT", a.out, "Directory to write (new or empty)")->required();
    cmd->add_option("--format", a.format, "maildir, mbox or eml")->check(CLI::IsMember({"maildir", "mbox", "mbox-tree", "eml"}));
    cmd->add_option("--user", a.user, "The account to write (a --data directory or a fixture with several accounts)");
    return cmd;
}

int run_export(const ExportArgs& a) {
    auto fail = [](const std::string& m) {
        std::fprintf(stderr, "imaplab-cli export: %s\n", m.c_str());
        return 2;
    };
    auto format = formats::parse_format_name(a.format);
    if (!format) return fail(format.error());
    std::unique_ptr<MailStore> store;
    if (persist::has_saved_state(a.source)) {
        auto loaded = persist::load_store(a.source);
        if (!loaded) return fail(loaded.error());
        store = std::move(loaded.value().store);
    } else {
        auto fixture = formats::load_mail_fixture(a.source);
        if (!fixture) return fail(fixture.error());
        store = std::make_unique<MailStore>();
        for (auto& acc : fixture.value().accounts)
            if (acc.user.empty()) acc.user = "user";  // mail files name no user
        try {
            build_fixture(fixture.value(), *store, nullptr);
        } catch (const std::exception& e) {
            return fail(a.source + ": " + e.what());
        }
    }
    const auto accounts = store->accounts();
    const Account* account = nullptr;
    if (!a.user.empty()) {
        account = store->find_account(a.user);
        if (!account) return fail(fmt::format("{} has no account \"{}\"", a.source, a.user));
    } else if (accounts.size() == 1) {
        account = accounts.front();
    } else {
        std::string names;
        for (const auto* acc : accounts) names += (names.empty() ? "" : ", ") + acc->user();
        return fail(fmt::format("{} has {} accounts ({}): choose one with --user", a.source, accounts.size(), names));
    }
    auto written = formats::export_account(*account, a.out, format.value());
    if (!written) return fail(written.error());
    std::printf("exported %zu messages of %s to %s (%s)\n", written.value(), account->user().c_str(), a.out.c_str(), a.format.c_str());
    return 0;
}

}  // namespace imaplab::cli
