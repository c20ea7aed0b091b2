#pragma once
// Accounts of the network server (`imaplab-cli serve`): a users file, or classroom mode where any
// user name logs in with the class password and gets its own fresh copy of a fixture.
// Fixtures come from lesson files or fixture files (lesson/fixture_file.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"

namespace imaplab::net {

/// One entry of a users file.
struct UserEntry {
    std::string user;
    std::string password;
    std::string fixture;  ///< path (relative paths already resolved against the users file); "" = empty INBOX
};

/// Reads a users file: a JSON array of {"user": "...", "password": "...", "fixture": "path"}
/// ("fixture" optional). Errors: "FILE: /2/user: expected a non-empty string", duplicates,
/// unknown keys.
Result<std::vector<UserEntry>, std::string> load_users_file(const std::string& path);

/// The default fixture: one account whose INBOX is empty, with the given UIDVALIDITY.
Fixture empty_inbox_fixture(std::uint32_t uidvalidity);

/// Adds the account `user` / `password` to `store` with the mailboxes and messages of one account
/// of `fixture`: the account called `user` if there is one, else the first. Returns nullptr when
/// `user` exists already. Fixture events go to `trace` (connection 0).
Account* add_account_from_fixture(MailStore& store, const Fixture& fixture, const std::string& user,
                                  const std::string& password, TraceSink* trace);

/// Adds every account of a users file, loading each fixture file once. Errors name the file, line
/// and JSON path (lesson loader style).
Result<std::size_t, std::string> add_users(MailStore& store, const std::vector<UserEntry>& users,
                                           std::uint32_t default_uidvalidity, TraceSink* trace);

/// Classroom mode: a user name the store does not know logs in with `password` and gets a fresh
/// copy of `fixture` (MailStore::set_account_factory). User names are 1 to 64 printable
/// characters; at most `max_accounts` accounts are created.
void enable_classroom(MailStore& store, Fixture fixture, std::string password, TraceSink* trace,
                      std::size_t max_accounts = 1000);

}  // namespace imaplab::net
