// CREATE — RFC 9051 §6.3.4 (RFC 3501 §6.3.3), with RFC 6154's CREATE-SPECIAL-USE option:
//   create = "CREATE" SP mailbox [SP "(" "USE" SP "(" use-attr *(SP use-attr) ")" ")"]
// As Dovecot does: one trailing hierarchy delimiter is dropped ("CREATE foo/" creates foo); levels
// above the new mailbox are not created as mailboxes, they exist as its parents and LIST shows them
// \Noselect ("CREATE a/b/c" lists a and a/b as \Noselect \HasChildren); the new mailbox gets a
// UIDVALIDITY no mailbox of the account has had.
//   CREATE foo        -> OK Create completed.
//   CREATE foo        -> NO [ALREADYEXISTS] Mailbox already exists.
//   CREATE a//b       -> NO [CANNOT] Invalid mailbox name: Has adjacent hierarchy separators.
//   CREATE "&AGE-"    -> NO Mailbox name is not valid mUTF-7.  (IMAP4rev1: "a" must stand for itself)
// Rights (RFC 4314 §4): CREATE needs k on the parent mailbox when there is one; in the shared
// namespace there must be one ("CREATE shared/alice/New" -> NO [NOPERM] Permission denied.). The
// new mailbox starts with a copy of its parent's ACL, as in Dovecot.
#include "codec/mailbox_name.hpp"
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

namespace {


// RFC 6154 §3: "(USE (\Drafts ...))". Returns false with `error` for a malformed option.
bool read_use_option(ArgReader& args, std::vector<std::string>& attributes, std::string& error) {
    const Arg* opt = nullptr;
    if (!args.any(opt)) return true;
    if (opt->type != Arg::Type::List || opt->children.size() != 2 || opt->children[0].type != Arg::Type::Atom ||
        !iequals(opt->children[0].value, "USE") || opt->children[1].type != Arg::Type::List) {
        error = "Invalid CREATE parameters (expected (USE (attributes)))";
        return false;
    }
    for (const Arg& a : opt->children[1].children) {
        if (a.type != Arg::Type::Atom) {
            error = "Special-use attributes must be atoms";
            return false;
        }
        attributes.push_back(a.value);
    }
    return true;
}

}  // namespace

CommandResult create(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string wire;
    if (!args.mailbox(wire)) return CommandResult::bad_args(args.error());
    std::vector<std::string> use;
    std::string use_error;
    if (!read_use_option(args, use, use_error)) return CommandResult::bad_args(use_error);
    if (!args.end()) return CommandResult::bad_args(args.error());

    CommandResult error;
    auto decoded = decode_mailbox_arg(s, wire, error);
    if (!decoded) return error;
    std::string name = std::move(*decoded);
    // "Name ends with hierarchy separator: client is just informing us that it wants to create
    // children under this mailbox" (Dovecot's cmd-create.c): create the mailbox itself.
    if (!name.empty() && name.back() == kHierarchyDelimiter) name.pop_back();
    if (auto problem = new_mailbox_name_problem(name)) return CommandResult::no(*problem + ".", std::string(code::kCannot));

    // RFC 6154 §3: an attribute the server does not support is refused with USEATTR.
    for (const auto& attr : use) {
        bool known = false;
        for (std::string_view k : kSpecialUseAttributes) known = known || iequals(attr, k);
        if (!known) return CommandResult::no("Unsupported special-use attribute " + attr + ".", std::string(code::kUseAttr));
    }

    MailboxRef ref = resolve_mailbox(s, name);
    const std::size_t cut = ref.local.rfind(kHierarchyDelimiter);
    const Mailbox* parent = ref.owner && cut != std::string::npos ? ref.owner->find(ref.local.substr(0, cut)) : nullptr;
    if (ref.shared && (!parent || !(rights_on(s, *parent, *ref.owner) & acl::kCreate))) return permission_denied();
    if (parent && !(rights_on(s, *parent, *ref.owner) & acl::kCreate)) return permission_denied();
    Account& account = *ref.owner;
    if (account.find(ref.local)) return CommandResult::no("Mailbox already exists.", std::string(code::kAlreadyExists));
    Mailbox* mb = account.create(ref.local, account.next_uidvalidity());
    if (parent) mb->acl() = parent->acl();
    if (!use.empty()) account.set_special_use(mb->name(), use);
    s.trace(MailboxCreated{mb->name(), mb->uidvalidity(), account.special_use(mb->name())});
    return CommandResult::ok("Create completed.");
}

}  // namespace imaplab::commands
