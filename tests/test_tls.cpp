// TLS without the network: the generated certificate (SAN, key, validity), loading PEM files with
// clear errors, generate-once-then-reuse in a data directory; and the server's TLS paths driven
// in-process over socket pairs (implicit TLS, STARTTLS with pipelined bytes dropped, a bad
// ClientHello), with an OpenSSL client verifying the certificate for "localhost".
#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "net/accounts.hpp"
#include "net/server.hpp"
#include "net/tls_context.hpp"

using namespace imaplab;
using namespace imaplab::net;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "imaplab-tls-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

std::unique_ptr<X509, X509Free> parse_cert(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return std::unique_ptr<X509, X509Free>(x);
}

std::unique_ptr<EVP_PKEY, PkeyFree> parse_key(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* k = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    return std::unique_ptr<EVP_PKEY, PkeyFree>(k);
}

}  // namespace

TEST_CASE("tls: the generated certificate names localhost, 127.0.0.1 and ::1 and matches its key", "[tls]") {
    auto pair = generate_self_signed_certificate();
    REQUIRE(pair.ok());
    CHECK(pair->certificate.rfind("-----BEGIN CERTIFICATE-----\n", 0) == 0);
    CHECK(pair->private_key.rfind("-----BEGIN PRIVATE KEY-----\n", 0) == 0);
    auto cert = parse_cert(pair->certificate);
    auto key = parse_key(pair->private_key);
    REQUIRE(cert);
    REQUIRE(key);
    CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
    CHECK(EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC);
    CHECK(X509_get_version(cert.get()) == X509_VERSION_3);

    // RFC 6125: the names a client checks are in subjectAltName.
    CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
    CHECK(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
    CHECK(X509_check_ip_asc(cert.get(), "::1", 0) == 1);
    CHECK(X509_check_host(cert.get(), "example.org", 0, 0, nullptr) == 0);
    CHECK(X509_check_ip_asc(cert.get(), "10.0.0.1", 0) == 0);

    // Self-signed, for TLS servers, valid now and for about ten years.
    CHECK(X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_issuer_name(cert.get())) == 0);
    CHECK(X509_verify(cert.get(), key.get()) == 1);
    // An end-entity certificate (CA:FALSE): Thunderbird refuses a CA certificate as a server's.
    CHECK(X509_check_ca(cert.get()) == 0);
    CHECK(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0) == 1);
    int days = 0, seconds = 0;
    REQUIRE(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert.get())) == 1);
    CHECK(days >= 3649);
    CHECK(days <= 3650);
    REQUIRE(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notBefore(cert.get())) == 1);
    CHECK(days == 0);
    CHECK(seconds < 0);

    // Each certificate is new (random serial, new key).
    auto again = generate_self_signed_certificate();
    REQUIRE(again.ok());
    CHECK(again->certificate != pair->certificate);
    CHECK(certificate_fingerprint(again->certificate) != certificate_fingerprint(pair->certificate));
    const std::string fp = certificate_fingerprint(pair->certificate);
    CHECK(fp.size() == 32 * 3 - 1);
    CHECK(fp[2] == ':');
    CHECK(certificate_fingerprint("not a certificate").empty());
}

