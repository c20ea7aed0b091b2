#pragma once
// A session's view of its selected mailbox: the UIDs in message sequence number order (seq n is
// uids[n-1]), the messages that are \Recent for this session, whether it is read-only, and the
// changes other sessions made that this session has not reported yet (RFC 9051 §7.5.1: they are
// reported at the end of a command, EXPUNGE never during FETCH, STORE or SEARCH).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/mailbox.hpp"

namespace imaplab {

class Account;

struct SelectedMailbox {
    Mailbox* mailbox = nullptr;
    Account* owner = nullptr;           ///< whose mailbox (another user's when shared, RFC 4314); nullptr: the session's
    bool read_only = false;             ///< EXAMINE, or rights allowing no change (RFC 4314 §4)
    bool examined = false;              ///< opened with EXAMINE (STORE answers "Store ignored ...")
    bool show_recent = true;            ///< IMAP4rev1 shows \Recent; IMAP4rev2 has no \Recent (RFC 9051 §2.3.2)
    std::vector<std::uint32_t> uids;    ///< ascending; index = sequence number - 1
    std::vector<std::uint32_t> recent;  ///< ascending UIDs recent in this session

    // Not yet reported to this session's client:
    std::set<std::uint32_t> pending_expunges;  ///< UIDs expunged by others, still in `uids`
    std::set<std::uint32_t> pending_flags;     ///< UIDs whose flags others changed
    std::size_t keywords_announced = 0;        ///< keywords listed in the last FLAGS response

    /// RFC 5182 (SEARCHRES): the UIDs the last SEARCH RETURN (SAVE) stored, what "$" names.
    /// Part of the selection, so SELECT, EXAMINE, CLOSE and UNSELECT reset it to empty; UIDs
    /// expunged since simply match nothing.
    std::vector<std::uint32_t> saved_search;

    std::uint32_t exists() const { return static_cast<std::uint32_t>(uids.size()); }
    bool is_recent(std::uint32_t uid) const { return std::binary_search(recent.begin(), recent.end(), uid); }
    /// Sequence number of `uid`, or nullopt.
    std::optional<std::uint32_t> seq_of(std::uint32_t uid) const {
        auto it = std::lower_bound(uids.begin(), uids.end(), uid);
        if (it == uids.end() || *it != uid) return std::nullopt;
        return static_cast<std::uint32_t>(it - uids.begin()) + 1;
    }
    /// The message at sequence number `seq` (a tombstone when another session expunged it and
    /// the EXPUNGE was not reported yet), or nullptr.
    const Message* message_at(std::uint32_t seq) const {
        if (seq == 0 || seq > uids.size()) return nullptr;
        return mailbox->find(Uid{uids[seq - 1]});
    }
    /// Flags as FETCH FLAGS shows them to this session: system flags, \Recent, keywords
    /// (Dovecot's order). RFC 9051 §7.5.2.
    std::vector<std::string> fetch_flags(const Message& m) const {
        std::vector<std::string> flags;
        for (SystemFlag f : system_flags_in_order())
            if (m.system_flags & f) flags.emplace_back(system_flag_name(f));
        if (show_recent && is_recent(m.uid.value)) flags.emplace_back("\\Recent");
        for (std::uint16_t k : m.keywords) flags.push_back(mailbox->keywords()[k]);
        return flags;
    }
};

}  // namespace imaplab
