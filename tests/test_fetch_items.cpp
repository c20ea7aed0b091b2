// FETCH item parsing and single-item rendering (engine/commands/fetch_items.hpp). The whole
// FETCH responses are compared with Dovecot in test_fetch_dovecot.cpp.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "codec/command_parser.hpp"
#include "engine/commands/fetch_items.hpp"
#include "engine/selected_mailbox.hpp"

using namespace imaplab;

namespace {

// The FETCH argument of "t FETCH 1 <items>".
Arg items_arg(const std::string& items) {
    const std::string line = "t FETCH 1 " + items;
    auto r = parse_command(line, {});
    REQUIRE(r.ok());
    REQUIRE(r->args.size() == 2);
    return r->args[1];
}

std::string parse_error(const std::string& items) {
    std::vector<FetchItem> out;
    std::string error;
    CHECK_FALSE(parse_fetch_items(items_arg(items), out, error));
    return error;
}

std::vector<FetchItem> parse_ok(const std::string& items) {
    std::vector<FetchItem> out;
    std::string error;
    CHECK(parse_fetch_items(items_arg(items), out, error));
    CHECK(error.empty());
    return out;
}

std::string read_eml(const std::string& name) {
    std::ifstream f(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/mime/" + name, std::ios::binary);
    REQUIRE(f.good());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Renders one item of a message holding `text`.
std::string render(const std::string& items, const std::string& text, std::optional<FetchFailure>* failure = nullptr) {
    auto parsed = parse_ok(items);
    REQUIRE(parsed.size() == 1);
    Message msg;
    msg.uid = Uid{7};
    msg.text = std::make_shared<const std::string>(text);
    SelectedMailbox sel;
    const FetchMessage fm{1, 7, msg, sel};
    std::string out;
    auto f = try_append_fetch_item(out, parsed[0], fm);
    if (failure) *failure = f;
    return out;
}

}  // namespace

TEST_CASE("FETCH items: names, macros, order groups, duplicates", "[fetch][items]") {
    using K = FetchItem::Kind;
    auto all = parse_ok("ALL");
    REQUIRE(all.size() == 4);
    CHECK(all[3].kind == K::Envelope);
    auto full = parse_ok("full");
    REQUIRE(full.size() == 5);
    CHECK(full[4].kind == K::BodyBasic);
    auto items = parse_ok("(envelope ENVELOPE body BODY[TEXT] body.peek[text] binary.size[1] uid)");
    REQUIRE(items.size() == 6);  // ENVELOPE once; sections as often as asked
    CHECK(items[1].kind == K::BodyBasic);
    CHECK(items[2].response_name() == "BODY[TEXT]");
    CHECK(items[2].sets_seen());
    CHECK_FALSE(items[3].sets_seen());
    CHECK(items[4].response_name() == "BINARY.SIZE[1]");
    CHECK_FALSE(items[4].sets_seen());
    CHECK(items[0].is_body());    // written after FLAGS/UID/RFC822.SIZE/INTERNALDATE, like Dovecot
    CHECK_FALSE(items[5].is_body());
    auto sec = parse_ok("BODY.PEEK[2.1.header.fields (from \"x-y\" NIL)]<10.20>");
    REQUIRE(sec.size() == 1);
    CHECK(sec[0].part == std::vector<std::uint32_t>{2, 1});
    CHECK(sec[0].section == FetchItem::Section::HeaderFields);
    CHECK(sec[0].fields == std::vector<std::string>{"FROM", "X-Y", "NIL"});
    CHECK(sec[0].response_name() == "BODY[2.1.HEADER.FIELDS (FROM \"X-Y\" \"NIL\")]<10>");
    CHECK(parse_ok("BINARY.PEEK[1]<0.5>")[0].response_name() == "BINARY[1]<0>");
    CHECK(parse_ok("ENVELOPE.X")[0].kind == K::Envelope);  // Dovecot looks items up by their leading name
}

TEST_CASE("FETCH items: Dovecot's error texts", "[fetch][items]") {
    CHECK(parse_error("BODDY") == "Unknown parameter: BODDY");
    CHECK(parse_error("(FLAGS bodyx)") == "Unknown parameter: BODYX");
    CHECK(parse_error("RFC822.SIZEX") == "Unknown parameter RFC822.SIZEX");
    CHECK(parse_error("(ALL)") == "Unknown parameter: ALL");
    CHECK(parse_error("()") == "FETCH list is empty");
    CHECK(parse_error("(FLAGS (UID))") == "FETCH list contains non-atoms");
    CHECK(parse_error("\"FLAGS\"") == "Invalid arguments");
    CHECK(parse_error("BODY.PEEK") == "Invalid BODY[..] parameter: Missing '['");
    CHECK(parse_error("BINARY.SIZE") == "Invalid BINARY[..] parameter: Missing '['");
    CHECK(parse_error("BODY[MIME]") == "Invalid BODY[..] section");
    CHECK(parse_error("BODY[1.]") == "Invalid BODY[..] section");
    CHECK(parse_error("BODY[HEADER.FIELDS ()]") == "Invalid BODY[..] section");
    CHECK(parse_error("BINARY[TEXT.MIME]") == "Invalid BINARY[..] section");
    CHECK(parse_error("BODY[HEADER.FIELDS (A (B))]") == "Invalid BODY[..] parameter: Header list contains non-strings");
    CHECK(parse_error("BODY[]x") == "Invalid BODY[..] parameter: Unexpected data after ']'");
    CHECK(parse_error("BODY[]<>") == "Invalid BODY[..] parameter: Too big partial start");
    CHECK(parse_error("BODY[]<1.>") == "Invalid BODY[..] parameter: Too big partial end");
    CHECK(parse_error("BODY[]<1.2") == "Invalid BODY[..] parameter: Missing '>' in partial");
    CHECK(parse_error("BODY[]<1.2>x") == "Invalid BODY[..] parameter: Unexpected data after '>'");
    // RFC 9051 partial = "<" number64 "." nz-number64 ">": Dovecot also takes these, we do not.
    CHECK(parse_error("BODY[]<5>") == "Invalid partial: <5>");
    CHECK(parse_error("BODY[]<0.0>") == "Invalid partial: <0.0>");
}

TEST_CASE("FETCH items: BINARY failures, literal8 and NUL in literals", "[fetch][items]") {
    std::optional<FetchFailure> f;
    CHECK(render("BINARY.PEEK[1]", read_eml("unknown_cte.eml"), &f).empty());
    REQUIRE(f);
    CHECK(f->code == "UNKNOWN-CTE");
    CHECK(f->text == "Unknown Content-Transfer-Encoding.");
    CHECK(render("BINARY.SIZE[1]", read_eml("bad_base64.eml"), &f).empty());
    REQUIRE(f);
    CHECK(f->code == "PARSE");
    CHECK(f->text == "Invalid data in MIME part.");
    CHECK(render("BODY.PEEK[1]", read_eml("unknown_cte.eml"), &f) == "BODY[1] {13}\r\nbegin 644 a\r\n");
    CHECK_FALSE(f);
    // NUL bytes: literal8 in BINARY, 0x80 in BODY (IMAP literals cannot hold NUL).
    CHECK(render("BINARY.PEEK[1]", read_eml("nul_body.eml")) == std::string("BINARY[1] ~{10}\r\nnul\0here\r\n", 27));
    CHECK(render("BODY.PEEK[1]", read_eml("nul_body.eml")) == "BODY[1] {10}\r\nnul\x80here\r\n");
    CHECK(render("BINARY.SIZE[1]", read_eml("russian_utf8.eml")) == "BINARY.SIZE[1] 104");
    CHECK(render("BODY.PEEK[1]<100.50>", read_eml("plain.eml")) == "BODY[1]<100> {0}\r\n");
}

TEST_CASE("FETCH items: control and 8-bit bytes in atoms, 8-bit in quoted header names", "[fetch][items]") {
    // Checked against Dovecot: these are errors of its command parser, reported before any item.
    CHECK(parse_error("BODY.PEEK[HEADER.FIELDS (From Fr\x01om)]") == "Invalid characters in atom");
    CHECK(parse_error("BODY.PEEK[HEADER.FIELDS (From Fr\xffom)]") == "8bit data in atom");
    CHECK(parse_error("(BODDY BODY.PEEK[1\x01])") == "Invalid characters in atom");
    // A quoted name may hold 8-bit bytes; Dovecot's echo leaves them out.
    CHECK(parse_ok("BODY.PEEK[HEADER.FIELDS (From \"Fr\xffom\")]")[0].response_name() == "BODY[HEADER.FIELDS (FROM \"FROM\")]");
    CHECK(parse_ok("BODY.PEEK[HEADER.FIELDS (F%*m)]")[0].response_name() == "BODY[HEADER.FIELDS (F%*M)]");
}
