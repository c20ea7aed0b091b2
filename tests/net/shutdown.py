"""SIGTERM and SIGINT: every connection gets "* BYE Server shutting down." (Dovecot's text) whatever
it is doing, then the connection closes and the server exits 0."""
import signal

from netlib import Server, USERS, check

for sig in (signal.SIGTERM, signal.SIGINT):
    with Server("--users", USERS) as server:
        fresh = server.connect()
        fresh.read_until(b"\r\n")
        idling = server.connect()
        idling.read_until(b"\r\n")
        idling.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\nc IDLE\r\n")
        idling.read_until(b"+ idling\r\n")
        literal = server.connect()
        literal.read_until(b"\r\n")
        literal.send(b"a LOGIN bob bob-pw\r\nb APPEND INBOX {100}\r\n")
        literal.read_until(b"+ OK\r\n")
        literal.send(b"Subject: half")
        rc = server.stop(sig)
        check(rc == 0, "exit code 0 after %s" % sig.name, (rc, server.log()))
        for c in (fresh, idling, literal):
            out = c.read_to_eof()
            check(out.endswith("* BYE Server shutting down.\r\n"), "BYE before the close (%s)" % sig.name, out)
        log = server.log()
        check("shutting down (3 connections)" in log, "shutdown logged", log)
        check(log.count(": server shutdown after") == 3, "one line per connection", log)
print("ok")
