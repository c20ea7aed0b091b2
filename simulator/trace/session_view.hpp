#pragma once
// Projection of a timeline onto what the views draw at one step: the session state, the mailbox
// tree and the message list, with what changed during that step marked. Pure function of the
// timeline: stepping back is projecting an earlier step.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/timeline.hpp"

namespace imaplab {

struct MailboxRow {
    std::string name;            ///< full name, e.g. "INBOX/Drafts"
    std::string leaf;            ///< last hierarchy level, e.g. "Drafts"
    int depth = 0;               ///< 0 for top level
    bool has_children = false;   ///< \HasChildren
    std::size_t messages = 0;    ///< messages in the mailbox at this step
    bool selected = false;       ///< the session's selected mailbox
    bool created_this_step = false;
    bool subscribed = false;     ///< on the subscription list (LSUB, LIST \Subscribed)
    std::vector<std::string> special_use;  ///< RFC 6154 attributes (\Drafts, \Sent, ...)
};

struct MessageRow {
    std::uint32_t seq = 0;        ///< message sequence number after this step; 0 when leaving
    std::uint32_t prev_seq = 0;   ///< sequence number before this step (0 when new this step)
    std::uint32_t uid = 0;
    std::vector<std::string> flags;    ///< as FETCH FLAGS shows them to the session (incl. \Recent)
    std::vector<std::string> added;    ///< flags added during this step
    std::vector<std::string> removed;  ///< flags removed during this step
    bool leaving = false;              ///< expunged during this step (shown once more, struck out)
    /// Expunged by another session (or silently, by this one's CLOSE to come) but this session has
    /// not been told yet: it keeps its sequence number until "* n EXPUNGE" reaches the session or
    /// the session leaves the mailbox. RFC 9051 §7.5.1.
    bool expunge_pending = false;
    std::uint64_t size = 0;            ///< RFC822.SIZE, octets
    std::string internal_date;
    std::string from;
    std::string subject;
};

struct SessionView {
    std::uint32_t step = 0;
    std::uint32_t connection = 1;
    SessionState state = SessionState::NotAuthenticated;
    /// State transitions taken during this step, in order (usually zero or one).
    std::vector<StateChanged> transitions;
    std::string selected_mailbox;  ///< "" when no mailbox is selected
    bool read_only = false;
    std::string shown_mailbox;     ///< the mailbox whose messages are listed
    std::vector<MailboxRow> mailboxes;  ///< hierarchy order: parents before children, sorted
    std::vector<MessageRow> messages;   ///< ascending UID; leaving rows stay in place
    std::size_t event_end = 0;          ///< events [0, event_end) are the ones up to this step
};

/// Projects events up to and including `step` for `connection`. Messages of the mailbox the
/// session has selected are numbered as the session knows them: one expunged by another session
/// keeps its number (`expunge_pending`) until the session receives "* n EXPUNGE" or leaves the
/// mailbox (RFC 9051 §7.5.1); other mailboxes show the store as it is. `mailbox` chooses whose messages
/// are listed; "" means the selected mailbox, or INBOX when none is selected.
SessionView project(const Timeline& timeline, std::uint32_t step, std::uint32_t connection = 1,
                    std::string_view mailbox = "");

}  // namespace imaplab
