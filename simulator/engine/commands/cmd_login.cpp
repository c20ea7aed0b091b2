// LOGIN — RFC 9051 §6.2.3: LOGIN SP userid SP password (both astrings).
// With LOGINDISABLED (config.login_disabled on a connection without TLS) the password is refused
// with Dovecot's two lines: an untagged BAD [ALERT] telling the user it was sent in the clear,
// then NO [PRIVACYREQUIRED].
#include "engine/arg_reader.hpp"
#include "engine/capabilities.hpp"
#include "engine/commands/commands.hpp"
#include "engine/sasl/login.hpp"
#include "engine/sasl/secret.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult login(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    std::string user, password_text;
    if (!args.astring(user) || !args.astring(password_text) || !args.end()) return CommandResult::bad_args(args.error());
    sasl::Secret password(std::move(password_text));
    Session& s = ctx.session;
    if (!plaintext_auth_allowed(s)) {
        s.untagged(
            "BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. "
            "If anyone was listening, the password was exposed.");
        return sasl::privacy_required("Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
    }
    return sasl::log_in(s, "LOGIN", user, password.reveal());
}

}  // namespace imaplab::commands
