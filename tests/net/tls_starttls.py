"""STARTTLS on the wire, byte for byte: the plaintext OK before the handshake, commands pipelined
after STARTTLS are dropped (the CVE-2011-0411 class of injection), capabilities change only when
asked again (as Dovecot: no untagged CAPABILITY after the handshake), a second STARTTLS is refused;
--require-tls (LOGINDISABLED); garbage on the TLS port ends only that connection; --no-tls."""
import socket
import ssl

from netlib import Server, USERS, check

with Server("--users", USERS, tls_listen="127.0.0.1:0") as server:
    ctx = server.ssl_context()

    # Injection: "b CAPABILITY" rides in the same packet as the STARTTLS and must never be answered,
    # neither in plaintext nor after the handshake.
    c = server.connect()
    greeting = c.read_until("IMAP Lab ready.")
    check("STARTTLS" in greeting and "LOGINDISABLED" not in greeting, "greeting offers STARTTLS", greeting)
    c.send(b"a STARTTLS\r\nb CAPABILITY\r\n")
    got = c.read_until("a OK")
    check(got == "a OK Begin TLS negotiation now.\r\n", "plaintext OK, nothing else", got)
    c.starttls(ctx)
    c.send(b"c NOOP\r\n")
    got = c.read_until("c OK")
    check(got == "c OK NOOP completed.\r\n", "no untagged CAPABILITY, no answer to b after the handshake", got)
    c.send(b"d CAPABILITY\r\n")
    got = c.read_until("d OK")
    check(got.startswith("* CAPABILITY IMAP4rev1 ") and "STARTTLS" not in got and "AUTH=PLAIN" in got
          and got.endswith("\r\nd OK Pre-login capabilities listed, post-login capabilities have more.\r\n"),
          "capabilities after TLS", got)
    c.send(b"e STARTTLS\r\n")
    got = c.read_until("e BAD")
    check(got == "e BAD TLS is already active.\r\n", "second STARTTLS", got)
    c.send(b"f LOGIN alice alice-pw\r\ng LOGOUT\r\n")
    got = c.read_to_eof()
    check("f OK " in got and got.endswith("* BYE Logging out\r\ng OK Logout completed.\r\n") and "b " not in got,
          "the session goes on over TLS", got)
    c.close()
    check(server.wait_log("conn 1 127.0.0.1:"), "connection logged", server.log())
    log = server.log()
    check("dropped 14 bytes sent after STARTTLS before the TLS handshake" in log, "the dropped bytes are logged", log)
    check(" tls user=alice: logged out after " in log, "logged as tls", log)

    # Garbage instead of a ClientHello on the TLS port ends that connection only; a client already
    # connected (and one connecting afterwards) is served.
    ok = server.connect_tls()
    check(ok.read_until("IMAP Lab ready.").startswith("* OK [CAPABILITY IMAP4rev1 "), "TLS greeting")
    raw = socket.create_connection(("127.0.0.1", server.tls_port), timeout=5)
    raw.sendall(b"a LOGIN alice alice-pw\r\n")
    raw.settimeout(5)
    try:
        rest = raw.recv(4096)
        while rest and not rest.startswith(b"\x15"):  # a TLS alert record, or nothing
            rest = raw.recv(4096)
        rest = raw.recv(4096) if rest else b""
    except ConnectionResetError:
        rest = b""
    check(b"OK" not in rest, "no plaintext answer on the TLS port", rest)
    raw.close()
    check(server.wait_log("TLS handshake failed: "), "handshake failure logged", server.log())
    ok.send(b"a NOOP\r\n")
    check(ok.read_until("a OK") == "a OK NOOP completed.\r\n", "the other connection is served")
    second = server.connect_tls()
    check(second.read_until("IMAP Lab ready.").startswith("* OK "), "a later connection is served")
    second.close()
    ok.close()
    check(server.stop() == 0, "clean stop", server.log())
    log = server.log()
    check("127.0.0.1:" in log and " tls: TLS handshake failed: " in log and "alice-pw" not in log,
          "the failed connection's line", log)

# --require-tls: LOGINDISABLED and no AUTH=PLAIN on plain connections; LOGIN refused with Dovecot's
# two lines; after STARTTLS everything is allowed. The TLS port is not affected.
with Server("--users", USERS, "--require-tls", tls_listen="127.0.0.1:0") as server:
    c = server.connect()
    greeting = c.read_until("IMAP Lab ready.")
    check("LOGINDISABLED" in greeting and "STARTTLS" in greeting and "AUTH=" not in greeting, "greeting", greeting)
    c.send(b"a CAPABILITY\r\n")
    got = c.read_until("a OK")
    check(" LOGINDISABLED" in got and "AUTH=PLAIN" not in got, "CAPABILITY", got)
    c.send(b"b LOGIN alice alice-pw\r\n")
    got = c.read_until("b NO")
    check(got == "* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. "
                 "If anyone was listening, the password was exposed.\r\n"
                 "b NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.\r\n",
          "LOGIN refused", got)
    c.send(b"c AUTHENTICATE PLAIN AGFsaWNlAGFsaWNlLXB3\r\n")
    got = c.read_until("c NO")
    check(got == "c NO [PRIVACYREQUIRED] Plaintext authentication disabled.\r\n", "AUTHENTICATE PLAIN refused", got)
    c.send(b"d STARTTLS\r\n")
    check(c.read_until("d OK") == "d OK Begin TLS negotiation now.\r\n", "STARTTLS")
    c.starttls(server.ssl_context())
    c.send(b"e CAPABILITY\r\n")
    got = c.read_until("e OK")
    check("LOGINDISABLED" not in got and "AUTH=PLAIN" in got, "capabilities after STARTTLS", got)
    c.send(b"f LOGIN alice alice-pw\r\n")
    got = c.read_until("f OK")
    check(got.endswith("f OK Logged in\r\n") or got.startswith("f OK [CAPABILITY "), "LOGIN after STARTTLS", got)
    c.close()

    t = server.connect_tls()
    greeting = t.read_until("IMAP Lab ready.")
    check("LOGINDISABLED" not in greeting and "AUTH=PLAIN" in greeting, "implicit TLS: no LOGINDISABLED", greeting)
    t.send(b"a LOGIN bob bob-pw\r\n")
    check(" Logged in" in t.read_until("a OK"), "LOGIN on the TLS port")
    t.close()
    check(server.stop() == 0, "clean stop", server.log())

# --no-tls: no TLS listener, STARTTLS neither offered nor accepted (Dovecot's ssl=no answer).
with Server("--users", USERS, "--no-tls") as server:
    c = server.connect()
    greeting = c.read_until("IMAP Lab ready.")
    check("STARTTLS" not in greeting, "no STARTTLS advertised", greeting)
    c.send(b"a STARTTLS\r\n")
    check(c.read_until("a BAD") == "a BAD TLS support isn't enabled.\r\n", "STARTTLS refused")
    c.close()
    check(server.stop() == 0, "clean stop", server.log())
print("ok")
