#include "codec/mailbox_name.hpp"

namespace imaplab {

// Placeholder until modified UTF-7 lands: names pass through unchanged.
Result<std::string> decode_mailbox_name(std::string_view wire, bool) { return std::string(wire); }

std::string encode_mailbox_name(std::string_view name, bool) { return std::string(name); }

}  // namespace imaplab
