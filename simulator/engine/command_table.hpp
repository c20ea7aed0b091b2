#pragma once
// The command table: one row per command — name, handler, the states it is valid in, flags, and
// the RFC section. The dispatcher checks the state, so handlers don't; views can show "what is
// legal in Selected?" from the same rows. (Shape from Dovecot's imap-commands.c.)
#include <cstdint>
#include <string_view>
#include <vector>

#include "codec/command_parser.hpp"
#include "engine/command_result.hpp"
#include "types/session_state.hpp"

namespace imaplab {

class Session;

/// What a handler gets: the session and the parsed command.
struct CommandContext {
    Session& session;
    const ParsedCommand& command;
    bool uid = false;  ///< the "UID" prefix was used (UID FETCH / UID STORE)
};

using CommandHandler = CommandResult (*)(CommandContext&);

struct CommandSpec {
    std::string_view name;        ///< upper-case, "UID FETCH" for UID variants
    CommandHandler handler;
    StateMask valid_in;           ///< states the command is allowed in
    bool uses_sequence_numbers;   ///< takes message sequence numbers (not UIDs)
    bool may_expunge;             ///< may remove messages (EXPUNGE, CLOSE)
    std::string_view rfc;         ///< e.g. "RFC 9051 §6.4.5"
    std::string_view summary;     ///< one line for learners
    /// No EXPUNGE responses while responding (FETCH, STORE, SEARCH: RFC 9051 §7.5.1).
    bool defers_expunges = false;
    /// The capability that brings the command ("ID", "ENABLE", "ACL"): when the configuration
    /// switches it off (ServerConfig::disabled_extensions), the dispatcher answers the command as
    /// unknown, after the state check. "" = always there.
    std::string_view extension = {};
};

/// All commands this server implements, in RFC order.
const std::vector<CommandSpec>& command_table();
/// The row for `name` (upper-case), or nullptr.
const CommandSpec* find_command(std::string_view name);

}  // namespace imaplab
