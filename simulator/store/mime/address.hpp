#pragma once
// RFC 5322 §3.4 address lists as IMAP's ENVELOPE sees them (RFC 9051 §7.5.2 "address"):
// each mailbox becomes (name route mailbox host); a group "Friends: a@b, c@d;" becomes a start
// marker (NIL NIL "Friends" NIL), its members, and an end marker (NIL NIL NIL NIL).
// Parsing follows Dovecot's message-address parser: quoted local parts and display names are
// unquoted, comments are skipped (a comment after a bare addr-spec becomes the name), RFC 2047
// encoded words stay as they are, and broken addresses are completed with the markers
// "MISSING_MAILBOX", "MISSING_DOMAIN", "SYNTAX_ERROR" and "INVALID_ROUTE".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

struct MailAddress {
    std::optional<std::string> name;     ///< display name (phrase), unquoted
    std::optional<std::string> route;    ///< obsolete source route "@a,@b"
    std::optional<std::string> mailbox;  ///< local part, or the group name in a group start marker
    std::optional<std::string> domain;   ///< host; nullopt in group markers

    bool operator==(const MailAddress&) const = default;
};

/// Parses an address-list header value (From, To, Cc, ...). Never fails; an empty or blank
/// value gives an empty list.
std::vector<MailAddress> parse_address_list(std::string_view value);

}  // namespace imaplab
