// AUTHENTICATE — RFC 9051 §6.2.2. Not implemented yet: answers BAD so a client is never misled.
#include "engine/commands/commands.hpp"

namespace imaplab::commands {

CommandResult authenticate(CommandContext&) { return CommandResult::bad_args("Not implemented yet"); }

}  // namespace imaplab::commands
