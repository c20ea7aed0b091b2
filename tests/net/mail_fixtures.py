"""--fixture takes mail as other tools store it: a Dovecot Maildir (folders, flags from the file
names, keywords from dovecot-keywords, UIDs from dovecot-uidlist) and an mbox file, served to
classroom accounts over IMAP."""
import imaplib
import os
import subprocess

from netlib import ROOT, Server, check, cli

FORMATS = os.path.join(ROOT, "tests", "data", "formats")

with Server("--classroom", "--password", "pw", "--fixture", os.path.join(FORMATS, "maildir"), "--no-tls") as s:
    m = imaplib.IMAP4("127.0.0.1", s.port)
    m.login("student", "pw")
    typ, boxes = m.list()
    check(len(boxes) > 1, "the Maildir's folders are mailboxes", boxes)
    typ, n = m.select("INBOX")
    check(int(n[0]) > 0, "INBOX has the Maildir's messages", n)
    typ, f = m.fetch("1:*", "(UID FLAGS RFC822.SIZE)")
    check(all(b"UID" in x for x in f), "UIDs", f)
    m.logout()
    check(s.stop() == 0, "clean stop")

with Server("--classroom", "--password", "pw", "--fixture", os.path.join(FORMATS, "mutt.mbox"), "--no-tls") as s:
    m = imaplib.IMAP4("127.0.0.1", s.port)
    m.login("student", "pw")
    typ, n = m.select("INBOX")
    check(int(n[0]) > 0, "the mbox's messages are in INBOX", n)
    m.logout()
    check(s.stop() == 0, "clean stop")

# Not mail: refused at start, naming the file.
p = subprocess.run([cli(), "serve", "--classroom", "--password", "pw", "--no-tls", "--listen", "127.0.0.1:0",
                    "--fixture", os.path.join(FORMATS, "README.md")], capture_output=True, timeout=20)
check(p.returncode == 2 and b"README.md" in p.stderr, "a file that is no mail is refused", p)
print("ok")
