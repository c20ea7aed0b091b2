// CHECK — RFC 3501 §6.4.1 (removed in RFC 9051, where NOOP does the same).
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult check(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    return CommandResult::ok("Check completed.");
}

}  // namespace imaplab::commands
