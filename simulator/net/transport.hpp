#pragma once
// The byte stream under one connection, as the event loop sees it: non-blocking reads and writes on
// file descriptors it can poll(). FdTransport is plain TCP (one socket) or a pair of descriptors
// (--stdio: stdin and stdout). TlsTransport (net/tls_transport.hpp) implements the same interface
// on top of OpenSSL: it may need POLLOUT to read (handshake) or hold decrypted bytes that poll()
// cannot see, which is what read_events()/write_events() and has_buffered_input() are for.
#include <cstddef>
#include <string>

#include <poll.h>

namespace imaplab::net {

struct IoResult {
    enum class Status { Ok, WouldBlock, Eof, Error };
    Status status = Status::Ok;
    std::size_t bytes = 0;  ///< for Ok: bytes read or written (> 0)
    int error = 0;          ///< for Error: errno (EPROTO for a TLS failure)
    std::string message;    ///< for Error: what went wrong when errno alone does not say (TLS)
};

class Transport {
public:
    virtual ~Transport() = default;
    /// Descriptors to poll; equal for a socket.
    virtual int read_fd() const = 0;
    virtual int write_fd() const = 0;
    /// Reads up to `size` bytes without blocking.
    virtual IoResult read(char* buffer, std::size_t size) = 0;
    /// Writes up to `size` bytes without blocking (for a pipe or terminal on stdout it may block;
    /// the stdio server serves a single connection, so that is harmless).
    virtual IoResult write(const char* buffer, std::size_t size) = 0;
    /// poll() events needed on read_fd() / write_fd() when the connection wants to read / write.
    virtual short read_events(bool want_read, bool /*want_write*/) const { return want_read ? POLLIN : 0; }
    virtual short write_events(bool /*want_read*/, bool want_write) const { return want_write ? POLLOUT : 0; }
    /// Bytes already received and decrypted that poll() will not report (TLS); plain: never.
    virtual bool has_buffered_input() const { return false; }
    /// "tcp", "stdio" or "tls"; shown in the connection list and the connection's log line.
    virtual std::string kind() const = 0;
    /// True while a TLS handshake has not completed (no application data can flow yet).
    virtual bool handshaking() const { return false; }
    /// Stops sending (half-close) before the connection is dropped; best effort.
    virtual void shutdown_write() {}
    /// For STARTTLS: gives up an owned socket so a TLS transport can take it over; returns the
    /// descriptor, or -1 when this transport has no socket to give (stdio, TLS, not owned).
    virtual int release_socket() { return -1; }
};

/// Plain descriptors. A socket (read_fd == write_fd) is used with recv/send (no SIGPIPE); a pair
/// of descriptors (stdin/stdout) with read/write. Owned descriptors are closed by the destructor.
class FdTransport final : public Transport {
public:
    FdTransport(int read_fd, int write_fd, bool is_socket, bool owns_fds);
    ~FdTransport() override;
    FdTransport(const FdTransport&) = delete;
    FdTransport& operator=(const FdTransport&) = delete;

    int read_fd() const override { return read_fd_; }
    int write_fd() const override { return write_fd_; }
    IoResult read(char* buffer, std::size_t size) override;
    IoResult write(const char* buffer, std::size_t size) override;
    std::string kind() const override { return is_socket_ ? "tcp" : "stdio"; }
    void shutdown_write() override;
    int release_socket() override;

private:
    int read_fd_, write_fd_;
    bool is_socket_, owns_fds_;
};

}  // namespace imaplab::net
