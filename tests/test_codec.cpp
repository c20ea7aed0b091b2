// The framer and command parser: byte-at-a-time feeding, literals, errors with offsets.
#include <catch2/catch.hpp>

#include "codec/command_parser.hpp"
#include "codec/framer.hpp"
#include "codec/response_encoder.hpp"
#include "types/date_time.hpp"
#include "types/sequence_set.hpp"

using namespace imaplab;

namespace {
std::vector<Frame> frame_all(const std::string& input, std::size_t chunk) {
    Framer f;
    std::vector<Frame> frames;
    for (std::size_t i = 0; i < input.size(); i += chunk) {
        f.feed(std::string_view(input).substr(i, chunk));
        while (true) {
            Frame fr = f.next();
            if (fr.kind == Frame::Kind::NeedMore) break;
            frames.push_back(fr);
        }
    }
    return frames;
}
}  // namespace

TEST_CASE("framer gives the same frames for any split of the input", "[codec][framer]") {
    const std::string input =
        "A1 LOGIN {5}\r\nalice \"pa ss\"\r\n"
        "A2 SELECT {5+}\r\nINBOX\r\n"
        "A3 NOOP\n"
        "A4 LOGIN \"{3}\" x\r\n";
    const auto whole = frame_all(input, input.size());
    REQUIRE(whole.size() == 5);
    CHECK(whole[0].kind == Frame::Kind::LiteralAnnounced);
    CHECK(whole[0].bytes == "A1 LOGIN {5}\r\n");
    CHECK(whole[0].literal_size == 5);
    CHECK(whole[1].kind == Frame::Kind::Complete);
    CHECK(whole[1].bytes == "A1 LOGIN {5}\r\nalice \"pa ss\"");
    REQUIRE(whole[1].literals.size() == 1);
    CHECK(whole[1].literals[0].offset == 14);
    CHECK(whole[1].literals[0].length == 5);
    CHECK(whole[2].bytes == "A2 SELECT {5+}\r\nINBOX");  // non-synchronising: no wait
    CHECK(whole[3].bytes == "A3 NOOP");                 // bare LF accepted
    CHECK(whole[4].bytes == "A4 LOGIN \"{3}\" x");       // {3} inside a quoted string is not a literal
    for (std::size_t chunk : {1u, 2u, 3u, 7u}) {
        const auto split = frame_all(input, chunk);
        REQUIRE(split.size() == whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            CHECK(split[i].kind == whole[i].kind);
            CHECK(split[i].bytes == whole[i].bytes);
            CHECK(split[i].literals.size() == whole[i].literals.size());
        }
    }
}

TEST_CASE("literal data may contain CRLF and braces", "[codec][framer]") {
    const auto frames = frame_all("A1 X {8}\r\na\r\n{2}\r\n tail\r\n", 1);
    REQUIRE(frames.size() == 2);
    CHECK(frames[1].bytes == "A1 X {8}\r\na\r\n{2}\r\n tail");
}

TEST_CASE("over-long lines and literals are reported, not buffered forever", "[codec][framer]") {
    Framer f(FramerLimits{24, 100});
    f.feed("A1 NOOP 012345678901234567890123456789\r\nA2 NOOP\r\n");
    Frame a = f.next();
    CHECK(a.kind == Frame::Kind::LineTooLong);
    Frame b = f.next();
    CHECK(b.kind == Frame::Kind::Complete);
    CHECK(b.bytes == "A2 NOOP");
    f.feed("A3 APPEND x {1000}\r\n");
    Frame c = f.next();
    CHECK(c.kind == Frame::Kind::LiteralTooLarge);
    CHECK(c.literal_size == 1000);
}

TEST_CASE("command parser: tag, name, atoms, quoted, literal, lists, sections", "[codec][parser]") {
    const std::string bytes = "a.1 uid fetch 1:*,3 (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.100>) \"q\\\"x\\\\\" {3}\r\nabc";
    auto r = parse_command(bytes, {{bytes.size() - 3, 3}});
    REQUIRE(r.ok());
    CHECK(r->tag == "a.1");
    CHECK(r->name == "UID FETCH");
    REQUIRE(r->args.size() == 4);
    CHECK(r->args[0].value == "1:*,3");
    REQUIRE(r->args[1].type == Arg::Type::List);
    REQUIRE(r->args[1].children.size() == 2);
    CHECK(r->args[1].children[1].value == "BODY.PEEK[HEADER.FIELDS (From To)]<0.100>");
    CHECK(r->args[2].type == Arg::Type::Quoted);
    CHECK(r->args[2].value == "q\"x\\");
    CHECK(r->args[3].type == Arg::Type::Literal);
    CHECK(r->args[3].value == "abc");
}

