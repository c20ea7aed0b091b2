"""A client that pipelines big FETCHes and never reads: the server stops reading its commands,
keeps serving everyone else without delay, and drops it once its output stalls (--write-timeout)."""
import select
import socket
import time

from netlib import Server, USERS, check

with Server("--users", USERS, "--write-timeout", "2") as server:
    slow = server.connect()
    slow.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.read_until(b"\r\n")
    slow.send(b"a LOGIN alice alice-pw\r\nb SELECT INBOX\r\n")
    slow.read_until(b"b OK")
    slow.sock.setblocking(False)
    # Up to 64 MB of commands (a few GB of responses): the server must stop reading long before.
    chunk = b"".join(b"f%d FETCH 1:* (BODY.PEEK[] ENVELOPE BODYSTRUCTURE)\r\n" % i for i in range(1000))
    sent, blocked, deadline = 0, False, time.time() + 20
    while not blocked and sent < 64 << 20 and time.time() < deadline:
        try:
            n = 0
            while n < len(chunk):
                n += slow.sock.send(chunk[n:])
            sent += n
        except BlockingIOError:
            # The socket buffers are full. Does the server go on reading (memory grows) or not?
            # (The part of `chunk` that did not fit is dropped: commands may be cut, which is fine.)
            _, writable, _ = select.select([], [slow.sock], [], 0.5)
            blocked = not writable
    check(blocked, "the server stops reading a client that does not read", sent)

    fast = server.connect()
    t0 = time.time()
    fast.read_until(b"\r\n")
    fast.send(b"a LOGIN bob bob-pw\r\nb SELECT INBOX\r\nc FETCH 1 (BODY[])\r\nd LOGOUT\r\n")
    fast.read_to_eof()
    # Served while the slow client is still connected (stalled, not yet dropped): it blocks nobody.
    check("output stalled" not in server.log(), "another client is served while the slow one stalls",
          (time.time() - t0, server.log()))

    check(server.wait_log("user=alice: output stalled for 2 s (the client does not read)", 8),
          "the stalled client is dropped", server.log())
    check(server.stop() == 0, "clean stop")
print("ok")
