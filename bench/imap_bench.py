#!/usr/bin/env python3
"""Times the benchmark commands against a real IMAP server over TCP, so IMAP Lab and Dovecot
can be compared with the same client on the same machine (docs/BENCHMARKS.md).

  python3 bench/imap_bench.py --port 10143 --user username --password password     # Dovecot
  python3 bench/imap_bench.py --port 1143 --user bench --password bench            # imaplab-cli serve

It makes (once; --reload to redo) the mailboxes bench100k (100,000 messages) and bench10k (10,000
messages) by APPENDing the messages of bench/bench_messages.hpp (same bytes), then runs each
command --runs times after one warm-up run and prints the median and the minimum wall time from
sending the command to reading its tagged OK, in milliseconds:
  FETCH 1:* (FLAGS UID RFC822.SIZE)      on bench100k
  FETCH 1:* ENVELOPE                     on bench100k
  UID SEARCH TEXT needle                 on bench10k
  UID STORE 1:* +FLAGS.SILENT (\\Seen)    on bench100k (\\Seen is taken off, untimed, before each run)
"""
import argparse
import socket
import statistics
import time


def bench_message(i):
    m = []
    m.append(f"From: Sender {i % 97} <sender{i % 97}@example.org>\r\n")
    m.append(f"To: Recipient <rcpt{i % 13}@example.net>\r\n")
    m.append(f"Cc: Team {i % 7} <team{i % 7}@example.com>, archive@example.com\r\n")
    m.append(f"Subject: Benchmark message {i} about topic {i % 31}\r\n")
    m.append(f"Date: Mon, 25 Jun 2012 10:{i % 60:02}:00 +0400\r\n")
    m.append(f"Message-ID: <bench-{i}@example.org>\r\n")
    m.append("MIME-Version: 1.0\r\n")
    m.append("Content-Type: text/plain; charset=us-ascii\r\n")
    m.append("\r\n")
    for line in range(8):
        m.append(f"Line {line} of message {i}: the quick brown fox jumps over the lazy dog.\r\n")
    if i % 100 == 0:
        m.append("This one has a needle in it.\r\n")
    m.append(f"-- \r\nSender {i % 97}\r\n")
    return "".join(m).encode()


class Conn:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = bytearray()
        self.read_tagged(b"*")
        self.n = 0

    def read_tagged(self, tag):
        """Reads up to and including the line starting with `tag` + SP; returns (data, line)."""
        needle = b"\r\n" + tag + b" "
        start = 0
        while True:
            if self.buf.startswith(tag + b" "):
                i = 0
            else:
                i = self.buf.find(needle, max(0, start - len(needle)))
                if i >= 0:
                    i += 2
            if i >= 0:
                j = self.buf.find(b"\r\n", i)
                if j >= 0:
                    line = bytes(self.buf[i:j])
                    data = bytes(self.buf[:j + 2])
                    del self.buf[:j + 2]
                    return data, line
            start = len(self.buf)
            data = self.sock.recv(1 << 20)
            if not data:
                raise EOFError("server closed the connection")
            self.buf += data

    def cmd(self, text, ok=True):
        self.n += 1
        tag = b"T%d" % self.n
        self.sock.sendall(tag + b" " + text.encode() + b"\r\n")
        data, line = self.read_tagged(tag)
        if ok and not line.startswith(tag + b" OK"):
            raise RuntimeError(f"{text}: {line!r}")
        return data, line


def exists(conn, mailbox):
    """The number of messages in `mailbox`, or -1 when there is no such mailbox."""
    data, line = conn.cmd(f"STATUS {mailbox} (MESSAGES)", ok=False)
    for l in data.split(b"\r\n"):
        if l.startswith(b"* STATUS ") and b"(MESSAGES " in l:
            return int(l.rsplit(b"(MESSAGES ", 1)[1].rstrip(b")"))
    return -1


