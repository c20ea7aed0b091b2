// UNSELECT — RFC 9051 §6.4.2 (RFC 3691): leave the mailbox without expunging.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult unselect(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    s.unselect();
    s.change_state(SessionState::Authenticated, "UNSELECT");
    return CommandResult::ok("Unselect completed.");
}

}  // namespace imaplab::commands
