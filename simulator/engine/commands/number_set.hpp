#pragma once
// Writing a set of numbers compactly, as sequence-set syntax: "1:3,5,9:10" (RFC 9051 §9), used
// by COPYUID (RFC 4315 §3) and friends. Order is kept: COPYUID pairs source and destination UIDs
// position by position.
#include <cstdint>
#include <string>
#include <vector>

namespace imaplab {

/// Runs of consecutive ascending numbers become "a:b"; everything else is listed in order.
std::string format_number_set(const std::vector<std::uint32_t>& numbers);

}  // namespace imaplab
