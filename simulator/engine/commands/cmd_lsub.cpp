// LSUB — RFC 3501 §6.3.9. Not implemented yet: answers BAD so a client is never misled.
#include "engine/commands/commands.hpp"

namespace imaplab::commands {

CommandResult lsub(CommandContext&) { return CommandResult::bad_args("Not implemented yet"); }

}  // namespace imaplab::commands
