#pragma once
// The end of a login, shared by LOGIN (RFC 9051 §6.2.3) and AUTHENTICATE (§6.2.2).
#include <string_view>

#include "engine/command_result.hpp"

namespace imaplab {
class Account;
class Session;
}  // namespace imaplab

namespace imaplab::sasl {

/// Checks `user` / `password` against the store, like Dovecot without master users: an
/// authorization identity `authzid` other than "" or `user` fails. On success the session gets
/// the account and moves to Authenticated (StateChanged caused by `command`), and the result is
/// "OK [CAPABILITY ...] Logged in" — or, when the client asked for CAPABILITY before logging in,
/// an untagged "* CAPABILITY ..." and "OK Logged in", as Dovecot answers. On failure:
/// "NO [AUTHENTICATIONFAILED] Authentication failed.". The password goes nowhere but the check.
CommandResult log_in(Session& session, std::string_view command, std::string_view user, std::string_view password,
                     std::string_view authzid = {});

/// "NO [AUTHENTICATIONFAILED] Authentication failed." (Dovecot's text, RFC 5530).
CommandResult authentication_failed();

/// "NO [PRIVACYREQUIRED] <text>": plaintext passwords refused on a connection without TLS
/// (LOGINDISABLED, RFC 9051 §6.2.3 / RFC 5530).
CommandResult privacy_required(std::string text);

}  // namespace imaplab::sasl
