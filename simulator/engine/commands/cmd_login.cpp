// LOGIN — RFC 9051 §6.2.3: LOGIN SP userid SP password (both astrings).
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/response_codes.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult login(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    std::string user, password;
    if (!args.astring(user) || !args.astring(password) || !args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    Account* account = s.store().authenticate(user, password);
    if (!account) return CommandResult::no("Authentication failed.", std::string(code::kAuthenticationFailed));
    s.set_account(account);
    s.change_state(SessionState::Authenticated, "LOGIN");
    // Like Dovecot, the OK carries the capabilities that are valid after login.
    return CommandResult::ok("Logged in", std::string(code::kCapability) + " " + s.capabilities());
}

}  // namespace imaplab::commands
