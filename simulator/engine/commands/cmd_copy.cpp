// COPY and MOVE — RFC 9051 §6.4.7-8. Not implemented yet: answers BAD so a client is never misled.
#include "engine/commands/commands.hpp"

namespace imaplab::commands {

CommandResult copy(CommandContext&) { return CommandResult::bad_args("Not implemented yet"); }

}  // namespace imaplab::commands
