#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (fuzz/corpus/<target>/) from protocol text that is
already in the repository, so the seeds are real protocol lines:

  command_parser   client sessions (the lecture transcript's C: lines, scripts using every
                   command, literals and IDLE/AUTHENTICATE continuations) and every line of
                   tests/corpus/malformed_commands.txt; the first byte of each seed is the
                   target's flags byte (bit 0: start logged in with INBOX selected)
  response_parser  every response of tests/corpus/responses/*.txt on its own, and the lecture
                   transcript's S: lines
  mime             the messages of tests/data/mime/ and lessons/fixtures/

Run it from the repository root after changing those sources: python3 fuzz/make_seeds.py
Files are named by a hash of their content; existing seeds (e.g. inputs that once crashed a
target, kept as regression seeds) are left alone.
"""
import glob
import hashlib
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def frames(stream):
    """Splits a server byte stream into responses (literals kept inline, CRLF dropped)."""
    out, pos = [], 0
    start = 0
    while pos < len(stream):
        eol = stream.find(b"\n", pos)
        if eol < 0:
            break
        line = stream[pos:eol].rstrip(b"\r")
        m = re.search(rb"~?\{(\d+)\}$", line)
        if m:
            pos = eol + 1 + int(m.group(1))
            continue
        out.append(stream[start:eol].rstrip(b"\r"))
        pos = start = eol + 1
    return out


SESSIONS = [
    b"a1 CAPABILITY\r\na2 LOGIN alice secret\r\na3 LIST \"\" *\r\na4 SELECT INBOX\r\n"
    b"a5 FETCH 1:* (FLAGS UID RFC822.SIZE INTERNALDATE)\r\na6 LOGOUT\r\n",
    b"a1 LOGIN {5}\r\nalice {6+}\r\nsecret\r\na2 EXAMINE INBOX\r\na3 FETCH 1 BODY.PEEK[HEADER.FIELDS (From Subject)]<0.50>\r\n",
    b"a1 AUTHENTICATE PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\na2 NAMESPACE\r\na3 ID (\"name\" \"fuzz\")\r\na4 ENABLE IMAP4rev2\r\n",
    b"a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\na2 STATUS INBOX (MESSAGES UIDNEXT UNSEEN SIZE)\r\n",
    b"a1 LOGIN alice secret\r\na2 CREATE Work/2024\r\na3 RENAME Work Job\r\na4 SUBSCRIBE Job\r\na5 LSUB \"\" *\r\n"
    b"a6 LIST (SUBSCRIBED) \"\" * RETURN (CHILDREN STATUS (MESSAGES))\r\na7 DELETE Job/2024\r\n",
    b"a1 LOGIN alice secret\r\na2 APPEND INBOX (\\Seen $Forwarded) \"25-Jun-2012 10:00:00 +0400\" {23}\r\n"
    b"Subject: hi\r\n\r\nbody\r\n\r\na3 SELECT INBOX\r\na4 UID SEARCH RETURN (MIN MAX COUNT) UNSEEN\r\n",
]
SELECTED = [
    b"b1 FETCH 1:* ALL\r\nb2 FETCH 1:* FULL\r\nb3 FETCH 2 (BODY[] BODYSTRUCTURE ENVELOPE)\r\n",
    b"b1 FETCH 1 (BODY[1] BODY[TEXT]<2.3> BODY[1.MIME] RFC822.HEADER BINARY.PEEK[1] BINARY.SIZE[1])\r\n",
    b"b1 STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\nb2 STORE 2 FLAGS (\\Seen Junk)\r\nb3 EXPUNGE\r\n",
    b"b1 UID STORE 10:* -FLAGS (\\Seen)\r\nb2 UID EXPUNGE 12\r\nb3 CLOSE\r\n",
    b"b1 COPY 1:2 INBOX/Drafts\r\nb2 MOVE 3 INBOX/Sent\r\nb3 UID COPY 10 Archive/2024\r\nb4 UID MOVE 11:* Archive/2024\r\n",
    b"b1 SEARCH OR FROM bob (SINCE 1-Jan-2012 NOT SEEN) LARGER 10 HEADER Subject \"Message\"\r\n"
    b"b2 SEARCH CHARSET UTF-8 TEXT {4+}\r\nbody\r\nb3 UID SEARCH UID 10:12,14 KEYWORD $Forwarded\r\n",
    b"b1 SEARCH RETURN (SAVE) UNSEEN\r\nb2 FETCH $ FLAGS\r\nb3 UID FETCH 1:* (UID FLAGS)\r\n",
    b"b1 IDLE\r\nDONE\r\nb2 NOOP\r\nb3 CHECK\r\nb4 UNSELECT\r\n",
]


def main():
    for s in SESSIONS:
        write("command_parser", b"\x00" + s)
    for s in SELECTED:
        write("command_parser", b"\x01" + s)
    lecture = open(os.path.join(ROOT, "transcripts", "lecture-cyrus-session.txt"), "rb").read()
    client = b"".join(l[3:] + b"\r\n" for l in lecture.split(b"\n") if l.startswith(b"C: "))
    write("command_parser", b"\x00" + client)
    for raw in open(os.path.join(ROOT, "tests", "corpus", "malformed_commands.txt"), "rb").read().split(b"\n"):
        if not raw or raw.startswith(b"#"):
            continue
        line = raw.split(b"  ##")[0]
        line = re.sub(rb"\\x\{([0-9a-fA-F]{2})\}", lambda m: bytes([int(m.group(1), 16)]), line)
        write("command_parser", b"\x01" + line + b"\r\n")

    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "corpus", "responses", "*.txt"))):
        for r in frames(open(path, "rb").read()):
            write("response_parser", r + b"\r\n")
    server = b"".join(l[3:] + b"\r\n" for l in lecture.split(b"\n") if l.startswith(b"S: ") and l != b"S: ...")
    write("response_parser", server)

    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "mime", "**", "*.eml"), recursive=True) +
                       glob.glob(os.path.join(ROOT, "lessons", "fixtures", "*.eml"))):
        write("mime", open(path, "rb").read())


if __name__ == "__main__":
    main()
