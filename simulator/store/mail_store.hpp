#pragma once
// The mail store: accounts, each with a hierarchy of mailboxes ("/" is the hierarchy delimiter;
// INBOX is case-insensitive, RFC 9051 §5.1).
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/mailbox.hpp"

namespace imaplab {

/// The hierarchy delimiter of every account. RFC 9051 §6.3.9 (LIST "" "" returns it).
constexpr char kHierarchyDelimiter = '/';

/// Canonical mailbox name: "INBOX" (any case) and "INBOX/..." get an upper-case INBOX part.
std::string canonical_mailbox_name(std::string_view name);

/// Hierarchy order of canonical names: INBOX and its children first, then by level, so that
/// every name is followed by its children ("a", "a/b", "a-b"), as LIST shows them.
bool mailbox_name_less(std::string_view a, std::string_view b);

/// The special-use attributes of RFC 6154 §2, in the order LIST writes them.
inline constexpr std::string_view kSpecialUseAttributes[] = {"\\All", "\\Archive", "\\Drafts", "\\Flagged",
                                                             "\\Junk", "\\Sent", "\\Trash"};

class Account {
public:
    Account(std::string user, std::string password) : user_(std::move(user)), password_(std::move(password)) {}

    const std::string& user() const { return user_; }
    /// The password exactly as given to add_account(), in clear: this is a classroom sandbox, and
    /// persistence (store/persist/snapshot.hpp) writes it to disk. Views and logs must not show it.
    const std::string& password() const { return password_; }
    /// Compares a password in constant time with respect to its content.
    bool password_matches(std::string_view password) const;

    /// The mailbox called `name` (INBOX case-insensitive), or nullptr.
    Mailbox* find(std::string_view name);
    const Mailbox* find(std::string_view name) const;
    /// Creates a mailbox; returns nullptr if it exists already. Levels above it that are not
    /// mailboxes are not created: they exist only as parents (LIST shows them \Noselect), as in
    /// Dovecot. No validation of the name: commands check it first (codec/mailbox_name.hpp).
    Mailbox* create(std::string_view name, std::uint32_t uidvalidity);
    /// A UIDVALIDITY no mailbox of this account has had: one above the highest given so far, so a
    /// mailbox deleted and created again never gets its old UIDVALIDITY back (RFC 9051 §2.3.1.1).
    std::uint32_t next_uidvalidity() const { return highest_uidvalidity_ + 1; }
    /// The highest UIDVALIDITY given so far (also of mailboxes deleted since), and raising it when
    /// a saved account is loaded again (store/persist/snapshot.hpp); it never goes down.
    std::uint32_t highest_uidvalidity() const { return highest_uidvalidity_; }
    void raise_highest_uidvalidity(std::uint32_t v) { highest_uidvalidity_ = std::max(highest_uidvalidity_, v); }
    /// All mailboxes, ordered by name.
    std::vector<const Mailbox*> mailboxes() const;
    std::vector<Mailbox*> mailboxes();
    /// True when some mailbox lies below `name` in the hierarchy.
    bool has_children(std::string_view name) const;
    /// True when `name` is a mailbox or a level above one (LIST shows it).
    bool exists_in_hierarchy(std::string_view name) const { return find(name) || has_children(name); }
    /// Every mailbox name and every level above one, in hierarchy order (mailbox_name_less).
    std::vector<std::string> hierarchy() const;

    /// Removes the mailbox `name` with its messages (DELETE, RFC 9051 §6.3.5). Sessions that have it
    /// selected are told (MailboxObserver::on_deleted). Mailboxes below it stay, so the name lives
    /// on as a level (\Noselect). Its special-use attributes go; subscriptions stay (Dovecot keeps
    /// them). Returns false when there is no such mailbox.
    bool remove(std::string_view name);

    /// One mailbox moved by a rename: its old and new canonical names.
    struct Renamed {
        std::string from;
        std::string to;
    };
    /// Renames the mailbox or level `from` and every mailbox below it to `to` (RENAME, RFC 9051
    /// §6.3.6). Mailboxes keep their UIDVALIDITY, messages and observers (Dovecot does the same);
    /// special-use attributes move with them; subscriptions stay on the old names (as in Dovecot).
    /// Returns the mailboxes renamed, parents first; nullopt (and nothing changes) when a new
    /// name is taken by a mailbox that is not itself being renamed. The caller checks the names
    /// (INBOX is special: RFC 9051 §6.3.6 moves its messages instead).
    std::optional<std::vector<Renamed>> rename(std::string_view from, std::string_view to);

    /// Subscriptions (RFC 9051 §6.3.7, §6.3.8): canonical names, which need not exist.
    void subscribe(std::string_view name) { subscriptions_.insert(canonical_mailbox_name(name)); }
    void unsubscribe(std::string_view name) { subscriptions_.erase(canonical_mailbox_name(name)); }
    bool is_subscribed(std::string_view name) const { return subscriptions_.count(canonical_mailbox_name(name)) > 0; }
    const std::set<std::string>& subscriptions() const { return subscriptions_; }

    /// Special-use attributes of a mailbox (RFC 6154), e.g. {"\\Sent"}; kept in the account so they
    /// follow RENAME and leave with DELETE. Setting an empty list removes them.
    void set_special_use(std::string_view name, std::vector<std::string> attributes);
    /// The mailbox's special-use attributes in kSpecialUseAttributes order (empty when none).
    const std::vector<std::string>& special_use(std::string_view name) const;
    /// Every special-use entry: canonical mailbox name -> attributes (for persistence).
    const std::map<std::string, std::vector<std::string>, std::less<>>& special_uses() const { return special_use_; }

private:
    std::string user_;
    std::string password_;
    std::map<std::string, std::unique_ptr<Mailbox>, std::less<>> mailboxes_;
    std::uint32_t highest_uidvalidity_ = 0;
    std::set<std::string> subscriptions_;
    std::map<std::string, std::vector<std::string>, std::less<>> special_use_;
};

class MailStore {
public:
    /// Adds an account; returns nullptr if the user exists already.
    Account* add_account(std::string user, std::string password);
    Account* find_account(std::string_view user);
    /// Removes the account `user` with all its mailboxes and messages; returns false when there is
    /// no such account. Every Account* and Mailbox* of it dangles afterwards: the caller first ends
    /// the sessions logged in as `user` or with one of its mailboxes selected (net::Server does).
    bool remove_account(std::string_view user);
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
