#include "engine/commands/mailbox_args.hpp"

#include <cctype>

#include "codec/mailbox_name.hpp"
#include "codec/response_encoder.hpp"
#include "engine/capabilities.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

std::optional<std::string> decode_mailbox_arg(const Session& session, std::string_view wire, CommandResult& error) {
    auto decoded = decode_mailbox_name(wire, session.imap4rev2());
    if (!decoded) {
        error = CommandResult::no(decoded.error() + ".");
        return std::nullopt;
    }
    return std::move(*decoded);
}

std::optional<std::string> checked_mailbox_arg(const Session& session, std::string_view wire, CommandResult& error,
                                               bool new_name) {
    auto name = decode_mailbox_arg(session, wire, error);
    if (!name) return std::nullopt;
    auto problem = new_name ? new_mailbox_name_problem(*name) : mailbox_name_problem(*name);
    if (problem) {
        error = CommandResult::no(*problem + ".", std::string(code::kCannot));
        return std::nullopt;
    }
    return name;
}

CommandResult mailbox_does_not_exist(std::string_view name, std::string_view code) {
    return CommandResult::no("Mailbox doesn't exist: " + std::string(name) + ".", std::string(code));
}

MailboxRef resolve_mailbox(Session& session, std::string_view name) {
    MailboxRef ref;
    Account* self = session.account();
    const std::string prefix = std::string(kSharedRoot) + kHierarchyDelimiter;
    if (name == kSharedRoot || name.compare(0, prefix.size(), prefix) == 0) {
        ref.shared = true;
        if (name == kSharedRoot) return ref;
        std::string_view rest = name.substr(prefix.size());
        const std::size_t slash = rest.find(kHierarchyDelimiter);
        ref.owner = session.store().find_account(rest.substr(0, slash));
        if (slash == std::string_view::npos || !ref.owner) return ref;
        ref.local = canonical_mailbox_name(rest.substr(slash + 1));
        ref.mailbox = ref.local.empty() ? nullptr : ref.owner->find(ref.local);
        if (ref.mailbox) ref.rights = rights_on(session, *ref.mailbox, *ref.owner);
        return ref;
    }
    ref.owner = self;
    ref.local = canonical_mailbox_name(name);
    ref.mailbox = self->find(ref.local);
    ref.rights = ref.mailbox ? rights_on(session, *ref.mailbox, *self) : acl::kAll;
    return ref;
}

AclRights rights_on(const Session& session, const Mailbox& mailbox, const Account& owner) {
    return mailbox.acl().effective_rights(session.account()->user(), owner.user());
}

AclRights selected_rights(const Session& session) {
    const auto& sel = session.selected();
    if (!sel || !sel->mailbox) return 0;
    return rights_on(session, *sel->mailbox, sel->owner ? *sel->owner : *session.account());
}

std::string client_mailbox_name(const Session& session, const Account& owner, std::string_view local) {
    if (&owner == session.account()) return std::string(local);
    return std::string(kSharedRoot) + kHierarchyDelimiter + owner.user() + kHierarchyDelimiter + std::string(local);
}

CommandResult permission_denied() { return CommandResult::no("Permission denied.", std::string(code::kNoPerm)); }

std::optional<CommandResult> require_right(const MailboxRef& ref, AclRights right, std::string_view name,
                                           std::string_view code) {
    if (ref.mailbox && ref.has(right)) return std::nullopt;
    if (ref.mailbox && ref.has(acl::kLookup)) return permission_denied();
    return mailbox_does_not_exist(name, code);
}

std::optional<CommandResult> require_admin(const MailboxRef& ref, std::string_view name) {
    if (ref.mailbox && ref.has(acl::kAdmin)) return std::nullopt;
    if (!ref.mailbox || !ref.has(acl::kLookup)) return mailbox_does_not_exist(name, code::kNonExistent);
    return CommandResult::no("You lack administrator privileges on this mailbox.", std::string(code::kNoPerm));
}

bool acl_enabled(const Session& session) { return !extension_disabled(session.config(), "ACL"); }

FlagNames permitted_flags(const FlagNames& flags, AclRights rights) {
    FlagNames out;
    std::uint8_t allowed = 0;
    if (rights & acl::kWrite) allowed = static_cast<std::uint8_t>(kAnswered | kFlagged | kDraft);
    if (rights & acl::kWriteSeen) allowed |= kSeen;
    if (rights & acl::kWriteDeleted) allowed |= kDeleted;
    out.system = static_cast<std::uint8_t>(flags.system & allowed);
    if (rights & acl::kWrite) out.keywords = flags.keywords;
    return out;
}

void append_wire_mailbox(std::string& out, std::string_view wire, bool utf8) {
    if (utf8) append_mailbox_name(out, wire, true);
    else append_astring(out, wire);
}

bool parse_status_items(const std::vector<Arg>& list, bool rev2, StatusItems& out, std::string& error) {
    if (list.empty()) {
        error = "Empty status list";
        return false;
    }
    out = StatusItems{};
    for (const Arg& a : list) {
        if (a.type != Arg::Type::Atom) {
            error = "Status list contains non-atoms";
            return false;
        }
        std::string item = a.value;
        for (auto& c : item) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (item == "MESSAGES") out.messages = true;
        else if (item == "RECENT" && !rev2) out.recent = true;
        else if (item == "UIDNEXT") out.uidnext = true;
        else if (item == "UIDVALIDITY") out.uidvalidity = true;
        else if (item == "UNSEEN") out.unseen = true;
        else if (item == "DELETED" && rev2) out.deleted = true;
        else if (item == "SIZE") out.size = true;
        else {
            error = "Invalid status item " + item;
            return false;
        }
    }
    return true;
}

