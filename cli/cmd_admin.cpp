#include "cmd_admin.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "net/server.hpp"

namespace imaplab::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitNoServer = 2;
constexpr int kAnswerTimeoutMs = 30000;  // a reset of many accounts is quick; a hung server is not

int fail(const std::string& message) {
    std::fprintf(stderr, "imaplab-cli admin: %s\n", message.c_str());
    return kExitNoServer;
}

}  // namespace

CLI::App* add_admin_subcommand(CLI::App& app, AdminArgs& a) {
    auto* cmd = app.add_subcommand("admin", "Instructor commands for a running `serve` (over DATA/control.sock).");
    cmd->add_option("--data", a.data, "The server's --data directory (default: $XDG_DATA_HOME/imaplab)");
    cmd->require_subcommand(1);
    a.reset = cmd->add_subcommand("reset", "Reset accounts to their fixture; their connections get a BYE and end");
    a.reset->add_option("USER", a.users, "User names");
    auto* all = a.reset->add_flag("--all", a.all, "Every account");
    all->excludes(a.reset->get_option("USER"));
    a.list = cmd->add_subcommand("list", "List the server's connections");
    return cmd;
}

int run_admin(const AdminArgs& a) {
    std::string line;
    if (*a.list) {
        line = "list";
    } else {
        if (!a.all && a.users.empty()) return fail("reset: give user names or --all");
        line = "reset";
        if (a.all) line += " --all";
        for (const auto& u : a.users) {
            if (u.empty() || u.find_first_of(" \r\n") != std::string::npos)
                return fail("reset: a user name here has no spaces or line ends: \"" + u + "\"");
            line += " " + u;
        }
    }
    const std::string path = net::control_socket_path(a.data);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) return fail("the control socket path is too long: " + path);
    std::memcpy(addr.sun_path, path.data(), path.size());
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(std::string("socket: ") + std::strerror(errno));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const int e = errno;
        ::close(fd);
        return fail("no server is running with this data directory (" + path + ": " + std::strerror(e) + ")");
    }
    line += "\n";
    for (std::size_t sent = 0; sent < line.size();) {
        ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            return fail(std::string("cannot send the command: ") + std::strerror(errno));
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string answer;
    while (answer.find('\n') == std::string::npos) {
        pollfd p{fd, POLLIN, 0};
        int r = ::poll(&p, 1, kAnswerTimeoutMs);
        if (r < 0 && errno == EINTR) continue;
        if (r == 0) {
            ::close(fd);
            return fail("the server did not answer within 30 s");
        }
        char buf[4096];
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        answer.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (auto nl = answer.find('\n'); nl != std::string::npos) answer.resize(nl);
    if (answer.empty()) return fail("the server closed the control connection without an answer");
    std::printf("%s\n", answer.c_str());
    return answer.rfind("OK", 0) == 0 ? kExitOk : kExitRefused;
}

}  // namespace imaplab::cli
