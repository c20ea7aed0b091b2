"""Bad clients cannot hurt the server or other clients: garbage and binary bytes, an over-long line,
a client that disconnects in the middle of a literal, one that resets the connection."""
import socket
import struct

from netlib import Server, USERS, check

with Server("--users", USERS) as server:
    good = server.connect()
    good.read_until(b"\r\n")
    good.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\n")
    good.read_until(b"b OK")

    # Garbage: binary bytes, a NUL, an empty line, a lone tag, an unknown command; then a real command.
    bad = server.connect()
    bad.read_until(b"\r\n")
    bad.send(b"\x00\x01\x02\xff\xfe garbage\r\n\r\n*\r\nx\r\nx FROBNICATE 1 2 3\r\nx SELECT\r\n(((\r\n")
    bad.send(b"y NOOP\r\n")
    out = bad.read_until(b"y OK")
    check(out.count(" BAD ") >= 4, "BAD for each malformed command", out)
    check("x BAD Error in IMAP command FROBNICATE: Unknown command." in out, "unknown command", out)

    # An over-long line (Dovecot's 64 KiB limit) is refused and the session goes on.
    bad.send(b"z " + b"A" * 70000 + b"\r\nw NOOP\r\n")
    out = bad.read_until(b"w OK")
    check("Command line too long" in out, "line too long", out)

    # Disconnect in the middle of a literal: the APPEND is not half-applied.
    quitter = server.connect()
    quitter.read_until(b"\r\n")
    quitter.send(b"a LOGIN alice alice-pw\r\nb APPEND INBOX {1000}\r\n")
    quitter.read_until(b"+ OK\r\n")
    quitter.send(b"Subject: half\r\n\r\nonly part of the mess")
    quitter.close()
    check(server.wait_log("user=alice: disconnected after"), "disconnect logged", server.log())

    # A connection reset (RST) in the middle of a command.
    rst = server.connect()
    rst.read_until(b"\r\n")
    rst.send(b"a LOGIN alice alice-pw\r\nb APPEND INBOX {50+}\r\nSubject: x\r\n")
    rst.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    rst.close()

    # The first client is unaffected and nothing was appended.
    good.send(b"c NOOP\r\nd FETCH 1:* (UID)\r\n")
    out = good.read_until(b"d OK")
    check("EXISTS" not in out and "* 3 FETCH (UID 3)" in out and "* 4 FETCH" not in out, "no half-applied APPEND", out)
    good.send(b"e LOGOUT\r\n")
    good.read_to_eof()
    bad.close()
    check(server.stop() == 0, "clean stop", server.log())
print("ok")
