#pragma once
// SASL mechanisms for AUTHENTICATE (RFC 9051 §6.2.2, RFC 4422): PLAIN (RFC 4616) and LOGIN
// (draft-murchison-sasl-login, with Dovecot's "Username:" / "Password:" prompts). A mechanism only
// turns client messages into credentials; checking them against the store is the command's job.
// Messages here are raw bytes: base64 is encoded and decoded by the caller (sasl/base64.hpp).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sasl/secret.hpp"

namespace imaplab::sasl {

/// What the client claimed. Not checked yet.
struct Credentials {
    std::string authzid;  ///< authorization identity: act as this user ("" = as authcid)
    std::string authcid;  ///< authentication identity: the user name the password belongs to
    Secret password;
};

/// The mechanism's answer to one client message.
struct Step {
    enum class Kind : std::uint8_t {
        Challenge,  ///< send `challenge` in a "+ " continuation request, wait for the response
        Done,       ///< the exchange is complete: check `credentials`
        Failed,     ///< the client's message is not what the mechanism expects: authentication fails
    };
    Kind kind = Kind::Failed;
    std::string challenge;
    Credentials credentials;

    static Step challenge_with(std::string bytes);
    static Step done(Credentials c);
    static Step failed();
};

class Mechanism {
public:
    virtual ~Mechanism() = default;
    /// Upper-case name as in "AUTH=<name>".
    virtual std::string_view name() const = 0;
    /// The first step. `initial` is the initial response of RFC 4959 (SASL-IR), decoded; "" for
    /// "=" (an empty initial response); nullopt when the command had none.
    virtual Step start(std::optional<std::string> initial) = 0;
    /// The client's (decoded) response to the last challenge.
    virtual Step respond(std::string response) = 0;
};

/// The mechanisms this server offers, in the order the capability list names them.
const std::vector<std::string_view>& mechanism_names();
/// A fresh mechanism for `name` (case-insensitive), or nullptr if the server has no such mechanism.
std::unique_ptr<Mechanism> make_mechanism(std::string_view name);
/// True for mechanisms that send the password in the clear (all of ours): LOGINDISABLED and
/// RFC 9051 §6.2.2 / §11.1 refuse them on a connection without TLS.
bool is_plaintext_mechanism(std::string_view name);

}  // namespace imaplab::sasl
