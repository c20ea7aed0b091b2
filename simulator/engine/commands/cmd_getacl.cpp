// GETACL — RFC 4314 §3.3 (response ACL §3.6): getacl = "GETACL" SP mailbox. Needs the `a` right (§4).
//   C: a GETACL Box
//   S: * ACL Box anyone l bob lrs alice lrwstipekxacd
//   S: a OK Getacl completed.
// As Dovecot writes it: entries in its order (anyone, authenticated, owner, users), each right
// list in its stored order (format_stored_rights), a negative entry as "-bob r" after bob's
// positive one, an empty list as "". The "owner" entry is written with the owner's user name
// (unless the list also has an entry under that name). In the user's own namespace, when no entry
// gives the owner rights, the owner's implicit ones follow last: "alice lrwstipekxacd".
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult getacl(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    if (!args.mailbox(wire) || !args.end()) return CommandResult::bad_args(args.error());
    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (auto refused = require_admin(ref, *name)) return *refused;

    const Acl& list = ref.mailbox->acl();
    const std::string& owner = ref.owner->user();
    const auto entries = list.entries();
    bool convert_owner = true;  // Dovecot: not when both "owner" and the owner's name have entries
    bool has_owner = false, has_owner_name = false;
    for (const auto& e : entries) {
        has_owner = has_owner || e.identifier == "owner";
        has_owner_name = has_owner_name || e.identifier == owner;
    }
    if (has_owner && has_owner_name) convert_owner = false;

    std::string line = "ACL ";
    append_wire_mailbox(line, wire, s.imap4rev2());
    auto put = [&](std::string_view id, bool negative, AclRights rights, bool stored) {
        line += ' ';
        std::string who = negative ? "-" : "";
        who += id == "owner" && convert_owner ? owner : std::string(id);
        append_astring(line, who);
        line += ' ';
        line += stored ? format_stored_rights(rights) : format_rights(rights);
    };
    for (const auto& e : entries) {
        if (e.positive) put(e.identifier, false, *e.positive, true);
        if (e.negative) put(e.identifier, true, *e.negative, true);
    }
    if (ref.owner == s.account() && !list.has_positive_owner_rights(owner)) put(owner, false, acl::kAll, false);
    s.untagged(line);
    return CommandResult::ok("Getacl completed.");
}

}  // namespace imaplab::commands
