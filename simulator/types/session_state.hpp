#pragma once
// Session states of an IMAP connection.
// RFC 9051 §3 / RFC 3501 §3: Not Authenticated, Authenticated, Selected, Logout.
#include <cstdint>
#include <string_view>

namespace imaplab {

enum class SessionState : std::uint8_t { NotAuthenticated, Authenticated, Selected, Logout };

/// Human name as the RFC writes it: "Not Authenticated", "Authenticated", "Selected", "Logout".
constexpr std::string_view to_string(SessionState s) {
    switch (s) {
        case SessionState::NotAuthenticated: return "Not Authenticated";
        case SessionState::Authenticated: return "Authenticated";
        case SessionState::Selected: return "Selected";
        case SessionState::Logout: return "Logout";
    }
    return "?";
}

/// Parses "Not Authenticated"/"NotAuthenticated"/"not_authenticated", "Authenticated", "Selected",
/// "Logout" (case-insensitive). Returns false when the text names no state.
bool parse_session_state(std::string_view text, SessionState& out);

/// A bit set of states, used by the command table ("valid in").
using StateMask = std::uint8_t;
constexpr StateMask state_bit(SessionState s) { return static_cast<StateMask>(1u << static_cast<unsigned>(s)); }
constexpr StateMask kAnyState = 0x0F;

}  // namespace imaplab
