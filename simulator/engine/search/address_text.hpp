#pragma once
// The text FROM, TO, CC and BCC search in (RFC 9051 §6.4.4 "contains the specified string in the
// envelope structure's ... field"). Like Dovecot, the header's address list is parsed and
// written back in one normal form before matching:
//   "Alice Smith" <alice@example.org>, <bob@example.org>, Team: <a@x.org>, <b@y.org>;
// (names quoted when they are not plain atoms, bare addresses in angle brackets, ", " between
// addresses, a comment after a bare address taken as its name), then RFC 2047 words decoded.
#include <string>
#include <string_view>

namespace imaplab::search {

/// The normal form of one address-list header value (raw, unfolded), encoded words decoded.
std::string normalized_address_text(std::string_view raw_value);

}  // namespace imaplab::search
