// IDLE — RFC 9051 §6.3.13 (RFC 2177): "+ idling", then changes to the selected mailbox are
// reported as they happen, until the client sends DONE.
#include <memory>

#include "engine/arg_reader.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab::commands {

namespace {
class Idling final : public Continuation {
public:
    std::optional<CommandResult> on_line(Session&, std::string_view line) override {
        if (iequals(line, "DONE")) return CommandResult::ok("Idle completed.");
        return CommandResult::bad("Expected DONE.");
    }
    void on_mailbox_changed(Session& s) override { s.sync_selected(/*allow_expunge=*/true); }
};
}  // namespace

CommandResult idle(CommandContext& ctx) {
    ArgReader args(ctx.command.args);
    if (!args.end()) return CommandResult::bad_args(args.error());
    Session& s = ctx.session;
    s.begin_continuation(std::make_unique<Idling>(), "idling");
    s.sync_selected(/*allow_expunge=*/true);  // what is already pending goes out at once
    return CommandResult::continues();
}

}  // namespace imaplab::commands
