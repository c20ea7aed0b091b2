#include "store/formats/mail_formats.hpp"

#include <filesystem>
#include <stdexcept>

#include "lesson/fixture_builder.hpp"
#include "lesson/fixture_file.hpp"
#include "store/formats/eml_dir.hpp"
#include "store/formats/file_io.hpp"
#include "store/formats/maildir.hpp"
#include "store/formats/mbox.hpp"

namespace imaplab::formats {

namespace fs = std::filesystem;

std::string_view format_name(MailFormat format) {
    switch (format) {
        case MailFormat::Json: return "json";
        case MailFormat::Mbox: return "mbox";
        case MailFormat::MboxTree: return "mbox-tree";
        case MailFormat::Maildir: return "maildir";
        case MailFormat::EmlDir: return "eml";
    }
    return "?";
}

Result<MailFormat> parse_format_name(std::string_view name) {
    for (auto f : {MailFormat::Json, MailFormat::Mbox, MailFormat::MboxTree, MailFormat::Maildir, MailFormat::EmlDir})
        if (format_name(f) == name) return f;
    return Result<MailFormat>::failure("unknown mail format \"" + std::string(name) + "\" (json, mbox, mbox-tree, maildir, eml)");
}

Result<MailFormat> detect_mail_format(const std::string& path) {
    using R = Result<MailFormat>;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return R::failure(path + ": cannot read: " + (ec ? ec.message() : "No such file or directory"));
    if (fs::is_directory(status)) {
        if (fs::is_directory(path + "/cur", ec) || fs::is_directory(path + "/new", ec)) return MailFormat::Maildir;
        if (has_eml_files(path)) return MailFormat::EmlDir;
        return MailFormat::MboxTree;
    }
    if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return MailFormat::Json;
    auto text = read_whole_file(path);
    if (!text) return R::failure(text.error());
    const std::size_t first = text->find_first_not_of(" \t\r\n");
    if (first != std::string::npos && (*text)[first] == '{') return MailFormat::Json;
    if (text->compare(0, 5, "From ") == 0 || text->empty()) return MailFormat::Mbox;
    return R::failure(path + ":1: not an mbox file (the first line does not start with \"From \"), a JSON fixture, a Maildir "
                             "or a folder of .eml files");
}

Result<Fixture> load_mail_fixture(const std::string& path, const ImportOptions& options) {
    using R = Result<Fixture>;
    auto format = detect_mail_format(path);
    if (!format) return R::failure(format.error());
    if (*format == MailFormat::Json) {
        auto f = load_fixture_file(path);
        if (!f) return R::failure(f.error().to_string());
        return std::move(*f);
    }
    Result<FixtureAccount> account = FixtureAccount{};
    switch (*format) {
        case MailFormat::Mbox: {
            auto box = read_mbox_file(path, "INBOX", options);
            if (!box) return R::failure(box.error());
            account->mailboxes.push_back(std::move(*box));
            break;
        }
        case MailFormat::EmlDir: {
            auto box = read_eml_dir(path, "INBOX", options);
            if (!box) return R::failure(box.error());
            account->mailboxes.push_back(std::move(*box));
            break;
        }
        case MailFormat::Maildir: account = read_maildir(path, options); break;
        case MailFormat::MboxTree: account = read_mbox_tree(path, options); break;
        case MailFormat::Json: break;
    }
    if (!account) return R::failure(account.error());
    Fixture fixture;
    fixture.uidvalidity = options.uidvalidity;
    fixture.accounts.push_back(std::move(*account));
    return fixture;
}

Result<std::unique_ptr<Account>> build_account(const FixtureAccount& account, std::uint32_t default_uidvalidity,
                                               std::string user, std::string password) {
    using R = Result<std::unique_ptr<Account>>;
    Fixture one;
    one.uidvalidity = default_uidvalidity;
    one.accounts.push_back(account);
    one.accounts.front().user = user;
    one.accounts.front().password = password;
    MailStore store;
    try {
        build_fixture(one, store, nullptr);
    } catch (const std::exception& e) {
        return R::failure(e.what());
    }
    // Account is movable: its mailboxes are held by pointer, so they keep their addresses.
    return std::make_unique<Account>(std::move(*store.find_account(user)));
}

Result<std::unique_ptr<Account>> load_account_from(const std::string& path, std::string user, std::string password,
                                                   const ImportOptions& options) {
    using R = Result<std::unique_ptr<Account>>;
    auto fixture = load_mail_fixture(path, options);
    if (!fixture) return R::failure(fixture.error());
    if (fixture->accounts.empty()) return R::failure(path + ": the fixture has no account");
    auto account = build_account(fixture->accounts.front(), fixture->uidvalidity, std::move(user), std::move(password));
    if (!account) return R::failure(path + ": " + account.error());
    return account;
}

Result<std::size_t> export_account(const Account& account, const std::string& dir, MailFormat format, const ExportOptions& options) {
    using R = Result<std::size_t>;
    switch (format) {
        case MailFormat::Maildir: return write_maildir(account, dir, options);
        case MailFormat::Mbox:
        case MailFormat::MboxTree: return export_mbox_tree(account, dir);
        case MailFormat::EmlDir: {
            const Mailbox* mb = account.find(options.eml_mailbox);
            if (!mb) return R::failure("no mailbox \"" + options.eml_mailbox + "\" to write as .eml files");
            return write_eml_dir(*mb, dir);
        }
        case MailFormat::Json: break;
    }
    return R::failure("exporting to JSON is not supported; choose maildir, mbox or eml");
}

}  // namespace imaplab::formats
