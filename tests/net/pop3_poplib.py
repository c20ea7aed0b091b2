"""POP3 (RFC 1939) over a real socket with python's poplib, beside IMAP on the same store:
`imaplab-cli serve --pop3-listen`. USER/PASS, STAT, LIST, UIDL, RETR, DELE, QUIT; then an IMAP
session (imaplib) that had INBOX selected all along is told "* 2 EXPUNGE" and no longer finds the
message; a wrong password gets "-ERR [AUTH] Authentication failed."; the trace hides the password."""
import imaplib
import poplib
import select

from netlib import Server, USERS, check

with Server("--users", USERS, "--pop3-listen", "127.0.0.1:0", "--trace") as server:
    ready, _, _ = select.select([server.proc.stdout], [], [], 10)
    line = server.proc.stdout.readline().decode() if ready else ""
    check(line.startswith("listening on 127.0.0.1:") and line.split()[-1] == "(pop3)", "the POP3 listener's line", line)
    pop3_port = int(line.split()[2].rsplit(":", 1)[1])

    imap = imaplib.IMAP4("127.0.0.1", server.port)
    imap.login("alice", "alice-pw")
    typ, data = imap.status("INBOX", "(UIDVALIDITY)")
    uidvalidity = int(data[0].decode().split("UIDVALIDITY ")[1].rstrip(")"))
    imap.select("INBOX")
    typ, sizes = imap.fetch("1:3", "(RFC822.SIZE)")
    size = [int(s.decode().split("RFC822.SIZE ")[1].rstrip(")")) for s in sizes]

    pop = poplib.POP3("127.0.0.1", pop3_port, timeout=5)
    check(pop.getwelcome() == b"+OK IMAP Lab ready.", "greeting", pop.getwelcome())
    check(pop.user("alice") == b"+OK", "USER")
    check(pop.pass_("alice-pw") == b"+OK Logged in.", "PASS")
    check(pop.stat() == (3, sum(size)), "STAT", pop.stat())
    resp, lines, _ = pop.list()
    check(resp == b"+OK 3 messages:" and lines == [b"%d %d" % (n + 1, size[n]) for n in range(3)], "LIST", (resp, lines))
    resp, lines, _ = pop.uidl()
    want = [b"%d %08x%08x" % (n, n, uidvalidity) for n in (1, 2, 3)]
    check(resp == b"+OK" and lines == want, "UIDL: Dovecot's %08Xu%08Xv", (resp, lines, want))
    resp, lines, _ = pop.retr(2)
    check(resp == b"+OK %d octets" % size[1], "RETR status line", resp)
    check(b"Subject: Homework" in lines and lines[-1] == b"Please read RFC 9051 section 6.", "RETR text", lines)
    check(pop.dele(2) == b"+OK Marked to be deleted.", "DELE")
    check(pop.stat() == (2, size[0] + size[2]), "STAT without the marked message", pop.stat())
    check(pop.quit() == b"+OK Logging out, messages deleted.", "QUIT")

    typ, data = imap.noop()
    check(imap.untagged_responses.get("EXPUNGE") == [b"2"], "the IMAP session hears * 2 EXPUNGE", imap.untagged_responses)
    typ, data = imap.uid("SEARCH", "ALL")
    check(data == [b"1 3"], "UID 2 is gone for IMAP", data)
    imap.logout()

    bad = poplib.POP3("127.0.0.1", pop3_port, timeout=5)
    bad.user("alice")
    try:
        bad.pass_("wrong")
        check(False, "a wrong password is refused")
    except poplib.error_proto as e:
        check(e.args[0] == b"-ERR [AUTH] Authentication failed.", "wrong password", e.args)
    check(bad.quit() == b"+OK Logging out", "QUIT in AUTHORIZATION")

    check(server.wait_log("PASS <redacted>"), "the trace shows PASS redacted", server.log())
    check("alice-pw" not in server.log(), "the password never reaches the log", server.log())
    check(server.stop() == 0, "clean stop")
print("ok")
