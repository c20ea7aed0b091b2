// AUTHENTICATE — RFC 9051 §6.2.2 with SASL-IR (RFC 4959):
//   authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")] *(CRLF base64)
// The mechanism (engine/sasl/mechanism.hpp) turns client messages into credentials; challenges
// go out as "+ <base64>" continuation requests and each client line is one base64 response,
// "*" cancels. Answers are Dovecot 2.3's, checked in the same order (mechanism, plaintext
// policy, initial response), except that a response that is not base64 gets BAD as RFC 9051
// requires (Dovecot says NO [ALERT]).
#include <memory>
#include <optional>

#include "engine/arg_reader.hpp"
#include "engine/capabilities.hpp"
#include "engine/commands/commands.hpp"
#include "engine/response_codes.hpp"
#include "engine/sasl/base64.hpp"
#include "engine/sasl/login.hpp"
#include "engine/sasl/mechanism.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

namespace {

/// Either the end of the command or the next challenge to send.
struct Outcome {
    std::optional<CommandResult> result;
    std::string challenge;  ///< raw bytes, when there is no result
};

Outcome settle(Session& s, sasl::Step step) {
    switch (step.kind) {
        case sasl::Step::Kind::Challenge:
            return {std::nullopt, std::move(step.challenge)};
        case sasl::Step::Kind::Done: {
            const sasl::Credentials& c = step.credentials;
            return {sasl::log_in(s, "AUTHENTICATE", c.authcid, c.password.reveal(), c.authzid), {}};
        }
        case sasl::Step::Kind::Failed:
            break;
    }
    return {sasl::authentication_failed(), {}};
}

/// The client lines after the first "+": one base64 response each.
class SaslExchange final : public Continuation {
public:
    explicit SaslExchange(std::unique_ptr<sasl::Mechanism> mechanism) : mechanism_(std::move(mechanism)) {}

    std::optional<CommandResult> on_line(Session& s, std::string_view line) override {
        if (line == "*") return CommandResult::bad("Authentication aborted by client.");
        auto response = sasl::base64_decode(line);
        if (!response) return CommandResult::bad("Invalid base64 in response");
        Outcome next = settle(s, mechanism_->respond(std::move(*response)));
        if (next.result) return next.result;
        s.write_raw("+ " + sasl::base64_encode(next.challenge) + "\r\n");
        return std::nullopt;
    }

private:
    std::unique_ptr<sasl::Mechanism> mechanism_;
};

}  // namespace

CommandResult authenticate(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    std::string name;
    if (!args.atom_upper(name)) return CommandResult::bad_args(args.error());
    const Arg* initial_arg = nullptr;
    if (!args.at_end()) args.any(initial_arg);
    const bool extra = !args.at_end();

    std::unique_ptr<sasl::Mechanism> mechanism;
    if (!extension_disabled(s.config(), "AUTH=" + name)) mechanism = sasl::make_mechanism(name);
    if (!mechanism) return CommandResult::no("Unsupported authentication mechanism.", std::string(code::kAlert));
    if (sasl::is_plaintext_mechanism(name) && !plaintext_auth_allowed(s))
        return sasl::privacy_required("Plaintext authentication disabled.");

    // RFC 4959: the initial response, "=" for an empty one.
    std::optional<std::string> initial;
    if (initial_arg) {
        if (extension_disabled(s.config(), "SASL-IR"))
            return CommandResult::bad("Initial response not allowed: SASL-IR is not enabled.");
        if (extra || initial_arg->type != Arg::Type::Atom) return CommandResult::bad("Invalid base64 data in initial response");
        if (initial_arg->value == "=") {
            initial = std::string{};
        } else {
            initial = sasl::base64_decode(initial_arg->value);
            if (!initial) return CommandResult::bad("Invalid base64 data in initial response");
        }
    }

    Outcome first = settle(s, mechanism->start(std::move(initial)));
    if (first.result) return *first.result;
    s.begin_continuation(std::make_unique<SaslExchange>(std::move(mechanism)), sasl::base64_encode(first.challenge));
    return CommandResult::continues();
}

}  // namespace imaplab::commands
