#pragma once
// Loading an account from mail as other tools store it, and writing an account back:
//   - an mbox file (store/formats/mbox.hpp): its messages become INBOX;
//   - a directory of mbox files (mutt's ~/Mail, Dovecot's mbox root, Thunderbird's Local Folders);
//   - a Maildir++ directory (store/formats/maildir.hpp), as Dovecot writes it;
//   - a directory of .eml files (store/formats/eml_dir.hpp): INBOX;
//   - a JSON fixture or lesson (lesson/fixture_file.hpp).
// Every reader returns the project's fixture value (lesson/lesson.hpp), so what it loads goes
// through the same builder as a lesson's fixture (lesson/fixture_builder.hpp) and can stand
// wherever load_fixture_file() does. Mailbox names never become paths unescaped:
// store/formats/folder_names.hpp.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lesson/lesson.hpp"
#include "store/formats/format_options.hpp"
#include "store/mail_store.hpp"
#include "types/result.hpp"

namespace imaplab::formats {

enum class MailFormat : std::uint8_t { Json, Mbox, MboxTree, Maildir, EmlDir };

/// "json", "mbox", "mbox-tree", "maildir", "eml".
std::string_view format_name(MailFormat format);
/// The format called `name` (as format_name() writes it), or an error listing the names.
Result<MailFormat> parse_format_name(std::string_view name);

/// What `path` holds: a directory with cur/ or new/ is a Maildir; a directory with *.eml files an
/// .eml folder; another directory an mbox tree; a file ending in ".json" (or whose first non-blank
/// byte is "{") a JSON fixture; a file that is empty or starts with a "From " line an mbox.
/// Errors: "PATH: cannot read: ...", "PATH:1: not an mbox file, a JSON fixture ...".
Result<MailFormat> detect_mail_format(const std::string& path);

/// Loads `path` (any kind above) as a fixture. A mail store becomes one account with an empty
/// user name and password; the fixture's default UIDVALIDITY is `options.uidvalidity`. A JSON
/// file is returned as it is written. Errors name the file (and line) and what is wrong.
Result<Fixture> load_mail_fixture(const std::string& path, const ImportOptions& options = {});

/// Builds a store account from `account` of a fixture (lesson/fixture_builder.hpp rules); mailboxes
/// without a UIDVALIDITY get `default_uidvalidity`. Error when the fixture is inconsistent.
Result<std::unique_ptr<Account>> build_account(const FixtureAccount& account, std::uint32_t default_uidvalidity,
                                               std::string user, std::string password);

/// load_mail_fixture() then build_account() of its first account, as `user` / `password`.
Result<std::unique_ptr<Account>> load_account_from(const std::string& path, std::string user, std::string password,
                                                   const ImportOptions& options = {});

/// Writes `account` under `dir` (created when missing; it must be empty) in `format`: Maildir and
/// mbox-tree write every mailbox, "mbox" is the same as "mbox-tree" (one file per mailbox), "eml"
/// writes the mailbox options.eml_mailbox. JSON is not written (error). Returns the number of
/// messages written. Names are checked before the first file is written.
Result<std::size_t> export_account(const Account& account, const std::string& dir, MailFormat format,
                                   const ExportOptions& options = {});

}  // namespace imaplab::formats