TEST_CASE("command parser errors name the offset and the reason", "[codec][parser]") {
    auto missing = parse_command("a FETCH 1 (FLAGS", {});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().stage == ParseError::Stage::Args);
    CHECK(missing.error().reason == "Missing ')'");
    CHECK(missing.error().offset == 16);
    CHECK(missing.error().tag == "a");
    CHECK(missing.error().name == "FETCH");

    auto tag = parse_command("+a NOOP", {});
    REQUIRE_FALSE(tag.ok());
    CHECK(tag.error().stage == ParseError::Stage::Tag);

    auto esc = parse_command("a LOGIN \"x\\y\" z", {});
    REQUIRE_FALSE(esc.ok());
    CHECK(esc.error().offset == 10);  // the backslash

    auto two_spaces = parse_command("a LOGIN x  y", {});
    REQUIRE_FALSE(two_spaces.ok());
    CHECK(two_spaces.error().reason == "Expected an argument");
}

TEST_CASE("sequence sets: parse, resolve, reject 0 and junk", "[types][sequence-set]") {
    auto s = SequenceSet::parse("4:2,*,9,1");
    REQUIRE(s);
    CHECK(s->to_string() == "4:2,*,9,1");
    CHECK(s->resolve(10) == std::vector<Interval>{{1, 4}, {9, 10}});
    CHECK(SequenceSet::parse("*:4")->resolve(3) == std::vector<Interval>{{3, 4}});
    std::string why;
    CHECK_FALSE(SequenceSet::parse("0", &why));
    CHECK(why == "0 is not a valid sequence number");
    CHECK_FALSE(SequenceSet::parse("1,,2", &why));
    CHECK_FALSE(SequenceSet::parse("1:a", &why));
    CHECK_FALSE(SequenceSet::parse("", &why));
}

TEST_CASE("encoder chooses atom, quoted or literal", "[codec][encoder]") {
    std::string out;
    append_astring(out, "INBOX/Drafts");
    out += ' ';
    append_astring(out, "My Folder");
    out += ' ';
    append_astring(out, "");
    out += ' ';
    append_astring(out, "NIL");
    out += ' ';
    append_astring(out, "say \"hi\"");
    out += ' ';
    append_astring(out, "Входящие");
    CHECK(out == "INBOX/Drafts \"My Folder\" \"\" \"NIL\" \"say \\\"hi\\\"\" {16}\r\nВходящие");
}

TEST_CASE("response text: controls and invalid UTF-8 become '?', valid UTF-8 stays", "[codec][encoder]") {
    auto text = [](std::string_view in) {
        std::string out;
        append_text(out, in);
        return out;
    };
    CHECK(text("Mailbox doesn't exist: Архив.") == "Mailbox doesn't exist: Архив.");
    CHECK(text("x\r\n* OK [ALERT] y") == "x??* OK [ALERT] y");
    CHECK(text(std::string_view("a\0b\x7f\tc", 6)) == "a?b??c");
    CHECK(text("INB\xffOX") == "INB?OX");
    CHECK(text("\xc0\xaf") == "??");          // overlong '/'
    CHECK(text("\xed\xa0\x80") == "???");    // UTF-16 surrogate
    CHECK(text("\xd0") == "?");                // cut sequence at the end
    CHECK(text("\xf0\x9f\x93\xa7 mail") == "\xf0\x9f\x93\xa7 mail");
}

TEST_CASE("date-time round trip", "[types][date]") {
    std::string why;
    auto t = parse_imap_date_time("25-Jun-2012 10:15:00 +0400");
    REQUIRE(t);
    CHECK(t->unix_seconds == 1340604900);
    CHECK(t->tz_minutes == 240);
    CHECK(format_imap_date_time(*t) == "25-Jun-2012 10:15:00 +0400");
    CHECK(format_rfc5322_date(*t) == "Mon, 25 Jun 2012 10:15:00 +0400");
    auto early = parse_imap_date_time(" 5-Jul-1996 02:44:25 -0700");
    REQUIRE(early);
    CHECK(format_imap_date_time(*early) == "05-Jul-1996 02:44:25 -0700");
    CHECK(format_rfc5322_date(*early) == "Fri, 05 Jul 1996 02:44:25 -0700");
    CHECK_FALSE(parse_imap_date_time("31-Feb-2012 10:15:00 +0400", &why));
    CHECK(why == "Feb 2012 has no day 31");
    CHECK(parse_imap_date_time("29-Feb-2012 10:15:00 +0400"));
    CHECK_FALSE(parse_imap_date_time("25-Jun-2012 10:15 +0400", &why));
    CHECK(why == "not of the form \"dd-Mon-yyyy hh:mm:ss +zzzz\"");
    CHECK_FALSE(parse_imap_date_time("25-Jux-2012 10:15:00 +0400", &why));
    CHECK(why == "\"Jux\" is not a month (Jan, Feb, ... Dec)");
}

TEST_CASE("a stray ')' after an argument is named as such (Dovecot's text)", "[codec][parser]") {
    auto r = parse_command("a SEARCH SEEN)", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().reason == "Unexpected ')'");
    CHECK(r.error().offset == 13);
}
