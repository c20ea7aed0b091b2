#include "engine/commands/sequence_resolver.hpp"

#include <algorithm>

namespace imaplab {

bool resolve_sequence_set(const SelectedMailbox& sel, const SequenceSet& set, bool uid, std::vector<std::uint32_t>& seqs,
                          std::string& error) {
    seqs.clear();
    if (set.is_saved_result()) {
        // "$" (RFC 5182): the saved UIDs still in this session's view; never an error, an
        // empty saved result names no message (as Dovecot answers).
        for (std::uint32_t u : sel.saved_search)
            if (auto seq = sel.seq_of(u)) seqs.push_back(*seq);
        return true;
    }
    if (!uid) {
        const std::uint32_t exists = sel.exists();
        if (exists == 0 || set.max_explicit() > exists) {
            error = "Invalid messageset";
            return false;
        }
        for (const Interval& i : set.resolve(exists))
            for (std::uint64_t n = i.low; n <= i.high; ++n) seqs.push_back(static_cast<std::uint32_t>(n));
        return true;
    }
    if (sel.uids.empty()) return true;
    const std::uint32_t highest = sel.uids.back();
    for (const Interval& i : set.resolve(highest)) {
        auto first = std::lower_bound(sel.uids.begin(), sel.uids.end(), i.low);
        auto last = std::upper_bound(sel.uids.begin(), sel.uids.end(), i.high);
        for (auto it = first; it != last; ++it) seqs.push_back(static_cast<std::uint32_t>(it - sel.uids.begin()) + 1);
    }
    return true;
}

}  // namespace imaplab
