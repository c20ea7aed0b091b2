#pragma once
// Configuration of the simulated server: protocol version(s), extensions switched off, transport
// security (TLS, LOGINDISABLED), what ID says, limits.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "codec/framer.hpp"

#ifndef IMAPLAB_VERSION_STRING
#define IMAPLAB_VERSION_STRING "0.1.0"  // keep in step with project(VERSION) in CMakeLists.txt
#endif

namespace imaplab {

class Session;

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
    /// Capability names switched off (e.g. "LITERAL+", "UIDPLUS", "AUTH=LOGIN", "SASL-IR", "ID"),
    /// so a lesson can show what a client does without them. The capability list omits them, and
    /// the AUTH commands act on it: a disabled AUTH=<mechanism> is an unsupported mechanism, a
    /// disabled SASL-IR refuses initial responses, disabled ID / ENABLE / STARTTLS are unknown
    /// commands. Names are compared case-insensitively.
    std::set<std::string> disabled_extensions;
    /// Advertise LITERAL- (RFC 7888: non-synchronising literals up to 4096 octets) instead of
    /// LITERAL+, as Dovecot's imap_literal_minus does.
    bool literal_minus = false;

    // ---- Transport security: RFC 9051 §6.2.1 (STARTTLS), §11.1 ----
    /// Refuse plaintext passwords while the connection is not encrypted (Dovecot's
    /// disable_plaintext_auth): advertise LOGINDISABLED and no AUTH=PLAIN / AUTH=LOGIN, answer
    /// LOGIN and AUTHENTICATE PLAIN / LOGIN with NO [PRIVACYREQUIRED]. No effect once TLS is active.
    bool login_disabled = false;
    /// The connection is encrypted from its first byte (implicit TLS, port 993): STARTTLS is
    /// neither advertised nor accepted, LOGINDISABLED does not apply.
    bool tls_active = false;
    /// STARTTLS can start TLS on this connection: advertise STARTTLS, answer it with "OK Begin TLS
    /// negotiation now.". When false (no certificate; Dovecot's ssl=no) STARTTLS is not advertised
    /// and is answered "BAD TLS support isn't enabled.".
    bool tls_available = false;
    /// Called by a successful STARTTLS before its tagged OK is written. The network layer then
    /// sends what Session::feed returns in plaintext, discards any plaintext the client sent after
    /// the STARTTLS line, and runs the TLS server handshake before feeding the session more bytes.
    /// Without a hook TLS is only simulated (lessons): the session counts as encrypted at once.
    std::function<void(Session&)> starttls_hook;

    // ---- ID, RFC 2971 ----
    /// The server's "* ID (...)" answer: "name" and "version" fields ("" leaves a field out).
    std::string id_name = "IMAP Lab";
    std::string id_version = IMAPLAB_VERSION_STRING;

    /// Line and literal limits for commands.
    FramerLimits limits;
};

}  // namespace imaplab
