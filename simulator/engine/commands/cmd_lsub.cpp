// LSUB — RFC 3501 §6.3.9: LSUB reference mailbox-pattern. IMAP4rev1 only: RFC 9051 dropped it in
// favour of LIST (SUBSCRIBED), so after ENABLE IMAP4rev2 (or on a rev2-only server) it is an
// unknown command.
// Lists the subscribed names the pattern matches — whether or not they are still mailboxes — with
// their special-use attributes (Dovecot shows them: "* LSUB (\Sent) "/" Sent"), else "()". When
// the pattern ends with "%", a level that is not subscribed but has subscribed names below it that
// the pattern does not reach is listed \Noselect (RFC 3501 §6.3.9):
//   C: a LSUB "" %          (Work/Projects subscribed, Work not)
//   S: * LSUB (\Noselect) "/" Work
// LSUB "" "" lists nothing (unlike LIST). With a parenthesised list of patterns (RFC 5258 syntax,
// which Dovecot accepts for LSUB too) the answer takes LIST-EXTENDED's form, as Dovecot's does:
// such a level is \NonExistent instead of \Noselect, and a name with subscribed names below it
// carries (CHILDINFO ("SUBSCRIBED")).
#include <algorithm>
#include <set>

#include "codec/mailbox_name.hpp"
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult lsub(CommandContext& ctx) {
    Session& s = ctx.session;
    const bool rev2 = s.imap4rev2();
    if (rev2) return CommandResult::bad_args("Unknown command");
    ArgReader args(ctx.command.args);
    std::string reference, error;
    std::vector<std::string> patterns;
    bool pattern_list = false;
    if (!read_list_reference_patterns(args, reference, patterns, pattern_list, error)) return CommandResult::bad_args(error);
    if (!args.at_end()) return CommandResult::bad_args("Extra arguments");

    struct Matcher {
        ListPattern pattern;
        bool ends_with_percent;
    };
    std::vector<Matcher> matchers;
    for (const auto& p : patterns) {
        if (p.empty()) continue;
        auto decoded = decode_mailbox_name(reference + p, rev2);
        if (decoded) matchers.push_back({ListPattern(*decoded), decoded->back() == '%'});
    }
    auto matches = [&](const std::string& name) {
        return std::any_of(matchers.begin(), matchers.end(), [&](const Matcher& m) { return m.pattern.matches(name); });
    };

    const Account& account = *s.account();
    std::set<std::string, bool (*)(std::string_view, std::string_view)> names(mailbox_name_less);
    std::set<std::string> noselect;
    for (const auto& sub : account.subscriptions()) {
        if (matches(sub)) {
            names.insert(sub);
            continue;
        }
        // Levels above a subscribed name the pattern does not reach.
        for (std::size_t p = sub.find(kHierarchyDelimiter); p != std::string::npos; p = sub.find(kHierarchyDelimiter, p + 1)) {
            const std::string level = sub.substr(0, p);
            if (account.is_subscribed(level)) continue;
            for (const auto& m : matchers)
                if (m.ends_with_percent && m.pattern.matches(level)) {
                    names.insert(level);
                    noselect.insert(level);
                }
        }
    }
    auto has_subscribed_child = [&](const std::string& name) {
        const std::string prefix = name + kHierarchyDelimiter;
        auto it = account.subscriptions().lower_bound(prefix);
        return it != account.subscriptions().end() && it->compare(0, prefix.size(), prefix) == 0;
    };
    for (const auto& name : names) {
        std::vector<std::string> attrs;
        if (noselect.count(name) && !pattern_list) attrs.emplace_back("\\Noselect");
        else if (noselect.count(name) && !account.find(name)) attrs.emplace_back("\\NonExistent");
        else
            for (const auto& a : account.special_use(name)) attrs.push_back(a);
        std::string line = "LSUB ";
        append_flag_list(line, attrs);
        line += " \"/\" ";
        append_mailbox_name(line, name, rev2);
        // A parenthesised pattern list makes Dovecot answer in LIST-EXTENDED style.
        if (pattern_list && has_subscribed_child(name)) line += " (CHILDINFO (\"SUBSCRIBED\"))";
        s.untagged(line);
    }
    return CommandResult::ok("Lsub completed.");
}

}  // namespace imaplab::commands
