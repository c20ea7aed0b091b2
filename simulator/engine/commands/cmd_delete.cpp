// DELETE — RFC 9051 §6.3.5 (RFC 3501 §6.3.4): delete mailbox
// The mailbox and its messages go. Mailboxes below it stay, so the name lives on as a level of
// the hierarchy with \Noselect — RFC 3501 §6.3.4's rule for a mailbox with inferiors. A name that
// is only such a level (not a mailbox) cannot be deleted: Dovecot answers as for a missing one.
// INBOX cannot be deleted (RFC 9051 §6.3.5 makes it an error). Subscriptions are kept (RFC 3501
// §6.3.6: a server must not remove a name from the subscription list because the mailbox is gone;
// Dovecot keeps them). A mailbox created again under the name gets a new UIDVALIDITY.
// Deleting the selected mailbox answers OK and then ends the connection, as Dovecot does:
//   C: a DELETE Trash      S: a OK Delete completed.
//                          S: * BYE Selected mailbox was deleted, have to disconnect.
// (the BYE comes from the session, which the mailbox tells it is gone; other sessions that have
// it selected get the same BYE).
// Rights (RFC 4314 §4): DELETE needs x; without it "NO [NOPERM] Permission denied." when the user
// can see the mailbox (l), else it is missing. In the shared namespace, as Dovecot answers:
//   DELETE shared        -> NO [CANNOT] Storage root can't be deleted.
//   DELETE shared/alice  -> NO INBOX can't be deleted.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

CommandResult delete_mailbox(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    if (!args.mailbox(wire) || !args.end()) return CommandResult::bad_args(args.error());

    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    if (iequals(*name, "INBOX")) return CommandResult::no("INBOX can't be deleted.");
    if (name->empty() || *name == kSharedRoot) return CommandResult::no("Storage root can't be deleted.", std::string(code::kCannot));
    name = checked_mailbox_arg(s, wire, error);
    if (!name) return error;

    const MailboxRef ref = resolve_mailbox(s, *name);
    if (ref.shared && (ref.local.empty() || ref.local == "INBOX")) return CommandResult::no("INBOX can't be deleted.");
    if (auto refused = require_right(ref, acl::kDelete, *name, code::kNonExistent)) return *refused;
    Account& account = *ref.owner;
    Mailbox* mb = ref.mailbox;
    const std::string deleted = mb->name();
    account.remove(deleted);
    s.trace(MailboxDeleted{deleted});
    return CommandResult::ok("Delete completed.");
}

}  // namespace imaplab::commands
