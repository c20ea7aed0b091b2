#pragma once
// POP3 session states. RFC 1939 §3: AUTHORIZATION (greeting until USER/PASS succeed), TRANSACTION
// (the maildrop is open: STAT, LIST, RETR, DELE ...), UPDATE (after QUIT in TRANSACTION: the
// messages marked deleted are removed, then the connection closes).
#include <cstdint>
#include <string_view>

#include "types/session_state.hpp"

namespace imaplab {

enum class Pop3State : std::uint8_t { Authorization, Transaction, Update };

/// The RFC's name: "AUTHORIZATION", "TRANSACTION", "UPDATE".
constexpr std::string_view to_string(Pop3State s) {
    switch (s) {
        case Pop3State::Authorization: return "AUTHORIZATION";
        case Pop3State::Transaction: return "TRANSACTION";
        case Pop3State::Update: return "UPDATE";
    }
    return "?";
}

/// The IMAP state the trace records for a POP3 state, so views built for IMAP show a POP3 session
/// too: AUTHORIZATION = Not Authenticated, TRANSACTION = Selected (INBOX is the open maildrop),
/// UPDATE = Logout.
constexpr SessionState trace_state(Pop3State s) {
    switch (s) {
        case Pop3State::Authorization: return SessionState::NotAuthenticated;
        case Pop3State::Transaction: return SessionState::Selected;
        case Pop3State::Update: return SessionState::Logout;
    }
    return SessionState::Logout;
}

}  // namespace imaplab
