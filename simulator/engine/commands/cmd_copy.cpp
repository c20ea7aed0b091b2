// COPY, MOVE and their UID variants — RFC 9051 §6.4.7, §6.4.8, §6.4.9 (RFC 3501 §6.4.7,
// RFC 6851 MOVE, RFC 4315 COPYUID). Copies keep flags and INTERNALDATE and get new UIDs in the
// destination, where they are \Recent for the next session to select it. MOVE then expunges the
// originals, saying "* OK [COPYUID ...] Moved UIDs." before the EXPUNGE responses (Dovecot).
#include <algorithm>
#include <memory>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/commands/number_set.hpp"
#include "engine/commands/sequence_resolver.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "engine/trace_events.hpp"

namespace imaplab::commands {

CommandResult copy(CommandContext& ctx) {
    const bool move = ctx.command.name == "MOVE" || ctx.command.name == "UID MOVE";
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    SequenceSet set;
    std::string name;
    if (!args.sequence_set(set) || !args.mailbox(name) || !args.end()) return CommandResult::bad_args(args.error());
    SelectedMailbox& sel = *s.selected();
    std::vector<std::uint32_t> seqs;
    std::string error;
    if (!resolve_sequence_set(sel, set, ctx.uid, seqs, error)) return CommandResult::bad_args(error);

    CommandResult name_error;
    auto decoded = decode_mailbox_arg(s, name, name_error);
    if (!decoded) return name_error;
    // RFC 4314 §4: the destination needs i (flags it does not allow are dropped), MOVE's source e.
    const MailboxRef ref = resolve_mailbox(s, *decoded);
    if (auto refused = require_right(ref, acl::kInsert, *decoded, code::kTryCreate)) return *refused;
    Mailbox* dest = ref.mailbox;
    if (move && !(selected_rights(s) & acl::kExpunge)) return permission_denied();
    if (move && sel.read_only) return CommandResult::no("Mailbox is read-only.", std::string(code::kReadOnly));
    if (seqs.empty()) return CommandResult::ok("No messages found.");

    Mailbox& src = *sel.mailbox;
    std::vector<std::uint32_t> src_uids, dst_uids;
    for (std::uint32_t seq : seqs) {
        const std::uint32_t uid = sel.uids[seq - 1];
        const Message* m = src.find(Uid{uid});
        if (!m) continue;
        Message copy_of;
        FlagNames flags;
        flags.system = m->system_flags;
        for (std::uint16_t k : m->keywords) flags.keywords.push_back(src.keywords()[k]);
        dest->set_flags(copy_of, permitted_flags(flags, ref.rights));
        copy_of.internal_date = m->internal_date;
        copy_of.tz_minutes = m->tz_minutes;
        copy_of.text = m->text;  // message text is immutable and shared
        const Uid new_uid = dest->append_next(std::move(copy_of), &s);
        s.trace(message_added_event(*dest, *dest->find(new_uid)));
        src_uids.push_back(uid);
        dst_uids.push_back(new_uid.value);
    }
    const std::string copyuid = std::string(code::kCopyUid) + " " + std::to_string(dest->uidvalidity()) + " " +
                                format_number_set(src_uids) + " " + format_number_set(dst_uids);
    if (!move) return CommandResult::ok("Copy completed.", copyuid);

    s.untagged("OK [" + copyuid + "] Moved UIDs.");
    expunge_uids(s, src_uids);
    return CommandResult::ok("Move completed.");
}

}  // namespace imaplab::commands
