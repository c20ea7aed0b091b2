"""--data DIR keeps the sandbox's state across restarts: what a client did is there after SIGTERM
(even right after the change: the server saves before it says BYE) and after kill -9 (the last save,
made at most a second after the change, is whole). The next APPEND continues the UIDs and
UIDVALIDITY stays, so a client's cache stays valid (RFC 9051 §2.3.1.1)."""
import imaplib
import re
import shutil
import signal
import tempfile
import time

from netlib import FIXTURE, Server, check

data = tempfile.mkdtemp(prefix="imaplab-persist-")
MSG = b"From: a@example.org\r\nSubject: kept\r\n\r\nstill here\r\n"
ARGS = ("--classroom", "--password", "pw", "--fixture", FIXTURE, "--no-tls")


def uidvalidity(m):
    typ, data_ = m.status("INBOX", "(UIDVALIDITY UIDNEXT MESSAGES)")
    return data_[0].decode()


try:
    # 1. Changes, then SIGTERM at once: saved before the BYE.
    with Server(*ARGS, data=data) as s:
        m = imaplib.IMAP4("127.0.0.1", s.port)
        m.login("anna", "pw")
        m.create("Projects/2026")
        m.select("INBOX")
        m.store("1", "+FLAGS", "(\\Flagged $Important)")
        typ, resp = m.append("INBOX", "(\\Seen)", '"21-Nov-2026 12:00:00 +0000"', MSG)
        appended = re.search(rb"APPENDUID (\d+) (\d+)", resp[0])
        check(appended is not None, "APPENDUID", resp)
        before = uidvalidity(m)
        check(s.stop() == 0, "clean stop")
        check("state in " in s.log(), "the state directory is logged", s.log())

    # 2. A new process on the same DIR: anna's account as she left it.
    with Server(*ARGS, data=data) as s:
        check("resumed" in s.log(), "resumed from DIR", s.log())
        m = imaplib.IMAP4("127.0.0.1", s.port)
        m.login("anna", "pw")
        check(uidvalidity(m) == before, "UIDVALIDITY and UIDNEXT unchanged", (uidvalidity(m), before))
        typ, boxes = m.list()
        check(any(b'"Projects/2026"' in b or b" Projects/2026" in b for b in boxes), "the created mailbox", boxes)
        m.select("INBOX")
        typ, f = m.fetch("1", "(FLAGS)")
        check(b"\\Flagged" in f[0] and b"$Important" in f[0], "flags and keywords kept", f)
        typ, f = m.uid("FETCH", appended.group(2).decode(), "(FLAGS INTERNALDATE BODY.PEEK[])")
        check(f[0][1] == MSG and b"\\Seen" in f[0][0] and b"21-Nov-2026 12:00:00 +0000" in f[0][0], "the appended message", f)
        typ, resp = m.append("INBOX", None, None, MSG)
        nxt = re.search(rb"APPENDUID (\d+) (\d+)", resp[0])
        check(nxt.group(1) == appended.group(1) and int(nxt.group(2)) == int(appended.group(2)) + 1,
              "the next UID follows, same UIDVALIDITY", (resp, appended.group(0)))
        m.store("2", "+FLAGS", "(\\Answered)")
        # 3. kill -9 after the save had time to happen (at most a second after the change).
        time.sleep(1.6)
        s.proc.send_signal(signal.SIGKILL)
        s.proc.wait(10)

    with Server(*ARGS, data=data) as s:
        m = imaplib.IMAP4("127.0.0.1", s.port)
        m.login("anna", "pw")
        m.select("INBOX")
        typ, f = m.fetch("2", "(FLAGS)")
        check(b"\\Answered" in f[0], "the change before kill -9 survived", f)
        typ, n = m.search(None, "ALL")
        check(len(n[0].split()) == 5, "3 fixture messages + 2 appended", n)
        check(s.stop() == 0, "clean stop")
finally:
    shutil.rmtree(data, True)
print("ok")
