#pragma once
// Message identifiers. RFC 9051 §2.3.1.1 (UID) and §2.3.1.2 (message sequence number).
// They are distinct types so one is never passed where the other is meant.
#include <compare>
#include <cstdint>

namespace imaplab {

/// A unique identifier: nz-number, strictly ascending within a mailbox, never reused while
/// UIDVALIDITY stays the same. RFC 9051 §2.3.1.1.
struct Uid {
    std::uint32_t value = 0;
    friend constexpr auto operator<=>(Uid, Uid) = default;
};

/// A message sequence number: 1..EXISTS, relative position in the session's view of the
/// mailbox; it shifts down when an earlier message is expunged. RFC 9051 §2.3.1.2.
struct SeqNum {
    std::uint32_t value = 0;
    friend constexpr auto operator<=>(SeqNum, SeqNum) = default;
};

}  // namespace imaplab
