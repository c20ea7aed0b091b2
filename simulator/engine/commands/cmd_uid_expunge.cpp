// UID EXPUNGE — RFC 9051 §6.4.9 (RFC 4315 §2.1): expunge only the \Deleted messages whose UIDs
// are in the set, so a client does not remove what another client marked.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/commands/sequence_resolver.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult uid_expunge(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    SequenceSet set;
    if (!args.sequence_set(set) || !args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    SelectedMailbox& sel = *s.selected();
    std::vector<std::uint32_t> seqs;
    std::string error;
    if (!resolve_sequence_set(sel, set, /*uid=*/true, seqs, error)) return CommandResult::bad_args(error);
    if (sel.read_only || !(selected_rights(s) & acl::kExpunge)) return CommandResult::ok("Expunge completed.");
    std::vector<std::uint32_t> uids;
    for (std::uint32_t seq : seqs) {
        const std::uint32_t uid = sel.uids[seq - 1];
        const Message* m = sel.mailbox->find(Uid{uid});
        if (m && (m->system_flags & kDeleted)) uids.push_back(uid);
    }
    expunge_uids(s, uids);
    return CommandResult::ok("Expunge completed.");
}

}  // namespace imaplab::commands
