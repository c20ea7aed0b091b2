// LISTRIGHTS — RFC 4314 §3.4 (response §3.7): listrights = "LISTRIGHTS" SP mailbox SP identifier.
//   C: a LISTRIGHTS Box bob
//   S: * LISTRIGHTS Box bob "" l r w s t p i e k x a c d
//   S: a OK Listrights completed.
// Every right can be granted on its own and none is granted always, whoever the identifier is:
// Dovecot's fixed answer. It needs `a`, as GETACL does (RFC 4314 §4; Dovecot 2.3.19 answers
// anyone for any name, even one that does not exist — we do not, so existence does not leak).
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult listrights(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire, identifier;
    if (!args.mailbox(wire) || !args.astring(identifier) || !args.end()) return CommandResult::bad_args(args.error());
    CommandResult error;
    auto name = decode_mailbox_arg(s, wire, error);
    if (!name) return error;
    const MailboxRef ref = resolve_mailbox(s, *name);
    if (auto refused = require_admin(ref, *name)) return *refused;
    std::string line = "LISTRIGHTS ";
    append_wire_mailbox(line, wire, s.imap4rev2());
    line += ' ';
    append_astring(line, identifier);
    line += ' ';
    line += kListRights;
    s.untagged(line);
    return CommandResult::ok("Listrights completed.");
}

}  // namespace imaplab::commands