void write_status(Session& session, const Mailbox& mailbox, std::string_view name_on_wire, const StatusItems& items) {
    std::uint32_t recent = 0, unseen = 0, deleted = 0;
    std::uint64_t size = 0;
    for (const Message& m : mailbox.messages()) {
        if (m.uid.value >= mailbox.first_recent_uid()) ++recent;
        if (!(m.system_flags & kSeen)) ++unseen;
        if (m.system_flags & kDeleted) ++deleted;
        size += m.size();
    }
    // The session that has the mailbox selected owns its \Recent messages (RFC 3501 §2.3.2).
    const auto& sel = session.selected();
    if (sel && sel->mailbox == &mailbox) recent = static_cast<std::uint32_t>(sel->recent.size());

    std::string line = "STATUS ";
    line.append(name_on_wire);
    line += " (";
    const std::size_t start = line.size();
    auto add = [&](bool wanted, const char* name, std::uint64_t value) {
        if (!wanted) return;
        if (line.size() != start) line += ' ';
        line += name;
        line += ' ';
        line += std::to_string(value);
    };
    add(items.messages, "MESSAGES", mailbox.messages().size());
    add(items.recent, "RECENT", recent);
    add(items.uidnext, "UIDNEXT", mailbox.uidnext());
    add(items.uidvalidity, "UIDVALIDITY", mailbox.uidvalidity());
    add(items.unseen, "UNSEEN", unseen);
    add(items.deleted, "DELETED", deleted);
    add(items.size, "SIZE", size);
    line += ')';
    session.untagged(line);
}

bool read_list_reference_patterns(ArgReader& args, std::string& reference, std::vector<std::string>& patterns,
                                  bool& pattern_list, std::string& error) {
    const Arg* a = nullptr;
    if (!args.peek() || args.peek()->type == Arg::Type::List) {
        error = "Invalid reference";
        return false;
    }
    args.any(a);
    reference = a->value;
    if (!args.peek()) {
        error = "Invalid pattern";
        return false;
    }
    args.any(a);
    patterns.clear();
    pattern_list = a->type == Arg::Type::List;
    if (!pattern_list) {
        patterns.push_back(a->value);
        return true;
    }
    for (const Arg& p : a->children) {
        if (p.type == Arg::Type::List) {
            error = "Invalid pattern list";
            return false;
        }
        patterns.push_back(p.value);
    }
    return true;
}

namespace {

// Dovecot's pattern_is_inboxcase(): could this pattern match "INBOX" or a name below it? Then the
// INBOX part of names is compared case-insensitively.
bool pattern_is_inboxcase(std::string_view pattern) {
    constexpr std::string_view inbox = "INBOX";
    std::size_t p = 0, ib = 0;
    auto up = [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); };
    while (p < pattern.size() && ib < inbox.size() && up(pattern[p]) == inbox[ib]) ++p, ++ib;
    const char c = p < pattern.size() ? pattern[p] : '\0';
    if (c != '%') return c == '*' || c == kHierarchyDelimiter || (ib == inbox.size() && c == '\0');
    // "I%B%X" style: the remaining letters of INBOX must appear in order before the next level.
    for (; p < pattern.size() && pattern[p] != '*' && pattern[p] != kHierarchyDelimiter; ++p) {
        if (pattern[p] == '%') continue;
        const std::size_t found = inbox.find(up(pattern[p]), ib);
        if (found == std::string_view::npos) return false;
        ib = found + 1;
        if (ib == inbox.size()) {
            ++p;
            if (p < pattern.size() && pattern[p] == '%') ++p;
            return p == pattern.size() || pattern[p] == '*' || pattern[p] == kHierarchyDelimiter;
        }
    }
    return true;
}

}  // namespace

ListPattern::ListPattern(std::string pattern) : pattern_(std::move(pattern)), inboxcase_(pattern_is_inboxcase(pattern_)) {}

bool ListPattern::matches(std::string_view name) const {
    // Positions below `inbox_end` compare case-insensitively (a leading "INBOX" of the name).
    std::size_t inbox_end = 0;
    if (inboxcase_ && name.size() >= 5 && iequals(name.substr(0, 5), "INBOX") && (name.size() == 5 || name[5] == kHierarchyDelimiter))
        inbox_end = 5;
    auto same = [&](char p, std::size_t j) {
        const char n = name[j];
        if (p == n) return true;
        return j < inbox_end && std::toupper(static_cast<unsigned char>(p)) == std::toupper(static_cast<unsigned char>(n));
    };
    // can[j]: the pattern so far matches name[0, j). One row per pattern character: O(|p|·|n|).
    const std::size_t n = name.size();
    std::vector<char> can(n + 1, 0), next(n + 1, 0);
    can[0] = 1;
    for (char p : pattern_) {
        std::fill(next.begin(), next.end(), 0);
        if (p == '*' || p == '%') {
            bool reach = false;
            for (std::size_t j = 0; j <= n; ++j) {
                if (can[j]) reach = true;
                if (reach) next[j] = 1;
                // "%" does not cross the hierarchy delimiter.
                if (p == '%' && j < n && name[j] == kHierarchyDelimiter) reach = false;
            }
        } else {
            for (std::size_t j = 0; j < n; ++j)
                if (can[j] && same(p, j)) next[j + 1] = 1;
        }
        can.swap(next);
    }
    return can[n] != 0;
}

}  // namespace imaplab::commands
