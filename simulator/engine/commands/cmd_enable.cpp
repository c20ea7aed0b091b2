// ENABLE — RFC 9051 §6.3.1, RFC 5161: enable SP capability *(SP capability). Unknown names and
// extensions that need no enabling are ignored; "* ENABLED" lists what was enabled (sent even
// when nothing was, as RFC 9051 requires). The one extension here that must be enabled is
// IMAP4rev2, on a server that offers both versions (RFC 9051 Appendix E); UTF8=ACCEPT comes later.
#include <string>
#include <vector>

#include "engine/capabilities.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

CommandResult enable(CommandContext& ctx) {
    Session& s = ctx.session;
    const ServerConfig& config = s.config();
    const auto& args = ctx.command.args;
    if (args.empty()) return CommandResult::bad_args("Missing arguments");
    for (const Arg& a : args)
        if (a.type != Arg::Type::Atom) return CommandResult::bad_args("Invalid arguments");

    std::vector<std::string> enabled;
    auto add = [&](std::string name) {
        for (const auto& e : enabled)
            if (e == name) return;
        enabled.push_back(std::move(name));
    };
    for (const Arg& a : args) {
        if (iequals(a.value, "IMAP4rev2") && config.versions != ProtocolVersions::Rev1 &&
            !extension_disabled(config, "IMAP4rev2")) {
            s.set_imap4rev2(true);
            add("IMAP4rev2");
        }
    }
    std::string line = "ENABLED";
    for (const auto& e : enabled) line += " " + e;
    s.untagged(line);
    return CommandResult::ok("Enabled.");
}

}  // namespace imaplab::commands
