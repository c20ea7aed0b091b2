// IDLE — RFC 9051 §6.3.13. Not implemented yet: answers BAD so a client is never misled.
#include "engine/commands/commands.hpp"

namespace imaplab::commands {

CommandResult idle(CommandContext&) { return CommandResult::bad_args("Not implemented yet"); }

}  // namespace imaplab::commands
