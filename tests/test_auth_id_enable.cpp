// ID (RFC 2971) and ENABLE (RFC 5161, RFC 9051 §6.3.1) with exact protocol lines. Texts are
// Dovecot 2.3's; Dovecot accepts any ID arguments after login and omits "* ENABLED" when nothing
// was enabled, where we follow the RFC grammar and RFC 9051's "MUST send ENABLED".
#include <catch2/catch.hpp>

#include "session_harness.hpp"

using namespace imaplab;
using imaplab::test::Harness;
using Lines = std::vector<std::string>;

namespace {

void reconnect(Harness& h, ServerConfig config) {
    h.session = std::make_unique<Session>(h.store, std::move(config), &h.timeline, 1);
    h.greeting = h.session->greeting();
}

const std::string kId = "* ID (\"name\" \"IMAP Lab\" \"version\" \"" IMAPLAB_VERSION_STRING "\")";

}  // namespace

TEST_CASE("ID answers in every state, in Dovecot's form", "[id]") {
    Harness h;
    CHECK(h.send("a ID NIL") == Lines{kId, "a OK ID completed."});
    CHECK(h.send("b id (\"name\" \"mutt\" \"version\" \"2.2.9\")") == Lines{kId, "b OK ID completed."});
    h.login();
    CHECK(h.send("c ID ()") == Lines{kId, "c OK ID completed."});
    CHECK(h.send("d ID (\"name\" NIL \"os\" {5}\r\nLinux)") == Lines{"+ OK", kId, "d OK ID completed."});
    h.send("s SELECT INBOX");
    CHECK(h.send("e ID nil") == Lines{kId, "e OK ID completed."});
}

TEST_CASE("ID arguments follow RFC 2971 and its limits", "[id]") {
    Harness h;
    const std::string e = " BAD Error in IMAP command ID: ";
    CHECK(h.send("a ID") == Lines{"a" + e + "Missing arguments."});
    CHECK(h.send("b ID NIL extra") == Lines{"b" + e + "Unexpected extra arguments."});
    CHECK(h.send("c ID \"name\"") == Lines{"c" + e + "Invalid ID parameters: expected NIL or a parenthesized list."});
    CHECK(h.send("d ID FOO") == Lines{"d" + e + "Invalid ID parameters: expected NIL or a parenthesized list."});
    CHECK(h.send("e ID (\"name\")") == Lines{"e" + e + "Invalid ID parameters: field 1 has no value."});
    CHECK(h.send("f ID (name \"x\")") == Lines{"f" + e + "Invalid ID parameters: field 1 is not a string."});
    CHECK(h.send("g ID (\"name\" x)") == Lines{"g" + e + "Invalid ID parameters: field 1 has a value that is neither a string nor NIL."});
    CHECK(h.send("h ID (\"name\" (\"x\"))") ==
          Lines{"h" + e + "Invalid ID parameters: field 1 has a value that is neither a string nor NIL."});
    CHECK(h.send("i ID (\"name\" \"a\" \"Name\" \"b\")") == Lines{"i" + e + "Invalid ID parameters: field \"Name\" appears twice."});
    const std::string long_field(31, 'f');
    CHECK(h.send("j ID (\"" + long_field + "\" \"x\")") == Lines{"j" + e + "Invalid ID parameters: field 1 is longer than 30 octets."});
    CHECK(h.send("k ID (\"" + std::string(30, 'f') + "\" \"" + std::string(1024, 'v') + "\")") == Lines{kId, "k OK ID completed."});
    CHECK(h.send("l ID (\"x\" \"" + std::string(1025, 'v') + "\")") ==
          Lines{"l" + e + "Invalid ID parameters: field 1 has a value longer than 1024 octets."});
    std::string thirty, thirty_one;
    for (int i = 1; i <= 31; ++i) {
        std::string pair = (i > 1 ? " \"f" : "\"f") + std::to_string(i) + "\" \"v\"";
        if (i <= 30) thirty += pair;
        thirty_one += pair;
    }
    CHECK(h.send("m ID (" + thirty + ")") == Lines{kId, "m OK ID completed."});
    CHECK(h.send("n ID (" + thirty_one + ")") == Lines{"n" + e + "Invalid ID parameters: more than 30 fields."});
    CHECK(h.send("o NOOP") == Lines{"o OK NOOP completed."});
}

