#!/usr/bin/env python3
"""Load benchmark: N concurrent IMAP clients on loopback, each looping SELECT / FETCH / STORE /
SEARCH for a while; prints commands per second, p50 / p99 latency per command kind and the
server's resident memory (docs/BENCHMARKS.md). Not a test: numbers depend on the machine.

  # IMAP Lab: the script starts `imaplab-cli serve --classroom` on a free port itself
  python3 bench/load_bench.py --start build/cli/imaplab-cli --clients 100 --seconds 20
  python3 bench/load_bench.py --start build/cli/imaplab-cli --clients 1000 --seconds 20
  # any running server (e.g. Dovecot): RSS summed over the processes named by --rss-process
  python3 bench/load_bench.py --port 10143 --user username --password password \\
      --rss-process imap --rss-process dovecot --clients 100 --seconds 20

Every client logs in as the same user, so all of them share one mailbox, LOADBENCH, which the
script fills first (--messages, default 200; the bytes of bench/imap_bench.py's bench_message).
Clients are spread over --procs processes (default: one per CPU), each an asyncio loop, so the
Python client is less of a bottleneck. Each client then loops, one command at a time (a new command when the last one's tagged OK came):
  SELECT LOADBENCH · FETCH 1:20 (FLAGS UID RFC822.SIZE ENVELOPE) · STORE n +FLAGS.SILENT (\\Seen)
  · STORE n -FLAGS.SILENT (\\Seen) · SEARCH UNSEEN FROM "sender7"
Latency is from sending a command to reading its tagged response (untagged updates caused by
the other clients' STOREs are read on the way, as a real client must).
"""
import argparse
import asyncio
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imap_bench import bench_message  # noqa: E402  (same message bytes as the other benchmark)

KINDS = ["SELECT", "FETCH", "STORE+", "STORE-", "SEARCH"]


class Client:
    def __init__(self, reader, writer):
        self.r, self.w, self.n = reader, writer, 0

    async def command(self, text, literal=None):
        """Sends one command (with an optional synchronising literal) and reads to its tagged
        response; returns that line."""
        self.n += 1
        tag = "t%d" % self.n
        if literal is None:
            self.w.write(("%s %s\r\n" % (tag, text)).encode())
        else:
            self.w.write(("%s %s {%d}\r\n" % (tag, text, len(literal))).encode())
            await self.w.drain()
            line = await self.r.readline()
            if not line.startswith(b"+"):
                raise RuntimeError("no continuation for %s: %r" % (text, line))
            self.w.write(literal + b"\r\n")
        await self.w.drain()
        prefix = (tag + " ").encode()
        while True:
            line = await self.r.readline()
            if not line:
                raise RuntimeError("connection closed during %s" % text)
            if line.endswith(b"}\r\n"):  # a literal inside a response: skip its octets
                size = int(line[line.rindex(b"{") + 1:-3])
                await self.r.readexactly(size)
                continue
            if line.startswith(prefix):
                if not line[len(prefix):].startswith(b"OK"):
                    raise RuntimeError("%s: %r" % (text, line))
                return line


async def connect(args):
    reader, writer = await asyncio.open_connection(args.host, args.port, limit=1 << 24)
    await reader.readline()  # greeting
    c = Client(reader, writer)
    await c.command("LOGIN %s %s" % (args.user, args.password))
    return c


async def prepare(args):
    c = await connect(args)
    c.w.write(b"p0 STATUS LOADBENCH (MESSAGES)\r\n")
    await c.w.drain()
    have = None
    while True:
        line = await c.r.readline()
        if line.startswith(b"* STATUS"):
            have = int(line.split(b"MESSAGES ")[1].split(b")")[0])
        if line.startswith(b"p0 "):
            break
    if have is None:
        await c.command("CREATE LOADBENCH")
        have = 0
    for i in range(have, args.messages):
        await c.command("APPEND LOADBENCH", bench_message(i))
    await c.command("LOGOUT")
    c.w.close()


async def worker(args, index, state, samples, errors, started):
    rnd = random.Random(index)
    try:
        c = await connect(args)
    except Exception as e:  # noqa: BLE001
        errors.append("connect: %s" % e)
        return
    started.append(index)
    await state["go"].wait()  # everyone connected before the timing starts
    try:
        while not state["stop"]:
            n = rnd.randint(1, args.messages)
            for kind, text in (("SELECT", "SELECT LOADBENCH"),
                               ("FETCH", "FETCH 1:20 (FLAGS UID RFC822.SIZE ENVELOPE)"),
                               ("STORE+", "STORE %d +FLAGS.SILENT (\\Seen)" % n),
                               ("STORE-", "STORE %d -FLAGS.SILENT (\\Seen)" % n),
                               ("SEARCH", 'SEARCH UNSEEN FROM "sender7"')):
                t0 = time.perf_counter()
                await c.command(text)
                if not state["stop"]:
                    samples[kind].append(time.perf_counter() - t0)
        c.w.write(b"z LOGOUT\r\n")
        await c.w.drain()
        c.w.close()
    except Exception as e:  # noqa: BLE001
        errors.append("%s" % e)


def rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def pids_named(names):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/comm" % entry) as f:
                    if f.read().strip() in names:
                        out.append(int(entry))
            except OSError:
                pass
    return out


async def run_clients(args, first, count, go_at, stop_at):
    """One process's share: clients first..first+count-1; timing from go_at to stop_at
    (time.time() values shared by every process)."""
    samples = {k: [] for k in KINDS}
    errors, started = [], []
    state = {"go": asyncio.Event(), "stop": False}
    tasks = [asyncio.create_task(worker(args, first + i, state, samples, errors, started)) for i in range(count)]
    while len(started) + len(errors) < count and time.time() < go_at:
        await asyncio.sleep(0.02)
    await asyncio.sleep(max(0.0, go_at - time.time()))
    state["go"].set()
    await asyncio.sleep(max(0.0, stop_at - time.time()))
    state["stop"] = True
    await asyncio.wait(tasks, timeout=30)
    return samples, errors, len(started)


def client_process(args, first, count, go_at, stop_at, queue):
    samples, errors, started = asyncio.run(run_clients(args, first, count, go_at, stop_at))
    queue.put((samples, errors, started))


def run(args, pids_of_server):
    """Fills the mailbox, then runs --clients clients in --procs processes; returns the merged
    samples, errors, the timed seconds and the peak RSS seen."""
    asyncio.run(prepare(args))
    connect_time = 5 + args.clients / 100.0  # seconds allowed for everyone to connect and log in
    go_at = time.time() + connect_time
    stop_at = go_at + args.seconds
    queue = multiprocessing.Queue()
    procs, per = [], -(-args.clients // args.procs)
    for k in range(args.procs):
        first, count = k * per, min(per, args.clients - k * per)
        if count > 0:
            procs.append(multiprocessing.Process(target=client_process, args=(args, first, count, go_at, stop_at, queue)))
    for pr in procs:
        pr.start()
    peak = 0
    while time.time() < stop_at:
        time.sleep(0.5)
        if time.time() > go_at:
            peak = max(peak, rss_kib(pids_of_server()))
    samples = {k: [] for k in KINDS}
    errors, started = [], 0
    for _ in procs:
        s, e, n = queue.get(timeout=120)
        for k in KINDS:
            samples[k] += s[k]
        errors += e
        started += n
    for pr in procs:
        pr.join()
    if started < args.clients:
        errors.append("only %d of %d clients were connected when the timing began" % (started, args.clients))
    return samples, errors, args.seconds, peak


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--start", help="path of imaplab-cli: start `serve --classroom` on a free port")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int)
    p.add_argument("--user", default="bench")
    p.add_argument("--password", default="bench")
    p.add_argument("--clients", type=int, default=100)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--messages", type=int, default=200)
    p.add_argument("--procs", type=int, default=max(1, (os.cpu_count() or 2)),
                   help="client processes (asyncio in each), so the client is not the bottleneck")
    p.add_argument("--rss-process", action="append", default=[],
                   help="process name (/proc/PID/comm) whose RSS counts as the server's; repeatable")
    args = p.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = args.clients + 64
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(want, soft), hard), hard))

    server = None
    if args.start:
        server = subprocess.Popen([args.start, "serve", "--listen", "127.0.0.1:0", "--classroom", "--password",
                                   args.password, "--max-connections", str(args.clients + 10)],
                                  stdout=subprocess.PIPE, stderr=open(os.devnull, "w"),
                                  preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard)))
        line = server.stdout.readline().decode()
        args.port = int(line.split(":")[-1].split()[0])
        pids_of_server = lambda: [server.pid]  # noqa: E731
    elif args.port:
        names = set(args.rss_process)
        pids_of_server = lambda: pids_named(names) if names else []  # noqa: E731
    else:
        p.error("give --start or --port")

    try:
        counted, errors, elapsed, peak = run(args, pids_of_server)
    finally:
        if server:
            server.terminate()
            server.wait(10)

    total = sum(len(v) for v in counted.values())
    print("clients %d, %.1f s, %d commands, %.0f commands/s, errors %d%s" %
          (args.clients, elapsed, total, total / elapsed, len(errors), (" (first: %s)" % errors[0]) if errors else ""))
    print("%-8s %8s %9s %9s" % ("command", "count", "p50 ms", "p99 ms"))
    all_lat = []
    for k in KINDS:
        v = sorted(counted[k])
        all_lat += v
        if v:
            print("%-8s %8d %9.2f %9.2f" % (k, len(v), statistics.median(v) * 1e3, v[int(len(v) * 0.99) - 1 if len(v) > 1 else 0] * 1e3))
    all_lat.sort()
    if all_lat:
        print("%-8s %8d %9.2f %9.2f" % ("all", len(all_lat), statistics.median(all_lat) * 1e3, all_lat[max(0, int(len(all_lat) * 0.99) - 1)] * 1e3))
    print("server RSS peak: %.1f MiB" % (peak / 1024.0) if peak else "server RSS: not measured (give --rss-process)")


if __name__ == "__main__":
    main()
