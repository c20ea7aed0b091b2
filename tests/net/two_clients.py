"""Two clients on one account at the same time: one in IDLE sees the other's STORE, APPEND and
EXPUNGE at once; a third, not idling, sees them on NOOP. One shared store, one process."""
import imaplib

from netlib import Server, USERS, check

with Server("--users", USERS) as server:
    idler = server.connect()
    idler.read_until(b"\r\n")
    idler.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\n")
    idler.read_until(b"b OK")
    idler.send(b"c IDLE\r\n")
    check(idler.read_until(b"\r\n") == "+ idling\r\n", "IDLE continuation")

    poller = server.connect()
    poller.read_until(b"\r\n")
    poller.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\n")
    poller.read_until(b"b OK")

    other = imaplib.IMAP4("127.0.0.1", server.port)
    other.login("alice", "alice-pw")
    other.select("INBOX")
    other.store("2", "+FLAGS", "(\\Answered)")
    out = idler.read_until(b"* 2 FETCH (FLAGS (\\Answered \\Flagged))\r\n")

    other.append("INBOX", None, None, b"Subject: new\r\n\r\nnew mail\r\n")
    out = idler.read_until(b"* 4 EXISTS\r\n")

    other.store("1", "+FLAGS", "(\\Deleted)")
    other.expunge()
    out = idler.read_until(b"* 1 EXPUNGE\r\n")

    idler.send(b"DONE\r\n")
    out = idler.read_until(b"c OK Idle completed.\r\n")

    poller.send(b"n NOOP\r\n")
    out = poller.read_until(b"n OK")
    for line in ("FETCH (FLAGS (\\Answered \\Flagged))", "* 1 EXPUNGE\r\n", "* 3 EXISTS\r\n"):
        check(line in out, "NOOP reports " + line, out)

    other.logout()
    for c in (idler, poller):
        c.send(b"z LOGOUT\r\n")
        c.read_to_eof()
    check(server.wait_log("conn 3 "), "log lines", server.log())
    check(server.stop() == 0, "clean stop")
print("ok")
