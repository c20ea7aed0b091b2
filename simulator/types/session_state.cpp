#include "types/session_state.hpp"

#include <cctype>
#include <string>

namespace imaplab {

bool parse_session_state(std::string_view text, SessionState& out) {
    std::string k;
    for (char c : text)
        if (std::isalpha(static_cast<unsigned char>(c))) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (k == "notauthenticated") out = SessionState::NotAuthenticated;
    else if (k == "authenticated") out = SessionState::Authenticated;
    else if (k == "selected") out = SessionState::Selected;
    else if (k == "logout") out = SessionState::Logout;
    else return false;
    return true;
}

}  // namespace imaplab
