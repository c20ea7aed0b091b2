// The pieces of SEARCH on their own: case folding, dates, the sequence-set writer, "$".
#include <catch2/catch.hpp>

#include "engine/search/search_date.hpp"
#include "engine/search/search_result.hpp"
#include "engine/search/text_fold.hpp"
#include "types/sequence_set.hpp"

using namespace imaplab;
using namespace imaplab::search;

TEST_CASE("fold: ASCII, Latin, Cyrillic case-insensitively, decomposed like i;unicode-casemap", "[search][fold]") {
    CHECK(fold("Hello, World") == "HELLO, WORLD");
    CHECK(fold("привет") == fold("ПРИВЕТ"));
    CHECK(fold("Съешь ЖЕ") == fold("сЪЕШЬ же"));
    CHECK(fold("ё") == fold("Ё"));
    CHECK(fold("ё") == "Е\xCC\x88");  // Е + U+0308 COMBINING DIAERESIS
    CHECK(contains_folded(fold("ещё"), fold("еще")));
    CHECK_FALSE(contains_folded(fold("еще"), fold("ещё")));
    CHECK(fold("й") == "И\xCC\x86");  // И + U+0306 COMBINING BREVE
    CHECK(fold("Straße") == "STRAßE");  // no full (multi-letter) mappings
    CHECK(contains_folded(fold("Café"), fold("cafe")));
    CHECK(fold("ΣΊΣΥΦΟΣ") == fold("σίσυφος"));
    CHECK(fold("їжак") == fold("ЇЖАК"));
    CHECK(fold("\xff\xfe" "abc") == "\xff\xfe" "ABC");  // invalid UTF-8 kept byte for byte
    CHECK(fold("日本") == "日本");                       // outside the table: as it is
    CHECK(contains_folded("ANYTHING", ""));
}

TEST_CASE("search dates: the forms Dovecot accepts", "[search][date]") {
    CHECK(parse_search_date("1-Jan-1970") == 0);
    CHECK(parse_search_date("01-JAN-1970") == 0);
    CHECK(parse_search_date(" 2-jan-1970") == 1);
    CHECK(parse_search_date("25-Jun-2012") == 15516);
    CHECK(parse_search_date("31-Dec-1969") == -1);
    CHECK(parse_search_date("31-Jun-2012") == kNeverDay);
    CHECK(parse_search_date("0-Jul-2012") == kNeverDay);
    CHECK(parse_search_date("29-Feb-2013") == kNeverDay);
    CHECK(parse_search_date("29-Feb-2012") == 15399);
    CHECK_FALSE(parse_search_date("1-Jul-12"));
    CHECK_FALSE(parse_search_date("001-Jul-2012"));
    CHECK_FALSE(parse_search_date("1-July-2012"));
    CHECK_FALSE(parse_search_date("1 Jul 2012"));
    CHECK_FALSE(parse_search_date(""));
    CHECK_FALSE(parse_search_date("1-Jul-2012 "));
}

TEST_CASE("Date: header values, read leniently", "[search][date]") {
    auto day = [](const char* v) -> std::int64_t {
        auto d = parse_rfc5322_date(v);
        return d ? day_in_zone(d->unix_seconds, d->tz_minutes) : -999;
    };
    auto dt = parse_rfc5322_date("Tue, 26 Jun 2012 23:30:00 -0700");
    REQUIRE(dt);
    CHECK(dt->tz_minutes == -420);
    CHECK(dt->unix_seconds == 1340778600);  // 27 Jun 2012 06:30 UTC
    CHECK(day("Tue, 26 Jun 2012 23:30:00 -0700") == 15517);  // 26 Jun where it was written
    CHECK(day("26 Jun 2012 23:30 -0700") == 15517);
    CHECK(day("Tue, 26 Jun 12 23:30:00 PDT") == 15517);
    CHECK(day("Wed, 27 Jun 2012 01:00:00 +0200 (CEST)") == 15518);
    CHECK(day("Wed, 27 Jun 2012 1:05 +0000") == 15518);
    CHECK(day("Wed,27 Jun 2012 10:00:00 GMT") == 15518);
    CHECK(day("27 jun 2012 10.00.00") == 15518);
    CHECK(day("not a date at all") == -999);
    CHECK(day("31 Jun 2012 10:00:00 +0000") == -999);
    CHECK(day("Tue 26 Jun 2012 10:00:00 +0000") == -999);
    CHECK(day("26 Jun 1899 10:00:00 +0000") == -999);
    CHECK(day_in_zone(-1, 0) == -1);
}

TEST_CASE("result encoding: SEARCH, ESEARCH and sequence-set compression", "[search][esearch]") {
    CHECK(compress_sequence_set({}) == "");
    CHECK(compress_sequence_set({2, 5, 6, 7, 9}) == "2,5:7,9");
    CHECK(compress_sequence_set({1, 2}) == "1:2");
    CHECK(search_response({}) == "SEARCH");
    CHECK(search_response({2, 5, 9}) == "SEARCH 2 5 9");
    ReturnOptions all;
    all.min = all.max = all.all = all.count = true;
    CHECK(esearch_response("a1", true, all, {2, 5, 6, 7, 8, 9}) == "ESEARCH (TAG \"a1\") UID MIN 2 MAX 9 ALL 2,5:9 COUNT 6");
    CHECK(esearch_response("a1", false, all, {}) == "ESEARCH (TAG \"a1\") COUNT 0");
}

TEST_CASE("sequence set \"$\" (RFC 5182) stands alone", "[search][searchres][types][sequence-set]") {
    auto s = SequenceSet::parse("$");
    REQUIRE(s);
    CHECK(s->is_saved_result());
    CHECK(s->to_string() == "$");
    CHECK(s->resolve(10).empty());
    CHECK_FALSE(s->uses_star());
    CHECK(s->max_explicit() == 0);
    std::string why;
    CHECK_FALSE(SequenceSet::parse("$,5", &why));
    CHECK(why == "$ must stand alone in a sequence set");
    CHECK_FALSE(SequenceSet::parse("1:$", &why));
    CHECK_FALSE(SequenceSet::parse("1,2")->is_saved_result());
}
