#include "store/mail_store.hpp"

#include <algorithm>

#include "types/flags.hpp"

namespace imaplab {

std::string canonical_mailbox_name(std::string_view name) {
    if (name.size() >= 5 && iequals(name.substr(0, 5), "INBOX") && (name.size() == 5 || name[5] == kHierarchyDelimiter))
        return "INBOX" + std::string(name.substr(5));
    return std::string(name);
}

bool mailbox_name_less(std::string_view a, std::string_view b) {
    auto is_inbox = [](std::string_view n) { return n.rfind("INBOX", 0) == 0 && (n.size() == 5 || n[5] == kHierarchyDelimiter); };
    if (is_inbox(a) != is_inbox(b)) return is_inbox(a);
    // Compare level by level: the delimiter sorts before every other byte.
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == b[i]) continue;
        if (a[i] == kHierarchyDelimiter) return true;
        if (b[i] == kHierarchyDelimiter) return false;
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
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
    highest_uidvalidity_ = std::max(highest_uidvalidity_, uidvalidity);
    return raw;
}

std::vector<std::string> Account::hierarchy() const {
    std::set<std::string> names;
    for (const auto& [name, _] : mailboxes_) {
        names.insert(name);
        for (std::size_t p = name.find(kHierarchyDelimiter); p != std::string::npos; p = name.find(kHierarchyDelimiter, p + 1))
            names.insert(name.substr(0, p));
    }
    std::vector<std::string> v(names.begin(), names.end());
    std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return mailbox_name_less(a, b); });
    return v;
}

bool Account::remove(std::string_view name) {
    auto it = mailboxes_.find(canonical_mailbox_name(name));
    if (it == mailboxes_.end()) return false;
    special_use_.erase(it->first);
    // Unlink first, then destroy: observers told by ~Mailbox see an account without it.
    std::unique_ptr<Mailbox> gone = std::move(it->second);
    mailboxes_.erase(it);
    gone.reset();
    return true;
}

std::optional<std::vector<Account::Renamed>> Account::rename(std::string_view from_name, std::string_view to_name) {
    const std::string from = canonical_mailbox_name(from_name);
    const std::string to = canonical_mailbox_name(to_name);
    const std::string prefix = from + kHierarchyDelimiter;
    std::vector<Renamed> plan;
    for (const auto& [name, _] : mailboxes_)
        if (name == from || name.compare(0, prefix.size(), prefix) == 0) plan.push_back({name, to + name.substr(from.size())});
    std::set<std::string> leaving;
    for (const auto& r : plan) leaving.insert(r.from);
    for (const auto& r : plan)
        if (mailboxes_.count(r.to) && !leaving.count(r.to)) return std::nullopt;

    // Take everything out first, then put it back under the new names (a new name may be the old
    // name of another mailbox in the same rename: "a/b" -> "a" moves "a/b/b" to "a/b").
    std::vector<std::pair<std::string, std::unique_ptr<Mailbox>>> moved;
    std::vector<std::pair<std::string, std::vector<std::string>>> moved_special_use;
    for (const auto& r : plan) {
        auto it = mailboxes_.find(r.from);
        moved.emplace_back(r.to, std::move(it->second));
        mailboxes_.erase(it);
        auto su = special_use_.find(r.from);
        if (su != special_use_.end()) {
            moved_special_use.emplace_back(r.to, std::move(su->second));
            special_use_.erase(su);
        }
    }
    for (auto& [name, mb] : moved) {
        mb->set_name(name);
        mailboxes_.emplace(name, std::move(mb));
    }
    for (auto& [name, attrs] : moved_special_use) special_use_[name] = std::move(attrs);
    std::sort(plan.begin(), plan.end(), [](const Renamed& a, const Renamed& b) { return mailbox_name_less(a.to, b.to); });
    return plan;
}

void Account::set_special_use(std::string_view name, std::vector<std::string> attributes) {
    const std::string key = canonical_mailbox_name(name);
    std::vector<std::string> ordered;
    for (std::string_view known : kSpecialUseAttributes)
        for (const auto& a : attributes)
            if (iequals(a, known) && std::find(ordered.begin(), ordered.end(), known) == ordered.end()) ordered.emplace_back(known);
    if (ordered.empty()) special_use_.erase(key);
    else special_use_[key] = std::move(ordered);
}

const std::vector<std::string>& Account::special_use(std::string_view name) const {
    static const std::vector<std::string> none;
    auto it = special_use_.find(canonical_mailbox_name(name));
    return it == special_use_.end() ? none : it->second;
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

bool MailStore::remove_account(std::string_view user) {
    auto it = accounts_.find(user);
    if (it == accounts_.end()) return false;
    accounts_.erase(it);
    return true;
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
