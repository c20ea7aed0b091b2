// Text extraction for SEARCH: decoded header values and decoded body text (KOI8-R,
// windows-1251 and UTF-8 must come out as UTF-8).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "store/mime/text_extract.hpp"

using namespace imaplab;

namespace {

std::string eml(const std::string& name) {
    std::ifstream f(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/mime/" + name, std::ios::binary);
    REQUIRE(f.good());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("decoded_header_values: every occurrence, unfolded, RFC 2047 decoded", "[mime][text]") {
    const std::string msg =
        "Subject: =?KOI8-R?B?8NLJ18XU?= world\r\n"
        "X-Tag: one\r\n"
        "x-tag: two\r\n"
        " folded\r\n"
        "Empty:\r\n"
        "\r\n"
        "X-Tag: in the body\r\n";
    CHECK(decoded_header_values(msg, "subject") == std::vector<std::string>{"Привет world"});
    CHECK(decoded_header_values(msg, "X-TAG") == std::vector<std::string>{"one", "two folded"});
    CHECK(decoded_header_values(msg, "Empty") == std::vector<std::string>{""});
    CHECK(decoded_header_values(msg, "To").empty());
}

TEST_CASE("decoded_header_values: Russian subjects and names in KOI8-R and windows-1251", "[mime][text]") {
    CHECK(decoded_header_values(eml("russian_koi8r.eml"), "Subject") == std::vector<std::string>{"Тема письма"});
    CHECK(decoded_header_values(eml("russian_koi8r.eml"), "From") == std::vector<std::string>{"Иван Петров <ivan@example.ru>"});
    // Two encoded words on two lines (Q then B): the whitespace between them goes (RFC 2047 §6.2).
    CHECK(decoded_header_values(eml("russian_cp1251.eml"), "Subject") == std::vector<std::string>{"Отчёт за май"});
    CHECK(decoded_header_values(eml("russian_utf8.eml"), "Subject") == std::vector<std::string>{"Привет из UTF-8"});
}

TEST_CASE("decoded_body_text: charsets and transfer encodings", "[mime][text]") {
    CHECK(decoded_body_text(eml("russian_koi8r.eml")) == "Привет, Боб!\r\nЭто письмо в кодировке KOI8-R.\r\n\n");
    // windows-1251 quoted-printable text part and a base64 CSV (text/csv is text too).
    CHECK(decoded_body_text(eml("russian_cp1251.eml")) ==
          "Добрый день!\r\nОтчёт во вложении.\n"
          "месяц;сумма\nмай;100\n\n");
    CHECK(decoded_body_text(eml("russian_utf8.eml")) == "Съешь же ещё этих мягких французских булок, да выпей чаю.\n\n");
    CHECK(decoded_body_text(eml("uppercase.eml")) == "Café au lait.\r\n\n");  // ISO-8859-1, QUOTED-PRINTABLE
}

TEST_CASE("decoded_body_text: only text parts, also inside message/rfc822; no headers", "[mime][text]") {
    const std::string nested = decoded_body_text(eml("nested_rfc822.eml"));
    CHECK(nested == "See the forwarded message below.\r\n\nPlain notes.\r\n\n<p>HTML notes.</p>\r\n\n");
    CHECK(nested.find("Meeting notes") == std::string::npos);  // the attached message's Subject
    CHECK(nested.find("iVBOR") == std::string::npos);          // the image
    CHECK(decoded_body_text(eml("plain.eml")) == "Hi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n\n");
    // No MIME-Version/Content-Type: the Content-Transfer-Encoding field does not apply.
    CHECK(decoded_body_text(eml("no_mime_version.eml")) == "a=3Db\r\n\n");
    CHECK(decoded_body_text("") == "\n");
}

TEST_CASE("decoded_full_text: every header of every part, then the bodies", "[mime][text]") {
    const std::string t = decoded_full_text(eml("nested_rfc822.eml"));
    CHECK(t.find("Subject: Fwd: Meeting notes\n") != std::string::npos);
    CHECK(t.find("Content-Disposition: inline\n") != std::string::npos);  // a MIME header
    CHECK(t.find("Subject: Meeting notes\n") != std::string::npos);       // the attached message
    CHECK(t.find("Plain notes.") != std::string::npos);
    const std::string r = decoded_full_text(eml("russian_koi8r.eml"));
    CHECK(r.find("Subject: Тема письма\n") != std::string::npos);
    CHECK(r.find("Привет, Боб!") != std::string::npos);
}
