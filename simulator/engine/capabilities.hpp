#pragma once
// The CAPABILITY list, computed from the server configuration and the session's state.
// RFC 9051 §6.1.1 / §7.2.2.
#include <string>

namespace imaplab {

class Session;

/// Capability names separated by SP, without the word CAPABILITY: what the greeting's response
/// code, the CAPABILITY response and LOGIN's OK announce. Lists only what is implemented.
std::string capability_string(const Session& session);

}  // namespace imaplab
