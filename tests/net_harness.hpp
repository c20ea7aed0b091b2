#pragma once
// Helpers for in-process tests of the network server (net/server.hpp): a fixture account, the
// client end of a socket pair the server serves, and a pump that runs the server's loop.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/accounts.hpp"
#include "net/server.hpp"

namespace imaplab::test {

using namespace std::chrono_literals;
using net::Server;

/// alice / secret with INBOX holding `messages` messages of about `size` bytes each.
inline Fixture test_fixture(int messages, std::size_t size = 100) {
    Fixture f = net::empty_inbox_fixture(1234);
    f.accounts[0].user = "alice";
    f.accounts[0].password = "secret";
    for (int i = 1; i <= messages; ++i) {
        FixtureMessage m;
        m.uid = static_cast<std::uint32_t>(i);
        m.internal_date = "21-Nov-2026 10:00:00 +0000";
        std::string body(size, 'x');
        m.text = "From: bob@example.org\r\nSubject: message " + std::to_string(i) + "\r\n\r\n" + body + "\r\n";
        f.accounts[0].mailboxes[0].messages.push_back(std::move(m));
    }
    return f;
}

/// The client end of a socket pair served by the server (as a POP3 connection with `pop3`).
struct Client {
    int fd = -1;
    std::string received;
    bool eof = false;

    Client(Server& server, int buffer_size = 0, bool pop3 = false) {
        int sv[2];
        REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        if (buffer_size) {
            for (int s : sv) {
                ::setsockopt(s, SOL_SOCKET, SO_SNDBUF, &buffer_size, sizeof buffer_size);
                ::setsockopt(s, SOL_SOCKET, SO_RCVBUF, &buffer_size, sizeof buffer_size);
            }
        }
        fd = sv[1];
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (pop3) server.add_pop3_socket(sv[0], "test");
        else server.add_socket(sv[0], "test");
    }
    ~Client() {
        if (fd >= 0) ::close(fd);
    }
    void send(std::string_view bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            REQUIRE(n > 0);
            sent += static_cast<std::size_t>(n);
        }
    }
    void read_available() {
        char buf[65536];
        while (true) {
            ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n > 0) received.append(buf, static_cast<std::size_t>(n));
            if (n == 0) eof = true;
            if (n <= 0) return;
        }
    }
};

/// Runs the loop until `done()` or `limit` passes; the clients read what arrives.
template <class Done>
inline bool pump(Server& server, std::vector<Client*> clients, Done done, std::chrono::milliseconds limit = 3000ms) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        server.poll_once(5);
        for (Client* c : clients) c->read_available();
        if (done()) return true;
    }
    return false;
}

inline bool has(const Client& c, std::string_view text) { return c.received.find(text) != std::string::npos; }

}  // namespace imaplab::test
