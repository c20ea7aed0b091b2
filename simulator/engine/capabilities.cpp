#include "engine/capabilities.hpp"

#include "engine/session.hpp"

namespace imaplab {

std::string capability_string(const Session& session) {
    // Only what this server implements. RFC 9051 §6.1.1, RFC 7888 (LITERAL+), RFC 3691 (UNSELECT).
    std::string caps = "IMAP4rev1";
    auto add = [&](const char* name) {
        if (!session.config().disabled_extensions.count(name)) {
            caps += ' ';
            caps += name;
        }
    };
    add("LITERAL+");
    if (session.state() != SessionState::NotAuthenticated) add("UNSELECT");
    return caps;
}

}  // namespace imaplab
