// DELETEACL — RFC 4314 §3.2: deleteacl = "DELETEACL" SP mailbox SP identifier
// Removes the identifier's entry ("-name": its negative entry). Needs `a` (§4). As in Dovecot:
// an identifier without an entry is no error; "" is "BAD ... Invalid arguments.".
//   C: a DELETEACL Box bob
//   S: a OK Deleteacl complete.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult deleteacl(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire, identifier;
    if (!args.mailbox(wire) || !args.astring(identifier) || !args.end()) return CommandResult::bad_args(args.error());
    if (identifier.empty()) return CommandResult::bad_args("Invalid arguments.");
    bool negative = false;
    std::string_view id = identifier;
    if (id.front() == '-') {
        negative = true;
        id.remove_prefix(1);
    }
    if (!id.empty() && id.front() == '#') return CommandResult::bad_args("Global ACLs can't be modified: " + std::string(id));

    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (auto refused = require_admin(ref, *name)) return *refused;
    ref.mailbox->acl().remove(id, negative);
    return CommandResult::ok("Deleteacl complete.");
}

}  // namespace imaplab::commands
