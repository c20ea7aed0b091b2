"""python3 imaplib against `imaplab-cli serve`: login, list, select, fetch, store, expunge, append,
uid fetch, logout; then a clean stop with one log line per connection."""
import imaplib
import re

from netlib import Server, USERS, check

with Server("--users", USERS) as server:
    m = imaplib.IMAP4("127.0.0.1", server.port)
    check(m.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1 "), "greeting", m.welcome)
    check("IMAP4REV1" in m.capabilities, "capabilities", m.capabilities)

    typ, data = m.login("alice", "alice-pw")
    check(typ == "OK" and data[0].endswith(b"Logged in"), "login", (typ, data))

    typ, data = m.list()
    check(typ == "OK", "list", (typ, data))
    names = sorted(d.decode().rsplit(" ", 1)[-1] for d in data)
    check(names == ["INBOX", "Sent", "Trash"], "mailbox names", data)

    typ, data = m.select("INBOX")
    check(typ == "OK" and data == [b"3"], "select: 3 messages", (typ, data))
    check(m.untagged_responses.get("UIDVALIDITY") == [b"1700000000"], "UIDVALIDITY from the fixture", m.untagged_responses)

    typ, data = m.fetch("1:*", "(FLAGS)")
    check(typ == "OK" and data == [b"1 (FLAGS (\\Seen))", b"2 (FLAGS (\\Flagged))", b"3 (FLAGS (\\Recent))"],
          "fetch flags", data)

    typ, data = m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
    check(typ == "OK" and data[0][1] == b"Subject: Homework\r\n\r\n", "fetch a header field", data)

    typ, data = m.fetch("2", "(BODY[])")
    check(typ == "OK" and data[0][1].endswith(b"Please read RFC 9051 section 6.\r\n"), "fetch BODY[] (a literal)", data)

    typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
    check(typ == "OK" and data == [b"1 (FLAGS (\\Deleted \\Seen))"], "store", data)

    typ, data = m.expunge()
    check(typ == "OK" and data == [b"1"], "expunge", data)

    msg = b"From: alice@example.org\r\nTo: bob@example.org\r\nSubject: via imaplib\r\n\r\nHello over a real socket.\r\n"
    typ, data = m.append("INBOX", "(\\Seen)", None, msg)
    check(typ == "OK" and re.match(rb"\[APPENDUID 1700000000 4\] Append completed\.", data[0]), "append", data)

    typ, data = m.uid("FETCH", "4", "(FLAGS RFC822.SIZE)")
    check(typ == "OK" and data == [b"3 (UID 4 FLAGS (\\Seen \\Recent) RFC822.SIZE %d)" % len(msg)]
          or data == [b"3 (FLAGS (\\Seen \\Recent) UID 4 RFC822.SIZE %d)" % len(msg)], "uid fetch", data)

    typ, data = m.noop()
    check(typ == "OK", "noop", data)
    m.close()
    typ, data = m.logout()
    check(typ == "BYE", "logout", (typ, data))

    check(server.wait_log("user=alice: logged out after"), "one log line for the connection", server.log())
    rc = server.stop()
    check(rc == 0, "exit code 0 after SIGTERM", rc)
    log = server.log()
    check(log.count(": logged out after") == 1, "exactly one connection line", log)
    check("alice-pw" not in log, "no password in the log", log)
print("ok")
