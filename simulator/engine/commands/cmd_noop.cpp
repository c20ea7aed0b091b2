// NOOP — RFC 9051 §6.1.2
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult noop(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    return CommandResult::ok("NOOP completed.");
}

}  // namespace imaplab::commands
