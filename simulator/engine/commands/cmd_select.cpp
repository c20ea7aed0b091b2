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
        flags.emplace_back("\\*");
        std::string perm = "OK [PERMANENTFLAGS ";
        append_flag_list(perm, flags);
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
    Mailbox* mb = decoded ? s.account()->find(*decoded) : nullptr;
    if (!mb) {
        if (was_selected) s.change_state(SessionState::Authenticated, verb);
        // Like Dovecot: no response code for SELECT of a missing mailbox.
        return decoded ? mailbox_does_not_exist(*decoded) : error;
    }

    SelectedMailbox sel;
    sel.mailbox = mb;
    sel.read_only = examine;
    sel.show_recent = !s.imap4rev2();
    sel.uids.reserve(mb->messages().size());
    for (const auto& m : mb->messages()) {
        sel.uids.push_back(m.uid.value);
        if (m.uid.value >= mb->first_recent_uid()) sel.recent.push_back(m.uid.value);
    }
    // RFC 3501 §2.3.2: \Recent belongs to the first session that selects the mailbox; EXAMINE
    // shows it without taking it (as Dovecot does).
    if (!examine) mb->set_first_recent_uid(mb->uidnext());

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
        append_astring(list, encode_mailbox_name(mb->name(), true));
        s.untagged(list);
    }

    s.change_state(SessionState::Selected, verb);
    return CommandResult::ok(examine ? "Examine completed." : "Select completed.",
                             std::string(examine ? code::kReadOnly : code::kReadWrite));
}

}  // namespace imaplab::commands
