// SELECT and EXAMINE — RFC 9051 §6.3.2 / §6.3.3 (RFC 3501 §6.3.1 / §6.3.2 for RECENT and UNSEEN).
// Response order as Dovecot writes it: FLAGS, PERMANENTFLAGS, EXISTS, RECENT, UNSEEN, UIDVALIDITY,
// UIDNEXT, then the tagged OK with [READ-WRITE] or [READ-ONLY].
#include "codec/mailbox_name.hpp"
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

namespace {
std::vector<std::string> mailbox_flags(const Mailbox& mb) {
    std::vector<std::string> f;
    for (SystemFlag s : system_flags_in_order()) f.emplace_back(system_flag_name(s));
    for (const auto& k : mb.keywords()) f.push_back(k);
    return f;
}
}  // namespace

/// Writes "* FLAGS (...)" and "* OK [PERMANENTFLAGS (...)] ..." for the selected mailbox (also used
/// by STORE when a new keyword is defined).
void write_flags_responses(Session& s) {
    SelectedMailbox& sel = *s.selected();
    std::string line = "FLAGS ";
    auto flags = mailbox_flags(*sel.mailbox);
    s.selected()->keywords_announced = sel.mailbox->keywords().size();
    append_flag_list(line, flags);
    s.untagged(line);
    if (sel.read_only) {
        s.untagged("OK [PERMANENTFLAGS ()] Read-only mailbox.");
    } else {
        // RFC 4314 §4 (Dovecot's acl_mailbox_get_status): only what the rights let the user set —
        // \Seen with s, \Deleted with t, the other flags, keywords and \* with w.
        const AclRights rights = selected_rights(s);
        std::vector<std::string> permitted;
        for (SystemFlag f : system_flags_in_order()) {
            const AclRights needs = f == kSeen ? acl::kWriteSeen : f == kDeleted ? acl::kWriteDeleted : acl::kWrite;
            if (rights & needs) permitted.emplace_back(system_flag_name(f));
        }
        if (rights & acl::kWrite) {
            for (const auto& k : sel.mailbox->keywords()) permitted.push_back(k);
            permitted.emplace_back("\\*");
        }
        std::string perm = "OK [PERMANENTFLAGS ";
        append_flag_list(perm, permitted);
        perm += "] Flags permitted.";
        s.untagged(perm);
    }
}

CommandResult select(CommandContext& ctx) {
    const bool examine = ctx.command.name == "EXAMINE";
    const std::string verb = examine ? "EXAMINE" : "SELECT";
    ArgReader args(ctx.command.args);
    std::string name;
    if (!args.mailbox(name) || !args.end()) return CommandResult::bad_args(args.error());

    Session& s = ctx.session;
    const bool was_selected = s.selected().has_value();
    if (was_selected) {
        // RFC 9051 §6.3.2: a SELECT closes the current mailbox first (without expunging); the
        // server says so with OK [CLOSED]. Dovecot sends it in IMAP4rev1 too.
        s.unselect();
        s.untagged("OK [CLOSED] Previous mailbox closed.");
    }
    CommandResult error;
    auto decoded = checked_mailbox_arg(s, name, error);
    MailboxRef ref;
    if (decoded) ref = resolve_mailbox(s, *decoded);
    Mailbox* mb = ref.visible() ? ref.mailbox : nullptr;
    if (!mb || !ref.has(acl::kRead)) {
        if (was_selected) s.change_state(SessionState::Authenticated, verb);
        // RFC 4314 §4: SELECT and EXAMINE need r; a mailbox the user cannot see is missing.
        if (mb) return permission_denied();
        // Like Dovecot: no response code for SELECT of a missing mailbox.
        return decoded ? mailbox_does_not_exist(*decoded) : error;
    }

    SelectedMailbox sel;
    sel.mailbox = mb;
    sel.owner = ref.owner;
    sel.examined = examine;
    // Read-only also when the rights allow no change at all (none of i e w t s: Dovecot's
    // acl_is_readonly); the tagged OK then says [READ-ONLY].
    sel.read_only = examine || !(ref.rights & (acl::kInsert | acl::kExpunge | acl::kWrite | acl::kWriteDeleted | acl::kWriteSeen));
    sel.show_recent = !s.imap4rev2();
    sel.uids.reserve(mb->messages().size());
    for (const auto& m : mb->messages()) {
        sel.uids.push_back(m.uid.value);
        if (m.uid.value >= mb->first_recent_uid()) sel.recent.push_back(m.uid.value);
    }
    // RFC 3501 §2.3.2: \Recent belongs to the first session that selects the mailbox; EXAMINE
    // shows it without taking it (as Dovecot does).
    const bool read_only = sel.read_only;
    if (!read_only) mb->set_first_recent_uid(mb->uidnext());

    std::uint32_t first_unseen = 0;
    for (std::size_t i = 0; i < mb->messages().size(); ++i)
        if (!(mb->messages()[i].system_flags & kSeen)) {
            first_unseen = static_cast<std::uint32_t>(i + 1);
            break;
        }

    s.select(std::move(sel));
    write_flags_responses(s);
    s.untagged(std::to_string(mb->messages().size()) + " EXISTS");
    if (!s.imap4rev2()) {
        // IMAP4rev1 only: RFC 9051 drops \Recent and the UNSEEN response code.
        s.untagged(std::to_string(s.selected()->recent.size()) + " RECENT");
        if (first_unseen) s.untagged("OK [UNSEEN " + std::to_string(first_unseen) + "] First unseen.");
    }
    s.untagged("OK [UIDVALIDITY " + std::to_string(mb->uidvalidity()) + "] UIDs valid");
    s.untagged("OK [UIDNEXT " + std::to_string(mb->uidnext()) + "] Predicted next UID");
    if (s.imap4rev2()) {
        // RFC 9051 §6.3.2: a LIST response gives the mailbox name as the server spells it.
        std::string list = "LIST () \"/\" ";
        append_astring(list, encode_mailbox_name(client_mailbox_name(s, *ref.owner, mb->name()), true));
        s.untagged(list);
    }

    s.change_state(SessionState::Selected, verb);
    return CommandResult::ok(examine ? "Examine completed." : "Select completed.",
                             std::string(read_only ? code::kReadOnly : code::kReadWrite));
}

}  // namespace imaplab::commands
