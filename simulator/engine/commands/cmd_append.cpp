// APPEND — RFC 9051 §6.3.12 (RFC 3501 §6.3.11), APPENDUID from RFC 4315 (UIDPLUS):
//   append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal   (or literal8 ~{n}, RFC 3516)
// The new message gets the next UID; a session that has the mailbox selected learns of it with
// EXISTS (and RECENT in IMAP4rev1) at the end of its next command, this one included.
#include <memory>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "engine/trace_events.hpp"
#include "store/mime/line_endings.hpp"
#include "types/date_time.hpp"

namespace imaplab::commands {

CommandResult append(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string name;
    if (!args.mailbox(name)) return CommandResult::bad_args(args.error());
    FlagNames flags;
    if (args.peek() && args.peek()->type == Arg::Type::List && !args.flags(flags, /*allow_bare=*/false))
        return CommandResult::bad_args(args.error());
    std::optional<DateTime> date;
    if (args.peek() && args.peek()->type == Arg::Type::Quoted) {
        date = parse_imap_date_time(args.peek()->value);
        if (!date) return CommandResult::bad_args("Invalid internal date");
        const Arg* skip = nullptr;
        args.any(skip);
    }
    const Arg* data = nullptr;
    if (!args.any(data) || data->type != Arg::Type::Literal || !args.end()) return CommandResult::bad_args("Invalid arguments");

    CommandResult name_error;
    auto decoded = decode_mailbox_arg(s, name, name_error);
    if (!decoded) return name_error;
    // RFC 4314 §4: APPEND needs i; flags the rights do not allow are dropped silently.
    const MailboxRef ref = resolve_mailbox(s, *decoded);
    if (auto refused = require_right(ref, acl::kInsert, *decoded, code::kTryCreate)) return *refused;
    Mailbox* mb = ref.mailbox;
    if (data->value.empty()) return CommandResult::no("Can't save a zero byte message.");

    Message m;
    mb->set_flags(m, permitted_flags(flags, ref.rights));
    m.internal_date = date ? date->unix_seconds : s.now();
    m.tz_minutes = date ? date->tz_minutes : 0;
    // Stored as Dovecot saves it (bare LF becomes CRLF): sizes and sections count that text.
    m.text = std::make_shared<const std::string>(normalize_line_endings(data->value));
    const Uid uid = mb->append_next(std::move(m), &s);
    s.trace(message_added_event(*mb, *mb->find(uid)));
    return CommandResult::ok("Append completed.",
                             std::string(code::kAppendUid) + " " + std::to_string(mb->uidvalidity()) + " " + std::to_string(uid.value));
}

}  // namespace imaplab::commands
