// STATUS — RFC 9051 §6.3.11 (RFC 3501 §6.3.10), SIZE from RFC 8438:
//   status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"
// Items: MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, SIZE; RECENT in IMAP4rev1 only, DELETED in
// IMAP4rev2 only. The answer lists them in a fixed order whatever the order asked (Dovecot's), and
// names the mailbox exactly as the client wrote it:
//   C: a STATUS inbox (UNSEEN MESSAGES)
//   S: * STATUS inbox (MESSAGES 5 UNSEEN 2)
//   S: a OK Status completed.
// STATUS of the selected mailbox works; Dovecot adds a hint that the client should not need it
// (RFC 9051 §6.3.11: "SHOULD NOT be used on the currently selected mailbox"):
//   S: a OK [CLIENTBUG] Status on selected mailbox completed.
// A name that is not a mailbox (a \Noselect level included): "NO Mailbox doesn't exist: x." with no
// response code, as in Dovecot.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult status(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    const Arg* list = nullptr;
    if (!args.mailbox(wire) || !args.any(list)) return CommandResult::bad_args(args.error());
    if (list->type != Arg::Type::List) return CommandResult::bad_args("Invalid arguments");
    StatusItems items;
    std::string item_error;
    if (!parse_status_items(list->children, s.imap4rev2(), items, item_error)) return CommandResult::bad_args(item_error);
    if (!args.end()) return CommandResult::bad_args(args.error());

    CommandResult error;
    auto name = checked_mailbox_arg(s, wire, error);
    if (!name) return error;
    // RFC 4314 §4: STATUS needs r; without l or r the mailbox is missing.
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (!ref.visible()) return mailbox_does_not_exist(*name);
    if (!ref.has(acl::kRead)) return permission_denied();
    const Mailbox* mb = ref.mailbox;

    std::string echoed;
    append_wire_mailbox(echoed, wire, s.imap4rev2());
    write_status(s, *mb, echoed, items);
    if (s.selected() && s.selected()->mailbox == mb)
        return CommandResult::ok("Status on selected mailbox completed.", std::string(code::kClientBug));
    return CommandResult::ok("Status completed.");
}

}  // namespace imaplab::commands
