// CAPABILITY — RFC 9051 §6.1.1
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult capability(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    ctx.session.untagged("CAPABILITY " + ctx.session.capabilities());
    return CommandResult::ok("Capability completed.");
}

}  // namespace imaplab::commands
