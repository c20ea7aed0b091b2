"""The TLS certificate: generated once into DATA/tls (key mode 0600) and reused on the next start
(same fingerprint on the wire); --cert/--key PEM files are served; unreadable, non-PEM or
mismatched files exit 2 with "cannot load ...: reason"."""
import hashlib
import os
import shutil
import stat
import subprocess
import tempfile

from netlib import Server, USERS, check, cli


def peer_fingerprint(server):
    c = server.connect_tls()
    der = c.sock.getpeercert(binary_form=True)
    c.read_until("IMAP Lab ready.")
    c.close()
    return hashlib.sha256(der).hexdigest()


def run(*args):
    return subprocess.run([cli(), "serve", "--users", USERS, "--tls-listen", "127.0.0.1:0", *args],
                          capture_output=True, timeout=10, text=True)


data = tempfile.mkdtemp(prefix="imaplab-certs-")
tls_dir = os.path.join(data, "tls")
with Server("--users", USERS, listen=None, tls_listen="127.0.0.1:0", data=data) as first:
    check(first.port is None and first.tls_port, "only the TLS listener", first.log())
    fp1 = peer_fingerprint(first)
    check(first.wait_log("(generated, self-signed for localhost), SHA-256 fingerprint "), "generation logged", first.log())
    check(stat.S_IMODE(os.stat(os.path.join(tls_dir, "key.pem")).st_mode) == 0o600, "key.pem is 0600")
    check(stat.S_IMODE(os.stat(tls_dir).st_mode) == 0o700, "tls/ is 0700")
    logged = first.log().split("SHA-256 fingerprint ")[1].split()[0]
    check(logged.replace(":", "").lower() == fp1, "the logged fingerprint is the certificate's", (logged, fp1))
    check(first.stop() == 0, "clean stop")
with open(os.path.join(tls_dir, "cert.pem")) as f:
    cert_text = f.read()
with Server("--users", USERS, listen=None, tls_listen="127.0.0.1:0", data=data) as second:
    check(peer_fingerprint(second) == fp1, "the same certificate after a restart")
    check(second.wait_log("cert.pem (loaded), SHA-256 fingerprint"), "reuse logged", second.log())
    check(second.stop() == 0, "clean stop")
with open(os.path.join(tls_dir, "cert.pem")) as f:
    check(f.read() == cert_text, "cert.pem unchanged")

# --cert/--key: the pair from above, given explicitly, served from another data directory.
cert, key = os.path.join(tls_dir, "cert.pem"), os.path.join(tls_dir, "key.pem")
with Server("--users", USERS, "--cert", cert, "--key", key, listen=None, tls_listen="127.0.0.1:0") as third:
    third.cert = cert  # what the client trusts
    check(peer_fingerprint(third) == fp1, "--cert/--key served")
    check(not os.path.exists(os.path.join(third.data, "tls")), "nothing generated with --cert")
    check(third.stop() == 0, "clean stop")

garbage = os.path.join(data, "garbage.pem")
with open(garbage, "w") as f:
    f.write("not a certificate\n")

cases = [
    (["--cert", os.path.join(data, "missing.pem"), "--key", key],
     "cannot load the certificate %s: No such file or directory" % os.path.join(data, "missing.pem")),
    (["--cert", garbage, "--key", key], "cannot load the certificate %s: no PEM certificate in it" % garbage),
    (["--cert", cert, "--key", garbage], "cannot load the key %s: no unencrypted PEM private key in it" % garbage),
]
# A key of another certificate.
other_server = Server("--users", USERS, listen=None, tls_listen="127.0.0.1:0")
other_key = os.path.join(other_server.data, "tls", "key.pem")
cases.append((["--cert", cert, "--key", other_key],
              "cannot load the key %s: it does not match the certificate %s" % (other_key, cert)))
for args, message in cases:
    p = run(*args)
    check(p.returncode == 2 and ("imaplab-cli serve: " + message) in p.stderr, "bad TLS files: " + message, p)
other_server.stop()
other_server.__exit__()
shutil.rmtree(data, True)

p = subprocess.run([cli(), "serve", "--users", USERS, "--cert", cert], capture_output=True, timeout=10, text=True)
check(p.returncode != 0 and "--key" in p.stderr, "--cert needs --key", p)
p = subprocess.run([cli(), "serve", "--users", USERS, "--no-tls", "--tls-listen", "127.0.0.1:0"], capture_output=True,
                   timeout=10, text=True)
check(p.returncode != 0 and "excludes" in p.stderr, "--no-tls excludes --tls-listen", p)
print("ok")
