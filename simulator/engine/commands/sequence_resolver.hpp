#pragma once
// Turning a sequence set into the message sequence numbers it names in the selected mailbox.
// RFC 9051 §6.4.5 / §6.4.9: for message sequence numbers, a number above EXISTS (or any number in
// an empty mailbox) is an error; for UIDs, UIDs that don't exist are ignored and "*" is the
// highest UID in use. "$" (RFC 5182) names the UIDs the last SEARCH RETURN (SAVE) stored.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/selected_mailbox.hpp"
#include "types/sequence_set.hpp"

namespace imaplab {

/// Resolves `set` to ascending, unique 1-based sequence numbers. Returns false with `error`
/// ("Invalid messageset") when a sequence number is out of range.
bool resolve_sequence_set(const SelectedMailbox& sel, const SequenceSet& set, bool uid, std::vector<std::uint32_t>& seqs,
                          std::string& error);

}  // namespace imaplab
