// Text extraction for SEARCH: decoded header values and decoded body text.
#include <catch2/catch.hpp>

#include "store/mime/text_extract.hpp"

using namespace imaplab;

TEST_CASE("decoded_header_values: every occurrence, unfolded, RFC 2047 decoded", "[mime][text]") {
    const std::string msg =
        "Subject: =?KOI8-R?B?8NLJ18XU?= world\r\n"
        "X-Tag: one\r\n"
        "x-tag: two\r\n"
        " folded\r\n"
        "\r\n"
        "body\r\n";
    CHECK(decoded_header_values(msg, "subject") == std::vector<std::string>{"Привет world"});
    CHECK(decoded_header_values(msg, "X-TAG") == std::vector<std::string>{"one", "two folded"});
    CHECK(decoded_header_values(msg, "To").empty());
}
