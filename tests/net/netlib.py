"""Helpers for the network tests of `imaplab-cli serve` (python3 standard library only).

Every test script is run by CTest as `python3 tests/net/<script>.py <path of imaplab-cli>` from the
repository root. A server is started on a free loopback port (`--listen 127.0.0.1:0`); its first
stdout line says which ("listening on 127.0.0.1:40123"), a TLS listener's line follows
("listening on 127.0.0.1:40124 (tls)").

The server's data directory (where the TLS certificate is generated) is a temporary directory for
every script: XDG_DATA_HOME points there, so no test writes to ~/.local/share.
"""
import atexit
import os
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "net", "data")
USERS = os.path.join(DATA, "users.json")
FIXTURE = os.path.join(DATA, "fixture.json")

_XDG = tempfile.mkdtemp(prefix="imaplab-xdg-")
os.environ["XDG_DATA_HOME"] = _XDG
atexit.register(shutil.rmtree, _XDG, True)


def cli():
    if len(sys.argv) < 2:
        sys.exit("usage: %s PATH-TO-imaplab-cli" % sys.argv[0])
    return os.path.abspath(sys.argv[1])


def check(condition, message, context=None):
    if not condition:
        text = "FAILED: " + message
        if context is not None:
            text += "\n--- context ---\n" + (context if isinstance(context, str) else repr(context))
        sys.exit(text)


class Server:
    """`imaplab-cli serve` on a free loopback port; stderr goes to a file (read with log()).

    tls_listen: also an implicit-TLS listener (its port in tls_port); data: the --data directory
    (default: a fresh temporary one, removed afterwards), whose tls/cert.pem is in `cert`."""

    def __init__(self, *args, listen="127.0.0.1:0", tls_listen=None, data=None):
        self.stderr = tempfile.NamedTemporaryFile(prefix="imaplab-serve-", suffix=".log", delete=False)
        self.own_data = data is None
        self.data = tempfile.mkdtemp(prefix="imaplab-data-") if data is None else data
        self.cert = os.path.join(self.data, "tls", "cert.pem")
        argv = [cli(), "serve", "--data", self.data]
        if listen:
            argv += ["--listen", listen]
        if tls_listen:
            argv += ["--tls-listen", tls_listen]
        # Unbuffered: select() sees each line still to be read.
        self.proc = subprocess.Popen(argv + list(args), stdout=subprocess.PIPE, stderr=self.stderr, cwd=ROOT, bufsize=0)
        lines = []
        for _ in range((1 if listen else 0) + (1 if tls_listen else 0)):
            ready, _, _ = select.select([self.proc.stdout], [], [], 10)
            lines.append(self.proc.stdout.readline().decode() if ready else "")
            check(lines[-1].startswith("listening on "), "the server's stdout lines name its addresses",
                  "".join(lines) + self.log())
        self.port = self.tls_port = None
        for line in lines:
            words = line.split()
            if words[-1] == "(tls)":
                self.tls_address = words[2]
                self.tls_port = int(self.tls_address.rsplit(":", 1)[1])
            else:
                check(self.port is None, "the plain listener's line comes first", lines)
                self.address = words[-1]
                self.host, port = self.address.rsplit(":", 1)
                self.port = int(port)

    def ssl_context(self):
        """A client context that trusts only the server's generated certificate (hostname checked)."""
        ctx = ssl.create_default_context(cafile=self.cert)
        check(ctx.check_hostname and ctx.verify_mode == ssl.CERT_REQUIRED, "verification on")
        return ctx

    def connect_tls(self, server_hostname="localhost", timeout=5):
        """A TLS connection to the TLS port, verified against the generated certificate."""
        sock = socket.create_connection(("127.0.0.1", self.tls_port), timeout=timeout)
        return Raw(self.ssl_context().wrap_socket(sock, server_hostname=server_hostname))

    def log(self):
        with open(self.stderr.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def wait_log(self, text, timeout=5):
        end = time.time() + timeout
        while time.time() < end:
            if text in self.log():
                return True
            time.sleep(0.02)
        return False

    def connect(self, timeout=5):
        return Raw(socket.create_connection(("127.0.0.1", self.port), timeout=timeout))

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Sends `sig`, waits; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            check(False, "the server did not stop within %s s after signal %s" % (timeout, sig), self.log())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.stderr.close()
        os.unlink(self.stderr.name)
        if self.own_data:
            shutil.rmtree(self.data, True)


class Raw:
    """A raw socket client: send bytes, read until a marker appears."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def _complete(self, marker):
        """End of the line holding `marker`, or None while it has not arrived whole."""
        i = self.buf.find(marker)
        if i < 0:
            return None
        i += len(marker)
        if marker.endswith(b"\n"):
            return i
        j = self.buf.find(b"\r\n", i)
        return None if j < 0 else j + 2

    def read_until(self, marker, timeout=5):
        """Reads until `marker` and the rest of its line have arrived; returns everything so far."""
        marker = marker if isinstance(marker, bytes) else marker.encode()
        end = time.time() + timeout
        while self._complete(marker) is None:
            left = end - time.time()
            check(left > 0, "timed out waiting for %r" % marker, self.buf.decode(errors="replace"))
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            check(chunk, "connection closed while waiting for %r" % marker, self.buf.decode(errors="replace"))
            self.buf += chunk
        i = self._complete(marker)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out.decode(errors="replace")

    def read_to_eof(self, timeout=5):
        end = time.time() + timeout
        while True:
            left = end - time.time()
            check(left > 0, "timed out waiting for the server to close", self.buf.decode(errors="replace"))
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except (socket.timeout, ConnectionResetError, ssl.SSLWantReadError):
                continue
            if not chunk:
                out, self.buf = self.buf, b""
                return out.decode(errors="replace")
            self.buf += chunk

    def starttls(self, ctx, server_hostname="localhost"):
        """Wraps the socket in TLS (after the server's OK to STARTTLS); nothing may be buffered."""
        check(self.buf == b"", "no unread plaintext before the TLS handshake", self.buf)
        self.sock = ctx.wrap_socket(self.sock, server_hostname=server_hostname)

    def close(self):
        self.sock.close()
