// STARTTLS — RFC 9051 §6.2.1. The engine only answers; the TLS handshake belongs to the network
// layer, which config.starttls_hook tells to start it after "OK Begin TLS negotiation now.".
// Without a TLS layer (config.tls_available false) the answer is Dovecot's with ssl=no.
#include "engine/arg_reader.hpp"
#include "engine/capabilities.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult starttls(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    if (tls_active(s)) return CommandResult::bad("TLS is already active.");
    if (!s.config().tls_available || extension_disabled(s.config(), "STARTTLS"))
        return CommandResult::bad("TLS support isn't enabled.");
    s.login_state().tls_started = true;  // STARTTLS and LOGINDISABLED leave the capability list
    // Whatever the client pipelined after STARTTLS arrived in plaintext: it is dropped, never
    // executed after the handshake (RFC 9051 §6.2.1; the CVE-2011-0411 class of injection).
    s.discard_pending_input();
    if (s.config().starttls_hook) s.config().starttls_hook(s);
    return CommandResult::ok("Begin TLS negotiation now.");
}

}  // namespace imaplab::commands
