// SEARCH BODY / TEXT on decoded message text: transfer encodings (quoted-printable, base64) and
// charsets (KOI8-R, UTF-8) undone, RFC 2047 header words decoded, Cyrillic matched
// case-insensitively. Expected lines are Dovecot 2.3's on the same mailbox (search_fixture.hpp).
#include <catch2/catch.hpp>

#include "search_fixture.hpp"

using imaplab::test::SearchHarness;
using Lines = std::vector<std::string>;

namespace {
std::string search(SearchHarness& h, const std::string& criteria) {
    Lines r = h.send("t SEARCH " + criteria);
    REQUIRE(r.size() == 2);
    CHECK(r[1] == "t OK Search completed.");
    return r[0];
}
}  // namespace

TEST_CASE("SEARCH BODY / TEXT match decoded bodies and headers", "[search][text]") {
    SearchHarness h;
    h.select();
    CHECK(search(h, "BODY \"булок\"") == "* SEARCH 3 4");  // KOI8-R quoted-printable, UTF-8 base64
    CHECK(search(h, "BODY \"БУЛОК\"") == "* SEARCH 3 4");
    CHECK(search(h, "TEXT \"булок\"") == "* SEARCH 3 4");
    CHECK(search(h, "BODY \"чаю\"") == "* SEARCH 4");
    CHECK(search(h, "BODY \"ещё\"") == "* SEARCH 3 4");
    CHECK(search(h, "BODY \"ЕЩЁ\"") == "* SEARCH 3 4");
    CHECK(search(h, "BODY \"еще\"") == "* SEARCH 3 4");  // е finds ё (decomposed), as in Dovecot
    CHECK(search(h, "TEXT \"ПРИВЕТ, МИР\"") == "* SEARCH 3");
    CHECK(search(h, "BODY \"=F0\"") == "* SEARCH");
    CHECK(search(h, "TEXT \"0J/RgNC4\"") == "* SEARCH");
    CHECK(search(h, "BODY bold") == "* SEARCH 4");  // the HTML part is searched as it is
    CHECK(search(h, "BODY \"<b>\"") == "* SEARCH 4");
    CHECK(search(h, "BODY alice") == "* SEARCH");
    CHECK(search(h, "TEXT alice") == "* SEARCH 1 2 4 5 6 7 8 10");
    CHECK(search(h, "TEXT \"x-mailer\"") == "* SEARCH 5");
    CHECK(search(h, "TEXT \"Subject:\"") == "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12");
    CHECK(search(h, "TEXT \"subject: test\"") == "* SEARCH 1");
    CHECK(search(h, "TEXT \"subject: тест\"") == "* SEARCH 10");
    CHECK(search(h, "TEXT \"from: \\\"иван\\\"\"") == "* SEARCH 10");
    CHECK(search(h, "TEXT \"multipart\"") == "* SEARCH 4");
    CHECK(search(h, "BODY \"Content-Type\"") == "* SEARCH");
    CHECK(search(h, "BODY \"--b1\"") == "* SEARCH");
    CHECK(search(h, "BODY base64") == "* SEARCH");
    CHECK(search(h, "BODY \"zebras. line 0001\"") == "* SEARCH");  // no match across lines
    CHECK(search(h, "TEXT \"alice@example.org To\"") == "* SEARCH");
    CHECK(search(h, "BODY \"\"") == "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12");
    CHECK(search(h, "TEXT \"\"") == "* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12");
    CHECK(search(h, "BODY zebras") == "* SEARCH 5");
}

TEST_CASE("SEARCH TEXT sees the headers of MIME parts, BODY does not", "[search][text]") {
    SearchHarness h;
    h.select();
    CHECK(search(h, "TEXT \"charset=utf-8\"") == "* SEARCH 4");
    CHECK(search(h, "TEXT \"Content-Transfer-Encoding: base64\"") == "* SEARCH 4");
    CHECK(search(h, "TEXT \"content-type: text/html\"") == "* SEARCH 4");
    CHECK(search(h, "BODY \"text/html\"") == "* SEARCH");
}
