"""python3 imaplib over the three ways in: plain IMAP4, IMAP4 + starttls() and IMAP4_SSL, each
verifying the generated certificate (hostname check on: 127.0.0.1 and localhost are in its SAN):
login, list, select, append, search, fetch, store, expunge, logout."""
import imaplib
import re
import ssl

from netlib import Server, USERS, check

MSG = b"From: alice@example.org\r\nTo: bob@example.org\r\nSubject: %s\r\n\r\nHello over %s.\r\n"


def session(m, how):
    typ, data = m.login("alice", "alice-pw")
    check(typ == "OK" and data[0].endswith(b"Logged in"), how + ": login", (typ, data))
    typ, data = m.list()
    names = sorted(d.decode().rsplit(" ", 1)[-1] for d in data)
    check(typ == "OK" and names == ["INBOX", "Sent", "Trash"], how + ": list", data)
    typ, data = m.select("INBOX")
    check(typ == "OK" and data == [b"3"], how + ": select", (typ, data))

    subject = ("via " + how).encode()
    msg = MSG % (subject, how.encode())
    typ, data = m.append("INBOX", "(\\Seen)", None, msg)
    check(typ == "OK" and re.fullmatch(rb"\[APPENDUID 1700000000 \d+\] Append completed\.", data[0]), how + ": append", data)
    typ, data = m.search(None, "SUBJECT", '"%s"' % subject.decode())
    check(typ == "OK" and data == [b"4"], how + ": search", data)
    typ, data = m.search(None, "SUBJECT", "Homework")
    check(typ == "OK" and data == [b"2"], how + ": search the fixture", data)
    typ, data = m.fetch("4", "(BODY.PEEK[])")
    check(typ == "OK" and data[0][1] == msg, how + ": fetch BODY[]", data)
    typ, data = m.store("4", "+FLAGS", "(\\Deleted)")
    check(typ == "OK" and data == [b"4 (FLAGS (\\Deleted \\Seen \\Recent))"], how + ": store", data)
    typ, data = m.expunge()
    check(typ == "OK" and data == [b"4"], how + ": expunge", data)
    typ, data = m.search(None, "ALL")
    check(typ == "OK" and data == [b"1 2 3"], how + ": search after expunge", data)
    typ, data = m.logout()
    check(typ == "BYE", how + ": logout", (typ, data))


with Server("--users", USERS, tls_listen="127.0.0.1:0") as server:
    ctx = server.ssl_context()

    m = imaplib.IMAP4("127.0.0.1", server.port)
    check("STARTTLS" in m.capabilities and "LOGINDISABLED" not in m.capabilities, "plain: STARTTLS offered",
          m.capabilities)
    session(m, "plain")

    m = imaplib.IMAP4("127.0.0.1", server.port)
    typ, data = m.starttls(ssl_context=ctx)  # verifies the certificate for 127.0.0.1 (IP SAN)
    check(typ == "OK", "starttls", (typ, data))
    # imaplib asks for CAPABILITY again, as RFC 9051 §6.2.1 says a client must: STARTTLS is gone.
    check("STARTTLS" not in m.capabilities and "AUTH=PLAIN" in m.capabilities, "capabilities after STARTTLS",
          m.capabilities)
    check(m.sock.version() in ("TLSv1.2", "TLSv1.3"), "TLS version", m.sock.version())
    session(m, "STARTTLS")

    m = imaplib.IMAP4_SSL("localhost", server.tls_port, ssl_context=ctx)  # DNS SAN
    check(m.welcome.startswith(b"* OK [CAPABILITY IMAP4rev1 ") and b"STARTTLS" not in m.welcome, "IMAPS greeting",
          m.welcome)
    session(m, "IMAP4_SSL")

    # The verification above is real: a name the certificate does not carry is refused.
    bad = imaplib.IMAP4("127.0.0.1", server.port)
    try:
        ctx2 = server.ssl_context()
        bad.host = "imap.example.org"
        bad.starttls(ssl_context=ctx2)
        check(False, "STARTTLS with a wrong host name must fail verification")
    except ssl.SSLCertVerificationError:
        pass
    bad.sock.close()  # the failed handshake has closed the TLS socket object already

    check(server.wait_log("conn 4 "), "four connections logged", server.log())
    rc = server.stop()
    log = server.log()
    check(rc == 0, "clean stop", log)
    check(log.count(" tls user=alice: logged out after ") == 2, "two TLS connections, logged as tls", log)
    check(log.count(" user=alice: logged out after ") == 3, "three sessions", log)
    check("alice-pw" not in log, "no password in the log", log)
print("ok")
