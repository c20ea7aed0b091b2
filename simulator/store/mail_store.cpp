#include "store/mail_store.hpp"

#include "types/flags.hpp"

namespace imaplab {

std::string canonical_mailbox_name(std::string_view name) {
    if (name.size() >= 5 && iequals(name.substr(0, 5), "INBOX") && (name.size() == 5 || name[5] == kHierarchyDelimiter))
        return "INBOX" + std::string(name.substr(5));
    return std::string(name);
}

bool Account::password_matches(std::string_view password) const {
    unsigned diff = password.size() != password_.size() ? 1u : 0u;
    for (std::size_t i = 0; i < password.size(); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(password[i]) ^ static_cast<unsigned char>(i < password_.size() ? password_[i] : 0));
    return diff == 0;
}

Mailbox* Account::find(std::string_view name) {
    auto it = mailboxes_.find(canonical_mailbox_name(name));
    return it == mailboxes_.end() ? nullptr : it->second.get();
}

const Mailbox* Account::find(std::string_view name) const {
    auto it = mailboxes_.find(canonical_mailbox_name(name));
    return it == mailboxes_.end() ? nullptr : it->second.get();
}

Mailbox* Account::create(std::string_view name, std::uint32_t uidvalidity) {
    std::string key = canonical_mailbox_name(name);
    if (mailboxes_.count(key)) return nullptr;
    auto mb = std::make_unique<Mailbox>(key, uidvalidity);
    Mailbox* raw = mb.get();
    mailboxes_.emplace(std::move(key), std::move(mb));
    return raw;
}

std::vector<const Mailbox*> Account::mailboxes() const {
    std::vector<const Mailbox*> v;
    for (const auto& [_, mb] : mailboxes_) v.push_back(mb.get());
    return v;
}

std::vector<Mailbox*> Account::mailboxes() {
    std::vector<Mailbox*> v;
    for (auto& [_, mb] : mailboxes_) v.push_back(mb.get());
    return v;
}

bool Account::has_children(std::string_view name) const {
    std::string prefix = canonical_mailbox_name(name) + kHierarchyDelimiter;
    auto it = mailboxes_.lower_bound(prefix);
    return it != mailboxes_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

Account* MailStore::add_account(std::string user, std::string password) {
    if (accounts_.count(user)) return nullptr;
    auto acc = std::make_unique<Account>(user, std::move(password));
    Account* raw = acc.get();
    accounts_.emplace(std::move(user), std::move(acc));
    return raw;
}

Account* MailStore::find_account(std::string_view user) {
    auto it = accounts_.find(user);
    return it == accounts_.end() ? nullptr : it->second.get();
}

Account* MailStore::authenticate(std::string_view user, std::string_view password) {
    Account* a = find_account(user);
    if (!a && account_factory_) a = account_factory_(user, password);
    if (!a || !a->password_matches(password)) return nullptr;
    return a;
}

std::vector<const Account*> MailStore::accounts() const {
    std::vector<const Account*> v;
    for (const auto& [_, a] : accounts_) v.push_back(a.get());
    return v;
}

}  // namespace imaplab
