#pragma once
// Shared by the mailbox commands (CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB,
// STATUS; SELECT/EXAMINE, APPEND and COPY may use the first three too): reading a mailbox argument
// the way Dovecot does, the NO responses for bad or missing names, STATUS items, LIST patterns.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/command_parser.hpp"
#include "engine/arg_reader.hpp"
#include "engine/command_result.hpp"
#include "store/acl.hpp"
#include "store/mail_store.hpp"

namespace imaplab {
class Session;
}

namespace imaplab::commands {

/// Decodes a mailbox argument as the client sent it: modified UTF-7 in IMAP4rev1, UTF-8 in
/// IMAP4rev2 (codec/mailbox_name.hpp). On failure returns nullopt and sets `error` to Dovecot's
/// "NO Mailbox name is not valid mUTF-7." (or "... UTF-8.").
///
/// Texts end with "." as Dovecot's do once its timing suffix is dropped: Dovecot writes
/// "NO Mailbox doesn't exist: x (0.001 + 0.000 secs)." for the source text "Mailbox doesn't
/// exist: x", so without " (... secs)" every tagged text ends with a period.
std::optional<std::string> decode_mailbox_arg(const Session& session, std::string_view wire, CommandResult& error);

/// Decodes and checks a mailbox argument: as decode_mailbox_arg(), then "NO [CANNOT] Invalid
/// mailbox name: ..." and the other problems of mailbox_name_problem() (or, with `new_name`,
/// new_mailbox_name_problem()). This is what Dovecot answers for SELECT, EXAMINE, STATUS, DELETE,
/// RENAME, UNSUBSCRIBE and (after dropping one trailing "/") CREATE.
std::optional<std::string> checked_mailbox_arg(const Session& session, std::string_view wire, CommandResult& error,
                                               bool new_name = false);

/// "NO [code] Mailbox doesn't exist: <name>." with the decoded (UTF-8) name, as Dovecot writes it
/// (IMAP4rev1 included: "Mailbox doesn't exist: Архив." for "&BBAEQARFBDgEMg-").
/// Dovecot gives the code NONEXISTENT only for DELETE and RENAME, TRYCREATE for APPEND and COPY,
/// and none for SELECT, EXAMINE, STATUS and SUBSCRIBE.
CommandResult mailbox_does_not_exist(std::string_view name, std::string_view code = {});

/// The shared namespace of other users' mailboxes (RFC 2342 "other users", Dovecot's
/// `namespace { type = shared; prefix = shared/%%u/; separator = / }`): user bob's mailbox Box is
/// "shared/bob/Box" to everyone else; "shared" and "shared/bob" are levels (\Noselect).
inline constexpr std::string_view kSharedRoot = "shared";

/// What a mailbox name (decoded) stands for, and the session user's rights on it (RFC 4314 §2).
struct MailboxRef {
    Account* owner = nullptr;    ///< whose mailbox it is; nullptr for "shared" or an unknown user
    std::string local;           ///< the name inside the owner's account ("" for a namespace level)
    Mailbox* mailbox = nullptr;  ///< nullptr when the name is not a mailbox
    bool shared = false;         ///< the name is in the shared namespace
    /// The user's rights: from the mailbox's ACL; for a name that is not a mailbox, every right in
    /// the user's own namespace (the owner's default) and none in the shared namespace.
    AclRights rights = 0;
    bool has(AclRights r) const { return (rights & r) == r; }
    /// The user may know the mailbox exists: it is one and the user has `l` or `r` (RFC 4314 §4:
    /// otherwise it answers as for a missing mailbox, so rights do not leak existence).
    bool visible() const { return mailbox && (rights & (acl::kLookup | acl::kRead)); }
};

/// Resolves a decoded mailbox name for the session: the own account, or "shared/OWNER/name".
MailboxRef resolve_mailbox(Session& session, std::string_view name);

/// The rights of the session's user on `mailbox` of `owner` (RFC 4314 §2).
AclRights rights_on(const Session& session, const Mailbox& mailbox, const Account& owner);
/// The rights on the selected mailbox, read afresh (SETACL may change them while it is selected).
AclRights selected_rights(const Session& session);

/// How the session's user names `local` of `owner`: as it is in the own account,
/// "shared/OWNER/local" for another user's.
std::string client_mailbox_name(const Session& session, const Account& owner, std::string_view local);

/// "NO [NOPERM] Permission denied." — Dovecot's MAIL_ERRSTR_NO_PERMISSION (RFC 5530 NOPERM),
/// for a mailbox the user can see (has `l`) but lacks the right the command needs.
CommandResult permission_denied();

/// Checks that the user holds `right` on `ref` (a mailbox): nullopt when so; else
/// permission_denied() when the user has `l` on it, or mailbox_does_not_exist(`name`, `code`) when
/// the user cannot see it (Dovecot's acl_mailbox_fail_not_found()).
std::optional<CommandResult> require_right(const MailboxRef& ref, AclRights right, std::string_view name,
                                           std::string_view code = {});

/// The check of GETACL, SETACL, DELETEACL and LISTRIGHTS (RFC 4314 §4: they need `a`), in
/// Dovecot's words: nullopt when `ref` is a mailbox on which the user has `a`; else
/// "NO [NONEXISTENT] Mailbox doesn't exist: NAME." when it is not a mailbox or the user lacks `l`,
/// "NO [NOPERM] You lack administrator privileges on this mailbox." otherwise.
std::optional<CommandResult> require_admin(const MailboxRef& ref, std::string_view name);

/// True when the ACL extension is on (not in config.disabled_extensions): the ACL commands and
/// the shared namespace exist only then.
bool acl_enabled(const Session& session);

/// The flags of `flags` the rights let the user set (RFC 4314 §4): \Seen needs `s`, \Deleted
/// `t`, other flags and keywords `w`. APPEND, COPY and MOVE drop the others silently (Dovecot).
FlagNames permitted_flags(const FlagNames& flags, AclRights rights);

/// Appends a mailbox name exactly as the client sent it (STATUS echoes it): an astring; in
/// IMAP4rev2 a UTF-8 name is quoted.
void append_wire_mailbox(std::string& out, std::string_view wire, bool utf8);

/// STATUS data items (RFC 9051 §6.3.11, RFC 3501 §6.3.10, RFC 8438 SIZE).
struct StatusItems {
    bool messages = false;
    bool recent = false;       ///< IMAP4rev1 only
    bool uidnext = false;
    bool uidvalidity = false;
    bool unseen = false;
    bool deleted = false;      ///< IMAP4rev2 only
    bool size = false;
};

/// Parses the parenthesised item list of STATUS (or of LIST's RETURN (STATUS (...))). Errors, in
/// Dovecot's words: "Empty status list", "Status list contains non-atoms", "Invalid status item X".
/// RECENT is known only in IMAP4rev1, DELETED only in IMAP4rev2 (Dovecot 2.3, an IMAP4rev1 server,
/// answers "Invalid status item DELETED").
bool parse_status_items(const std::vector<Arg>& list, bool rev2, StatusItems& out, std::string& error);

/// "* STATUS <name> (MESSAGES n RECENT n UIDNEXT n UIDVALIDITY n UNSEEN n DELETED n SIZE n)" for the
/// items asked, always in this order (Dovecot's). `name_on_wire` is written as it is. When the
/// session has `mailbox` selected, RECENT counts the messages \Recent in that session.
void write_status(Session& session, const Mailbox& mailbox, std::string_view name_on_wire, const StatusItems& items);

/// The reference and the mailbox pattern(s) of LIST and LSUB, as sent (not decoded):
///   reference SP (list-mailbox / "(" list-mailbox *(SP list-mailbox) ")")   (RFC 5258 for the list)
/// `pattern_list` tells whether the patterns came parenthesised (that makes a LIST extended).
/// Errors, in Dovecot's words: "Invalid reference", "Invalid pattern", "Invalid pattern list".
bool read_list_reference_patterns(ArgReader& args, std::string& reference, std::vector<std::string>& patterns,
                                  bool& pattern_list, std::string& error);

/// A LIST / LSUB pattern (reference and mailbox pattern joined, decoded): "*" matches anything,
/// "%" anything but the hierarchy delimiter (RFC 9051 §6.3.9). Names are case-sensitive except a
/// leading INBOX, which matches in any case when the pattern could match INBOX (Dovecot's
/// imap_match "inboxcase" rule: "inbox", "In%", "*x" and "%box" match INBOX, "mbx*" does not).
class ListPattern {
public:
    explicit ListPattern(std::string pattern);
    bool matches(std::string_view name) const;
    const std::string& text() const { return pattern_; }

private:
    std::string pattern_;
    bool inboxcase_ = false;
};

}  // namespace imaplab::commands
