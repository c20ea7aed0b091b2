// NAMESPACE — RFC 9051 §6.3.10, RFC 2342. One personal namespace with the empty prefix and "/" as
// hierarchy delimiter, and the other users' mailboxes under "shared/" (RFC 4314; Dovecot's
// `namespace { type = shared; prefix = shared/%%u/; separator = / }` is listed as other users'):
//   C: a NAMESPACE
//   S: * NAMESPACE (("" "/")) (("shared/" "/")) NIL
//   S: a OK Namespace completed.
// With ACL disabled in the configuration there is no shared namespace: (("" "/")) NIL NIL.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult namespace_(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    const std::string delim(1, kHierarchyDelimiter);
    const std::string others =
        acl_enabled(ctx.session) ? "((\"" + std::string(kSharedRoot) + delim + "\" \"" + delim + "\"))" : std::string("NIL");
    ctx.session.untagged("NAMESPACE ((\"\" \"" + delim + "\")) " + others + " NIL");
    return CommandResult::ok("Namespace completed.");
}

}  // namespace imaplab::commands
