// Any split of the input gives the same output, and garbage never crashes or hangs the session.
#include <catch2/catch.hpp>

#include <random>

#include "session_harness.hpp"

using imaplab::test::Harness;

namespace {
const std::string kScript =
    "a1 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n"
    "a2 LIST \"\" *\r\n"
    "a3 SELECT INBOX\r\n"
    "a4 FETCH 1:* (FLAGS UID)\r\n"
    "a5 FETCH 4 BODY[]\r\n"
    "a6 STORE 2:3 +FLAGS (\\Deleted $Forwarded)\r\n"
    "a7 EXPUNGE\r\n"
    "a8 LOGOUT\r\n";
}

TEST_CASE("the session gives the same bytes for any split of the input", "[session][incremental]") {
    Harness whole;
    const std::string expected = whole.raw(kScript);
    REQUIRE(expected.find("a8 OK Logout completed.") != std::string::npos);
    for (std::size_t chunk : {1u, 2u, 5u, 13u}) {
        Harness h;
        std::string got;
        for (std::size_t i = 0; i < kScript.size(); i += chunk) got += h.raw(kScript.substr(i, chunk));
        CHECK(got == expected);
    }
}

TEST_CASE("mutated commands never crash the session and every line gets an answer", "[session][robustness]") {
    std::mt19937 rng(12345);
    const std::string alphabet = "aZ09 ()[]{}<>\"\\*%:,.+-$\r\n\x01\xff";
    const std::vector<std::string> seeds{"a1 LOGIN alice secret", "a2 SELECT INBOX", "a3 FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From)]<0.10>)",
                                         "a4 STORE 1 +FLAGS.SILENT (\\Seen)", "a5 LIST \"\" \"%\"", "a6 FETCH 2 BODY[]", "a7 EXPUNGE"};
    for (int round = 0; round < 300; ++round) {
        Harness h;
        h.login();
        h.send("s SELECT INBOX");
        for (int n = 0; n < 10; ++n) {
            std::string cmd = seeds[rng() % seeds.size()];
            const int edits = static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !cmd.empty(); ++e) {
                std::size_t pos = rng() % cmd.size();
                switch (rng() % 3) {
                    case 0: cmd.erase(pos, 1); break;
                    case 1: cmd.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
                    default: cmd[pos] = alphabet[rng() % alphabet.size()]; break;
                }
            }
            // A mutation may announce a literal; whatever happens, the session must not throw.
            std::string out;
            REQUIRE_NOTHROW(out = h.raw(cmd + "\r\n"));
            if (h.session->closed()) break;
        }
        // After the garbage, a literal the client may still owe is completed and a NOOP answered.
        std::string tail;
        REQUIRE_NOTHROW(tail = h.raw(std::string(64, 'x') + "\r\nz NOOP\r\n"));
        if (!h.session->closed()) CHECK(tail.find("z OK NOOP completed.") != std::string::npos);
    }
}
