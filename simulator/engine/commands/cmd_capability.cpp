// CAPABILITY — RFC 9051 §6.1.1: one untagged CAPABILITY response, then OK. Before login the
// texts are Dovecot's (its login process answers: "Pre-login capabilities listed, post-login
// capabilities have more."), and the client is remembered to have asked (see LoginState).
#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult capability(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    s.untagged("CAPABILITY " + s.capabilities());
    if (s.state() == SessionState::NotAuthenticated) {
        // Dovecot: a client that asks before STARTTLS probably ignores the response code of LOGIN.
        if (!s.login_state().tls_started) s.login_state().capability_requested = true;
        return CommandResult::ok("Pre-login capabilities listed, post-login capabilities have more.");
    }
    return CommandResult::ok("Capability completed.");
}

}  // namespace imaplab::commands
