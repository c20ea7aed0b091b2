#include "engine/sasl/login.hpp"

#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::sasl {

CommandResult log_in(Session& s, std::string_view command, std::string_view user, std::string_view password,
                     std::string_view authzid) {
    Account* account = authzid.empty() || authzid == user ? s.store().authenticate(user, password) : nullptr;
    if (!account) return authentication_failed();
    s.set_account(account);
    s.change_state(SessionState::Authenticated, command);
    // The capabilities valid after login (Dovecot lists more once the user is known).
    if (s.login_state().capability_requested) {
        s.untagged("CAPABILITY " + s.capabilities());
        return CommandResult::ok("Logged in");
    }
    return CommandResult::ok("Logged in", std::string(code::kCapability) + " " + s.capabilities());
}

CommandResult authentication_failed() {
    return CommandResult::no("Authentication failed.", std::string(code::kAuthenticationFailed));
}

CommandResult privacy_required(std::string text) {
    return CommandResult::no(std::move(text), std::string(code::kPrivacyRequired));
}

}  // namespace imaplab::sasl
