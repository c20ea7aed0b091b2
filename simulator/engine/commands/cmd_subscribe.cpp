// SUBSCRIBE and UNSUBSCRIBE — RFC 9051 §6.3.7, §6.3.8 (RFC 3501 §6.3.6, §6.3.7).
// The subscription list holds names, which need not stay mailboxes: DELETE and RENAME leave it
// alone (RFC 3501 §6.3.6; Dovecot), and LIST (SUBSCRIBED) shows such a name \NonExistent.
// As in Dovecot:
//   SUBSCRIBE needs an existing mailbox   -> NO Mailbox doesn't exist: x.   (no response code)
//   SUBSCRIBE twice                       -> OK Subscribe completed.
//   UNSUBSCRIBE of a name not subscribed  -> OK Unsubscribe completed.
//   UNSUBSCRIBE checks the name           -> NO [CANNOT] Invalid mailbox name: Name is empty.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult subscribe(CommandContext& ctx) {
    const bool on = ctx.command.name == "SUBSCRIBE";
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    if (!args.mailbox(wire) || !args.end()) return CommandResult::bad_args(args.error());

    CommandResult error;
    Account& account = *s.account();
    if (on) {
        auto name = decode_mailbox_arg(s, wire, error);
        if (!name) return error;
        // Dovecot lets any of l, r, i subscribe (RFC 4314 §4 names l). A shared mailbox's name goes
        // into the user's own subscriptions (the namespace has `subscriptions = no`).
        const MailboxRef ref = resolve_mailbox(s, *name);
        if (!ref.mailbox || !(ref.rights & (acl::kLookup | acl::kRead | acl::kInsert))) return mailbox_does_not_exist(*name);
        const std::string full = client_mailbox_name(s, *ref.owner, ref.mailbox->name());
        account.subscribe(full);
        s.trace(MailboxSubscribed{full, true});
        return CommandResult::ok("Subscribe completed.");
    }
    auto name = checked_mailbox_arg(s, wire, error);
    if (!name) return error;
    account.unsubscribe(*name);
    s.trace(MailboxSubscribed{canonical_mailbox_name(*name), false});
    return CommandResult::ok("Unsubscribe completed.");
}

}  // namespace imaplab::commands
