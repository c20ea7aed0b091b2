// EXPUNGE — RFC 9051 §6.4.3: remove every message with \Deleted; one untagged EXPUNGE per message,
// each number valid at the moment it is sent (RFC 9051 §7.5.1).
#include <algorithm>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

void expunge_deleted(Session& s, bool announce) {
    SelectedMailbox& sel = *s.selected();
    Mailbox& mb = *sel.mailbox;
    const std::size_t recent_before = sel.recent.size();
    // Highest sequence number first: each line's number stays valid when it is read.
    for (std::size_t i = sel.uids.size(); i-- > 0;) {
        const std::uint32_t uid = sel.uids[i];
        const Message* m = mb.find(Uid{uid});
        if (!m || !(m->system_flags & kDeleted) || mb.is_tombstone(Uid{uid})) continue;
        const auto seq = static_cast<std::uint32_t>(i + 1);
        mb.expunge(Uid{uid}, &s);
        sel.uids.erase(sel.uids.begin() + static_cast<std::ptrdiff_t>(i));
        auto r = std::lower_bound(sel.recent.begin(), sel.recent.end(), uid);
        if (r != sel.recent.end() && *r == uid) sel.recent.erase(r);
        if (announce) s.untagged(std::to_string(seq) + " EXPUNGE");
        s.trace(MessageExpunged{mb.name(), uid, seq});
    }
    if (announce && sel.recent.size() != recent_before) s.untagged(std::to_string(sel.recent.size()) + " RECENT");
}

CommandResult expunge(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    // Like Dovecot, EXPUNGE in a read-only (EXAMINEd) mailbox removes nothing and succeeds.
    if (!s.selected()->read_only) expunge_deleted(s, /*announce=*/true);
    return CommandResult::ok("Expunge completed.");
}

}  // namespace imaplab::commands
