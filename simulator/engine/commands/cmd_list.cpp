// LIST — RFC 9051 §6.3.9 (RFC 3501 §6.3.8), extended by RFC 5258 (LIST-EXTENDED), RFC 6154
// (SPECIAL-USE), RFC 5819 (LIST-STATUS) and RFC 3348 (CHILDREN):
//   list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
//   list-select-opts = "(" [SUBSCRIBED / REMOTE / RECURSIVEMATCH / SPECIAL-USE ...] ")"
//   mbox-or-pat      = list-mailbox / "(" list-mailbox *(SP list-mailbox) ")"
//   list-return-opts = "RETURN" SP "(" [SUBSCRIBED / CHILDREN / SPECIAL-USE / STATUS (...)] ")"
// The reference and the pattern are joined as they are ("LIST Archive/ %" lists Archive/%); "*"
// matches anything, "%" anything but "/". Every level of the hierarchy can match, including levels
// that exist only as parents of other mailboxes (Dovecot lists those for "*" too).
//
// A basic LIST (no options, one pattern) answers as Dovecot does:
//   * LIST (\HasChildren) "/" INBOX
//   * LIST (\Noselect \HasChildren) "/" Archive        a level that is not a mailbox
//   * LIST (\HasNoChildren \Sent) "/" Sent             special-use attributes last
// An extended LIST (selection options, RETURN options, or a parenthesised pattern list, even
// empty) shows only what was asked: \Subscribed with SUBSCRIBED, \HasChildren / \HasNoChildren
// with RETURN (CHILDREN), special-use attributes with SPECIAL-USE, and \NonExistent instead of
// \Noselect (RFC 5258 §3.4). LIST (SUBSCRIBED RECURSIVEMATCH) "" % adds
//   * LIST (\NonExistent) "/" Work (CHILDINFO ("SUBSCRIBED"))
// for a level the pattern matches whose subscribed descendants the pattern does not reach; a
// subscribed name with subscribed descendants gets it too: "* LIST (\Subscribed) "/" INBOX
// (CHILDINFO ("SUBSCRIBED"))".
// RETURN (STATUS (...)) follows each selectable mailbox's LIST line with its STATUS line.
// LIST "" "" answers the delimiter and the root of the reference: * LIST (\Noselect) "/" "".
// Names are in hierarchy order (INBOX first, each mailbox followed by its children).
// The shared namespace (RFC 4314 §4, Dovecot's `list = children`): another user's mailbox on
// which this user has l is listed as shared/OWNER/name; "shared" and "shared/OWNER" are \Noselect
// levels, there only when something below them is visible:
//   * LIST (\Noselect \HasChildren) "/" shared
//   * LIST (\Noselect \HasChildren) "/" shared/alice
//   * LIST (\HasNoChildren) "/" shared/alice/Box
#include <algorithm>
#include <map>
#include <set>

#include "codec/mailbox_name.hpp"
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

namespace {

struct ListOptions {
    bool extended = false;
    bool select_subscribed = false;
    bool select_special_use = false;
    bool recursive_match = false;
    bool return_subscribed = false;
    bool return_children = false;
    bool return_special_use = false;
    bool return_status = false;
    StatusItems status;
};

bool upper_is(const Arg& a, std::string_view word) { return a.type == Arg::Type::Atom && iequals(a.value, word); }

bool parse_selection(const Arg& list, ListOptions& o, std::string& error) {
    for (const Arg& a : list.children) {
        if (a.type != Arg::Type::Atom) {
            error = "List options contains non-atoms";
            return false;
        }
        if (upper_is(a, "SUBSCRIBED")) o.select_subscribed = true;
        else if (upper_is(a, "REMOTE")) {}  // no remote mailboxes here (RFC 5258 §3.1)
        else if (upper_is(a, "RECURSIVEMATCH")) o.recursive_match = true;
        else if (upper_is(a, "SPECIAL-USE")) o.select_special_use = true;
        else {
            error = "Unknown select options";
            return false;
        }
    }
    // RFC 5258 §3.1: RECURSIVEMATCH only modifies another selection option.
    if (o.recursive_match && !o.select_subscribed && !o.select_special_use) {
        error = "RECURSIVEMATCH must not be the only selection";
        return false;
    }
    return true;
}

bool parse_return(const Arg& list, bool rev2, ListOptions& o, std::string& error) {
    const auto& items = list.children;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Arg& a = items[i];
        if (a.type != Arg::Type::Atom) {
            error = "List options contains non-atoms";
            return false;
        }
        if (upper_is(a, "SUBSCRIBED")) o.return_subscribed = true;
        else if (upper_is(a, "CHILDREN")) o.return_children = true;
        else if (upper_is(a, "SPECIAL-USE")) o.return_special_use = true;
        else if (upper_is(a, "STATUS") && i + 1 < items.size() && items[i + 1].type == Arg::Type::List) {
            if (!parse_status_items(items[i + 1].children, rev2, o.status, error)) return false;
            o.return_status = true;  // RFC 5819 §2; a second STATUS (...) replaces the first (Dovecot)
            ++i;
        } else {
            error = "Unknown return options";
            return false;
        }
    }
    return true;
}

