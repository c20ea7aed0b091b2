// The MIME parser (part tree, byte ranges, lenient boundaries, limits), MIME parameters,
// address lists and transfer decoding. Expected values for the Dovecot-specific rules were
// checked against Dovecot 2.3 (see test_mime_dovecot.cpp for the full BODYSTRUCTURE strings).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "engine/commands/fetch_structure.hpp"
#include "store/mime/address.hpp"
#include "store/mime/line_endings.hpp"
#include "store/mime/mime_part.hpp"
#include "store/mime/rfc822_parser.hpp"
#include "store/mime/section.hpp"
#include "store/mime/transfer_decode.hpp"

using namespace imaplab;

namespace {

std::string read_eml(const std::string& name) {
    std::ifstream f(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/mime/" + name, std::ios::binary);
    REQUIRE(f.good());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string crlf(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

std::vector<MimeParam> params(std::string_view v) {
    Rfc822Parser p(v);
    return parse_mime_params(p);
}

std::string qp(std::string_view in, bool* ok = nullptr) {
    std::string out;
    bool r = decode_quoted_printable(in, out);
    if (ok) *ok = r;
    return out;
}

}  // namespace

TEST_CASE("parse_mime: nested multipart with message/rfc822, ranges and sizes", "[mime][parser]") {
    const std::string m = read_eml("nested_rfc822.eml");
    const MimePart root = parse_mime(m);
    REQUIRE(root.multipart);
    CHECK(root.offset == 0);
    CHECK(root.end() == m.size());
    REQUIRE(root.children.size() == 3);
    const MimePart& text = root.children[0];
    CHECK(text.text);
    CHECK(text.header(m) == "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    CHECK(text.body(m) == "See the forwarded message below.\r\n");  // the CRLF before --outer is not body
    CHECK(text.body_lines == 1);
    const MimePart& msg = root.children[1];
    REQUIRE(msg.message_rfc822);
    REQUIRE(msg.children.size() == 1);
    const MimePart& inner = msg.children[0];
    CHECK(inner.offset == msg.body_offset());
    CHECK(inner.end() == msg.end());
    CHECK(inner.multipart);
    REQUIRE(inner.children.size() == 2);
    CHECK(inner.children[1].body(m) == "<p>HTML notes.</p>\r\n");
    CHECK(msg.body_vsize == 399);
    CHECK(msg.body_lines == 19);
    CHECK(root.children[2].content.transfer_encoding == "base64");
    CHECK(root.children[2].body(m).substr(0, 5) == "iVBOR");
}

TEST_CASE("parse_mime: missing close boundaries end the inner parts at an outer boundary", "[mime][parser]") {
    const std::string m = read_eml("broken_boundary.eml");
    const MimePart root = parse_mime(m);
    REQUIRE(root.children.size() == 2);
    REQUIRE(root.children[0].children.size() == 2);
    CHECK(root.children[0].children[0].body(m) == "inner one");
    CHECK(root.children[0].children[1].body(m) == "<b>inner two</b>");
    CHECK(root.children[1].body(m) == "last part without close boundary\r\n");
    CHECK(root.children[1].end() == m.size());
}

TEST_CASE("parse_mime: a boundary line inside a part's header ends the header", "[mime][parser]") {
    const std::string m = crlf(
        "Content-Type: multipart/mixed; boundary=q\n\n"
        "--q\nContent-Type: text/plain\nX-Foo: bar\n--q\n\nlast\n--q--\n");
    const MimePart root = parse_mime(m);
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].header(m) == "Content-Type: text/plain\r\nX-Foo: bar");
    CHECK(root.children[0].body_size == 0);
    CHECK(root.children[1].body(m) == "last");
}

TEST_CASE("parse_mime: boundaries match as prefixes, longest and innermost first", "[mime][parser]") {
    const std::string m = read_eml("edge/e06_nested_prefix.eml");
    const MimePart root = parse_mime(m);
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].children.size() == 2);
    CHECK(root.children[1].body(m) == "outer2");
    // "--bx" matches boundary "b": a new part
    const MimePart p = parse_mime(read_eml("edge/e05_prefix.eml"));
    CHECK(p.children.size() == 3);
}

