"""Real TLS clients against `imaplab-cli serve`: curl imaps:// (--cacert the generated certificate)
and imap:// with --ssl-reqd (STARTTLS), `openssl s_client -starttls imap` on the plain port and a
direct s_client session on the TLS port, both verifying the certificate. Exits 77 (CTest:
skipped) when curl or openssl is missing."""
import shutil
import subprocess
import sys
import time

from netlib import Server, USERS, check

curl, openssl, timeout = shutil.which("curl"), shutil.which("openssl"), shutil.which("timeout")
if not curl or not openssl or not timeout:
    print("curl, openssl or timeout not installed: skipped")
    sys.exit(77)

LIST = ['* LIST (\\HasNoChildren) "/" INBOX', '* LIST (\\HasNoChildren) "/" Sent', '* LIST (\\HasNoChildren) "/" Trash']
BODY_END = "Subject: Homework\nDate: Sat, 21 Nov 2026 09:30:00 +0000\n\nPlease read RFC 9051 section 6.\n"


def run_curl(url, *args):
    p = subprocess.run([curl, "-sS", "--max-time", "10", "-u", "alice:alice-pw", url, *args], capture_output=True,
                       timeout=20)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def s_client(*args, commands):
    # -ign_eof: keep reading after stdin ends, until the server closes (after LOGOUT); timeout in
    # case it does not.
    p = subprocess.run([timeout, "10", openssl, "s_client", "-ign_eof", "-verify_return_error", *args],
                       input=commands, capture_output=True, timeout=20)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


with Server("--users", USERS, "--trace", tls_listen="127.0.0.1:0") as server:
    imaps = "imaps://localhost:%d" % server.tls_port
    rc, out, err = run_curl(imaps + "/", "--cacert", server.cert)
    check(rc == 0 and out.splitlines() == LIST, "curl imaps:// list", (rc, out, err))
    rc, out, err = run_curl(imaps + "/INBOX;UID=2", "--cacert", server.cert)
    check(rc == 0 and out.replace("\r\n", "\n").endswith(BODY_END), "curl imaps:// fetch", (rc, out, err))

    starttls = "imap://127.0.0.1:%d" % server.port
    rc, out, err = run_curl(starttls + "/", "--ssl-reqd", "--cacert", server.cert)
    check(rc == 0 and out.splitlines() == LIST, "curl imap:// --ssl-reqd list", (rc, out, err))
    rc, out, err = run_curl(starttls + "/INBOX;UID=2", "--ssl-reqd", "--insecure")
    check(rc == 0 and out.replace("\r\n", "\n").endswith(BODY_END), "curl --ssl-reqd --insecure fetch", (rc, out, err))
    # Without trusting the certificate, curl refuses it (the certificate really is checked).
    rc, out, err = run_curl(imaps + "/", "--cacert", "/dev/null")
    check(rc != 0 and out == "", "curl without the certificate", (rc, out, err))

    commands = b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\nc FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\nd LOGOUT\r\n"
    rc, out, err = s_client("-connect", "127.0.0.1:%d" % server.tls_port, "-CAfile", server.cert,
                            "-verify_hostname", "localhost", commands=commands)
    check(rc == 0 and "Verify return code: 0 (ok)" in out and "* OK [CAPABILITY IMAP4rev1 " in out
          and "b OK [READ-WRITE] Select completed.\r\n" in out and "Subject: Homework\r\n" in out
          and "* BYE Logging out\r\nd OK Logout completed.\r\n" in out, "s_client on the TLS port", (rc, out, err))

    rc, out, err = s_client("-connect", "127.0.0.1:%d" % server.port, "-starttls", "imap", "-CAfile", server.cert,
                            "-verify_ip", "127.0.0.1", commands=commands)
    check(rc == 0 and "Verify return code: 0 (ok)" in out and "b OK [READ-WRITE] Select completed.\r\n" in out
          and "d OK Logout completed.\r\n" in out, "s_client -starttls imap", (rc, out, err))
    check("TLSv1.2" in out or "TLSv1.3" in out, "protocol version shown", out)

    # TLS 1.1 and older are refused.
    rc, out, err = s_client("-connect", "127.0.0.1:%d" % server.tls_port, "-tls1_1", commands=b"")
    check(rc != 0 and "IMAP Lab ready" not in out, "TLS 1.1 refused", (rc, out, err))

    end = time.time() + 10
    while server.log().count(" tls user=alice: logged out after ") < 6 and time.time() < end:
        time.sleep(0.02)
    log = server.log()
    check(log.count(" tls user=alice: logged out after ") == 6, "six TLS sessions, each logged once as tls", log)
    check(log.count(" TLS: TLSv1.") >= 6, "--trace logs the TLS version", log)
    check("alice-pw" not in log, "no password in the trace", log)
    check(server.stop() == 0, "clean stop", log)
print("ok")
