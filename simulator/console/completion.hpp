#pragma once
// Completion in the console's input box: at a cursor offset, what could be typed there and which
// bytes the chosen candidate replaces. Command names come from the engine's command table
// (engine/command_table.hpp), FETCH items, SEARCH keys, STORE and STATUS items from
// console/vocabulary.hpp, system flags from types/flags.hpp; keywords and mailbox names are the
// caller's (the session's selected mailbox and account).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "types/session_state.hpp"

namespace imaplab::console {

enum class CompletionKind {
    None,         ///< nothing to complete here (inside a quoted string or literal data, a number)
    CommandName,  ///< RFC 9051 §6 commands
    FetchItem,    ///< after FETCH / UID FETCH's sequence set, alone or inside its parentheses
    SearchKey,    ///< SEARCH / UID SEARCH arguments
    StoreItem,    ///< STORE's FLAGS / +FLAGS / -FLAGS (.SILENT)
    Flag,         ///< after STORE's item, in APPEND's flag list, after SEARCH KEYWORD / UNKEYWORD
    Mailbox,      ///< the mailbox arguments of SELECT, EXAMINE, STATUS, COPY, MOVE, CREATE, ...
    StatusItem,   ///< inside STATUS's parentheses
};

/// What the session knows that completion uses.
struct CompletionContext {
    SessionState state = SessionState::NotAuthenticated;
    bool imap4rev2 = false;               ///< mailbox names as UTF-8 (else modified UTF-7); LSUB, STATUS items
    std::vector<std::string> mailboxes;   ///< mailbox names, UTF-8, "/"-separated ("INBOX", "Привет")
    std::vector<std::string> keywords;    ///< keywords of the selected mailbox ("$Forwarded")
};

struct Completion {
    CompletionKind kind = CompletionKind::None;
    std::size_t offset = 0;  ///< bytes of the input the candidate replaces: [offset, offset + length)
    std::size_t length = 0;
    /// In the order to offer them. Command names valid in the session's state come first; within
    /// a group, in byte order (ASCII: '"' < '&' < '.' < 'A' < '['). Mailbox names are as they are
    /// typed on the wire: modified UTF-7 in IMAP4rev1 (RFC 3501 §5.1.3), UTF-8 in IMAP4rev2,
    /// quoted when not an atom.
    std::vector<std::string> candidates;
};

/// The candidates at byte offset `cursor` of `input` (clamped to its size) that start with what is
/// typed there (case-insensitively; a mailbox also matches by its UTF-8 name).
Completion complete(std::string_view input, std::size_t cursor, const CompletionContext& context);

}  // namespace imaplab::console
