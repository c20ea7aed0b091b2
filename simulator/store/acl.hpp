#pragma once
// Access control lists of RFC 4314: rights (§2.1), identifiers and the effective rights of a
// user (§2). One Acl per mailbox (Mailbox::acl()), so it moves with RENAME and goes with DELETE.
// Shapes and texts follow Dovecot 2.3's acl + imap_acl plugins (vfile backend).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace imaplab {

/// One bit per right of RFC 4314 §2.1.
using AclRights = std::uint16_t;
namespace acl {
inline constexpr AclRights kLookup = 1u << 0;        ///< l: LIST shows the mailbox, SUBSCRIBE
inline constexpr AclRights kRead = 1u << 1;          ///< r: SELECT, EXAMINE, STATUS, FETCH, SEARCH, COPY from
inline constexpr AclRights kWrite = 1u << 2;         ///< w: flags other than \Seen and \Deleted, keywords
inline constexpr AclRights kWriteSeen = 1u << 3;     ///< s: \Seen
inline constexpr AclRights kWriteDeleted = 1u << 4;  ///< t: \Deleted
inline constexpr AclRights kInsert = 1u << 5;        ///< i: APPEND, COPY / MOVE into
inline constexpr AclRights kPost = 1u << 6;          ///< p: submission to the mailbox (not used by IMAP)
inline constexpr AclRights kExpunge = 1u << 7;       ///< e: EXPUNGE, CLOSE's expunge, MOVE from
inline constexpr AclRights kCreate = 1u << 8;        ///< k: CREATE below it, RENAME into it
inline constexpr AclRights kDelete = 1u << 9;        ///< x: DELETE, RENAME away
inline constexpr AclRights kAdmin = 1u << 10;        ///< a: GETACL, SETACL, DELETEACL, LISTRIGHTS
inline constexpr AclRights kAll = (1u << 11) - 1;
}  // namespace acl

/// Parses rights letters "lrswipkxtea" (RFC 4314 §2.1); the obsolete "c" stands for "kx" and "d"
/// for "et" (§2.1.1, as Dovecot maps them). "" gives no rights. On an unknown letter returns
/// nullopt and sets `bad` to it (Dovecot: "Invalid ACL right: q").
std::optional<AclRights> parse_acl_rights(std::string_view letters, char& bad);

/// Rights as MYRIGHTS writes them: Dovecot's letter order "lrwstipekxa", then "c" when k or x is
/// among them and "d" when t or e is (RFC 4314 §2.1.1); `""` for none.
std::string format_rights(AclRights rights);

/// Rights of a stored ACL entry as GETACL writes them: Dovecot keeps them sorted by its internal
/// names (admin, create, delete, expunge, insert, lookup, post, read, write, write-deleted,
/// write-seen), so "SETACL Box bob lrc" reads back as "kxlrc"; then "c" / "d" as above; `""`.
std::string format_stored_rights(AclRights rights);

/// The rights a user may be granted: LISTRIGHTS' answer after the identifier (RFC 4314 §3.7) —
/// none always granted, each right on its own, as Dovecot lists them.
inline constexpr std::string_view kListRights = "\"\" l r w s t p i e k x a c d";

/// How SETACL changes an entry (RFC 4314 §3.1): "+rights" adds, "-rights" removes, plain replaces.
enum class AclModify : std::uint8_t { Replace, Add, Remove };

/// A mailbox's access control list: identifier -> positive and negative rights (RFC 4314 §2).
/// Identifiers: "anyone", "authenticated", "owner" (Dovecot's name for the mailbox's owner) and
/// user names; a negative entry is written "-name" on the wire and kept here beside the positive.
class Acl {
public:
    struct Entry {
        std::string identifier;            ///< without the "-" of a negative entry
        std::optional<AclRights> positive;  ///< nullopt: no positive entry
        std::optional<AclRights> negative;  ///< nullopt: no negative entry
    };

    /// SETACL: changes the positive (or, with `negative`, the negative) rights of `identifier`.
    void modify(std::string_view identifier, bool negative, AclModify mode, AclRights rights);
    /// DELETEACL: removes the positive (or negative) entry of `identifier`; no-op when absent.
    void remove(std::string_view identifier, bool negative);
    /// Entries in Dovecot's order: anyone, authenticated, owner, then user names (byte order).
    std::vector<Entry> entries() const;
    bool empty() const { return entries_.empty(); }

    /// True when an entry for the owner ("owner" or `owner_user`) holds positive rights.
    bool has_positive_owner_rights(std::string_view owner_user) const;

    /// The rights `user` has on a mailbox owned by `owner_user` (RFC 4314 §2): the union of the
    /// positive entries that apply to the user (anyone, authenticated, the user's name, and for
    /// the owner "owner"), minus the union of the negative ones. The owner has every right while
    /// no positive entry for the owner exists (Dovecot's default ACL).
    AclRights effective_rights(std::string_view user, std::string_view owner_user) const;

private:
    // Sort key: (rank of the identifier's kind, identifier).
    std::map<std::pair<int, std::string>, Entry> entries_;
    static std::pair<int, std::string> key(std::string_view identifier);
};

}  // namespace imaplab
