#include "net/tls_context.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "net/tls_transport.hpp"

namespace imaplab::net {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

/// Reads a whole file, or fails with strerror.
Result<std::string, std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<std::string, std::string>::failure(std::strerror(errno));
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return Result<std::string, std::string>::failure(std::strerror(errno));
    return s.str();
}

X509Ptr parse_certificate(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return X509Ptr(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

/// Writes `text` to a new file with `mode` (replacing nothing: O_EXCL).
Result<bool, std::string> write_new_file(const std::string& path, const std::string& text, mode_t mode) {
    using R = Result<bool, std::string>;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return R::failure(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int e = errno;
            ::close(fd);
            ::unlink(path.c_str());
            return R::failure(fmt::format("cannot write {}: {}", path, std::strerror(e)));
        }
        done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, mode);  // whatever the umask
    if (::close(fd) != 0) return R::failure(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    return true;
}

bool add_extension(X509* cert, int nid, const char* value) {
    X509V3_CTX v3{};
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

}  // namespace

Result<PemPair, std::string> generate_self_signed_certificate(int days) {
    using R = Result<PemPair, std::string>;
    auto fail = [](const char* what) {
        return R::failure(fmt::format("cannot generate the certificate: {} ({})", what, openssl_error_reason()));
    };
    ERR_clear_error();
    PkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) return fail("EC P-256 key generation failed");
    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return fail("X509_new failed");

    unsigned char serial_bytes[16];
    if (RAND_bytes(serial_bytes, sizeof serial_bytes) != 1) return fail("no random bytes");
    serial_bytes[0] &= 0x7f;  // a positive INTEGER (RFC 5280 §4.1.2.2)
    BnPtr serial(BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()))) return fail("serial number");

    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert.get()), days, 0, nullptr))
        return fail("validity");

    X509_NAME* name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("IMAP Lab"), -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("IMAP Lab localhost"), -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1)
        return fail("subject name");
    if (X509_set_pubkey(cert.get(), key.get()) != 1) return fail("public key");

    if (!add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !add_extension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
        !add_extension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !add_extension(cert.get(), NID_subject_key_identifier, "hash") ||
        !add_extension(cert.get(), NID_authority_key_identifier, "keyid:always") ||
        !add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"))
        return fail("extensions");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return fail("signature");

    BioPtr cert_bio(BIO_new(BIO_s_mem())), key_bio(BIO_new(BIO_s_mem()));
    if (!cert_bio || !key_bio || PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return fail("PEM encoding");
    return PemPair{bio_text(cert_bio.get()), bio_text(key_bio.get())};
}

std::string certificate_fingerprint(const std::string& certificate_pem) {
    X509Ptr cert = parse_certificate(certificate_pem);
    ERR_clear_error();
    if (!cert) return "";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (X509_digest(cert.get(), EVP_sha256(), md, &n) != 1) return "";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) out += fmt::format("{}{:02X}", i ? ":" : "", md[i]);
    return out;
}

TlsContext::~TlsContext() { SSL_CTX_free(ctx_); }

Result<std::shared_ptr<TlsContext>, std::string> TlsContext::load(const std::string& certificate_file,
                                                                  const std::string& key_file) {
    using R = Result<std::shared_ptr<TlsContext>, std::string>;
    ERR_clear_error();
    auto cert_text = read_file(certificate_file);
    if (!cert_text) return R::failure(fmt::format("cannot load the certificate {}: {}", certificate_file, cert_text.error()));
    X509Ptr cert = parse_certificate(cert_text.value());
    if (!cert)
        return R::failure(fmt::format("cannot load the certificate {}: no PEM certificate in it ({})", certificate_file,
                                      openssl_error_reason()));
    auto key_text = read_file(key_file);
    if (!key_text) return R::failure(fmt::format("cannot load the key {}: {}", key_file, key_text.error()));
    BioPtr key_bio(BIO_new_mem_buf(key_text->data(), static_cast<int>(key_text->size())));
    // An empty passphrase callback: an encrypted key fails instead of prompting on the terminal.
    auto no_passphrase = [](char*, int, int, void*) -> int { return 0; };
    PkeyPtr key(key_bio ? PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr) : nullptr);
    if (!key)
        return R::failure(fmt::format("cannot load the key {}: no unencrypted PEM private key in it ({})", key_file,
                                      openssl_error_reason()));
    ERR_clear_error();
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return R::failure(fmt::format("cannot load the key {}: it does not match the certificate {}", key_file, certificate_file));
    }

    std::shared_ptr<TlsContext> c(new TlsContext());
    c->ctx_ = SSL_CTX_new(TLS_server_method());
    if (!c->ctx_) return R::failure(fmt::format("cannot create a TLS context: {}", openssl_error_reason()));
    SSL_CTX_set_min_proto_version(c->ctx_, TLS1_2_VERSION);
    SSL_CTX_set_options(c->ctx_, SSL_OP_NO_RENEGOTIATION | SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(c->ctx_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // The file again, now with any chain certificates after the server's own.
    if (SSL_CTX_use_certificate_chain_file(c->ctx_, certificate_file.c_str()) != 1)
        return R::failure(fmt::format("cannot load the certificate {}: {}", certificate_file, openssl_error_reason()));
    if (SSL_CTX_use_PrivateKey(c->ctx_, key.get()) != 1 || SSL_CTX_check_private_key(c->ctx_) != 1)
        return R::failure(fmt::format("cannot load the key {}: {}", key_file, openssl_error_reason()));
    c->certificate_file_ = certificate_file;
    c->fingerprint_ = certificate_fingerprint(cert_text.value());
    return c;
}

Result<std::shared_ptr<TlsContext>, std::string> TlsContext::load_or_generate(const std::string& dir, bool* generated) {
    using R = Result<std::shared_ptr<TlsContext>, std::string>;
    namespace fs = std::filesystem;
    const std::string cert = (fs::path(dir) / "cert.pem").string();
    const std::string key = (fs::path(dir) / "key.pem").string();
    std::error_code ec;
    const bool have_cert = fs::exists(cert, ec), have_key = fs::exists(key, ec);
    if (generated) *generated = false;
    if (have_cert || have_key) return load(cert, key);

    fs::create_directories(dir, ec);
    if (ec) return R::failure(fmt::format("cannot create {}: {}", dir, ec.message()));
    ::chmod(dir.c_str(), 0700);
    auto pair = generate_self_signed_certificate();
    if (!pair) return R::failure(pair.error());
    // The key first: a cert.pem without its key would be loaded (and fail) next time.
    if (auto w = write_new_file(key, pair->private_key, 0600); !w) return R::failure(w.error());
    if (auto w = write_new_file(cert, pair->certificate, 0644); !w) {
        ::unlink(key.c_str());
        return R::failure(w.error());
    }
    if (generated) *generated = true;
    return load(cert, key);
}

std::string default_data_directory() {
    namespace fs = std::filesystem;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg == '/') return (fs::path(xdg) / "imaplab").string();
    if (const char* home = std::getenv("HOME"); home && *home) return (fs::path(home) / ".local/share/imaplab").string();
    return "imaplab-data";
}

}  // namespace imaplab::net
