#!/usr/bin/env python3
"""Side-by-side: the same raw IMAP conversations against `imaplab-cli serve` and a Dovecot.

Not a CTest test (it needs a Dovecot): a tool for checking the network behaviour where the RFC leaves
a choice. Usage:
    python3 tests/net/compare_with_dovecot.py build/cli/imaplab-cli [DOVECOT_PORT [USER PASSWORD]]
It starts our server in classroom mode with the same user and password, runs every scenario on both,
drops Dovecot's timing suffixes "(0.001 + 0.000 secs)" and prints a unified diff per scenario.
Scenarios create a fresh mailbox "netcmp-<time>" in the Dovecot account (deleted at the end).
"""
import difflib
import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netlib import Server  # noqa: E402

DOVECOT_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 10143
USER = sys.argv[3] if len(sys.argv) > 3 else "username"
PASSWORD = sys.argv[4] if len(sys.argv) > 4 else "password"
BOX = "netcmp-%d" % int(time.time())
MSG = b"From: a@example.org\r\nSubject: compare\r\n\r\nhello\r\n"


def talk(port, chunks, quiet=0.4):
    """Sends each chunk, collecting what the server says until it is quiet for `quiet` s."""
    s = socket.create_connection(("127.0.0.1", port))
    out = []

    def drain():
        s.settimeout(quiet)
        data = b""
        try:
            while True:
                d = s.recv(65536)
                if not d:
                    data += b"<connection closed>\r\n"
                    break
                data += d
        except socket.timeout:
            pass
        except ConnectionResetError:
            data += b"<connection reset>\r\n"
        return data

    out.append(b"S: " + drain())
    for c in chunks:
        if c is None:  # close our side
            s.shutdown(socket.SHUT_WR)
            out.append(b"C: <shutdown write>\r\n")
        else:
            try:
                s.sendall(c)
            except (BrokenPipeError, ConnectionResetError):
                out.append(b"C: <send failed>\r\n")
                break
            shown = c if len(c) < 300 else c[:60] + b"...<%d bytes>" % len(c)
            out.append(b"C: " + shown + (b"" if shown.endswith(b"\n") else b"\r\n"))
        out.append(b"S: " + drain())
    s.close()
    text = b"".join(out).decode(errors="replace")
    text = re.sub(r" \(\d+\.\d+ \+ \d+\.\d+( \+ \d+\.\d+)? secs\)\.", ".", text)
    text = re.sub(r"UIDVALIDITY \d+", "UIDVALIDITY <n>", text)
    text = re.sub(r"APPENDUID \d+", "APPENDUID <n>", text)
    text = re.sub(r"\[CAPABILITY [^\]]*\]", "[CAPABILITY ...]", text)
    text = re.sub(r"\* CAPABILITY .*", "* CAPABILITY ...", text)
    text = re.sub(r"\* OK \[HIGHESTMODSEQ \d+\] Highest\r\n", "", text)
    return text


LOGIN = b"a LOGIN %s %s\r\n" % (USER.encode(), PASSWORD.encode())
SCENARIOS = {
    "session": [LOGIN, b"b CREATE %s\r\n" % BOX.encode(), b"c APPEND %s {%d}\r\n" % (BOX.encode(), len(MSG)), MSG + b"\r\n",
                b"d SELECT %s\r\n" % BOX.encode(), b"e FETCH 1 (FLAGS RFC822.SIZE)\r\n", b"f STORE 1 +FLAGS (\\Deleted)\r\n",
                b"g IDLE\r\n", b"DONE\r\n", b"h EXPUNGE\r\n", b"i LOGOUT\r\n"],
    "pipelined in one packet": [LOGIN + b"b SELECT INBOX\r\nc NOOP\r\nd LOGOUT\r\ne NOOP\r\n"],
    "LITERAL+ in a pipeline": [LOGIN + b"b APPEND %s {%d+}\r\n%s\r\nc LOGOUT\r\n" % (BOX.encode(), len(MSG), MSG)],
    "bare LF": [b"a NOOP\n", b"b CAPABILITY\n", b"c LOGOUT\n"],
    "empty lines and garbage": [b"\r\n", b"   \r\n", b"*\r\n", b"+\r\n", b"\x00\x01\xff\r\n", b"a\r\n", b"a FROB\r\n",
                                b"a NOOP extra\r\n", b"a LOGOUT\r\n"],
    "over-long line": [b"a " + b"X" * 70000 + b"\r\n", b"b NOOP\r\n", b"c LOGOUT\r\n"],
    "literal refused before login": [b"a SELECT {5}\r\n", b"INBOX\r\n", b"b LOGOUT\r\n"],
    "huge literal announced": [LOGIN, b"b APPEND INBOX {4000000000}\r\n", b"c NOOP\r\n", b"d LOGOUT\r\n"],
    "huge LITERAL+": [LOGIN, b"b APPEND INBOX {4000000000+}\r\nxyz\r\n", b"c NOOP\r\n"],
    "close mid-literal": [LOGIN, b"b APPEND INBOX {100}\r\n", b"only part", None],
    "close after a command": [b"a NOOP\r\n", None],
    "cleanup": [LOGIN, b"b DELETE %s\r\n" % BOX.encode(), b"c LOGOUT\r\n"],
}


def main():
    with Server("--classroom", "--password", PASSWORD) as ours:
        for name, chunks in SCENARIOS.items():
            a = talk(DOVECOT_PORT, chunks)
            b = talk(ours.port, chunks)
            print("=" * 20, name, "=" * 20)
            if a == b:
                print("(same)")
                print(a)
                continue
            for line in difflib.unified_diff(a.splitlines(), b.splitlines(), "dovecot", "imaplab", lineterm="", n=2):
                print(line)
        ours.stop()


if __name__ == "__main__":
    main()
