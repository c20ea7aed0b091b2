"""curl's imap:// URLs against `imaplab-cli serve`: list mailboxes, fetch a message by UID, APPEND a
file, a custom command. Exits 77 (CTest: skipped) when curl is not installed."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from netlib import Server, USERS, check

curl = shutil.which("curl")
if not curl:
    print("curl not installed: skipped")
    sys.exit(77)


def run(url, *args):
    p = subprocess.run([curl, "-sS", "--max-time", "10", "-u", "alice:alice-pw", url, *args], capture_output=True,
                       timeout=20)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


with Server("--users", USERS, "--trace") as server:
    base = "imap://127.0.0.1:%d" % server.port
    rc, out, err = run(base + "/")
    check(rc == 0 and out.splitlines() == ['* LIST (\\HasNoChildren) "/" INBOX', '* LIST (\\HasNoChildren) "/" Sent',
                                           '* LIST (\\HasNoChildren) "/" Trash'], "list", (rc, out, err))

    rc, out, err = run(base + "/INBOX;UID=2")
    check(rc == 0 and out.replace("\r\n", "\n").endswith("Subject: Homework\nDate: Sat, 21 Nov 2026 09:30:00 +0000\n\n"
                                                          "Please read RFC 9051 section 6.\n"), "fetch by UID", (rc, out, err))

    with tempfile.NamedTemporaryFile("wb", suffix=".eml", delete=False) as f:
        f.write(b"From: alice@example.org\r\nSubject: via curl\r\n\r\nappended by curl\r\n")
    rc, out, err = run(base + "/Sent", "-T", f.name)
    os.unlink(f.name)
    check(rc == 0, "append", (rc, out, err))

    rc, out, err = run(base + "/Sent;UID=1")
    check(rc == 0 and "appended by curl" in out, "the appended message", (rc, out, err))

    rc, out, err = run(base + "/", "-X", "EXAMINE INBOX")
    check(rc == 0 and "* 3 EXISTS" in out, "custom command", (rc, out, err))

    # The server writes a connection's log line when it sees the close, which may come just after
    # curl has exited: wait for the fifth.
    end = time.time() + 10
    while server.log().count(" user=alice: logged out after ") < 5 and time.time() < end:
        time.sleep(0.02)
    log = server.log()
    # curl logs in with AUTHENTICATE PLAIN and SASL-IR when offered, else with LOGIN.
    check("alice-pw" not in log and ("AUTHENTICATE PLAIN <redacted>" in log or "LOGIN alice <redacted>" in log),
          "redacted trace", log)
    check(log.count(" user=alice: logged out after ") == 5, "five connections, each logged once", log)
    check(server.stop() == 0, "clean stop")
print("ok")
