#pragma once
// The server's TLS configuration (OpenSSL 3): one SSL_CTX shared by every TLS connection, TLS 1.2
// or newer, with a certificate and key loaded from PEM files, or a self-signed certificate for
// localhost generated on first start and reused afterwards. RFC 9051 §11.1 (TLS with IMAP),
// RFC 8314 (implicit TLS on port 993), RFC 8446 / RFC 5246 (TLS 1.3 / 1.2).
#include <memory>
#include <string>

#include "types/result.hpp"

typedef struct ssl_ctx_st SSL_CTX;

namespace imaplab::net {

/// A certificate and its private key, both PEM text.
struct PemPair {
    std::string certificate;
    std::string private_key;  ///< PKCS#8, unencrypted
};

/// Generates a self-signed certificate: an EC P-256 key, X.509 v3, subject and issuer
/// "CN=IMAP Lab localhost, O=IMAP Lab", subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1,
/// extendedKeyUsage serverAuth, valid from an hour ago for `days` days, random 128-bit serial.
/// Errors carry OpenSSL's reason ("cannot generate the certificate: ...").
Result<PemPair, std::string> generate_self_signed_certificate(int days = 3650);

/// "AB:CD:..." (uppercase hex pairs): the SHA-256 fingerprint of the first certificate in
/// `certificate_pem`, as browsers and Thunderbird show it; "" when it cannot be parsed.
std::string certificate_fingerprint(const std::string& certificate_pem);

class TlsContext {
public:
    ~TlsContext();
    TlsContext(const TlsContext&) = delete;
    TlsContext& operator=(const TlsContext&) = delete;

    /// A server context from a certificate file (PEM; the server certificate first, then any
    /// chain) and a private key file (PEM, unencrypted). Errors: "cannot load the certificate FILE:
    /// reason", "cannot load the key FILE: reason", "cannot load the key FILE: it does not match
    /// the certificate CERT".
    static Result<std::shared_ptr<TlsContext>, std::string> load(const std::string& certificate_file,
                                                                 const std::string& key_file);
    /// The certificate in `dir` (DIR/cert.pem + DIR/key.pem): loaded when either file exists,
    /// otherwise generated (generate_self_signed_certificate) and written first — the directory
    /// created with mode 0700, key.pem with mode 0600. `generated` (optional) says which happened.
    static Result<std::shared_ptr<TlsContext>, std::string> load_or_generate(const std::string& dir,
                                                                             bool* generated = nullptr);

    /// The OpenSSL context (owned): TLS_server_method, minimum TLS 1.2, no renegotiation, partial
    /// writes, unexpected EOF read as EOF (IMAP frames its own data).
    SSL_CTX* native() const { return ctx_; }
    const std::string& certificate_file() const { return certificate_file_; }
    /// SHA-256 fingerprint of the server certificate (certificate_fingerprint()).
    const std::string& fingerprint() const { return fingerprint_; }

private:
    TlsContext() = default;
    SSL_CTX* ctx_ = nullptr;
    std::string certificate_file_;
    std::string fingerprint_;
};

/// The data directory of `imaplab-cli serve`: $XDG_DATA_HOME/imaplab, else $HOME/.local/share/imaplab,
/// else "imaplab-data" (relative to the working directory).
std::string default_data_directory();

}  // namespace imaplab::net
