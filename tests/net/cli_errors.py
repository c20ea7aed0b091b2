"""Startup errors exit 2 with a message naming the problem; a non-loopback address is served with a
warning; the address in use is refused."""
import os
import subprocess

from netlib import DATA, Server, USERS, check, cli


def run(*args):
    return subprocess.run([cli(), "serve", *args], capture_output=True, timeout=10, text=True)


p = run("--listen", "127.0.0.1:0")
check(p.returncode == 2 and "no accounts: give --users FILE or --classroom --password PW" in p.stderr, "no accounts", p)

p = run("--users", os.path.join(DATA, "users_bad.json"), "--listen", "127.0.0.1:0")
check(p.returncode == 2 and "users_bad.json: /1/user: duplicate user \"alice\"" in p.stderr, "bad users file", p)

p = run("--classroom", "--listen", "127.0.0.1:0")
check(p.returncode != 0 and "password" in p.stderr.lower(), "--classroom needs --password", p)

p = run("--users", USERS, "--listen", "localhost")
check(p.returncode == 2 and "expected HOST:PORT" in p.stderr, "bad listen address", p)

p = run("--users", USERS, "--stdio", "--listen", "127.0.0.1:0")
check(p.returncode != 0 and "excludes" in p.stderr, "--stdio excludes --listen", p)

with Server("--users", USERS) as server:
    p = run("--users", USERS, "--listen", server.address)
    check(p.returncode == 2 and ("cannot listen on %s: Address already in use" % server.address) in p.stderr, "port in use", p)
    server.stop()

with Server("--users", USERS, listen="0.0.0.0:0") as server:
    check(server.address.startswith("0.0.0.0:"), "bound to every address", server.address)
    check(server.wait_log("warning: listening on 0.0.0.0:"), "non-loopback warning", server.log())
    server.stop()
print("ok")
