// STATUS — RFC 9051 §6.3.11. Not implemented yet: answers BAD so a client is never misled.
#include "engine/commands/commands.hpp"

namespace imaplab::commands {

CommandResult status(CommandContext&) { return CommandResult::bad_args("Not implemented yet"); }

}  // namespace imaplab::commands
