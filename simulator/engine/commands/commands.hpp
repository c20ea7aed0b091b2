#pragma once
// Command handlers, one file each (engine/commands/cmd_<verb>.cpp). Each parses its arguments,
// acts on the store, and writes its untagged responses; the tagged response is written by the
// session from the returned CommandResult. The dispatcher has already checked the state.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/command_table.hpp"

namespace imaplab::commands {

CommandResult capability(CommandContext& ctx);  // RFC 9051 §6.1.1
CommandResult noop(CommandContext& ctx);        // RFC 9051 §6.1.2
CommandResult logout(CommandContext& ctx);      // RFC 9051 §6.1.3
CommandResult login(CommandContext& ctx);       // RFC 9051 §6.2.3
CommandResult select(CommandContext& ctx);      // RFC 9051 §6.3.2 (SELECT) and §6.3.3 (EXAMINE)
CommandResult list(CommandContext& ctx);        // RFC 9051 §6.3.9
CommandResult check(CommandContext& ctx);       // RFC 3501 §6.4.1
CommandResult close(CommandContext& ctx);       // RFC 9051 §6.4.1
CommandResult unselect(CommandContext& ctx);    // RFC 9051 §6.4.2, RFC 3691
CommandResult expunge(CommandContext& ctx);     // RFC 9051 §6.4.3
CommandResult fetch(CommandContext& ctx);       // RFC 9051 §6.4.5 (and UID FETCH, §6.4.9)
CommandResult store(CommandContext& ctx);       // RFC 9051 §6.4.6 (and UID STORE, §6.4.9)

// Any state
CommandResult id(CommandContext& ctx);          // RFC 2971
CommandResult enable(CommandContext& ctx);      // RFC 5161, RFC 9051 §6.3.1
// Not Authenticated
CommandResult authenticate(CommandContext& ctx);  // RFC 9051 §6.2.2, RFC 4959 (SASL-IR)
CommandResult starttls(CommandContext& ctx);      // RFC 9051 §6.2.1
// Authenticated: mailboxes
CommandResult create(CommandContext& ctx);      // RFC 9051 §6.3.4
CommandResult delete_mailbox(CommandContext& ctx);  // RFC 9051 §6.3.5
CommandResult rename(CommandContext& ctx);      // RFC 9051 §6.3.6
CommandResult subscribe(CommandContext& ctx);   // RFC 9051 §6.3.7 (and UNSUBSCRIBE, §6.3.8)
CommandResult lsub(CommandContext& ctx);        // RFC 3501 §6.3.9
CommandResult namespace_(CommandContext& ctx);  // RFC 9051 §6.3.10, RFC 2342
CommandResult status(CommandContext& ctx);      // RFC 9051 §6.3.11
CommandResult append(CommandContext& ctx);      // RFC 9051 §6.3.12, RFC 4315 (APPENDUID)
/// Before the "+" for APPEND's message literal: the refusal the command will get anyway (no such
/// mailbox, a bad flag or date, a zero byte message), so the client need not send the message.
/// `so_far` is the command up to and including the literal announcement's line end.
std::optional<CommandResult> append_refusal(Session& session, const std::string& so_far, const std::vector<LiteralSpan>& literals,
                                            std::size_t literal_size);
CommandResult idle(CommandContext& ctx);        // RFC 9051 §6.3.13, RFC 2177
// Selected
CommandResult search(CommandContext& ctx);      // RFC 9051 §6.4.4 (and UID SEARCH), RFC 4731, RFC 5182
CommandResult copy(CommandContext& ctx);        // RFC 9051 §6.4.7 / §6.4.8 (COPY, MOVE and UID variants), RFC 6851
CommandResult uid_expunge(CommandContext& ctx); // RFC 9051 §6.4.9, RFC 4315
// ACL (RFC 4314), Authenticated and Selected
CommandResult setacl(CommandContext& ctx);      // RFC 4314 §3.1
CommandResult deleteacl(CommandContext& ctx);   // RFC 4314 §3.2
CommandResult getacl(CommandContext& ctx);      // RFC 4314 §3.3
CommandResult listrights(CommandContext& ctx);  // RFC 4314 §3.4
CommandResult myrights(CommandContext& ctx);    // RFC 4314 §3.5

}  // namespace imaplab::commands

namespace imaplab::commands {
/// Removes the \Deleted messages of the selected mailbox. With `announce`, writes
/// "* n EXPUNGE" for each (highest sequence number first, so no number shifts before it is sent,
/// as Dovecot does) and "* n RECENT" when the recent count changed. Records MessageExpunged events.
void expunge_deleted(Session& session, bool announce);
/// Expunges the messages with these UIDs (callers check \Deleted) from the selected mailbox,
/// announcing them like EXPUNGE does (MOVE, UID EXPUNGE).
void expunge_uids(Session& session, const std::vector<std::uint32_t>& uids);
}  // namespace imaplab::commands

namespace imaplab::commands {
/// Writes "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)]" for the selected mailbox.
void write_flags_responses(Session& session);
}  // namespace imaplab::commands
