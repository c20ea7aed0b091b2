// Regression tests for what the fuzz targets (fuzz/) found. Each input is the minimised form of a
// libFuzzer finding; the fuzz target's check is repeated here in Catch2 terms.
// A bug found is fixed before its test lands here: none is tagged [!mayfail].
#include <catch2/catch.hpp>

#include "codec/response_parser.hpp"
#include "session_harness.hpp"

using namespace std::string_literals;

namespace {

/// Every response in `wire` is valid response syntax (codec/response_parser.hpp).
void check_valid_responses(const std::string& wire) {
    imaplab::resp::ResponseParser p;
    p.feed(wire);
    while (true) {
        auto ev = p.next();
        if (ev.kind == imaplab::resp::ResponseEvent::Kind::NeedMore) break;
        INFO("response: " << ev.bytes);
        INFO("error: " << ev.error.reason << " at " << ev.error.offset);
        CHECK(ev.kind == imaplab::resp::ResponseEvent::Kind::Parsed);
    }
}

std::string selected_session_reply(const std::string& bytes) {
    imaplab::test::Harness h;
    h.select();
    return h.raw(bytes);
}

}  // namespace

TEST_CASE("fuzz regression: NUL, control and 8-bit bytes in a HEADER.FIELDS name are refused, not echoed",
          "[fuzz-regression]") {
    // fuzz_command_parser: "the server sent an invalid response": the command parser accepted any
    // byte inside "[...]" of an atom, and FETCH wrote the field name back with the NUL in it:
    //   * 1 FETCH (BODY[HEADER.FIELDS (FROM S\0UBJECT)] {31} ...
    // Dovecot answers BAD ("Invalid characters in atom", "8bit data in atom"); so do we since b40b38b.
    for (const std::string& field : {"S\0ubject"s, "Fr\x01om"s, "Fr\xffom"s}) {
        INFO(field);
        const std::string out = selected_session_reply("a FETCH 1 BODY.PEEK[HEADER.FIELDS (From " + field + ")]\r\n");
        CHECK(out.rfind("a BAD ", 0) == 0);
        check_valid_responses(out);
    }
}

TEST_CASE("fuzz regression: BAD texts do not echo the client's line breaks", "[fuzz-regression]") {
    // fuzz_command_parser: a string (here a literal) in the place of a SEARCH key is echoed in the
    // BAD text with its CRLF, so one BAD becomes two lines and the client reads the second as a
    // response of its own ("* OK [ALERT] ..." could be injected this way).
    const std::string out = selected_session_reply("a SEARCH {26+}\r\nx\r\n* OK [ALERT] injected\r\n\r\n");
    const auto lines = imaplab::test::Harness::split(out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].rfind("a BAD ", 0) == 0);
    // Dovecot 2.3 echoes the literal with its CRLF here (its BAD is followed by an injected
    // "* OK [ALERT] injected" line); we keep the echo on one line, each control byte a '?'.
    CHECK(lines[0] == "a BAD Error in IMAP command SEARCH: Unexpected string as search key: x??* OK [ALERT] injected??.");
    check_valid_responses(out);
}

TEST_CASE("fuzz regression: BAD texts are 7-bit (no raw 8-bit bytes from the command)", "[fuzz-regression]") {
    // RFC 3501 §9: text = 1*TEXT-CHAR (7-bit). Echoing an invalid byte of the command back
    // ("Invalid character '\xff' in atom") puts bytes on the wire that are not even UTF-8.
    // Dovecot says "8bit data in atom" without the byte.
    for (const std::string& line : {"a SELECT INB\xffOX"s, "a STORE 1 FLAGS (k\xff)"s, "a STATUS INBOX (\xff)"s}) {
        INFO(line);
        const std::string out = selected_session_reply(line + "\r\n");
        CHECK(out.rfind("a BAD ", 0) == 0);
        bool ascii = true;
        for (unsigned char c : out) ascii = ascii && c < 0x80;
        CHECK(ascii);
    }
}

TEST_CASE("fuzz regression: Dovecot-style responses our server sends are read by the response parser",
          "[fuzz-regression]") {
    // fuzz_command_parser found two responses the response parser refused although Dovecot sends
    // them the same way: BODY[0] (section part 0) and header names with "%" or "*". The parser
    // now reads both (see test_response_parser.cpp).
    const std::string out = selected_session_reply(
        "a FETCH 1 (BODY.PEEK[0] BINARY.PEEK[0] BODY.PEEK[HEADER.FIELDS (;r%om Sub*ject)])\r\n");
    check_valid_responses(out);
    CHECK(out.find("a OK") != std::string::npos);
}
