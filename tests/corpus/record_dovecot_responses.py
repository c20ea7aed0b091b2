#!/usr/bin/env python3
"""Records what a real IMAP server sends, for the response parser tests and the fuzz seeds.

Usage: python3 tests/corpus/record_dovecot_responses.py [HOST PORT USER PASSWORD] > OUT

Runs one session against the server (Dovecot 2.3 on 127.0.0.1:10143 by default, user "username",
password "password"): creates the mailbox QA-parser with a few structured messages (multipart,
message/rfc822, attachments, 8-bit and encoded-word headers, group addresses), then sends commands
that make the server use most of its response grammar (CAPABILITY, ID, NAMESPACE, ENABLE, LIST /
LSUB / LIST-EXTENDED, STATUS, SELECT / EXAMINE, FETCH of every msg-att, SEARCH / ESEARCH, STORE,
COPY / MOVE with COPYUID, APPEND with APPENDUID, EXPUNGE, IDLE, AUTHENTICATE, errors with response
codes) and writes the server's bytes, exactly as received, to stdout. The mailbox is deleted at
the end. tests/corpus/responses/dovecot_session.txt was made with it.
"""
import socket
import sys

HOST, PORT, USER, PASSWORD = "127.0.0.1", 10143, "username", "password"
if len(sys.argv) == 5:
    HOST, PORT, USER, PASSWORD = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

MBOX = "QA-parser"

SIMPLE = (b"From: Alice Example <alice@example.org>\r\nTo: bob@example.org\r\nSubject: Simple\r\n"
          b"Date: Mon, 25 Jun 2012 10:00:00 +0400\r\nMessage-ID: <simple@example.org>\r\n\r\nHello Bob.\r\n")

MULTIPART = (b"From: \"Carol, C.\" <carol@example.org>\r\nTo: undisclosed-recipients:;\r\n"
             b"Cc: Dave <dave@example.org>, eve@example.org\r\nReply-To: list@example.org\r\n"
             b"Subject: =?UTF-8?B?0J/RgNC40LLQtdGC?= and more\r\nDate: Tue, 26 Jun 2012 11:30:00 -0700\r\n"
             b"In-Reply-To: <simple@example.org>\r\nMessage-ID: <multi@example.org>\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: multipart/mixed; boundary=\"outer\"\r\nContent-Language: en\r\n\r\n"
             b"preamble\r\n--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n"
             b"--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
             b"Caf=C3=A9 text\r\n--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>\r\n"
             b"--inner--\r\n--outer\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\n"
             b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\n"
             b"Content-ID: <part3@example.org>\r\nContent-Description: The report\r\nContent-Language: en, ru\r\n"
             b"Content-Location: http://example.org/report.pdf\r\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n\r\n"
             b"JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n"
             b"--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
             b"From: Frank <frank@example.org>\r\nTo: carol@example.org\r\nSubject: Inner \xd0\x9f\r\n"
             b"Date: Wed, 27 Jun 2012 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\ninner body\r\n"
             b"--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--x--\r\n"
             b"--outer--\r\nepilogue\r\n")

