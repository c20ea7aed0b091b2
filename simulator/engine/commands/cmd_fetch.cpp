// FETCH and UID FETCH — RFC 9051 §6.4.5 and §6.4.9.
// Response item order follows Dovecot: UID first for UID FETCH, then the non-body items in the
// order asked, then body sections (literals). Fetching BODY[...] without .PEEK (or RFC822,
// RFC822.TEXT) sets \Seen in a read-write mailbox; the changed FLAGS are then included.
#include <algorithm>

#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/fetch_items.hpp"
#include "engine/commands/sequence_resolver.hpp"
#include "engine/session.hpp"
#include "store/mime/header.hpp"
#include "types/date_time.hpp"

namespace imaplab::commands {

namespace {

std::string body_data(const FetchItem& item, const std::string& text) {
    using K = FetchItem::Kind;
    using S = FetchItem::Section;
    std::string data;
    if (item.kind == K::Rfc822) return text;
    if (item.kind == K::Rfc822Header) return std::string(message_header(text));
    if (item.kind == K::Rfc822Text) return std::string(message_text(text));
    switch (item.section) {
        case S::Full: data = text; break;
        case S::Header: data = message_header(text); break;
        case S::Text: data = message_text(text); break;
        case S::HeaderFields: data = header_fields_subset(text, item.fields, false); break;
        case S::HeaderFieldsNot: data = header_fields_subset(text, item.fields, true); break;
    }
    if (item.partial) {
        if (item.origin >= data.size()) return {};
        return data.substr(item.origin, item.count);
    }
    return data;
}

}  // namespace

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
    sets_seen = sets_seen && !sel.read_only;

    Mailbox& mb = *sel.mailbox;
    for (std::uint32_t seq : seqs) {
        const std::uint32_t uid = sel.uids[seq - 1];
        auto index = mb.index_of(Uid{uid});
        if (!index) continue;
        bool seen_now = false;
        if (sets_seen && !(mb.messages()[*index].system_flags & kSeen)) {
            FlagNames seen;
            seen.system = kSeen;
            FlagChange change = mb.apply_flags(*index, StoreMode::Add, seen);
            s.trace(FlagsChanged{mb.name(), uid, change.added, change.removed, mb.flag_names(mb.messages()[*index])});
            seen_now = true;
        }
        const Message& m = mb.messages()[*index];
        std::string line = std::to_string(seq) + " FETCH (";
        bool first = true;
        auto sep = [&] {
            if (!first) line += ' ';
            first = false;
        };
        auto put_flags = [&] {
            sep();
            line += "FLAGS ";
            append_flag_list(line, sel.fetch_flags(m));
        };
        for (const auto& it : head) {
            switch (it.kind) {
                case FetchItem::Kind::Flags: put_flags(); break;
                case FetchItem::Kind::Uid: sep(); line += "UID " + std::to_string(uid); break;
                case FetchItem::Kind::Rfc822Size: sep(); line += "RFC822.SIZE " + std::to_string(m.size()); break;
                case FetchItem::Kind::InternalDate:
                    sep();
                    line += "INTERNALDATE \"" + format_imap_date_time(DateTime{m.internal_date, m.tz_minutes}) + "\"";
                    break;
                default: break;
            }
        }
        if (seen_now && !wants_flags) put_flags();
        for (const auto& it : bodies) {
            sep();
            line += it.response_name();
            line += ' ';
            append_literal(line, body_data(it, *m.text));
        }
        line += ')';
        s.untagged(line);
    }
    return CommandResult::ok("Fetch completed.");
}

}  // namespace imaplab::commands