TEST_CASE("ID: the configuration names the server; nothing to say is NIL; ID can be switched off", "[id][config]") {
    Harness h;
    ServerConfig config;
    config.id_name = "Cyrus \"test\"";
    config.id_version = "";
    reconnect(h, config);
    CHECK(h.send("a ID NIL") == Lines{"* ID (\"name\" \"Cyrus \\\"test\\\"\")", "a OK ID completed."});
    config.id_name = "";
    reconnect(h, config);
    CHECK(h.send("b ID NIL") == Lines{"* ID NIL", "b OK ID completed."});
    config.disabled_extensions = {"ID"};
    reconnect(h, config);
    CHECK(h.greeting.find(" ID ") == std::string::npos);
    CHECK(h.send("c ID NIL") == Lines{"c BAD Error in IMAP command ID: Unknown command."});
}

TEST_CASE("ENABLE on an IMAP4rev1 server: nothing to enable, ENABLED still sent", "[enable]") {
    Harness h;
    CHECK(h.send("a ENABLE IMAP4rev2") ==
          Lines{"a BAD Error in IMAP command ENABLE: Log in first (ENABLE is valid in Authenticated, Selected state)."});
    h.login();
    CHECK(h.send("b ENABLE IMAP4rev2") == Lines{"* ENABLED", "b OK Enabled."});
    CHECK_FALSE(h.session->imap4rev2());
    CHECK(h.send("c ENABLE CONDSTORE FOO") == Lines{"* ENABLED", "c OK Enabled."});
}

TEST_CASE("ENABLE IMAP4rev2 on a server offering both versions", "[enable][rev2]") {
    Harness h;
    ServerConfig config;
    config.versions = ProtocolVersions::Both;
    reconnect(h, config);
    CHECK(h.greeting == "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready.\r\n");
    h.login();
    CHECK_FALSE(h.session->imap4rev2());
    CHECK(h.send("a enable foo imap4rev2 condstore IMAP4REV2") == Lines{"* ENABLED IMAP4rev2", "a OK Enabled."});
    CHECK(h.session->imap4rev2());
    // Enabling again lists it again (Dovecot does the same for CONDSTORE).
    CHECK(h.send("b ENABLE IMAP4rev2") == Lines{"* ENABLED IMAP4rev2", "b OK Enabled."});
    CHECK(h.send("c CAPABILITY").front().rfind("* CAPABILITY IMAP4rev1 IMAP4rev2 ", 0) == 0);
}

TEST_CASE("ENABLE in the Selected state, and on a rev2-only server", "[enable][rev2]") {
    SECTION("selected") {
        Harness h;
        ServerConfig config;
        config.versions = ProtocolVersions::Both;
        reconnect(h, config);
        h.select();
        CHECK(h.send("a ENABLE IMAP4rev2") == Lines{"* ENABLED IMAP4rev2", "a OK Enabled."});
        CHECK(h.session->imap4rev2());
    }
    SECTION("rev2 only: IMAP4rev2 rules from the start") {
        Harness h;
        ServerConfig config;
        config.versions = ProtocolVersions::Rev2;
        reconnect(h, config);
        CHECK(h.greeting == "* OK [CAPABILITY IMAP4rev2 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready.\r\n");
        CHECK(h.session->imap4rev2());
        h.login();
        CHECK(h.send("a ENABLE IMAP4rev2") == Lines{"* ENABLED IMAP4rev2", "a OK Enabled."});
    }
    SECTION("IMAP4rev2 switched off by the configuration") {
        Harness h;
        ServerConfig config;
        config.versions = ProtocolVersions::Both;
        config.disabled_extensions = {"IMAP4rev2"};
        reconnect(h, config);
        h.login();
        CHECK(h.send("a ENABLE IMAP4rev2") == Lines{"* ENABLED", "a OK Enabled."});
        CHECK_FALSE(h.session->imap4rev2());
    }
}

TEST_CASE("ENABLE argument errors", "[enable]") {
    Harness h;
    h.login();
    const std::string e = " BAD Error in IMAP command ENABLE: ";
    CHECK(h.send("a ENABLE") == Lines{"a" + e + "Missing arguments."});
    CHECK(h.send("b ENABLE \"IMAP4rev2\"") == Lines{"b" + e + "Invalid arguments."});
    CHECK(h.send("c ENABLE (IMAP4rev2)") == Lines{"c" + e + "Invalid arguments."});
    CHECK(h.send("d ENABLE IMAP4rev2 {3+}\r\nFOO") == Lines{"d" + e + "Invalid arguments."});
    ServerConfig config;
    config.disabled_extensions = {"ENABLE"};
    reconnect(h, config);
    h.login();
    CHECK(h.send("e ENABLE IMAP4rev2") == Lines{"e BAD Error in IMAP command ENABLE: Unknown command."});
}
