// FETCH and UID FETCH — RFC 9051 §6.4.5 and §6.4.9.
// Response item order follows Dovecot: UID first for UID FETCH, then the non-body items in the
// order asked, then body sections (literals). Fetching BODY[...] without .PEEK (or RFC822,
// RFC822.TEXT) sets \Seen in a read-write mailbox; the changed FLAGS are then included.
#include <algorithm>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/fetch_items.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/commands/sequence_resolver.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult fetch(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    SequenceSet set;
    const Arg* items_arg = nullptr;
    if (!args.sequence_set(set) || !args.any(items_arg) || !args.end()) return CommandResult::bad_args(args.error());
    std::vector<FetchItem> items;
    std::string error;
    if (!parse_fetch_items(*items_arg, items, error)) return CommandResult::bad_args(error);

    Session& s = ctx.session;
    SelectedMailbox& sel = *s.selected();
    std::vector<std::uint32_t> seqs;
    if (!resolve_sequence_set(sel, set, ctx.uid, seqs, error)) return CommandResult::bad_args(error);

    // Response order: [UID] non-body items (as asked, no repeats), [FLAGS if \Seen was set], bodies.
    std::vector<FetchItem> head, bodies;
    if (ctx.uid) {
        FetchItem uid_item;
        uid_item.kind = FetchItem::Kind::Uid;
        head.push_back(uid_item);
    }
    bool wants_flags = false, sets_seen = false;
    for (const auto& it : items) {
        if (it.sets_seen()) sets_seen = true;
        if (it.is_body()) {
            bodies.push_back(it);
            continue;
        }
        if (std::any_of(head.begin(), head.end(), [&](const FetchItem& h) { return h.kind == it.kind; })) continue;
        if (it.kind == FetchItem::Kind::Flags) wants_flags = true;
        head.push_back(it);
    }
    // RFC 4314 §4: \Seen is set only with the s right.
    sets_seen = sets_seen && !sel.read_only && (selected_rights(s) & acl::kWriteSeen);

    Mailbox& mb = *sel.mailbox;
    std::optional<FetchFailure> failure;
    for (std::uint32_t seq : seqs) {
        const std::uint32_t uid = sel.uids[seq - 1];
        // A message another session expunged is still answered from its tombstone until this
        // session reports the EXPUNGE (as Dovecot does).
        const Message* m = sel.message_at(seq);
        if (!m) continue;
        bool seen_now = false;
        if (sets_seen && !(m->system_flags & kSeen)) {
            FlagNames seen;
            seen.system = kSeen;
            FlagChange change = mb.apply_flags(Uid{uid}, StoreMode::Add, seen, nullptr, &s);
            if (!mb.is_tombstone(Uid{uid})) s.trace(FlagsChanged{mb.name(), uid, change.added, change.removed, mb.flag_names(*m)});
            seen_now = true;
        }
        const FetchMessage fm{seq, uid, *m, sel};
        std::string line = std::to_string(seq) + " FETCH (";
        bool first = true;
        bool failed_here = false;
        // An item that cannot be produced (BINARY of undecodable data, RFC 3516 §4.3) ends this
        // message's response there, as Dovecot does; the command then completes with NO.
        auto put = [&](const FetchItem& it) {
            if (failed_here) return;
            std::string item;
            if (auto f = try_append_fetch_item(item, it, fm)) {
                failed_here = true;
                if (!failure) failure = *f;
                if (first) {
                    line += "UID " + std::to_string(uid);
                    first = false;
                }
                return;
            }
            if (!first) line += ' ';
            first = false;
            line += item;
        };
        for (const auto& it : head) put(it);
        if (seen_now && !wants_flags) {
            FetchItem flags_item;
            flags_item.kind = FetchItem::Kind::Flags;
            put(flags_item);
        }
        for (const auto& it : bodies) put(it);
        line += ')';
        s.untagged(line);
    }
    if (failure) return CommandResult::no(failure->text, failure->code);
    return CommandResult::ok("Fetch completed.");
}

}  // namespace imaplab::commands
