// MYRIGHTS — RFC 4314 §3.5 (response §3.8): myrights = "MYRIGHTS" SP mailbox. Any right lets the user ask (§4).
//   C: a MYRIGHTS shared/alice/Box
//   S: * MYRIGHTS shared/alice/Box lr
//   S: a OK Myrights completed.
// Rights in Dovecot's letter order "lrwstipekxa" with "c" / "d" after (RFC 4314 §2.1.1). As in
// Dovecot, a name in the user's own namespace that is not a mailbox answers the owner's default
// rights (all: the user could create it); a mailbox on which the user has no right (or only `p`)
// answers as a missing one: "NO [NONEXISTENT] Mailbox doesn't exist: NAME."
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult myrights(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    if (!args.mailbox(wire) || !args.end()) return CommandResult::bad_args(args.error());
    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (ref.rights == 0 || ref.rights == acl::kPost) return mailbox_does_not_exist(*name, code::kNonExistent);
    std::string line = "MYRIGHTS ";
    append_wire_mailbox(line, wire, s.imap4rev2());
    line += ' ';
    line += format_rights(ref.rights);
    s.untagged(line);
    return CommandResult::ok("Myrights completed.");
}

}  // namespace imaplab::commands