TEST_CASE("parse_mime: MIME rules for Content-Type, MIME-Version and digests", "[mime][parser]") {
    // Without MIME-Version and Content-Type, the Content-* fields do not apply.
    const MimePart plain = parse_mime(read_eml("no_mime_version.eml"));
    CHECK_FALSE(plain.is_mime);
    CHECK(plain.text);
    CHECK_FALSE(plain.content.transfer_encoding);
    // A multipart without boundary has no parts.
    const MimePart nb = parse_mime(read_eml("multipart_no_boundary.eml"));
    CHECK(nb.multipart);
    CHECK(nb.children.empty());
    // Parts of multipart/digest default to message/rfc822.
    const MimePart d = parse_mime(read_eml("digest.eml"));
    CHECK(d.children[0].message_rfc822);
    CHECK(d.children[1].text);
    CHECK(parse_mime("").header_size == 0);
    CHECK(parse_mime("Subject: x").header_size == 10);
}

TEST_CASE("parse_mime: nesting and part-count limits keep it bounded", "[mime][parser]") {
    std::string deep;
    for (int i = 0; i < 500; ++i) deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\r\n\r\n--b" + std::to_string(i) + "\r\n";
    deep += "\r\ntext\r\n";
    const MimePart root = parse_mime(deep);
    int depth = 0;
    for (const MimePart* p = &root; !p->children.empty(); p = &p->children.front()) ++depth;
    CHECK(depth == kMaxMimeDepth - 1);  // parts at that depth are not split

    std::string many = "Subject: wide\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n";
    for (int i = 0; i < kMaxMimeParts + 10; ++i) many += "--x\r\n\r\np\r\n";
    many += "--x--\r\n";
    const MimePart wide = parse_mime(many);
    CHECK(wide.children.size() == static_cast<std::size_t>(kMaxMimeParts - 1));
    CHECK(wide.end() == many.size());
    CHECK(wide.children.back().end() == many.size());  // the last part takes the rest

    // Checked against Dovecot: 9999 body parts, the last one holding the rest of the message.
    std::string bs;
    append_body_structure(bs, wide, many, true);
    CHECK(bs.size() + 2 == 739968);
    CHECK(bs.substr(bs.size() - 114) ==
          "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 120 35 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"x\") NIL NIL NIL");

    std::string nested_messages;
    for (int i = 0; i < 300; ++i) nested_messages += "Content-Type: message/rfc822\r\n\r\n";
    CHECK(parse_mime(nested_messages).message_rfc822);
}

TEST_CASE("find_section_part: part numbers as Dovecot resolves them", "[mime][parser]") {
    const MimePart root = parse_mime(read_eml("nested_rfc822.eml"));
    CHECK(find_section_part(root, {}) == &root);
    CHECK(find_section_part(root, {2}) == &root.children[1]);
    CHECK(find_section_part(root, {2, 1}) == &root.children[1].children[0].children[0]);
    CHECK(find_section_part(root, {0}) == &root.children[0]);  // 0 counts as 1
    CHECK(find_section_part(root, {4}) == nullptr);
    CHECK(find_section_part(root, {1, 1}) == &root.children[0]);  // a leaf is its own part 1
    CHECK(find_section_part(root, {1, 2}) == nullptr);
    CHECK(find_section_part(root, {1, 1, 1}) == nullptr);
    const MimePart single = parse_mime(read_eml("plain.eml"));
    CHECK(find_section_part(single, {1}) == &single);
    CHECK(find_section_part(single, {2}) == nullptr);
}

TEST_CASE("MIME parameters: RFC 2231 continuations are merged after the plain ones", "[mime][params]") {
    CHECK(params("; a=1; b=\"two words\"") == std::vector<MimeParam>{{"a", "1"}, {"b", "two words"}});
    CHECK(params("; title*1*=%2A; title*0*=us-ascii'en'A%20; x=y; title*2=\"c%\"") ==
          std::vector<MimeParam>{{"x", "y"}, {"title*", "us-ascii'en'A%20%2Ac%25"}});
    CHECK(params("; t*0=a; t*2=c") == std::vector<MimeParam>{{"t*0", "a"}, {"t*2", "c"}});  // index 1 missing
    CHECK(params("; foo; bar=baz; =x") == std::vector<MimeParam>{{"", "x"}});                 // broken ones skipped
    CHECK(params("; name==?utf-8?b?0YQ=?=; c=d") == std::vector<MimeParam>{{"name", "=?utf-8?b?0YQ=?="}, {"c", "d"}});
}

