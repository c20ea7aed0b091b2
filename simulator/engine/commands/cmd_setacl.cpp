// SETACL — RFC 4314 §3.1: setacl = "SETACL" SP mailbox SP identifier SP mod-rights
//   mod-rights = astring   ; +rights adds, -rights removes, rights replaces
// Needs `a` (§4). Identifiers: user names, "anyone", "authenticated", "owner" (the mailbox's
// owner, Dovecot's), "-name" for a negative entry (§2). Right letters "lrswipkxtea", obsolete "c"
// = "kx" and "d" = "et" (§2.1.1). In Dovecot's words and order of checks:
//   SETACL Box "" lr        -> BAD Error in IMAP command SETACL: Invalid arguments.
//   SETACL Box #x lr        -> BAD Error in IMAP command SETACL: Global ACLs can't be modified: #x.
//   SETACL Box bob lrq      -> BAD Error in IMAP command SETACL: Invalid ACL right: q.
//   (mailbox unseen / no a) -> NO [NONEXISTENT] Mailbox doesn't exist: Box. / NO [NOPERM] You lack ...
//   SETACL Box bob lrs      -> OK Setacl complete.
// "anyone" and "authenticated" are allowed (Dovecot with `acl_anyone = allow`: a class shares
// with them). The owner cannot take `a` from themself on their own mailbox by accident: a
// replacement keeps it, a removal skips it, and a first "+" entry starts from all rights
// (Dovecot's imap_acl_update_ensure_keep_admins).
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"
#include "engine/trace_events.hpp"

namespace imaplab::commands {

CommandResult setacl(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire, identifier, rights_arg;
    if (!args.mailbox(wire) || !args.astring(identifier) || !args.astring(rights_arg) || !args.end())
        return CommandResult::bad_args(args.error());
    if (identifier.empty()) return CommandResult::bad_args("Invalid arguments.");
    bool negative = false;
    std::string_view id = identifier;
    if (id.front() == '-') {
        negative = true;
        id.remove_prefix(1);
    }
    AclModify mode = AclModify::Replace;
    std::string_view letters = rights_arg;
    if (!letters.empty() && (letters.front() == '+' || letters.front() == '-')) {
        mode = letters.front() == '+' ? AclModify::Add : AclModify::Remove;
        letters.remove_prefix(1);
    }
    if (!id.empty() && id.front() == '#') return CommandResult::bad_args("Global ACLs can't be modified: " + std::string(id));
    char bad = 0;
    auto rights = parse_acl_rights(letters, bad);
    if (!rights) return CommandResult::bad_args(std::string("Invalid ACL right: ") + bad);

    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (auto refused = require_admin(ref, *name)) return *refused;

    Acl& list = ref.mailbox->acl();
    const std::string& owner = ref.owner->user();
    AclRights r = *rights;
    if (!negative && ref.owner == s.account() && (id == "owner" || id == owner)) {
        // Keep the owner an administrator of their own mailbox.
        if (mode == AclModify::Replace) r |= acl::kAdmin;
        else if (mode == AclModify::Remove) r &= static_cast<AclRights>(~acl::kAdmin);
        else if (!list.has_positive_owner_rights(owner)) r |= acl::kAll;
    }
    list.modify(id, negative, mode, r);
    return CommandResult::ok("Setacl complete.");
}

}  // namespace imaplab::commands
