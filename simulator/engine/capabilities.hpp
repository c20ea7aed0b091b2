#pragma once
// The CAPABILITY list, computed from the server configuration and the connection's state
// (logged in or not, TLS or not). RFC 9051 §6.1.1 / §7.2.2. One table, one row per capability,
// in Dovecot 2.3's order; a row is switched on only once the command or feature that implements
// it is in (capabilities.cpp), so the server never announces what it cannot do.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/server_config.hpp"

namespace imaplab {

class Session;

/// When a capability is listed: Dovecot lists fewer before login (its login process knows only
/// the login commands) and drops the AUTH= mechanisms after it.
enum class CapabilityPhase : std::uint8_t { Always, PreLogin, PostLogin };

/// Extra conditions, computed from the configuration and the connection.
enum class CapabilityCondition : std::uint8_t {
    None,
    Rev1,            ///< versions Rev1 or Both
    Rev2,            ///< versions Rev2 or Both
    LiteralPlus,     ///< !config.literal_minus
    LiteralMinus,    ///< config.literal_minus
    StartTls,        ///< TLS can be started and is not active yet
    LoginDisabled,   ///< config.login_disabled and no TLS
    PlaintextAuth,   ///< plaintext mechanisms allowed: !login_disabled, or TLS active
    Acl,             ///< the ACL row is not disabled (RIGHTS= goes with ACL)
};

struct CapabilityRow {
    std::string_view name;          ///< as listed, e.g. "UIDPLUS", "AUTH=PLAIN"
    CapabilityPhase phase;
    CapabilityCondition condition;
    bool implemented;               ///< false: not listed until the feature lands
    std::string_view rfc;           ///< where it is defined
    std::string_view implemented_by;  ///< the command(s) / feature that implement it
};

/// Every capability this server knows of, implemented or not, in the order they are listed.
const std::vector<CapabilityRow>& capability_table();

/// The connection facts the list depends on.
struct CapabilityContext {
    const ServerConfig& config;
    bool logged_in = false;   ///< Authenticated or Selected
    bool tls_active = false;  ///< implicit TLS, or after STARTTLS
};

/// Capability names separated by SP, without the word CAPABILITY: what the greeting's response
/// code, the CAPABILITY response and the OK of LOGIN / AUTHENTICATE announce. Lists only
/// implemented rows whose phase and condition hold and that config.disabled_extensions leaves.
std::string capability_string(const CapabilityContext& context);
/// The same for a session's current state.
std::string capability_string(const Session& session);

/// True when `name` (e.g. "SASL-IR", "AUTH=LOGIN"; case-insensitive) is switched off by the
/// configuration (config.disabled_extensions).
bool extension_disabled(const ServerConfig& config, std::string_view name);
/// True when the connection is encrypted: config.tls_active, or STARTTLS succeeded.
bool tls_active(const Session& session);
/// True when plaintext passwords (LOGIN, AUTHENTICATE PLAIN / LOGIN) are accepted: not
/// config.login_disabled, or the connection is encrypted. RFC 9051 §6.2.3, §11.1.
bool plaintext_auth_allowed(const Session& session);

}  // namespace imaplab
