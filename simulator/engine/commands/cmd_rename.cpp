// RENAME — RFC 9051 §6.3.6 (RFC 3501 §6.3.5): rename existing-mailbox new-name
// Mailboxes below the old name move with it ("RENAME a b" also renames a/x to b/x); a name that is
// only a level above other mailboxes (\Noselect) can be renamed too, moving those. Renamed
// mailboxes keep their UIDVALIDITY, UIDs and messages (Dovecot does the same), sessions that have
// one selected keep it selected, special-use attributes move, subscriptions stay on the old names
// (as in Dovecot). Levels above the new name are not created (they show as \Noselect).
//
// RENAME INBOX is special (RFC 9051 §6.3.6): all messages of INBOX move to a new mailbox with the
// new name, INBOX stays, empty, with its UIDVALIDITY and UIDNEXT (so its UIDs are never reused),
// and mailboxes below INBOX are not touched. The new mailbox gets a new UIDVALIDITY; the messages
// keep their UIDs, flags and INTERNALDATE. A session that has INBOX selected sees EXPUNGE for each.
// (Dovecot's Maildir++ storage refuses this with "NO [CANNOT] Renaming INBOX isn't supported.";
// the RFC's behaviour is what we teach.)
//
// Answers, in Dovecot's words and order of checks:
//   NO Mailbox name is not valid mUTF-7.               either name (IMAP4rev1)
//   NO Can't rename mailbox under its own child.       RENAME a a/b
//   NO [CANNOT] Invalid mailbox name: ...              old name, then new name
//   NO [ALREADYEXISTS] Can't rename mailbox to itself. RENAME a a
//   NO [NONEXISTENT] Mailbox doesn't exist: a.
//   NO [ALREADYEXISTS] Target mailbox already exists.
//   OK Rename completed.
// Rights (RFC 4314 §4): x on the old mailbox (without it NOPERM when the user has l, else missing)
// and k on the new name's parent mailbox when there is one (always needed in the shared namespace).
// Both names must be in one user's mailboxes: "NO [CANNOT] Can't rename mailboxes across namespaces."
#include <algorithm>
#include <memory>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "engine/trace_events.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

namespace {

CommandResult target_exists() { return CommandResult::no("Target mailbox already exists.", std::string(code::kAlreadyExists)); }

// RFC 9051 §6.3.6: "Renaming INBOX is permitted ... It moves all messages in INBOX to a new mailbox
// with the given name, leaving INBOX empty."
CommandResult rename_inbox(Session& s, const std::string& to) {
    Account& account = *s.account();
    if (account.find(to)) return target_exists();
    Mailbox& inbox = *account.find("INBOX");
    Mailbox& dest = *account.create(to, account.next_uidvalidity());
    s.trace(MailboxCreated{dest.name(), dest.uidvalidity(), {}});
    for (const auto& k : inbox.keywords()) dest.define_keyword(k);

    std::vector<std::uint32_t> uids;
    for (const Message& m : inbox.messages()) {
        Message moved;
        moved.uid = m.uid;
        FlagNames flags;
        flags.system = m.system_flags;
        for (std::uint16_t k : m.keywords) flags.keywords.push_back(inbox.keywords()[k]);
        dest.set_flags(moved, flags);
        moved.internal_date = m.internal_date;
        moved.tz_minutes = m.tz_minutes;
        moved.text = m.text;  // message text is immutable and shared
        dest.append(std::move(moved));
        s.trace(message_added_event(dest, *dest.find(m.uid)));
        uids.push_back(m.uid.value);
    }
    dest.raise_uidnext(inbox.uidnext());
    dest.set_first_recent_uid(std::min(inbox.first_recent_uid(), dest.uidnext()));

    // Every session with INBOX selected (this one too) reports the EXPUNGEs at the end of its
    // command, highest sequence number first.
    const auto& sel = s.selected();
    const bool selected_here = sel && sel->mailbox == &inbox;
    for (auto it = uids.rbegin(); it != uids.rend(); ++it) {
        const std::uint32_t seq = selected_here ? sel->seq_of(*it).value_or(0) : 0;
        inbox.expunge(Uid{*it}, nullptr);
        s.trace(MessageExpunged{inbox.name(), *it, seq});
    }
    return CommandResult::ok("Rename completed.");
}

}  // namespace

CommandResult rename(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string old_wire, new_wire;
    if (!args.mailbox(old_wire) || !args.mailbox(new_wire) || !args.end()) return CommandResult::bad_args(args.error());

    CommandResult error;
    auto from = decode_mailbox_arg(s, old_wire, error);
    if (!from) return error;
    auto to = decode_mailbox_arg(s, new_wire, error);
    if (!to) return error;
    const std::string from_c = canonical_mailbox_name(*from), to_c = canonical_mailbox_name(*to);
    // Dovecot: "disallow box -> box/child, because it may break clients".
    if (to_c.size() > from_c.size() && to_c.compare(0, from_c.size(), from_c) == 0 && to_c[from_c.size()] == kHierarchyDelimiter)
        return CommandResult::no("Can't rename mailbox under its own child.");
    if (!checked_mailbox_arg(s, old_wire, error)) return error;
    if (!checked_mailbox_arg(s, new_wire, error, /*new_name=*/true)) return error;
    if (from_c == to_c) return CommandResult::no("Can't rename mailbox to itself.", std::string(code::kAlreadyExists));

    const MailboxRef src = resolve_mailbox(s, from_c), dst = resolve_mailbox(s, to_c);
    if (src.shared && (!src.mailbox || !src.visible())) return mailbox_does_not_exist(*from, code::kNonExistent);
    if (src.mailbox)
        if (auto refused = require_right(src, acl::kDelete, *from, code::kNonExistent)) return *refused;
    if (src.owner != dst.owner || src.shared != dst.shared)
        return CommandResult::no("Can't rename mailboxes across namespaces.", std::string(code::kCannot));
    const std::size_t cut = dst.local.rfind(kHierarchyDelimiter);
    const Mailbox* parent = cut != std::string::npos ? dst.owner->find(dst.local.substr(0, cut)) : nullptr;
    if ((dst.shared && !parent) || (parent && !(rights_on(s, *parent, *dst.owner) & acl::kCreate))) return permission_denied();
    if (src.shared && src.local == "INBOX") return CommandResult::no("Renaming INBOX isn't supported.", std::string(code::kCannot));

    Account& account = *src.owner;
    const std::string& from_l = src.local;
    const std::string& to_l = dst.local;
    if (!src.shared && from_l == "INBOX" && account.find("INBOX")) return rename_inbox(s, to_l);
    if (!account.exists_in_hierarchy(from_l)) return mailbox_does_not_exist(*from, code::kNonExistent);
    if (account.find(from_l) && account.find(to_l)) return target_exists();
    auto renamed = account.rename(from_l, to_l);
    if (!renamed) return target_exists();
    for (const auto& r : *renamed) s.trace(MailboxRenamed{r.from, r.to});
    return CommandResult::ok("Rename completed.");
}

}  // namespace imaplab::commands
