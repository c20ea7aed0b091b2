#pragma once
// A message in a mailbox: UID, flags, internal date and the full RFC 5322 text.
// RFC 9051 §2.3 (message attributes).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "types/ids.hpp"

namespace imaplab {

struct Message {
    Uid uid;
    std::uint8_t system_flags = 0;         ///< SystemFlag bits (types/flags.hpp)
    std::vector<std::uint16_t> keywords;   ///< sorted ids into the mailbox's keyword table
    std::int64_t internal_date = 0;        ///< INTERNALDATE, seconds since the Unix epoch (UTC)
    int tz_minutes = 0;                    ///< zone of the internal date, minutes east of UTC
    std::shared_ptr<const std::string> text;  ///< the whole message, CRLF line ends

    /// RFC822.SIZE: the number of octets in the message text.
    std::uint64_t size() const { return text ? text->size() : 0; }
};

}  // namespace imaplab