TEST_CASE("tls: the data directory gets a certificate once; later starts reuse it", "[tls]") {
    TempDir tmp;
    const fs::path dir = tmp.path / "data" / "tls";
    bool generated = false;
    auto first = TlsContext::load_or_generate(dir.string(), &generated);
    REQUIRE(first.ok());
    CHECK(generated);
    CHECK((fs::status(dir / "key.pem").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK((fs::status(dir).permissions() & fs::perms::all) == fs::perms::owner_all);
    CHECK(first.value()->certificate_file() == (dir / "cert.pem").string());
    CHECK(first.value()->fingerprint() == certificate_fingerprint(read_text(dir / "cert.pem")));

    auto second = TlsContext::load_or_generate(dir.string(), &generated);
    REQUIRE(second.ok());
    CHECK_FALSE(generated);
    CHECK(second.value()->fingerprint() == first.value()->fingerprint());

    // A key without its certificate is not silently replaced.
    fs::remove(dir / "cert.pem");
    auto half = TlsContext::load_or_generate(dir.string(), &generated);
    REQUIRE_FALSE(half.ok());
    CHECK(half.error() == "cannot load the certificate " + (dir / "cert.pem").string() + ": No such file or directory");
}

TEST_CASE("tls: bad certificate and key files are refused with the reason", "[tls]") {
    TempDir tmp;
    auto a = generate_self_signed_certificate();
    auto b = generate_self_signed_certificate();
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    const auto cert = tmp.path / "cert.pem", key = tmp.path / "key.pem", other_key = tmp.path / "other.pem",
               junk = tmp.path / "junk.pem";
    write_text(cert, a->certificate);
    write_text(key, a->private_key);
    write_text(other_key, b->private_key);
    write_text(junk, "hello\n");

    auto good = TlsContext::load(cert.string(), key.string());
    REQUIRE(good.ok());
    CHECK(good.value()->native() != nullptr);
    CHECK(SSL_CTX_get_min_proto_version(good.value()->native()) == TLS1_2_VERSION);

    auto missing = TlsContext::load((tmp.path / "nope.pem").string(), key.string());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error() == "cannot load the certificate " + (tmp.path / "nope.pem").string() + ": No such file or directory");

    auto not_pem = TlsContext::load(junk.string(), key.string());
    REQUIRE_FALSE(not_pem.ok());
    CHECK(not_pem.error() == "cannot load the certificate " + junk.string() + ": no PEM certificate in it (no start line)");

    auto key_junk = TlsContext::load(cert.string(), junk.string());
    REQUIRE_FALSE(key_junk.ok());
    // (OpenSSL's reason varies between versions: "no start line", "unsupported")
    CHECK(key_junk.error().rfind("cannot load the key " + junk.string() + ": no unencrypted PEM private key in it (", 0) == 0);

    auto swapped = TlsContext::load(cert.string(), other_key.string());
    REQUIRE_FALSE(swapped.ok());
    CHECK(swapped.error() == "cannot load the key " + other_key.string() + ": it does not match the certificate " + cert.string());
    CHECK(ERR_peek_error() == 0);  // nothing left in OpenSSL's error queue
}

// ---- The server's TLS paths, in-process ----
namespace {

/// A non-blocking OpenSSL client on a socket pair, trusting only `cert_pem`, checking "localhost".
struct TlsClient {
    SSL_CTX* ctx = nullptr;
    SSL* ssl = nullptr;
    int fd = -1;
    std::string received;

    TlsClient(int fd_, const std::string& cert_pem) : fd(fd_) {
        ctx = SSL_CTX_new(TLS_client_method());
        auto cert = parse_cert(cert_pem);
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), cert.get());
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
        ssl = SSL_new(ctx);
        SSL_set_fd(ssl, fd);
        SSL_set1_host(ssl, "localhost");
        SSL_set_tlsext_host_name(ssl, "localhost");
        SSL_set_connect_state(ssl);
    }
    ~TlsClient() {
        SSL_free(ssl);
        SSL_CTX_free(ctx);
        ::close(fd);
    }
    /// One step of the handshake: 1 done, 0 in progress, -1 failed.
    int handshake_step() {
        int rc = SSL_do_handshake(ssl);
        if (rc == 1) return 1;
        int e = SSL_get_error(ssl, rc);
        ERR_clear_error();
        return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE ? 0 : -1;
    }
    void send(const std::string& s) { REQUIRE(SSL_write(ssl, s.data(), static_cast<int>(s.size())) == static_cast<int>(s.size())); }
    void read_available() {
        char buf[4096];
        int n;
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) received.append(buf, static_cast<std::size_t>(n));
        ERR_clear_error();
    }
};