def load(conn, mailbox, count, reload):
    """Makes `mailbox` hold the `count` benchmark messages; resumes an interrupted load. Uses
    MULTIAPPEND (RFC 3502) when the server has it: one command, one transaction, per 500 messages
    (Dovecot syncs its maildir once per transaction, which makes single APPENDs slow)."""
    have = exists(conn, mailbox)
    if have == count and not reload:
        return False
    if have > count or (have >= 0 and reload):
        conn.cmd(f"DELETE {mailbox}")
        have = -1
    if have < 0:
        conn.cmd(f"CREATE {mailbox}")
        have = 0
    caps, _ = conn.cmd("CAPABILITY")
    multi = b" MULTIAPPEND" in caps
    batch = 500
    for first in range(have + 1, count + 1, batch):
        numbers = range(first, min(first + batch, count + 1))
        out = bytearray()
        tags = []
        for k, i in enumerate(numbers):
            msg = bench_message(i)
            part = b' () "25-Jun-2012 10:00:00 +0400" {%d+}\r\n' % len(msg) + msg
            if multi:
                if k == 0:
                    conn.n += 1
                    tags.append(b"A%d" % conn.n)
                    out += tags[0] + b" APPEND " + mailbox.encode()
                out += part
            else:
                conn.n += 1
                tags.append(b"A%d" % conn.n)
                out += tags[-1] + b" APPEND " + mailbox.encode() + part + b"\r\n"
        if multi:
            out += b"\r\n"
        conn.sock.sendall(out)
        for tag in tags:
            _, line = conn.read_tagged(tag)
            if not line.startswith(tag + b" OK"):
                raise RuntimeError(f"APPEND: {line!r}")
    return True


def timed(conn, command, runs, before=None):
    times = []
    size = 0
    for r in range(runs + 1):
        if before:
            conn.cmd(before)
        t0 = time.perf_counter()
        data, _ = conn.cmd(command)
        dt = (time.perf_counter() - t0) * 1000
        size = len(data)
        if r > 0:  # run 0 warms caches
            times.append(dt)
    return statistics.median(times), min(times), size


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=10143)
    ap.add_argument("--user", default="username")
    ap.add_argument("--password", default="password")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--reload", action="store_true", help="APPEND the messages again even if the mailboxes exist")
    args = ap.parse_args()

    conn = Conn(args.host, args.port)
    conn.cmd(f"LOGIN {args.user} {args.password}")
    for mailbox, count in (("bench100k", 100000), ("bench10k", 10000)):
        t0 = time.perf_counter()
        if load(conn, mailbox, count, args.reload):
            print(f"# loaded {mailbox}: {count} messages in {time.perf_counter() - t0:.1f} s", flush=True)

    rows = []
    conn.cmd("SELECT bench100k")
    rows.append(("FETCH 1:* (FLAGS UID RFC822.SIZE)", "bench100k", *timed(conn, "FETCH 1:* (FLAGS UID RFC822.SIZE)", args.runs)))
    rows.append(("FETCH 1:* ENVELOPE", "bench100k", *timed(conn, "FETCH 1:* ENVELOPE", args.runs)))
    rows.append(("UID STORE 1:* +FLAGS.SILENT (\\Seen)", "bench100k",
                 *timed(conn, "UID STORE 1:* +FLAGS.SILENT (\\Seen)", args.runs, before="UID STORE 1:* -FLAGS.SILENT (\\Seen)")))
    conn.cmd("UID STORE 1:* -FLAGS.SILENT (\\Seen)")
    conn.cmd("SELECT bench10k")
    rows.append(("UID SEARCH TEXT needle", "bench10k", *timed(conn, "UID SEARCH TEXT needle", args.runs)))
    conn.cmd("LOGOUT")
    print(f"{'command':40} {'mailbox':10} {'median ms':>10} {'min ms':>10} {'bytes':>10}")
    for name, mbox, med, mn, size in rows:
        print(f"{name:40} {mbox:10} {med:10.1f} {mn:10.1f} {size:10d}")


if __name__ == "__main__":
    main()
