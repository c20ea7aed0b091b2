"""Raw bytes on a socket: pipelined commands in one packet, a non-synchronising literal inside the
pipeline, a synchronising literal with its "+" round trip, bare LF line ends, byte-at-a-time input."""
import re

from netlib import Server, USERS, check

with Server("--users", USERS) as server:
    c = server.connect()
    greeting = c.read_until(b"\r\n")
    check(greeting.startswith("* OK [CAPABILITY IMAP4rev1 "), "greeting", greeting)

    msg = b"Subject: pipelined\r\n\r\nx\r\n"
    c.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\nc APPEND INBOX {%d+}\r\n%s\r\nd FETCH 4 (BODY.PEEK[])\r\ne NOOP\r\n"
           % (len(msg), msg))
    out = c.read_until(b"e OK")
    tags = re.findall(r"^([a-e]) (OK|NO|BAD)", out, re.M)
    check(tags == [("a", "OK"), ("b", "OK"), ("c", "OK"), ("d", "OK"), ("e", "OK")], "tagged responses in order", out)
    check("* 4 EXISTS\r\n" in out, "APPEND reported", out)
    check(("* 4 FETCH (BODY[] {%d}\r\n" % len(msg)) in out and msg.decode() + ")\r\nd OK" in out, "literal fetched back", out)

    # A synchronising literal: the client waits for "+".
    c.send(b"f APPEND INBOX {%d}\r\n" % len(msg))
    plus = c.read_until(b"\r\n")
    check(plus == "+ OK\r\n", "continuation request", plus)
    c.send(msg + b"\r\n")
    out = c.read_until(b"f OK")
    check("* 5 EXISTS" in out, "second append", out)

    # Bare LF (telnet and nc users) and one byte at a time.
    for b in b"g NOOP\nh FETCH 5 (UID)\r\n":
        c.send(bytes([b]))
    out = c.read_until(b"h OK")
    check("g OK" in out and "* 5 FETCH (UID 5)" in out, "bare LF, byte by byte", out)

    c.send(b"i LOGOUT\r\n")
    out = c.read_to_eof()
    check(out.endswith("* BYE Logging out\r\ni OK Logout completed.\r\n"), "logout closes the connection", out)
    check(server.stop() == 0, "clean stop")
print("ok")
