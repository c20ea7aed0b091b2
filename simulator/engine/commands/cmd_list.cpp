// LIST — RFC 9051 §6.3.9 (RFC 3501 §6.3.8): LIST reference mailbox-pattern.
// "*" matches any characters including the hierarchy delimiter, "%" any except it.
// Each match is answered with: * LIST (attributes) "/" name
// Attributes: \HasChildren / \HasNoChildren (RFC 3348, part of RFC 9051), \Noselect for a level
// that exists only as the parent of other mailboxes.
#include <algorithm>
#include <set>

#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

namespace {

bool wildcard_match(std::string_view pattern, std::string_view name) {
    if (pattern.empty()) return name.empty();
    if (pattern[0] == '*') {
        for (std::size_t i = 0; i <= name.size(); ++i)
            if (wildcard_match(pattern.substr(1), name.substr(i))) return true;
        return false;
    }
    if (pattern[0] == '%') {
        for (std::size_t i = 0; i <= name.size(); ++i) {
            if (wildcard_match(pattern.substr(1), name.substr(i))) return true;
            if (i < name.size() && name[i] == kHierarchyDelimiter) return false;
        }
        return false;
    }
    return !name.empty() && pattern[0] == name[0] && wildcard_match(pattern.substr(1), name.substr(1));
}

// INBOX is case-insensitive: match the pattern with its INBOX part canonicalised.
bool mailbox_matches(const std::string& pattern, const std::string& name) {
    if (wildcard_match(pattern, name)) return true;
    std::string canon = canonical_mailbox_name(pattern);
    return canon != pattern && wildcard_match(canon, name);
}

std::string hierarchy_key(const std::string& name) {
    // Sort INBOX first, then by hierarchy levels (so "a/b" follows "a" before "a-b").
    std::string key = name.rfind("INBOX", 0) == 0 ? std::string("\x01") + name : name;
    std::replace(key.begin(), key.end(), kHierarchyDelimiter, '\x02');
    return key;
}

}  // namespace

CommandResult list(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    std::string reference, pattern;
    if (!args.mailbox(reference) || !args.list_mailbox(pattern) || !args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;

    if (pattern.empty()) {
        // RFC 9051 §6.3.9: an empty pattern asks for the hierarchy delimiter and root name.
        s.untagged("LIST (\\Noselect) \"/\" \"\"");
        return CommandResult::ok("List completed.");
    }
    const std::string full = reference + pattern;

    std::set<std::string> existing;
    for (const Mailbox* mb : s.account()->mailboxes()) existing.insert(mb->name());
    // RFC 9051 §6.3.9: when "%" ends the pattern, levels that exist only as parents of other
    // mailboxes are returned too, with \Noselect.
    std::set<std::string> candidates = existing;
    if (full.back() == '%')
        for (const auto& name : existing)
        for (std::size_t p = name.find(kHierarchyDelimiter); p != std::string::npos; p = name.find(kHierarchyDelimiter, p + 1))
            candidates.insert(name.substr(0, p));

    std::vector<std::string> matches;
    for (const auto& name : candidates)
        if (mailbox_matches(full, name)) matches.push_back(name);
    std::sort(matches.begin(), matches.end(), [](const std::string& a, const std::string& b) { return hierarchy_key(a) < hierarchy_key(b); });

    for (const auto& name : matches) {
        std::string line = "LIST (";
        if (!existing.count(name)) line += "\\Noselect ";
        line += s.account()->has_children(name) ? "\\HasChildren" : "\\HasNoChildren";
        line += ") \"/\" ";
        append_astring(line, name);
        s.untagged(line);
    }
    return CommandResult::ok("List completed.");
}

}  // namespace imaplab::commands
