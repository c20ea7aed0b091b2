#pragma once
// Configuration of the simulated server: protocol version(s), extensions switched off, limits.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "codec/framer.hpp"

namespace imaplab {

/// Which protocol the server speaks. RFC 9051 Appendix E: a server may offer both, starting in
/// IMAP4rev1 until the client sends ENABLE IMAP4rev2.
enum class ProtocolVersions : std::uint8_t {
    Rev1,  ///< IMAP4rev1 (RFC 3501) with extensions, as Dovecot 2.3
    Rev2,  ///< IMAP4rev2 only (RFC 9051)
    Both,  ///< IMAP4rev1, and IMAP4rev2 after ENABLE IMAP4rev2
};

struct ServerConfig {
    /// Text of the greeting after the response code: "* OK [CAPABILITY ...] <greeting_text>".
    std::string greeting_text = "IMAP Lab ready.";
    ProtocolVersions versions = ProtocolVersions::Rev1;
    /// Capability names switched off (e.g. "LITERAL+", "UIDPLUS"), so a lesson can show what a
    /// client does without them.
    std::set<std::string> disabled_extensions;
    /// LOGINDISABLED: refuse LOGIN and AUTHENTICATE PLAIN on a connection without TLS (RFC 9051 §6.2.3).
    bool login_disabled = false;
    /// Line and literal limits for commands.
    FramerLimits limits;
};

}  // namespace imaplab