TEST_CASE("address lists: groups, routes, comments and repairs", "[mime][address]") {
    const auto a = parse_address_list("A Group:Ed Jones <c@a.test>,joe@where.test;, \"x y\"@z (Name)");
    REQUIRE(a.size() == 5);
    CHECK(a[0] == MailAddress{std::nullopt, std::nullopt, "A Group", std::nullopt});
    CHECK(a[1] == MailAddress{"Ed Jones", std::nullopt, "c", "a.test"});
    CHECK(a[3] == MailAddress{});  // end of group
    CHECK(a[4] == MailAddress{"Name", std::nullopt, "x y", "z"});
    CHECK(parse_address_list("<@r1,@r2:u@h>")[0] == MailAddress{std::nullopt, "@r1,@r2", "u", "h"});
    CHECK(parse_address_list("broken@")[0] == MailAddress{std::nullopt, std::nullopt, "broken", "MISSING_DOMAIN"});
    CHECK(parse_address_list("Name <>")[0] == MailAddress{"Name", std::nullopt, "MISSING_MAILBOX", "MISSING_DOMAIN"});
    CHECK(parse_address_list("  ").empty());
    CHECK(parse_address_list("=?utf-8?Q?x?= <a@b>")[0].name == "=?utf-8?Q?x?=");  // encoded words stay raw
}

TEST_CASE("base64 with OpenSSL: whitespace skipped, garbage rejected", "[mime][decode]") {
    std::string out;
    CHECK(decode_base64("aGVs\r\nbG8=\r\n", out));
    CHECK(out == "hello");
    out.clear();
    CHECK_FALSE(decode_base64("AAA*&^%", out));
    out.clear();
    CHECK_FALSE(decode_base64("QUJ", out));  // truncated group
    out.clear();
    CHECK_FALSE(decode_base64("QUJD\r\n-\r\n", out));  // '-' (OpenSSL's end marker) is not base64
    out.clear();
    CHECK_FALSE(decode_base64("QQ==QUJD", out));  // data after the padding
    out.clear();
    CHECK(decode_base64("QU JD", out));
    CHECK(out == "ABC");
    out.clear();
    CHECK(decode_base64("", out));
    CHECK(out.empty());
}

TEST_CASE("quoted-printable as Dovecot decodes it", "[mime][decode]") {
    bool ok = false;
    CHECK(qp("caf=c3=A9\r\n", &ok) == "caf\xc3\xa9\r\n");
    CHECK(ok);
    CHECK(qp("soft=  \r\nbreak\r\n", &ok) == "softbreak\r\n");
    CHECK(ok);
    CHECK(qp("trail   \r\nx\t\r\n", &ok) == "trail\r\nx\r\n");  // trailing whitespace dropped
    CHECK(qp("line\nlf only\n", &ok) == "line\r\nlf only\r\n");
    CHECK(qp("x=\n", &ok) == "x");
    CHECK(qp("a=0D=0Ab", &ok) == "a\r\nb");
    CHECK(ok);
    CHECK(qp("a = b", &ok) == "a = b");
    CHECK_FALSE(ok);
    CHECK(qp("=ZZ", &ok) == "=ZZ");
    CHECK_FALSE(ok);
    CHECK(qp("end=", &ok) == "end=");
    CHECK_FALSE(ok);
    CHECK(qp("lone\rcr", &ok) == "lone\rcr");
    CHECK_FALSE(ok);
}

TEST_CASE("Content-Transfer-Encoding classes", "[mime][decode]") {
    CHECK(classify_transfer_encoding("Base64") == TransferEncoding::Base64);
    CHECK(classify_transfer_encoding(" quoted-printable ; x") == TransferEncoding::QuotedPrintable);
    CHECK(classify_transfer_encoding("8BIT") == TransferEncoding::SevenOrEightBit);
    CHECK(classify_transfer_encoding("binary") == TransferEncoding::Binary);
    CHECK(classify_transfer_encoding("x-uuencode") == TransferEncoding::Unknown);
    CHECK(classify_transfer_encoding("") == TransferEncoding::Unknown);
}

TEST_CASE("normalize_line_endings: the text Dovecot saves", "[mime][parser]") {
    // Each pair was checked by APPENDing "Subject: t\r\n\r\n" + input to Dovecot and fetching BODY[TEXT].
    const std::pair<std::string, std::string> cases[] = {
        {"a\rb", "a\rb"},         {"a\r\rb", "a\r\rb"}, {"a\r\r\nb", "a\r\nb"}, {"a\r\r\r\nb", "a\r\r\nb"},
        {"a\nb", "a\r\nb"},       {"a\r\nb", "a\r\nb"}, {"a\rb\r", "a\rb"},     {"a\r", "a"},
        {"end\r\r", "end\r"},
    };
    for (const auto& [in, out] : cases) CHECK(normalize_line_endings(in) == out);
}
