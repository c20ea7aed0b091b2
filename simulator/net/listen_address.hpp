#pragma once
// Where the network server listens: "HOST:PORT" as given on the command line, resolved to socket
// addresses; loopback detection (the sandbox listens on loopback only unless asked otherwise).
#include <cstdint>
#include <string>
#include <string_view>

#include <sys/socket.h>

#include "types/result.hpp"

namespace imaplab::net {

/// The default plain IMAP listen address of `imaplab-cli serve` (port 1143: 143 needs root).
inline constexpr std::string_view kDefaultListen = "127.0.0.1:1143";
/// The default implicit-TLS listen address (IMAPS; port 1993: 993 needs root). RFC 8314 §3.3.
inline constexpr std::string_view kDefaultTlsListen = "127.0.0.1:1993";

struct ListenAddress {
    std::string host;  ///< numeric address or name, without IPv6 brackets ("127.0.0.1", "::1", "localhost")
    std::uint16_t port = 0;  ///< 0: the system picks a free port
    /// "127.0.0.1:1143", "[::1]:1143"
    std::string to_string() const;
};

/// Parses "HOST:PORT", "[IPV6]:PORT" or "PORT" (host 127.0.0.1). Errors name the problem, e.g.
/// "\"localhost\": expected HOST:PORT (e.g. 127.0.0.1:1143)".
Result<ListenAddress, std::string> parse_listen_address(std::string_view text);

/// True for 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104.
bool is_loopback(const sockaddr* address);

/// "127.0.0.1:40123" or "[::1]:40123" for an IPv4/IPv6 socket address; "?" for other families.
std::string format_socket_address(const sockaddr* address);

}  // namespace imaplab::net
