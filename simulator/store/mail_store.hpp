#pragma once
// The mail store: accounts, each with a hierarchy of mailboxes ("/" is the hierarchy delimiter;
// INBOX is case-insensitive, RFC 9051 §5.1).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/mailbox.hpp"

namespace imaplab {

/// The hierarchy delimiter of every account. RFC 9051 §6.3.9 (LIST "" "" returns it).
constexpr char kHierarchyDelimiter = '/';

/// Canonical mailbox name: "INBOX" (any case) and "INBOX/..." get an upper-case INBOX part.
std::string canonical_mailbox_name(std::string_view name);

class Account {
public:
    Account(std::string user, std::string password) : user_(std::move(user)), password_(std::move(password)) {}

    const std::string& user() const { return user_; }
    /// Compares a password in constant time with respect to its content.
    bool password_matches(std::string_view password) const;

    /// The mailbox called `name` (INBOX case-insensitive), or nullptr.
    Mailbox* find(std::string_view name);
    const Mailbox* find(std::string_view name) const;
    /// Creates a mailbox; returns nullptr if it exists already.
    Mailbox* create(std::string_view name, std::uint32_t uidvalidity);
    /// All mailboxes, ordered by name.
    std::vector<const Mailbox*> mailboxes() const;
    std::vector<Mailbox*> mailboxes();
    /// True when some mailbox lies below `name` in the hierarchy.
    bool has_children(std::string_view name) const;

private:
    std::string user_;
    std::string password_;
    std::map<std::string, std::unique_ptr<Mailbox>, std::less<>> mailboxes_;
};

class MailStore {
public:
    /// Adds an account; returns nullptr if the user exists already.
    Account* add_account(std::string user, std::string password);
    Account* find_account(std::string_view user);
    /// The account when `user` exists and `password` matches, else nullptr. RFC 9051 §6.2.3.
    /// Calls the account factory (if set) first when `user` does not exist yet.
    Account* authenticate(std::string_view user, std::string_view password);
    std::vector<const Account*> accounts() const;

    /// Accounts created on first login (the network server's classroom mode): authenticate() calls
    /// `factory(user, password)` for an unknown user; it returns the account it added with
    /// add_account(), or nullptr to refuse. The password is then checked as usual.
    void set_account_factory(std::function<Account*(std::string_view user, std::string_view password)> factory) {
        account_factory_ = std::move(factory);
    }

private:
    std::map<std::string, std::unique_ptr<Account>, std::less<>> accounts_;
    std::function<Account*(std::string_view, std::string_view)> account_factory_;
};

}  // namespace imaplab
