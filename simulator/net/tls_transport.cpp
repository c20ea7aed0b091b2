#include "net/tls_transport.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace imaplab::net {

std::string openssl_error_reason() {
    unsigned long first = ERR_get_error();
    ERR_clear_error();
    if (first == 0) return "unknown error";
    const char* reason = ERR_reason_error_string(first);
    if (reason) return reason;
    char buf[256];
    ERR_error_string_n(first, buf, sizeof buf);
    return buf;
}

TlsTransport::TlsTransport(int fd, SSL_CTX* ctx) : fd_(fd) {
    ssl_ = SSL_new(ctx);
    if (!ssl_ || SSL_set_fd(ssl_, fd) != 1) {
        SSL_free(ssl_);
        ::close(fd_);
        throw std::runtime_error("cannot start TLS: " + openssl_error_reason());
    }
    SSL_set_accept_state(ssl_);
}

TlsTransport::~TlsTransport() {
    shutdown_write();
    SSL_free(ssl_);
    ::close(fd_);
}

IoResult TlsTransport::failure(int rc, short& wants) {
    const int err = SSL_get_error(ssl_, rc);
    const int saved_errno = errno;
    IoResult r;
    switch (err) {
        case SSL_ERROR_WANT_READ:
            wants = POLLIN;
            r.status = IoResult::Status::WouldBlock;
            return r;
        case SSL_ERROR_WANT_WRITE:
            wants = POLLOUT;
            r.status = IoResult::Status::WouldBlock;
            return r;
        case SSL_ERROR_ZERO_RETURN:  // close_notify, or EOF (SSL_OP_IGNORE_UNEXPECTED_EOF)
            ERR_clear_error();
            r.status = IoResult::Status::Eof;
            return r;
        case SSL_ERROR_SYSCALL:
            failed_ = true;
            if (ERR_peek_error() == 0 && saved_errno == 0) {  // EOF without close_notify
                r.status = IoResult::Status::Eof;
                return r;
            }
            if (ERR_peek_error() == 0) {
                ERR_clear_error();
                r.status = IoResult::Status::Error;
                r.error = saved_errno;
                return r;
            }
            [[fallthrough]];
        default:
            failed_ = true;
            r.status = IoResult::Status::Error;
            r.error = EPROTO;
            r.message = std::string(handshake_done_ ? "TLS error: " : "TLS handshake failed: ") + openssl_error_reason();
            return r;
    }
}

IoResult TlsTransport::handshake(short& wants) {
    if (handshake_done_) return {};
    if (failed_) return {IoResult::Status::Error, 0, EPROTO, "TLS connection failed earlier"};
    ERR_clear_error();
    errno = 0;
    const int rc = SSL_do_handshake(ssl_);
    if (rc == 1) {
        handshake_done_ = true;
        read_wants_ = POLLIN;
        write_wants_ = POLLOUT;
        return {};
    }
    return failure(rc, wants);
}

IoResult TlsTransport::read(char* buffer, std::size_t size) {
    if (IoResult h = handshake(read_wants_); h.status != IoResult::Status::Ok) return h;
    ERR_clear_error();
    errno = 0;
    std::size_t got = 0;
    if (SSL_read_ex(ssl_, buffer, size, &got) == 1) {
        read_wants_ = POLLIN;
        return {IoResult::Status::Ok, got, 0, {}};
    }
    return failure(0, read_wants_);
}

IoResult TlsTransport::write(const char* buffer, std::size_t size) {
    if (IoResult h = handshake(write_wants_); h.status != IoResult::Status::Ok) return h;
    ERR_clear_error();
    errno = 0;
    std::size_t put = 0;
    if (SSL_write_ex(ssl_, buffer, size, &put) == 1) {
        write_wants_ = POLLOUT;
        return {IoResult::Status::Ok, put, 0, {}};
    }
    return failure(0, write_wants_);
}

short TlsTransport::read_events(bool want_read, bool /*want_write*/) const { return want_read ? read_wants_ : 0; }

short TlsTransport::write_events(bool /*want_read*/, bool want_write) const { return want_write ? write_wants_ : 0; }

bool TlsTransport::has_buffered_input() const {
    // Decrypted bytes only: without read-ahead OpenSSL takes one record at a time from the socket,
    // so anything not yet decrypted is still visible to poll().
    return handshake_done_ && !failed_ && SSL_pending(ssl_) > 0;
}

void TlsTransport::shutdown_write() {
    if (!handshake_done_ || shut_down_ || failed_) return;
    shut_down_ = true;
    ERR_clear_error();
    SSL_shutdown(ssl_);  // sends close_notify; the peer's answer is not awaited
    ERR_clear_error();
}

std::string TlsTransport::description() const {
    if (!handshake_done_) return "";
    return std::string(SSL_get_version(ssl_)) + " " + SSL_get_cipher_name(ssl_);
}

}  // namespace imaplab::net
