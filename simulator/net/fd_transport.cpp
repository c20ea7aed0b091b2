#include <cerrno>

#include <sys/socket.h>
#include <unistd.h>

#include "net/transport.hpp"

namespace imaplab::net {

FdTransport::FdTransport(int read_fd, int write_fd, bool is_socket, bool owns_fds)
    : read_fd_(read_fd), write_fd_(write_fd), is_socket_(is_socket), owns_fds_(owns_fds) {}

FdTransport::~FdTransport() {
    if (!owns_fds_) return;
    ::close(read_fd_);
    if (write_fd_ != read_fd_) ::close(write_fd_);
}

namespace {
IoResult from_errno() {
    IoResult r;
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
        r.status = IoResult::Status::WouldBlock;
    } else {
        r.status = IoResult::Status::Error;
        r.error = errno;
    }
    return r;
}
}  // namespace

IoResult FdTransport::read(char* buffer, std::size_t size) {
    ssize_t n = is_socket_ ? ::recv(read_fd_, buffer, size, 0) : ::read(read_fd_, buffer, size);
    if (n > 0) return {IoResult::Status::Ok, static_cast<std::size_t>(n), 0, {}};
    if (n == 0) return {IoResult::Status::Eof, 0, 0, {}};
    return from_errno();
}

IoResult FdTransport::write(const char* buffer, std::size_t size) {
    ssize_t n = is_socket_ ? ::send(write_fd_, buffer, size, MSG_NOSIGNAL) : ::write(write_fd_, buffer, size);
    if (n >= 0) return {n > 0 ? IoResult::Status::Ok : IoResult::Status::WouldBlock, static_cast<std::size_t>(n), 0, {}};
    return from_errno();
}

int FdTransport::release_socket() {
    if (!is_socket_ || !owns_fds_) return -1;
    owns_fds_ = false;
    return read_fd_;
}

void FdTransport::shutdown_write() {
    if (is_socket_) ::shutdown(write_fd_, SHUT_WR);
}

}  // namespace imaplab::net
