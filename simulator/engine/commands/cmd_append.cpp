// APPEND — RFC 9051 §6.3.12 (RFC 3501 §6.3.11), APPENDUID from RFC 4315 (UIDPLUS):
//   append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal   (or literal8 ~{n}, RFC 3516)
// The new message gets the next UID; a session that has the mailbox selected learns of it with
// EXISTS (and RECENT in IMAP4rev1) at the end of its next command, this one included.
#include <memory>
#include <optional>

#include "codec/command_parser.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "engine/trace_events.hpp"
#include "store/mime/line_endings.hpp"
#include "types/date_time.hpp"

namespace imaplab::commands {

namespace {

/// Checks an APPEND and, when `store`, adds the message. Without `store` it stops where the message
/// would be saved and returns OK: append_refusal() uses that before the literal is sent.
CommandResult append_impl(CommandContext& ctx, bool store) {
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
    if (!store) return CommandResult::ok("");

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

}  // namespace

CommandResult append(CommandContext& ctx) { return append_impl(ctx, true); }

std::optional<CommandResult> append_refusal(Session& session, const std::string& so_far, const std::vector<LiteralSpan>& literals,
                                            std::size_t literal_size) {
    // The message literal is not here yet: stand in one octet for it (none for {0}), so the
    // mailbox, the flags, the date and the size are checked as they will be (Dovecot answers NO
    // [TRYCREATE], BAD for \Recent or a bad date, NO for a zero byte message, before its "+").
    std::string bytes = so_far;
    std::vector<LiteralSpan> spans = literals;
    spans.push_back({bytes.size(), literal_size > 0 ? 1u : 0u});
    if (literal_size > 0) bytes += 'x';
    auto parsed = parse_command(bytes, spans);
    if (!parsed) return std::nullopt;  // a syntax error is reported once the command is whole
    const auto& args = parsed.value().args;
    // Only the message literal (after the mailbox name) is checked: a literal mailbox name is not.
    if (args.size() < 2 || args.back().type != Arg::Type::Literal) return std::nullopt;
    CommandContext ctx{session, parsed.value(), false};
    CommandResult r = append_impl(ctx, false);
    if (r.status == ResponseStatus::Ok) return std::nullopt;
    return r;
}

}  // namespace imaplab::commands
