// LOGOUT — RFC 9051 §6.1.3: the server sends an untagged BYE, then the tagged OK, then closes.
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult logout(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    s.unselect();
    s.untagged("BYE Logging out");
    s.change_state(SessionState::Logout, "LOGOUT");
    s.close();
    return CommandResult::ok("Logout completed.");
}

}  // namespace imaplab::commands
