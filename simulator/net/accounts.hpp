#pragma once
// Accounts of the network server (`imaplab-cli serve`): a users file, or classroom mode where any
// user name logs in with the class password and gets its own fresh copy of a fixture.
// Fixtures come from lesson files or fixture files (lesson/fixture_file.hpp).
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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

/// Which fixture every account came from, so that the server can rebuild accounts while it runs
/// (Server::reset_accounts, issue 4). Users-file accounts are rebuilt from their own fixture;
/// classroom accounts are removed and the next login makes a fresh copy. A rebuilt copy's mailboxes
/// get UIDVALIDITYs above every one the old account had: its UIDs start again at 1 (RFC 9051
/// §2.3.1.1). Use one object per store, in place of add_users and enable_classroom.
class AccountOrigins {
public:
    /// As add_users, remembering every entry; entries whose account is in the store already (loaded
    /// with --data) are remembered but not added again. Returns how many were added.
    Result<std::size_t, std::string> add_users(MailStore& store, const std::vector<UserEntry>& users,
                                               std::uint32_t default_uidvalidity, TraceSink* trace);
    /// As enable_classroom; the factory gives accounts reset before fresh UIDVALIDITYs.
    void enable_classroom(MailStore& store, Fixture fixture, std::string password, TraceSink* trace,
                          std::size_t max_accounts = 1000);
    /// True when reset() can rebuild `user`: a users-file entry, or (classroom mode) any account in
    /// the store.
    bool can_reset(MailStore& store, std::string_view user) const;
    /// Removes the account `user` (MailStore::remove_account: its sessions must have ended) and, for
    /// a users-file entry, adds a fresh build of its fixture. Returns false (and changes nothing)
    /// when can_reset() is false, or when the fixture cannot be built again.
    bool reset(MailStore& store, const std::string& user, TraceSink* trace);

private:
    struct Entry {
        std::string password;
        std::shared_ptr<const Fixture> fixture;
    };
    std::map<std::string, Entry, std::less<>> users_;
    bool classroom_ = false;
    /// user -> the highest UIDVALIDITY its removed account had (shared with the classroom factory).
    std::shared_ptr<std::map<std::string, std::uint32_t, std::less<>>> floors_ =
        std::make_shared<std::map<std::string, std::uint32_t, std::less<>>>();
};

}  // namespace imaplab::net
