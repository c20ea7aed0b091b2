// CLOSE — RFC 9051 §6.4.1: silently expunge \Deleted messages (when read-write) and return to
// Authenticated state. No untagged EXPUNGE responses are sent.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult close(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    // Without the e right (RFC 4314 §4) CLOSE just closes.
    if (!s.selected()->read_only && (selected_rights(s) & acl::kExpunge)) expunge_deleted(s, /*announce=*/false);
    s.unselect();
    s.change_state(SessionState::Authenticated, "CLOSE");
    return CommandResult::ok("Close completed.");
}

}  // namespace imaplab::commands
