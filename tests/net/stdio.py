"""--stdio: one session on stdin/stdout, as mutt's `tunnel` or an SSH command runs it; python's
imaplib.IMAP4_stream is such a client. Also: commands piped in, and stdin closing mid-session."""
import imaplib
import shlex
import subprocess

from netlib import FIXTURE, USERS, check, cli

command = "%s serve --stdio --users %s" % (shlex.quote(cli()), shlex.quote(USERS))
m = imaplib.IMAP4_stream(command)
check(m.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1 "), "greeting on stdout", m.welcome)
typ, data = m.login("bob", "bob-pw")
check(typ == "OK", "login", (typ, data))
typ, data = m.select("INBOX")
check(typ == "OK" and data == [b"1"], "bob's INBOX from the fixture's account \"bob\"", data)
typ, data = m.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
check(data[0][1] == b"Subject: Hi Bob\r\n\r\n", "fetch", data)
typ, data = m.logout()
check(typ == "BYE", "logout", (typ, data))
m.process.wait(5)
check(m.process.returncode == 0, "the process ends after LOGOUT", m.process.returncode)

# Piped commands; nothing but the protocol on stdout, nothing on stderr without --trace.
p = subprocess.run([cli(), "serve", "--stdio", "--classroom", "--password", "pw", "--fixture", FIXTURE],
                   input=b"a LOGIN student pw\r\nb SELECT INBOX\r\nc LOGOUT\r\n", capture_output=True, timeout=10)
out = p.stdout.decode()
check(p.returncode == 0, "exit code", p)
check(out.startswith("* OK [CAPABILITY ") and "* 3 EXISTS\r\n" in out and out.endswith("c OK Logout completed.\r\n"),
      "piped session", out)
check(p.stderr == b"", "stderr is quiet", p.stderr)

# stdin closes without LOGOUT: the replies already due are written, then the process ends.
p = subprocess.run([cli(), "serve", "--stdio", "--users", USERS], input=b"a LOGIN carol carol-pw\r\nb NOOP\r\n",
                   capture_output=True, timeout=10)
out = p.stdout.decode()
check(p.returncode == 0 and "a OK " in out and out.endswith("b OK NOOP completed.\r\n"), "EOF on stdin", (p, out))

# --trace logs to stderr (redacted); stdout still carries only the protocol.
p = subprocess.run([cli(), "serve", "--stdio", "--users", USERS, "--trace"], input=b"a LOGIN carol carol-pw\r\n",
                   capture_output=True, timeout=10)
err = p.stderr.decode()
check("conn 1 C: a LOGIN carol <redacted>" in err and "carol-pw" not in err, "trace on stderr", err)
check("imaplab" not in p.stdout.decode().split("\r\n", 1)[1], "no log lines on stdout", p.stdout)
print("ok")
