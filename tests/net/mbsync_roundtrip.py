"""A round trip with mbsync (isync) over STARTTLS: the server's mail is pulled into a local
Maildir, byte-identical; a flag set locally and a message added locally are pushed back; a message
deleted on the server disappears locally. Exits 77 (CTest: skipped) when mbsync is not installed."""
import imaplib
import os
import shutil
import subprocess
import sys
import tempfile

from netlib import Server, USERS, check

mbsync = shutil.which("mbsync")
if not mbsync:
    print("mbsync (isync) not installed: skipped")
    sys.exit(77)

work = tempfile.mkdtemp(prefix="imaplab-mbsync-")


def sync(server, config):
    p = subprocess.run([mbsync, "-c", config, "-a"], capture_output=True, timeout=60)
    out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
    check(p.returncode == 0, "mbsync -a succeeds", out + "\n--- server log:\n" + server.log())
    return out


def maildir_messages(folder):
    """{file name: bytes} of cur/ and new/."""
    out = {}
    for sub in ("cur", "new"):
        d = os.path.join(folder, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            with open(os.path.join(d, name), "rb") as f:
                out[os.path.join(sub, name)] = f.read()
    return out


try:
    with Server("--users", USERS) as server:
        config = os.path.join(work, "mbsyncrc")
        local = os.path.join(work, "mail")
        os.makedirs(local)
        with open(config, "w") as f:
            f.write("""IMAPAccount lab
Host 127.0.0.1
Port %d
User alice
Pass alice-pw
SSLType STARTTLS
CertificateFile %s
AuthMechs LOGIN

IMAPStore lab-remote
Account lab

MaildirStore lab-local
Path %s/
Inbox %s/INBOX
SubFolders Verbatim

Channel lab
Far :lab-remote:
Near :lab-local:
Patterns *
Create Both
Expunge Both
SyncState *
""" % (server.port, server.cert, local, local))

        sync(server, config)
        imap = imaplib.IMAP4("127.0.0.1", server.port)
        imap.starttls(ssl_context=server.ssl_context())
        imap.login("alice", "alice-pw")
        typ, data = imap.select("INBOX")
        check(typ == "OK", "select", data)
        count = int(data[0])
        inbox = maildir_messages(os.path.join(local, "INBOX"))
        check(len(inbox) == count and count > 0, "every INBOX message pulled", (count, list(inbox)))
        # The same bytes, once mbsync's local form is undone: Maildir files have LF line ends and
        # mbsync adds an X-TUID header to find messages it copied.
        typ, fetched = imap.fetch("1:*", "(BODY.PEEK[])")
        bodies = sorted(part[1] for part in fetched if isinstance(part, tuple))
        as_sent = sorted(b"".join(l for l in v.replace(b"\n", b"\r\n").splitlines(True) if not l.startswith(b"X-TUID: "))
                         for v in inbox.values())
        check(as_sent == bodies, "local messages are the server's bytes", (as_sent, bodies))
        check(all(os.path.isdir(os.path.join(local, m)) for m in ("Sent", "Trash")), "mailboxes created locally", os.listdir(local))

        # Locally: mark the first unseen message \Seen (Maildir info ":2,S") and add a new message.
        unseen = [n for n in inbox if "S" not in n.rsplit(":2,", 1)[-1]]
        check(unseen, "an unseen message to mark", list(inbox))
        name = unseen[0]
        base, _, info = name.partition(":2,")
        os.rename(os.path.join(local, "INBOX", name), os.path.join(local, "INBOX", "cur", os.path.basename(base) + ":2," + "".join(sorted(info + "S"))))
        new_message = b"From: alice@example.org\r\nSubject: written offline\r\n\r\nsynced by mbsync\r\n"
        with open(os.path.join(local, "INBOX", "new", "1795300000.offline.host"), "wb") as f:
            f.write(new_message)
        # On the server: delete a message (another client, e.g. webmail).
        imap.store("1", "+FLAGS", "(\\Deleted)")
        imap.expunge()
        imap.logout()

        sync(server, config)
        imap = imaplib.IMAP4("127.0.0.1", server.port)
        imap.starttls(ssl_context=server.ssl_context())
        imap.login("alice", "alice-pw")
        typ, data = imap.select("INBOX")
        check(int(data[0]) == count, "one message deleted on the server, one pushed from the Maildir", data)
        typ, data = imap.search(None, "SUBJECT", '"written offline"')
        check(typ == "OK" and len(data[0].split()) == 1, "the offline message is on the server", data)
        typ, data = imap.fetch(data[0].split()[0], "(BODY.PEEK[])")
        pushed = b"".join(l for l in data[0][1].splitlines(True) if not l.startswith(b"X-TUID: "))
        check(pushed == new_message, "pushed byte for byte (besides mbsync's X-TUID)", data)
        subject = [l for l in inbox[name].splitlines() if l.startswith(b"Subject: ")][0][len(b"Subject: "):].decode()
        typ, data = imap.search(None, "SEEN", "SUBJECT", '"%s"' % subject)
        check(typ == "OK" and len(data[0].split()) == 1, "the flag set in the Maildir is on the server: %s" % subject, data)
        typ, data = imap.search(None, "UNSEEN")
        check(len(data[0].split()) == len(unseen), "unseen: the others and the offline message", (data, unseen))
        imap.logout()
        check(len(maildir_messages(os.path.join(local, "INBOX"))) == count, "the server's deletion reached the Maildir",
              list(maildir_messages(os.path.join(local, "INBOX"))))
        print("mbsync round trip: %d messages pulled, a flag and a message pushed, a deletion pulled" % count)
finally:
    shutil.rmtree(work, ignore_errors=True)