std::pair<int, int> socket_pair() {
    int sv[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    ::fcntl(sv[1], F_SETFL, ::fcntl(sv[1], F_GETFL) | O_NONBLOCK);
    return {sv[0], sv[1]};
}

template <class Done>
bool pump(Server& server, Done done) {
    auto until = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < until) {
        server.poll_once(5);
        if (done()) return true;
    }
    return false;
}

struct TlsServer {
    TempDir tmp;
    MailStore store;
    std::vector<std::string> log;
    std::shared_ptr<TlsContext> tls;
    std::string cert_pem;
    std::unique_ptr<Server> server;

    explicit TlsServer(std::chrono::milliseconds idle_timeout = std::chrono::minutes(30)) {
        std::signal(SIGPIPE, SIG_IGN);  // OpenSSL writes with write()
        Fixture f = empty_inbox_fixture(1234);
        f.accounts[0].user = "alice";
        f.accounts[0].password = "secret";
        add_account_from_fixture(store, f, "alice", "secret", nullptr);
        auto ctx = TlsContext::load_or_generate(tmp.path.string());
        REQUIRE(ctx.ok());
        tls = ctx.value();
        cert_pem = read_text(tmp.path / "cert.pem");
        ServerOptions o;
        o.tls = tls;
        o.idle_timeout = idle_timeout;
        o.clock = [] { return std::int64_t{1795300000}; };
        server = std::make_unique<Server>(store, std::move(o), [this](std::string_view l) { log.emplace_back(l); });
    }
    bool logged(std::string_view text) const {
        for (const auto& l : log)
            if (l.find(text) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

TEST_CASE("tls server: implicit TLS greets after the handshake and reports the transport as tls", "[tls][net]") {
    TlsServer t;
    const auto [server_fd_, client_fd_] = socket_pair();
    const int server_fd = server_fd_, client_fd = client_fd_;  // (clang 14: lambdas cannot capture bindings)
    t.server->add_tls_socket(server_fd, "test");
    TlsClient c(client_fd, t.cert_pem);
    int hs = 0;
    REQUIRE(pump(*t.server, [&] { return (hs = c.handshake_step()) != 0; }));
    REQUIRE(hs == 1);
    CHECK(SSL_get_verify_result(c.ssl) == X509_V_OK);
    REQUIRE(pump(*t.server, [&] { c.read_available(); return c.received.find("\r\n") != std::string::npos; }));
    CHECK(c.received.rfind("* OK [CAPABILITY IMAP4rev1 ", 0) == 0);
    CHECK(c.received.find("STARTTLS") == std::string::npos);
    REQUIRE(t.server->connections().size() == 1);
    CHECK(t.server->connections()[0].transport == "tls");
    c.received.clear();
    c.send("a LOGIN alice secret\r\nb LOGOUT\r\n");
    REQUIRE(pump(*t.server, [&] { c.read_available(); return t.server->connection_count() == 0; }));
    CHECK(c.received.find("a OK ") != std::string::npos);
    CHECK(c.received.find("* BYE Logging out\r\nb OK Logout completed.\r\n") != std::string::npos);
    CHECK(t.logged("conn 1 test tls user=alice: logged out after "));
}

TEST_CASE("tls server: STARTTLS sends the OK in plaintext and drops what was pipelined after it", "[tls][net]") {
    TlsServer t;
    const auto [server_fd_, client_fd_] = socket_pair();
    const int server_fd = server_fd_, client_fd = client_fd_;  // (clang 14: lambdas cannot capture bindings)
    t.server->add_socket(server_fd, "test");
    std::string plain;
    auto read_plain = [&] {
        char buf[4096];
        ssize_t n;
        while ((n = ::recv(client_fd, buf, sizeof buf, 0)) > 0) plain.append(buf, static_cast<std::size_t>(n));
    };
    REQUIRE(pump(*t.server, [&] { read_plain(); return plain.find("\r\n") != std::string::npos; }));
    CHECK(plain.find(" STARTTLS ") != std::string::npos);
    plain.clear();
    const std::string both = "a STARTTLS\r\nb LOGIN alice secret\r\n";
    REQUIRE(::send(client_fd, both.data(), both.size(), 0) == static_cast<ssize_t>(both.size()));
    REQUIRE(pump(*t.server, [&] { read_plain(); return plain.find("\r\n") != std::string::npos; }));
    CHECK(plain == "a OK Begin TLS negotiation now.\r\n");
    CHECK(t.logged("conn 1 test: dropped 22 bytes sent after STARTTLS before the TLS handshake"));

    TlsClient c(client_fd, t.cert_pem);
    int hs = 0;
    REQUIRE(pump(*t.server, [&] { return (hs = c.handshake_step()) != 0; }));
    REQUIRE(hs == 1);
    CHECK(t.server->connections()[0].transport == "tls");
    c.send("c NOOP\r\n");
    REQUIRE(pump(*t.server, [&] { c.read_available(); return c.received.find("c OK") != std::string::npos; }));
    CHECK(c.received == "c OK NOOP completed.\r\n");  // b was never executed, and no CAPABILITY
    CHECK(t.server->connections()[0].user.empty());
}

TEST_CASE("tls server: a client that is not speaking TLS ends only its own connection", "[tls][net]") {
    TlsServer t;
    const auto [bad_server_, bad_client_] = socket_pair();
    const int bad_server = bad_server_, bad_client = bad_client_;  // (clang 14: lambdas cannot capture bindings)
    const auto [good_server_, good_client_] = socket_pair();
    const int good_server = good_server_, good_client = good_client_;  // (clang 14: lambdas cannot capture bindings)
    t.server->add_tls_socket(bad_server, "bad");
    t.server->add_tls_socket(good_server, "good");
    const std::string garbage = "a LOGIN alice secret\r\n";
    REQUIRE(::send(bad_client, garbage.data(), garbage.size(), 0) == static_cast<ssize_t>(garbage.size()));
    TlsClient c(good_client, t.cert_pem);
    int hs = 0;
    REQUIRE(pump(*t.server, [&] { return (hs = c.handshake_step()) != 0 && t.server->connection_count() == 1; }));
    CHECK(hs == 1);
    CHECK(t.logged("conn 1 bad tls: TLS handshake failed: "));
    // At most a TLS alert record, never IMAP text; then the end (or a reset: the server closed
    // with the rest of the garbage unread).
    std::string got;
    char buf[256];
    ssize_t n;
    while ((n = ::recv(bad_client, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<std::size_t>(n));
    CHECK((n == 0 || errno == ECONNRESET));
    CHECK((got.empty() || got[0] == 0x15));
    CHECK(got.find("OK") == std::string::npos);
    ::close(bad_client);
    c.send("a NOOP\r\n");
    REQUIRE(pump(*t.server, [&] { c.read_available(); return c.received.find("a OK") != std::string::npos; }));
    CHECK(c.received.find("a OK NOOP completed.\r\n") != std::string::npos);
}

TEST_CASE("tls server: a client that never completes the handshake is ended by the idle timeout", "[tls][net]") {
    TlsServer t(50ms);
    const auto [server_fd_, client_fd_] = socket_pair();
    const int server_fd = server_fd_, client_fd = client_fd_;  // (clang 14: lambdas cannot capture bindings)
    t.server->add_tls_socket(server_fd, "silent");
    REQUIRE(pump(*t.server, [&] { return t.server->connection_count() == 0; }));
    CHECK(t.logged("conn 1 silent tls: TLS handshake not completed after 0."));
    char buf[16];
    CHECK(::recv(client_fd, buf, sizeof buf, 0) == 0);  // closed, nothing sent (no plaintext BYE)
    ::close(client_fd);
}
