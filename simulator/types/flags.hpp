#pragma once
// Message flags. RFC 9051 §2.3.2, ABNF (§9):
//   flag         = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword / flag-extension
//   flag-keyword = "$MDNSent" / "$Forwarded" / "$Junk" / "$NotJunk" / "$Phishing" / atom
//   flag-fetch   = flag / "\Recent"      (RFC 3501 only; \Recent is never stored by a client)
// Flags compare case-insensitively; the spelling first seen in a mailbox is kept.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// The five storable system flags as bits, in the order servers list them
/// (Dovecot: \Answered \Flagged \Deleted \Seen \Draft).
enum SystemFlag : std::uint8_t {
    kAnswered = 1u << 0,
    kFlagged = 1u << 1,
    kDeleted = 1u << 2,
    kSeen = 1u << 3,
    kDraft = 1u << 4,
};
constexpr std::uint8_t kAllSystemFlags = kAnswered | kFlagged | kDeleted | kSeen | kDraft;

/// Canonical spelling of one system flag bit ("\Seen").
std::string_view system_flag_name(SystemFlag f);
/// All system flag bits in canonical order.
const std::vector<SystemFlag>& system_flags_in_order();

/// A set of flags named on the wire (a STORE or APPEND argument, a fixture entry): system bits
/// plus keyword spellings, de-duplicated case-insensitively.
struct FlagNames {
    std::uint8_t system = 0;
    std::vector<std::string> keywords;

    void add_keyword(std::string_view k);
    bool empty() const { return system == 0 && keywords.empty(); }
    /// Canonical order: system flags, then keywords as given.
    std::vector<std::string> to_strings() const;
};

/// Classifies one flag token. Returns nullopt with `error` set for "\Recent" (not storable),
/// unknown "\Xyz" system flags ("Invalid system flag \XYZ") and tokens that are not atoms.
std::optional<FlagNames> parse_flag_token(std::string_view token, std::string* error);

/// True when `c` may appear in an atom (RFC 9051 §9 ATOM-CHAR: any CHAR except atom-specials).
bool is_atom_char(char c);

/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);

}  // namespace imaplab
