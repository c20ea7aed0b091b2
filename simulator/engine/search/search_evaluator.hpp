#pragma once
// Running a parsed search over the selected mailbox. RFC 9051 §6.4.4: a message matches when
// every top-level key matches; OR, NOT and parenthesised lists combine keys. Messages are tested
// in sequence number order, cheap keys first, and each message's texts are decoded at most once
// and only when a key needs them. The search changes nothing (no flags, no keywords defined,
// no EXPUNGE: RFC 9051 §7.5.1).
#include <cstdint>
#include <vector>

#include "engine/search/search_key.hpp"
#include "engine/selected_mailbox.hpp"

namespace imaplab::search {

struct SearchMatch {
    std::uint32_t seq = 0;
    std::uint32_t uid = 0;
};

/// The messages of `sel` (including ones another session expunged but this session still
/// shows) that match `key`, in ascending order.
std::vector<SearchMatch> run_search(const SelectedMailbox& sel, const SearchKey& key);

}  // namespace imaplab::search
