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


def _mime(name):
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mime", name), "rb") as f:
        data = f.read()
    return data if b"\r\n" in data else data.replace(b"\n", b"\r\n")


MIME_FILES = ["plain.eml", "alternative.eml", "mixed_attachment.eml", "nested_rfc822.eml", "russian_koi8r.eml",
              "rfc2231.eml", "groups.eml", "digest.eml"]
MBOX = (BOX + "-mail").encode()


def _append_all():
    out = [b"b CREATE %s\r\n" % MBOX]
    for i, name in enumerate(MIME_FILES):
        data = _mime(name)
        out.append(b"c%d APPEND %s (\\Seen) \"0%d-Nov-2026 10:00:00 +0000\" {%d+}\r\n%s\r\n" % (i, MBOX, i + 1, len(data), data))
    return out


# What real clients send after login (Thunderbird 115, mutt 2.2, python imaplib), on a mailbox of
# MIME messages from tests/data/mime appended with fixed internal dates.
SCENARIOS_CLIENTS = {
    "thunderbird": [LOGIN] + _append_all() + [
        b"t1 ID (\"name\" \"Thunderbird\" \"version\" \"115.0\")\r\n",
        b"t2 NAMESPACE\r\n",
        b"t3 LIST (SUBSCRIBED) \"\" \"%s*\" RETURN (SPECIAL-USE)\r\n" % MBOX,
        b"t4 LIST \"\" \"%s*\" RETURN (SUBSCRIBED CHILDREN)\r\n" % MBOX,
        b"t5 STATUS %s (UIDNEXT MESSAGES UNSEEN RECENT)\r\n" % MBOX,
        b"t6 SELECT \"%s\"\r\n" % MBOX,
        b"t7 UID FETCH 1:* (FLAGS)\r\n",
        b"t8 UID FETCH 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID "
        b"Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n",
        b"t9 UID FETCH 2 (UID RFC822.SIZE BODY.PEEK[])\r\n",
        b"t10 UID STORE 2 -FLAGS (\\Seen)\r\n",
        b"t11 UID FETCH 3 (UID RFC822.SIZE FLAGS BODYSTRUCTURE)\r\n",
        b"t12 UID FETCH 3 (UID RFC822.SIZE BODY.PEEK[1.MIME] BODY.PEEK[1] BODY.PEEK[2]<0.64>)\r\n",
        b"t13 UID STORE 4 +FLAGS (\\Deleted $Junk)\r\n",
        b"t14 UID EXPUNGE 4\r\n",
        b"t15 IDLE\r\n", b"DONE\r\n",
        b"t16 UID COPY 1:2 INBOX\r\n",
        b"t17 UID MOVE 5 INBOX\r\n",
        b"t18 UID SEARCH UNDELETED UNSEEN\r\n",
        b"t19 GETQUOTAROOT \"%s\"\r\n" % MBOX,
        b"t20 CLOSE\r\n",
        b"t21 LOGOUT\r\n"],
    "mutt": [LOGIN,
             b"m1 CAPABILITY\r\n",
             b"m2 LIST \"\" \"\"\r\n",
             b"m3 LSUB \"\" \"*\"\r\n",
             b"m4 STATUS \"%s\" (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)\r\n" % MBOX,
             b"m5 SELECT \"%s\"\r\n" % MBOX,
             b"m6 UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SENDER SUBJECT TO "
             b"CC MESSAGE-ID REFERENCES CONTENT-TYPE CONTENT-DESCRIPTION IN-REPLY-TO REPLY-TO LINES LIST-POST X-LABEL "
             b"X-ORIGINAL-TO)])\r\n",
             b"m7 UID FETCH 6 BODY.PEEK[]\r\n",
             b"m8 UID STORE 6 +FLAGS.SILENT (\\Seen \\Flagged)\r\n",
             b"m9 CHECK\r\n",
             b"m10 FETCH 1:* (ENVELOPE INTERNALDATE)\r\n",
             b"m11 FETCH 1:* BODY\r\n",
             b"m12 SEARCH CHARSET UTF-8 SUBJECT \"caf\"\r\n",
             b"m13 SEARCH OR FROM alice HEADER Content-Type multipart\r\n",
             b"m14 FETCH 2 (BODY[HEADER.FIELDS.NOT (Received)] RFC822.TEXT)\r\n",
             b"m15 FETCH * (BINARY.PEEK[1] BINARY.SIZE[1])\r\n",
             b"m16 UNSELECT\r\n",
             b"m17 DELETE \"%s\"\r\n" % MBOX,
             b"m18 LOGOUT\r\n"],
    "mistakes": [LOGIN, b"b CREATE %s\r\n" % MBOX, b"c APPEND %s {%d+}\r\n%s\r\n" % (MBOX, len(MSG), MSG),
                 b"d SELECT %s\r\n" % MBOX,
                 b"e1 FETCH 0 FLAGS\r\n", b"e2 FETCH 1:3 FLAGS\r\n", b"e3 FETCH 5 FLAGS\r\n", b"e4 FETCH 1 BODDY\r\n",
                 b"e5 FETCH 1 (FLAGS\r\n", b"e6 FETCH 1 BODY[1.0]\r\n", b"e7 FETCH 1 BODY[TEXT]<5.0>\r\n",
                 b"e8 STORE 1 FLAGS (\\Recent)\r\n", b"e9 STORE 1 +FLAGS (\\Bogus)\r\n", b"e10 STORE 1 XFLAGS (\\Seen)\r\n",
                 b"e11 SEARCH FROM\r\n", b"e12 SEARCH CHARSET KOI8-R FROM x\r\n", b"e13 SEARCH SINCE 31-Feb-2020\r\n",
                 b"e14 SEARCH 1:* NOT\r\n", b"e15 UID SEARCH UID 5:*\r\n", b"e16 SEARCH (OR SEEN)\r\n",
                 b"e17 COPY 1 %s-none\r\n" % MBOX, b"e18 MOVE 1:2 INBOX\r\n", b"e19 UID STORE 99 +FLAGS (\\Seen)\r\n",
                 b"e20 UID FETCH 99 FLAGS\r\n", b"e21 EXPUNGE extra\r\n", b"e22 SELECT\r\n", b"e23 STATUS %s ()\r\n" % MBOX,
                 b"e24 STATUS %s (MESSAGES BOGUS)\r\n" % MBOX, b"e25 LIST\r\n", b"e26 CREATE INBOX\r\n",
                 b"e27 RENAME INBOX INBOX\r\n", b"e28 DELETE INBOX\r\n", b"e29 APPEND %s (\\Recent) {3+}\r\nabc\r\n" % MBOX,
                 b"e30 APPEND %s \"31-Xyz-2020 10:00:00 +0000\" {3+}\r\nabc\r\n" % MBOX, b"e31 ENABLE\r\n",
                 b"e32 UID EXPUNGE\r\n", b"e33 UID FROB 1\r\n", b"e34 IDLE x\r\n", b"e35 CLOSE\r\n",
                 b"e36 DELETE %s\r\n" % MBOX, b"e37 LOGOUT\r\n"],
}


def main():
    only = os.environ.get("SCENARIOS")  # e.g. SCENARIOS=thunderbird,mutt
    scenarios = dict(SCENARIOS_CLIENTS) if only else dict(SCENARIOS, **SCENARIOS_CLIENTS)
    if only:
        scenarios = {k: v for k, v in dict(SCENARIOS, **SCENARIOS_CLIENTS).items() if k in only.split(",")}
    with Server("--classroom", "--password", PASSWORD) as ours:
        for name, chunks in scenarios.items():
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
