#pragma once
// A Transport over TLS (OpenSSL 3) on a non-blocking socket, server side: implicit TLS (port 993,
// RFC 8314) from the first byte, or after STARTTLS (RFC 9051 §6.2.1) on a socket whose plaintext
// part is over. The handshake runs inside read()/write() as poll() allows; OpenSSL's WANT_READ /
// WANT_WRITE become the poll events the loop waits for.
#include <string>

#include "net/transport.hpp"

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace imaplab::net {

/// The reason of the oldest error in OpenSSL's error queue of this thread ("wrong version number"),
/// or "unknown error"; the queue is cleared.
std::string openssl_error_reason();

class TlsTransport final : public Transport {
public:
    /// Takes ownership of the connected non-blocking socket `fd` (closed by the destructor, also
    /// when this throws) and starts a server-side TLS connection with `ctx` (which must outlive
    /// this object). Throws std::runtime_error when OpenSSL cannot allocate the connection.
    /// OpenSSL writes to the socket with write(): the process must ignore SIGPIPE.
    TlsTransport(int fd, SSL_CTX* ctx);
    ~TlsTransport() override;
    TlsTransport(const TlsTransport&) = delete;
    TlsTransport& operator=(const TlsTransport&) = delete;

    int read_fd() const override { return fd_; }
    int write_fd() const override { return fd_; }
    /// Decrypted bytes; during the handshake WouldBlock. Errors carry a message ("TLS handshake
    /// failed: wrong version number"); a close_notify or a closed socket is Eof.
    IoResult read(char* buffer, std::size_t size) override;
    IoResult write(const char* buffer, std::size_t size) override;
    short read_events(bool want_read, bool want_write) const override;
    short write_events(bool want_read, bool want_write) const override;
    /// SSL_pending: decrypted bytes poll() does not see.
    bool has_buffered_input() const override;
    std::string kind() const override { return "tls"; }
    bool handshaking() const override { return !handshake_done_; }
    /// Sends close_notify once (best effort, without waiting for the peer's).
    void shutdown_write() override;

    /// "TLSv1.3 TLS_AES_256_GCM_SHA384" once the handshake is done, else "".
    std::string description() const;

private:
    int fd_;
    SSL* ssl_ = nullptr;
    bool handshake_done_ = false;
    bool shut_down_ = false;
    bool failed_ = false;
    short read_wants_ = POLLIN;   // what the last read() waits for
    short write_wants_ = POLLOUT; // what the last write() waits for

    /// Maps an SSL_* call's failure; records what it waits for in `wants`.
    IoResult failure(int rc, short& wants);
    /// Runs the handshake; Ok (bytes 0) when done.
    IoResult handshake(short& wants);
};

}  // namespace imaplab::net
