// EXPUNGE — RFC 9051 §6.4.3: remove every message with \Deleted; one untagged EXPUNGE per message,
// each number valid at the moment it is sent (RFC 9051 §7.5.1).
#include <algorithm>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

namespace {
template <class Wanted>
void expunge_where(Session& s, bool announce, Wanted wanted) {
    SelectedMailbox& sel = *s.selected();
    Mailbox& mb = *sel.mailbox;
    const std::size_t recent_before = sel.recent.size();
    // Highest sequence number first: each line's number stays valid when it is read, because only
    // later messages have gone before it. Removal from the store and the view is one pass each.
    std::vector<Uid> gone;  // ascending
    std::vector<std::uint32_t> gone_seqs;
    for (std::size_t i = 0; i < sel.uids.size(); ++i) {
        const Uid uid{sel.uids[i]};
        const Message* m = mb.find(uid);
        if (!m || mb.is_tombstone(uid) || !wanted(*m)) continue;
        gone.push_back(uid);
        gone_seqs.push_back(static_cast<std::uint32_t>(i + 1));
    }
    if (gone.empty()) return;
    for (std::size_t k = gone.size(); k-- > 0;) {
        if (announce) s.untagged(std::to_string(gone_seqs[k]) + " EXPUNGE");
        s.trace(MessageExpunged{mb.name(), gone[k].value, gone_seqs[k]});
    }
    mb.expunge(gone, &s);
    auto is_gone = [&](std::uint32_t uid) { return std::binary_search(gone.begin(), gone.end(), Uid{uid}); };
    sel.uids.erase(std::remove_if(sel.uids.begin(), sel.uids.end(), is_gone), sel.uids.end());
    sel.recent.erase(std::remove_if(sel.recent.begin(), sel.recent.end(), is_gone), sel.recent.end());
    if (announce && !s.imap4rev2() && sel.recent.size() != recent_before) s.untagged(std::to_string(sel.recent.size()) + " RECENT");
}
}  // namespace

void expunge_deleted(Session& s, bool announce) {
    expunge_where(s, announce, [](const Message& m) { return (m.system_flags & kDeleted) != 0; });
}

void expunge_uids(Session& s, const std::vector<std::uint32_t>& uids) {
    expunge_where(s, true, [&](const Message& m) { return std::binary_search(uids.begin(), uids.end(), m.uid.value); });
}

CommandResult expunge(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    // Like Dovecot, EXPUNGE in a read-only (EXAMINEd) mailbox removes nothing and succeeds; so
    // does it without the e right (RFC 4314 §4; Dovecot succeeds silently "so users won't see
    // annoying error messages").
    if (!s.selected()->read_only && (selected_rights(s) & acl::kExpunge)) expunge_deleted(s, /*announce=*/true);
    return CommandResult::ok("Expunge completed.");
}

}  // namespace imaplab::commands
