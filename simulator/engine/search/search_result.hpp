#pragma once
// Writing SEARCH results. RFC 9051 §7.3.4 / RFC 3501 §7.2.5 (SEARCH), RFC 4731 §3.2 (ESEARCH),
// in Dovecot's exact form:
//   SEARCH 2 5 9                  (an empty result is "SEARCH" alone)
//   ESEARCH (TAG "a1") UID MIN 2 MAX 9 ALL 2,5:9 COUNT 3
// ESEARCH items come in Dovecot's order (MIN MAX ALL COUNT) whatever order RETURN gave; with no
// match MIN, MAX and ALL are left out and COUNT is 0.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/search/search_key.hpp"

namespace imaplab::search {

/// "SEARCH" followed by each number (without the "* ").
std::string search_response(const std::vector<std::uint32_t>& numbers);

/// "ESEARCH (TAG ...) [UID] ..." (without the "* "). `numbers` ascending.
std::string esearch_response(std::string_view tag, bool uid, const ReturnOptions& ret, const std::vector<std::uint32_t>& numbers);

/// Ascending numbers as a sequence set, runs joined: {2,5,6,7,9} -> "2,5:7,9".
std::string compress_sequence_set(const std::vector<std::uint32_t>& ascending);

}  // namespace imaplab::search
