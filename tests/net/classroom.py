"""--classroom: any user name logs in with the class password and gets its own copy of the fixture;
a wrong password creates nothing; --trace --log FILE shows the protocol with passwords redacted."""
import imaplib
import os
import tempfile

from netlib import FIXTURE, Server, check

log_path = os.path.join(tempfile.mkdtemp(prefix="imaplab-net-"), "trace.log")
with Server("--classroom", "--password", "class-pw", "--fixture", FIXTURE, "--trace", "--log", log_path) as server:
    a = imaplib.IMAP4("127.0.0.1", server.port)
    b = imaplib.IMAP4("127.0.0.1", server.port)
    a.login("anna", "class-pw")
    b.login("boris", "class-pw")
    check(a.select("INBOX")[1] == [b"3"] and b.select("INBOX")[1] == [b"3"], "each has the fixture's 3 messages")
    a.store("1:*", "+FLAGS", "(\\Deleted)")
    a.expunge()
    check(a.select("INBOX")[1] == [b"0"], "anna emptied her INBOX")
    check(b.noop()[0] == "OK" and b.select("INBOX")[1] == [b"3"], "boris still has 3")

    c = imaplib.IMAP4("127.0.0.1", server.port)
    try:
        c.login("anna", "wrong")
        check(False, "a wrong password is refused")
    except imaplib.IMAP4.error as e:
        check("AUTHENTICATIONFAILED" in str(e) or "Authentication failed" in str(e), "wrong password", str(e))
    # Literal password (imaplib quotes; send one as a literal by hand).
    raw = server.connect()
    raw.read_until(b"\r\n")
    raw.send(b"x LOGIN carla {8}\r\n")
    raw.read_until(b"+ OK\r\n")
    raw.send(b"class-pw\r\n")
    check("x OK" in raw.read_until(b"\r\n"), "literal password")
    raw.send(b"y LOGOUT\r\n")
    raw.read_to_eof()
    for m in (a, b):
        m.logout()
    c.shutdown()
    check(server.stop() == 0, "clean stop")

with open(log_path, encoding="utf-8") as f:
    log = f.read()
check("class-pw" not in log and "wrong" not in log, "no password in the trace", log)
check(" LOGIN anna <redacted>" in log and " LOGIN boris <redacted>" in log, "redacted LOGIN lines", log)
check("C: x LOGIN carla <redacted>" in log and "C: <redacted>" in log, "redacted literal password", log)
check("S: * 3 EXISTS" in log, "server lines in the trace", log)
check("user=anna: logged out after" in log and "user=carla: logged out after" in log, "connection lines", log)
print("ok")