EIGHTBIT = (b"From: =?KOI8-R?Q?=F0=D2=C9=D7=C5=D4?= <u@example.org>\r\nTo: \"Quote \\\" back\\\\slash\" <q@example.org>\r\n"
            b"Subject: \xd0\xa2\xd0\xb5\xd1\x81\xd1\x82 8-bit\r\nDate: 1 Jul 2012 00:00:00 +0000\r\n"
            b"Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            b"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\r\n.\r\nlast line\r\n")


class Client:
    def __init__(self):
        self.sock = socket.create_connection((HOST, PORT))
        self.sock.settimeout(5)
        self.log = bytearray()
        self.buf = bytearray()
        self.n = 0
        self.read_line_with(b"* ")

    def recv(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buf += data
        self.log += data

    def read_line_with(self, prefix):
        """Reads until a whole line starting with `prefix` (or one of them) has arrived (literals are
        skipped) and returns it."""
        pos = 0
        while True:
            eol = self.buf.find(b"\r\n", pos)
            if eol < 0:
                self.recv()
                continue
            line = bytes(self.buf[pos:eol])
            nxt = eol + 2
            if line.endswith(b"}") and b"{" in line:
                n = int(line[line.rindex(b"{") + 1:-1].rstrip(b"+"))
                while len(self.buf) < nxt + n:
                    self.recv()
                pos = nxt + n
                continue
            if line.startswith(prefix if isinstance(prefix, tuple) else (prefix,)):
                del self.buf[:nxt]
                return line
            pos = nxt

    def cmd(self, text, literals=()):
        self.n += 1
        tag = b"Q%03d" % self.n
        parts = text.encode() if isinstance(text, str) else text
        if literals:
            pieces = parts.split(b"{}")
            self.sock.sendall(tag + b" " + pieces[0])
            for lit, rest in zip(literals, pieces[1:]):
                self.sock.sendall(b"{%d}\r\n" % len(lit))
                if not self.read_line_with((b"+", tag + b" ")).startswith(b"+"):
                    return None  # refused before the literal was sent
                self.sock.sendall(lit + rest)
            self.sock.sendall(b"\r\n")
        else:
            self.sock.sendall(tag + b" " + parts + b"\r\n")
        return self.read_line_with(tag + b" ")

    def raw(self, data, until):
        self.sock.sendall(data)
        return self.read_line_with(until)


def main():
    c = Client()
    c.cmd("CAPABILITY")
    c.raw(b"Q000 AUTHENTICATE PLAIN\r\n", b"+")  # Dovecot sends "+ " and waits for the SASL response
    c.raw(b"*\r\n", b"Q000 ")  # "*" cancels: tagged BAD
    c.cmd(f"LOGIN {USER} {PASSWORD}")
    c.cmd('ID ("name" "imaplab-recorder" "version" "1")')
    c.cmd("NAMESPACE")
    c.cmd(f"DELETE {MBOX}")  # leftovers of an earlier run: NO [NONEXISTENT] the first time
    c.cmd(f"CREATE {MBOX}")
    c.cmd(f"CREATE {MBOX}")  # NO [ALREADYEXISTS]
    c.cmd(f"CREATE {MBOX}/sub")
    c.cmd(f'CREATE "{MBOX}/with space"')
    c.cmd(f"SUBSCRIBE {MBOX}")
    for msg, flags in ((SIMPLE, "(\\Seen)"), (MULTIPART, "(\\Flagged $Forwarded)"), (EIGHTBIT, "()")):
        c.cmd(f'APPEND {MBOX} {flags} "25-Jun-2012 10:00:00 +0400" {{}}', literals=(msg,))
    c.cmd("APPEND NoSuchMailbox {}", literals=(SIMPLE,))  # NO [TRYCREATE]
    c.cmd('LIST "" "*"')
    c.cmd(f'LIST "" "{MBOX}*"')
    c.cmd('LIST "" ""')
    c.cmd(f'LIST (SUBSCRIBED) "" "{MBOX}*" RETURN (CHILDREN)')
    c.cmd(f'LIST "" "{MBOX}*" RETURN (STATUS (MESSAGES UNSEEN UIDNEXT SIZE))')
    c.cmd(f'LSUB "" "{MBOX}*"')
    c.cmd(f"STATUS {MBOX} (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN SIZE)")
    c.cmd(f'STATUS "{MBOX}/with space" (MESSAGES)')
    c.cmd(f"EXAMINE {MBOX}")
    c.cmd(f"SELECT {MBOX} (CONDSTORE)")
    c.cmd("FETCH 1:* ALL")
    c.cmd("FETCH 1:* FULL")
    c.cmd("FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)")
    c.cmd("FETCH 1:* BODYSTRUCTURE")
    c.cmd("FETCH 2 (BODY[1.1] BODY.PEEK[1.2.MIME] BODY.PEEK[4.HEADER] BODY.PEEK[4.TEXT] BODY.PEEK[4.2.1])")
    c.cmd("FETCH 1 (BODY.PEEK[HEADER.FIELDS (From Subject)] BODY.PEEK[HEADER.FIELDS.NOT (Date)])")
    c.cmd("FETCH 1 (BODY.PEEK[]<0.20> BODY.PEEK[TEXT]<3.100>)")
    c.cmd("FETCH 3 (RFC822.HEADER RFC822.TEXT)")
    c.cmd("FETCH 3 RFC822")
    c.cmd("FETCH 2 (BINARY.PEEK[3] BINARY.SIZE[3] BINARY.PEEK[1.1])")
    c.cmd("FETCH 1:* (MODSEQ FLAGS)")
    c.cmd("UID FETCH 1:* (FLAGS)")
    c.cmd("FETCH 1 BODDY")  # BAD
    c.cmd("SEARCH ALL")
    c.cmd("SEARCH UNSEEN")
    c.cmd("SEARCH CHARSET KOI9 ALL")  # NO [BADCHARSET ...]
    c.cmd("UID SEARCH RETURN (MIN MAX COUNT ALL) ALL")
    c.cmd("SEARCH RETURN () FLAGGED")
    c.cmd("SEARCH RETURN (COUNT) NOT ALL")
    c.cmd("SEARCH MODSEQ 1")
    c.cmd("STORE 1 +FLAGS (\\Answered)")
    c.cmd("STORE 1:* -FLAGS.SILENT (\\Answered)")
    c.cmd("UID STORE 1:* FLAGS (\\Seen Custom)")
    c.cmd(f"COPY 1:2 {MBOX}/sub")
    c.cmd("COPY 1 NoSuchMailbox")
    c.cmd("MOVE 3 " + MBOX + "/sub")
    c.cmd("STORE 1 +FLAGS (\\Deleted)")
    c.cmd("UID EXPUNGE 1")
    c.cmd("EXPUNGE")
    c.cmd("NOOP")
    c.raw(b"Q900 IDLE\r\n", b"+")
    c.raw(b"DONE\r\n", b"Q900 ")
    c.cmd("ENABLE CONDSTORE")
    c.cmd("UNSELECT")
    c.cmd("FETCH 1 FLAGS")  # BAD: no mailbox selected
    c.cmd("BLURDYBLOOP")
    c.cmd(f"DELETE {MBOX}/sub")
    c.cmd(f'DELETE "{MBOX}/with space"')
    c.cmd(f"UNSUBSCRIBE {MBOX}")
    c.cmd(f"DELETE {MBOX}")
    c.cmd("LOGOUT")
    sys.stdout.buffer.write(bytes(c.log))


if __name__ == "__main__":
    main()
