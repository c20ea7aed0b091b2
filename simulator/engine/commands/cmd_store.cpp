// STORE and UID STORE — RFC 9051 §6.4.6 and §6.4.9:
//   store = "STORE" SP sequence-set SP store-att-flags
//   store-att-flags = (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag)))
// Like Dovecot: an untagged FETCH (FLAGS ...) is sent only for messages whose flags changed (UID
// first for UID STORE); a new keyword is announced with FLAGS and PERMANENTFLAGS first; in a
// read-only mailbox nothing changes and the command still succeeds.
// Rights (RFC 4314 §4): \Seen needs s, \Deleted t, other flags and keywords w. As in Dovecot
// (acl_mail_update_flags) a flag the user may not change is left alone silently and the STORE
// still answers OK: +FLAGS / -FLAGS drop it; FLAGS (replace) with only some of the rights removes
// the permitted flags not listed and adds the permitted ones listed; with none it does nothing.
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/commands/sequence_resolver.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult store(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    SequenceSet set;
    std::string item;
    FlagNames flags;
    if (!args.sequence_set(set) || !args.atom_upper(item)) return CommandResult::bad_args(args.error());
    StoreMode mode = StoreMode::Replace;
    std::string base = item;
    if (!base.empty() && (base[0] == '+' || base[0] == '-')) {
        mode = base[0] == '+' ? StoreMode::Add : StoreMode::Remove;
        base = base.substr(1);
    }
    bool silent = false;
    if (base.size() > 7 && base.compare(base.size() - 7, 7, ".SILENT") == 0) {
        silent = true;
        base.resize(base.size() - 7);
    }
    if (base != "FLAGS") return CommandResult::bad_args("Invalid arguments: expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT), got " + item);
    if (!args.flags(flags, /*allow_bare=*/true)) return CommandResult::bad_args(args.error());

    Session& s = ctx.session;
    SelectedMailbox& sel = *s.selected();
    std::vector<std::uint32_t> seqs;
    std::string error;
    if (!resolve_sequence_set(sel, set, ctx.uid, seqs, error)) return CommandResult::bad_args(error);
    // Dovecot says so for EXAMINE; a mailbox read-only by its ACL goes on, and the rights below
    // let nothing change.
    if (sel.examined) return CommandResult::ok("Store ignored with read-only mailbox.");

    Mailbox& mb = *sel.mailbox;
    const AclRights rights = selected_rights(s);
    const AclRights flag_rights = rights & (acl::kWrite | acl::kWriteSeen | acl::kWriteDeleted);
    const bool all_flags = flag_rights == (acl::kWrite | acl::kWriteSeen | acl::kWriteDeleted);
    const FlagNames permitted = permitted_flags(flags, rights);
    // FLAGS with some rights only: the permitted flags that are not listed go, the listed come.
    FlagNames all_system;
    all_system.system = static_cast<std::uint8_t>(kAnswered | kFlagged | kDeleted | kSeen | kDraft);
    const FlagNames everything = permitted_flags(all_system, rights);
    if (mode == StoreMode::Replace && flag_rights == 0) seqs.clear();
    struct Changed {
        std::uint32_t seq, uid;
    };
    std::vector<Changed> changed;
    bool new_keyword = false;
    for (std::uint32_t seq : seqs) {
        const std::uint32_t uid = sel.uids[seq - 1];
        const Message* m = mb.find(Uid{uid});
        if (!m) continue;
        FlagChange change;
        if (all_flags) {
            change = mb.apply_flags(Uid{uid}, mode, flags, &new_keyword, &s);
        } else if (mode != StoreMode::Replace) {
            change = mb.apply_flags(Uid{uid}, mode, permitted, &new_keyword, &s);
        } else {
            FlagNames gone;
            gone.system = static_cast<std::uint8_t>(everything.system & ~permitted.system);
            if (rights & acl::kWrite)
                for (std::uint16_t k : m->keywords) {
                    const std::string& kw = mb.keywords()[k];
                    bool listed = false;
                    for (const auto& want : permitted.keywords) listed = listed || iequals(want, kw);
                    if (!listed) gone.keywords.push_back(kw);
                }
            FlagChange removed = mb.apply_flags(Uid{uid}, StoreMode::Remove, gone, &new_keyword, &s);
            change = mb.apply_flags(Uid{uid}, StoreMode::Add, permitted, &new_keyword, &s);
            change.removed.insert(change.removed.begin(), removed.removed.begin(), removed.removed.end());
        }
        if (!change.changed()) continue;
        if (!mb.is_tombstone(Uid{uid})) s.trace(FlagsChanged{mb.name(), uid, change.added, change.removed, mb.flag_names(*m)});
        changed.push_back({seq, uid});
    }
    if (new_keyword) write_flags_responses(s);
    if (!silent) {
        for (const auto& c : changed) {
            const Message& m = *mb.find(Uid{c.uid});
            std::string line = std::to_string(c.seq) + " FETCH (";
            if (ctx.uid) line += "UID " + std::to_string(c.uid) + " ";
            line += "FLAGS ";
            append_flag_list(line, sel.fetch_flags(m));
            line += ')';
            s.untagged(line);
        }
    }
    return CommandResult::ok("Store completed.");
}

}  // namespace imaplab::commands