// LIST "" "": the hierarchy delimiter and the root name of the reference (RFC 9051 §6.3.9).
std::string reference_root(std::string_view reference) {
    const std::size_t p = reference.find(kHierarchyDelimiter);
    return p == std::string_view::npos ? std::string() : std::string(reference.substr(0, p + 1));
}

}  // namespace

CommandResult list(CommandContext& ctx) {
    Session& s = ctx.session;
    const bool rev2 = s.imap4rev2();
    ArgReader args(ctx.command.args);
    ListOptions o;
    std::string error;
    if (args.peek() && args.peek()->type == Arg::Type::List) {
        const Arg* sel = nullptr;
        args.any(sel);
        o.extended = true;
        if (!parse_selection(*sel, o, error)) return CommandResult::bad_args(error);
    }
    std::string reference;
    std::vector<std::string> patterns;
    bool pattern_list = false;
    if (!read_list_reference_patterns(args, reference, patterns, pattern_list, error)) return CommandResult::bad_args(error);
    o.extended = o.extended || pattern_list;
    if (!args.at_end()) {
        const Arg* word = nullptr;
        args.any(word);
        const Arg* ret = args.peek();
        if (!upper_is(*word, "RETURN") || !ret || ret->type != Arg::Type::List) return CommandResult::bad_args("Extra arguments");
        args.any(ret);
        o.extended = true;
        if (!parse_return(*ret, rev2, o, error)) return CommandResult::bad_args(error);
        if (!args.at_end()) return CommandResult::bad_args("Extra arguments");
    }
    Account& account = *s.account();

    // Other users' mailboxes this user may see (l), with the levels above them: name -> mailbox?
    std::map<std::string, const Mailbox*, std::less<>> shared;
    if (acl_enabled(s)) {
        for (const Account* other : s.store().accounts()) {
            if (other == &account) continue;
            for (const Mailbox* mb : other->mailboxes()) {
                if (!(rights_on(s, *mb, *other) & acl::kLookup)) continue;
                const std::string full = client_mailbox_name(s, *other, mb->name());
                shared[full] = mb;
                for (std::size_t p = full.find(kHierarchyDelimiter); p != std::string::npos; p = full.find(kHierarchyDelimiter, p + 1))
                    shared.emplace(full.substr(0, p), nullptr);
            }
        }
    }
    const std::string shared_prefix = std::string(kSharedRoot) + kHierarchyDelimiter;
    auto in_shared = [&](const std::string& name) { return name == kSharedRoot || name.compare(0, shared_prefix.size(), shared_prefix) == 0; };
    // A listed name as a mailbox (nullptr for a level), and whether something visible is below it.
    auto mailbox_of = [&](const std::string& name) -> const Mailbox* {
        if (!in_shared(name)) return account.find(name);
        auto it = shared.find(name);
        return it == shared.end() ? nullptr : it->second;
    };
    auto has_children = [&](const std::string& name) {
        if (!in_shared(name)) return account.has_children(name);
        const std::string prefix = name + kHierarchyDelimiter;
        auto it = shared.lower_bound(prefix);
        return it != shared.end() && it->first.compare(0, prefix.size(), prefix) == 0;
    };

    // RFC 9051 §6.3.9: an empty pattern asks for the delimiter (not in an extended LIST: Dovecot
    // answers nothing there).
    if (!o.extended && patterns.size() == 1 && patterns[0].empty()) {
        std::string line = "LIST (\\Noselect) \"/\" ";
        auto ref = decode_mailbox_name(reference, rev2);
        append_mailbox_name(line, ref ? reference_root(*ref) : std::string(), rev2);
        s.untagged(line);
        return CommandResult::ok("List completed.");
    }

    std::vector<ListPattern> matchers;
    for (const auto& p : patterns) {
        if (p.empty()) continue;
        auto decoded = decode_mailbox_name(reference + p, rev2);
        if (decoded) matchers.emplace_back(std::move(*decoded));  // an invalid pattern matches nothing
    }
    auto matches = [&](const std::string& name) {
        return std::any_of(matchers.begin(), matchers.end(), [&](const ListPattern& m) { return m.matches(name); });
    };

    // What the selection options select. The subscription list may hold names that are not
    // mailboxes any more; they are listed \NonExistent.
    std::set<std::string, bool (*)(std::string_view, std::string_view)> names(mailbox_name_less);
    std::set<std::string> childinfo;  // RECURSIVEMATCH: levels listed for their subscribed children
    if (o.select_subscribed) {
        for (const auto& n : account.subscriptions())
            if (matches(n)) names.insert(n);
    } else {
        for (auto& n : account.hierarchy())
            if (matches(n) && !in_shared(n)) names.insert(n);
        for (const auto& [n, _] : shared)
            if (matches(n)) names.insert(n);
    }
    if (o.select_special_use) {
        for (auto it = names.begin(); it != names.end();)
            it = account.special_use(*it).empty() ? names.erase(it) : std::next(it);
    }
    if (o.recursive_match && o.select_subscribed) {
        // CHILDINFO (RFC 5258 §3.5) as Dovecot gives it: a listed subscribed name with any
        // subscribed descendant; a level the pattern matches, not subscribed itself, with a
        // subscribed descendant that the pattern does not reach (with "*" the descendant is
        // listed itself instead) — that level is listed for it.
        std::set<std::string> levels;
        for (const auto& n : account.hierarchy()) levels.insert(n);
        for (const auto& sub : account.subscriptions())
            for (std::size_t p = sub.find(kHierarchyDelimiter); p != std::string::npos; p = sub.find(kHierarchyDelimiter, p + 1))
                levels.insert(sub.substr(0, p));
        for (const auto& level : levels) {
            if (!matches(level)) continue;
            const bool selected = names.count(level) > 0;
            const std::string prefix = level + kHierarchyDelimiter;
            for (const auto& sub : account.subscriptions())
                if (sub.compare(0, prefix.size(), prefix) == 0 && (selected || !matches(sub)) &&
                    (!o.select_special_use || !account.special_use(sub).empty())) {
                    childinfo.insert(level);
                    names.insert(level);
                    break;
                }
        }
    }

    for (const auto& name : names) {
        const Mailbox* mailbox = mailbox_of(name);
        const bool real = mailbox != nullptr;
        std::vector<std::string> attrs;
        if (!o.extended) {
            if (!real) attrs.emplace_back("\\Noselect");
            attrs.emplace_back(has_children(name) ? "\\HasChildren" : "\\HasNoChildren");
            for (const auto& a : account.special_use(name)) attrs.push_back(a);
        } else {
            if ((o.select_subscribed || o.return_subscribed) && account.is_subscribed(name)) attrs.emplace_back("\\Subscribed");
            if (!real) attrs.emplace_back("\\NonExistent");
            if (o.return_children)
                attrs.emplace_back(has_children(name) || childinfo.count(name) ? "\\HasChildren" : "\\HasNoChildren");
            if (o.select_special_use || o.return_special_use)
                for (const auto& a : account.special_use(name)) attrs.push_back(a);
        }
        std::string line = "LIST ";
        append_flag_list(line, attrs);
        line += " \"/\" ";
        std::string encoded;
        append_mailbox_name(encoded, name, rev2);
        line += encoded;
        if (childinfo.count(name)) line += " (CHILDINFO (\"SUBSCRIBED\"))";
        s.untagged(line);
        // RETURN (STATUS) needs r on the mailbox, as STATUS does (RFC 4314 §4).
        if (o.return_status && real && (!in_shared(name) || (resolve_mailbox(s, name).rights & acl::kRead)))
            write_status(s, *mailbox, encoded, o.status);
    }
    return CommandResult::ok("List completed.");
}

}  // namespace imaplab::commands
