"""`imaplab-cli admin` resets accounts while `serve` runs (issue 4): over the control socket
DATA/control.sock the instructor resets one classroom account (its connection gets the BYE, the
next login sees the fixture again with a new UIDVALIDITY, other students are untouched), every
account (--all), a --users account to its own fixture, and 50 sessions of one user at once; `list`
shows the connections; JSON commands; no server -> exit 2; a second server on the same socket is
refused; the socket is 0600 and removed at exit."""
import json
import os
import re
import socket
import stat
import subprocess
import tempfile

from netlib import DATA, FIXTURE, USERS, Server, check, cli

BYE = "* BYE [ALERT] The instructor reset this account.\r\n"


def admin(data, *args):
    p = subprocess.run([cli(), "admin", "--data", data] + list(args), capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def login(server, user, password):
    raw = server.connect()
    check(raw.read_until(b"\r\n").startswith("* OK"), "greeting")
    raw.send("a LOGIN %s %s\r\n" % (user, password))
    out = raw.read_until(b"a ")
    check("a OK" in out, "login " + user, out)
    return raw


def select(raw):
    """SELECT INBOX; returns (EXISTS, UIDVALIDITY)."""
    raw.send(b"s SELECT INBOX\r\n")
    out = raw.read_until(b"s OK")
    exists = int(re.search(r"\* (\d+) EXISTS", out).group(1))
    uidvalidity = int(re.search(r"\[UIDVALIDITY (\d+)\]", out).group(1))
    return exists, uidvalidity


def control(data, line):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(os.path.join(data, "control.sock"))
    s.sendall(line.encode() + b"\n")
    buf = b""
    while not buf.endswith(b"\n"):
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    s.close()
    return buf.decode()


# --- classroom ---------------------------------------------------------------------------------
with Server("--classroom", "--password", "pw", "--fixture", FIXTURE, "--no-tls") as server:
    sock_path = os.path.join(server.data, "control.sock")
    check(stat.S_ISSOCK(os.stat(sock_path).st_mode), "DATA/control.sock is a socket")
    check(stat.S_IMODE(os.stat(sock_path).st_mode) == 0o600, "the control socket is 0600",
          oct(os.stat(sock_path).st_mode))

    anna, boris = login(server, "anna", "pw"), login(server, "boris", "pw")
    n, anna_uidvalidity = select(anna)
    check(n == 3, "anna starts with the fixture's 3 messages")
    select(boris)
    anna.send(b"1 STORE 1:* +FLAGS (\\Deleted)\r\n2 EXPUNGE\r\n")
    check("2 OK" in anna.read_until(b"2 OK"), "anna emptied her INBOX")
    boris.send(b"1 STORE 2 +FLAGS (\\Answered)\r\n")
    boris.read_until(b"1 OK")

    rc, out, err = admin(server.data, "list")
    check(rc == 0 and out.startswith("OK 2 connections: ") and " anna 127.0.0.1:" in out and " boris " in out,
          "admin list shows both connections", (rc, out, err))

    rc, out, err = admin(server.data, "reset", "anna")
    check((rc, out, err) == (0, "OK reset 1 account: anna\n", ""), "admin reset anna", (rc, out, err))
    check(anna.read_to_eof() == BYE, "anna's connection got the BYE and was closed")

    boris.send(b"n NOOP\r\n")
    check(boris.read_until(b"n OK") == "n OK NOOP completed.\r\n", "boris's session goes on undisturbed")
    boris.send(b"f FETCH 2 FLAGS\r\n")
    check("\\Answered" in boris.read_until(b"f OK"), "boris keeps his change")

    anna = login(server, "anna", "pw")
    n, uidvalidity = select(anna)
    check(n == 3, "anna's next login sees the fixture again", n)
    check(uidvalidity > anna_uidvalidity, "a new UIDVALIDITY (UIDs start again)", (uidvalidity, anna_uidvalidity))

    rc, out, err = admin(server.data, "reset", "zed")
    check((rc, out) == (1, 'NO unknown user "zed"\n'), "an unknown user is refused", (rc, out, err))
    rc, out, err = admin(server.data, "reset", "anna", "zed")
    check(rc == 1, "nothing is reset when one name is unknown", (rc, out, err))
    anna.send(b"n NOOP\r\n")
    check("n OK" in anna.read_until(b"n OK"), "anna was not reset by the refused command")

    answer = json.loads(control(server.data, '{"command": "list"}'))
    check(answer["ok"] is True and sorted(c["user"] for c in answer["connections"]) == ["anna", "boris"],
          "a JSON list", answer)
    answer = json.loads(control(server.data, '{"command": "reset", "users": "anna"}'))
    check(answer == {"ok": False, "message": '"users": expected an array of user names'}, "a bad JSON command", answer)
    check(control(server.data, "frobnicate") == 'NO unknown command "frobnicate" (commands: reset USER..., reset --all, list)\n',
          "an unknown text command")

    rc, out, err = admin(server.data, "reset", "--all")
    check((rc, out) == (0, "OK reset 2 accounts: anna boris\n"), "admin reset --all", (rc, out, err))
    check(anna.read_to_eof() == BYE and boris.read_to_eof() == BYE, "both got the BYE")
    boris = login(server, "boris", "pw")
    select(boris)
    boris.send(b"f FETCH 2 FLAGS\r\n")
    out = boris.read_until(b"f OK")
    check("\\Answered" not in out, "boris's change is gone", out)
    boris.send(b"z LOGOUT\r\n")
    boris.read_to_eof()

    # A second server on the same data directory is refused while the first runs.
    p = subprocess.run([cli(), "serve", "--data", server.data, "--listen", "127.0.0.1:0", "--no-tls", "--classroom",
                        "--password", "pw"], capture_output=True, text=True, timeout=30)
    check(p.returncode == 2 and "another server is running: %s answers" % sock_path in p.stderr,
          "a second server on the same control socket is refused", (p.returncode, p.stderr))
    check(server.stop() == 0, "clean stop")
    check(not os.path.exists(sock_path), "the control socket is removed at exit")

# --- users file: reset to the user's own fixture; 50 sessions of one user -------------------------
with Server("--users", USERS, "--no-tls") as server:
    alice, carol = login(server, "alice", "alice-pw"), login(server, "carol", "carol-pw")
    n, old = select(alice)
    check(n == 3, "alice's fixture")
    alice.send(b"1 STORE 1:* +FLAGS (\\Deleted)\r\n2 EXPUNGE\r\n")
    alice.read_until(b"2 OK")
    carol.send(b"c CREATE Notes\r\n")
    check("c OK" in carol.read_until(b"c OK"), "carol creates a mailbox")
    rc, out, err = admin(server.data, "reset", "alice", "carol")
    check((rc, out) == (0, "OK reset 2 accounts: alice carol\n"), "admin reset alice carol", (rc, out, err))
    check(alice.read_to_eof() == BYE and carol.read_to_eof() == BYE, "alice and carol got the BYE")
    alice = login(server, "alice", "alice-pw")
    n, new = select(alice)
    check(n == 3 and new > old, "alice has her fixture again with a new UIDVALIDITY", (n, new, old))
    carol = login(server, "carol", "carol-pw")
    carol.send(b'l LIST "" "*"\r\n')
    out = carol.read_until(b"l OK")
    check("Notes" not in out and "INBOX" in out, "carol is back to an empty INBOX", out)
    check(select(carol)[0] == 0, "carol's INBOX is empty")

    many = [login(server, "bob", "bob-pw") for _ in range(50)]
    for i, raw in enumerate(many):
        n = select(raw)[0]
        check(n == 1, "session %d of bob selects his INBOX (1 message in the fixture)" % i, n)
        raw.send(b"n NOOP\r\n")
        check("n OK" in raw.read_until(b"n OK"), "session %d of bob answers NOOP" % i)
    rc, out, err = admin(server.data, "list")
    check(out.startswith("OK 52 connections: "), "52 connections listed", out)
    rc, out, err = admin(server.data, "reset", "bob")
    check((rc, out) == (0, "OK reset 1 account: bob\n"), "admin reset bob", (rc, out, err))
    for i, raw in enumerate(many):
        check(raw.read_to_eof() == BYE, "session %d of bob got the BYE" % i)
    alice.send(b"n NOOP\r\n")
    check("n OK" in alice.read_until(b"n OK"), "alice is untouched by bob's reset")
    check(server.wait_log("reset 1 account (50 connections ended)"), "the log counts the ended connections", server.log())
    check(server.stop() == 0, "clean stop")

# --- a student has the teacher's shared mailbox selected when the teacher's account is reset ------
with Server("--users", os.path.join(DATA, "class_users.json"), "--classroom", "--password", "class-pw",
            "--no-tls") as server:
    teacher = login(server, "teacher", "teacher-pw")
    student = login(server, "student1", "class-pw")
    other = login(server, "student2", "class-pw")
    student.send(b"e EXAMINE shared/teacher/Course\r\n")
    check("e OK [READ-ONLY]" in student.read_until(b"e OK"), "the student reads the shared mailbox")
    select(other)
    rc, out, err = admin(server.data, "reset", "teacher")
    check((rc, out) == (0, "OK reset 1 account: teacher\n"), "admin reset teacher", (rc, out, err))
    check(teacher.read_to_eof() == BYE, "the teacher got the BYE")
    check(student.read_to_eof() == "* BYE Selected mailbox was deleted, have to disconnect.\r\n",
          "the student with the teacher's mailbox selected got Dovecot's BYE for a deleted mailbox")
    other.send(b"n NOOP\r\n")
    check("n OK" in other.read_until(b"n OK"), "another student goes on")
    student = login(server, "student1", "class-pw")
    student.send(b"e EXAMINE shared/teacher/Course\r\n")
    check("e OK [READ-ONLY]" in student.read_until(b"e OK"), "the rebuilt teacher account shares the mailbox again")
    check(server.stop() == 0, "clean stop")

# --- no server ------------------------------------------------------------------------------------
empty = tempfile.mkdtemp(prefix="imaplab-admin-")
rc, out, err = admin(empty, "reset", "--all")
check(rc == 2 and out == "" and err.startswith("imaplab-cli admin: no server is running with this data directory ("
                                               + os.path.join(empty, "control.sock")),
      "admin without a server: exit 2 and a clear message", (rc, out, err))
rc, out, err = admin(empty, "reset")
check(rc == 2 and "give user names or --all" in err, "reset without names", (rc, out, err))
os.rmdir(empty)
print("ok")
