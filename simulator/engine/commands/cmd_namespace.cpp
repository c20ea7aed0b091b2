// NAMESPACE — RFC 9051 §6.3.10, RFC 2342. One personal namespace with the empty prefix and "/" as
// hierarchy delimiter, no other users' and no shared namespaces — Dovecot's default:
//   C: a NAMESPACE
//   S: * NAMESPACE (("" "/")) NIL NIL
//   S: a OK Namespace completed.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult namespace_(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    ctx.session.untagged("NAMESPACE ((\"\" \"" + std::string(1, kHierarchyDelimiter) + "\")) NIL NIL");
    return CommandResult::ok("Namespace completed.");
}

}  // namespace imaplab::commands
