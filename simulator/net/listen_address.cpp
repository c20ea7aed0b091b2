#include "net/listen_address.hpp"

#include <charconv>

#include <arpa/inet.h>
#include <netinet/in.h>

namespace imaplab::net {

std::string ListenAddress::to_string() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ListenAddress, std::string> parse_listen_address(std::string_view text) {
    using R = Result<ListenAddress, std::string>;
    auto bad = [&](std::string_view why) {
        return R::failure("\"" + std::string(text) + "\": " + std::string(why));
    };
    ListenAddress a;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return bad("missing ']' after the IPv6 address");
        a.host = std::string(text.substr(1, close - 1));
        if (close + 1 >= text.size() || text[close + 1] != ':') return bad("expected [IPV6]:PORT (e.g. [::1]:1143)");
        port = text.substr(close + 2);
    } else if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
        if (text.find(':') != colon) return bad("an IPv6 address goes in brackets: [::1]:1143");
        a.host = std::string(text.substr(0, colon));
        port = text.substr(colon + 1);
    } else if (!text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos) {
        a.host = "127.0.0.1";
        port = text;
    } else {
        return bad("expected HOST:PORT (e.g. 127.0.0.1:1143)");
    }
    if (a.host.empty()) return bad("the host is missing (e.g. 127.0.0.1:1143; 0.0.0.0:1143 for every address)");
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535)
        return bad("the port must be a number from 0 to 65535");
    a.port = static_cast<std::uint16_t>(value);
    return a;
}

bool is_loopback(const sockaddr* address) {
    if (address->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address);
        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (address->sa_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
        if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) return true;
        return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127;
    }
    return false;
}

std::string format_socket_address(const sockaddr* address) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (address->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(address);
        inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf);
        return std::string(buf) + ":" + std::to_string(ntohs(in->sin_port));
    }
    if (address->sa_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(address);
        inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf);
        return "[" + std::string(buf) + "]:" + std::to_string(ntohs(in6->sin6_port));
    }
    return "?";
}

}  // namespace imaplab::net
