#include "store/acl.hpp"

namespace imaplab {

namespace {

struct Letter {
    char letter;
    AclRights right;
};

// Dovecot's imap_acl_letter_map order (MYRIGHTS and the default owner rights are written so).
constexpr Letter kLetterOrder[] = {{'l', acl::kLookup},      {'r', acl::kRead},   {'w', acl::kWrite},
                                   {'s', acl::kWriteSeen},   {'t', acl::kWriteDeleted}, {'i', acl::kInsert},
                                   {'p', acl::kPost},        {'e', acl::kExpunge}, {'k', acl::kCreate},
                                   {'x', acl::kDelete},      {'a', acl::kAdmin}};

// Sorted by Dovecot's right names: admin, create, delete, expunge, insert, lookup, post, read,
// write, write-deleted, write-seen.
constexpr Letter kStoredOrder[] = {{'a', acl::kAdmin},   {'k', acl::kCreate}, {'x', acl::kDelete},
                                   {'e', acl::kExpunge}, {'i', acl::kInsert}, {'l', acl::kLookup},
                                   {'p', acl::kPost},    {'r', acl::kRead},   {'w', acl::kWrite},
                                   {'t', acl::kWriteDeleted}, {'s', acl::kWriteSeen}};

template <std::size_t N>
std::string format_in(const Letter (&order)[N], AclRights rights) {
    std::string out;
    for (const Letter& l : order)
        if (rights & l.right) out += l.letter;
    if (rights & (acl::kCreate | acl::kDelete)) out += 'c';
    if (rights & (acl::kWriteDeleted | acl::kExpunge)) out += 'd';
    return out.empty() ? "\"\"" : out;
}

}  // namespace

std::optional<AclRights> parse_acl_rights(std::string_view letters, char& bad) {
    AclRights rights = 0;
    for (char c : letters) {
        bool found = false;
        for (const Letter& l : kLetterOrder)
            if (l.letter == c) {
                rights |= l.right;
                found = true;
            }
        if (found) continue;
        if (c == 'c') rights |= acl::kCreate | acl::kDelete;       // RFC 4314 §2.1.1
        else if (c == 'd') rights |= acl::kExpunge | acl::kWriteDeleted;
        else {
            bad = c;
            return std::nullopt;
        }
    }
    return rights;
}

std::string format_rights(AclRights rights) { return format_in(kLetterOrder, rights); }

std::string format_stored_rights(AclRights rights) { return format_in(kStoredOrder, rights); }

std::pair<int, std::string> Acl::key(std::string_view identifier) {
    int rank = 4;  // a user name
    if (identifier == "anyone") rank = 0;
    else if (identifier == "authenticated") rank = 1;
    else if (identifier == "owner") rank = 3;
    return {rank, std::string(identifier)};
}

void Acl::modify(std::string_view identifier, bool negative, AclModify mode, AclRights rights) {
    auto k = key(identifier);
    auto it = entries_.find(k);
    if (it == entries_.end()) it = entries_.emplace(k, Entry{std::string(identifier), std::nullopt, std::nullopt}).first;
    std::optional<AclRights>& slot = negative ? it->second.negative : it->second.positive;
    const AclRights old = slot.value_or(0);
    switch (mode) {
        case AclModify::Replace: slot = rights; break;
        case AclModify::Add: slot = static_cast<AclRights>(old | rights); break;
        case AclModify::Remove:
            // Removing from an entry that does not exist leaves none (Dovecot).
            if (slot) slot = static_cast<AclRights>(old & ~rights);
            break;
    }
    if (!it->second.positive && !it->second.negative) entries_.erase(it);
}

void Acl::remove(std::string_view identifier, bool negative) {
    auto it = entries_.find(key(identifier));
    if (it == entries_.end()) return;
    (negative ? it->second.negative : it->second.positive).reset();
    if (!it->second.positive && !it->second.negative) entries_.erase(it);
}

std::vector<Acl::Entry> Acl::entries() const {
    std::vector<Entry> v;
    v.reserve(entries_.size());
    for (const auto& [_, e] : entries_) v.push_back(e);
    return v;
}

bool Acl::has_positive_owner_rights(std::string_view owner_user) const {
    for (const auto& [_, e] : entries_)
        if ((e.identifier == "owner" || e.identifier == owner_user) && e.positive) return true;
    return false;
}

AclRights Acl::effective_rights(std::string_view user, std::string_view owner_user) const {
    const bool is_owner = user == owner_user;
    AclRights positive = 0, negative = 0;
    for (const auto& [_, e] : entries_) {
        const bool applies = e.identifier == "anyone" || e.identifier == "authenticated" || e.identifier == user ||
                             (is_owner && e.identifier == "owner");
        if (!applies) continue;
        positive |= e.positive.value_or(0);
        negative |= e.negative.value_or(0);
    }
    if (is_owner && !has_positive_owner_rights(owner_user)) positive = acl::kAll;
    return static_cast<AclRights>(positive & ~negative);
}

}  // namespace imaplab
