#pragma once
// Dates for SEARCH. RFC 9051 §6.4.4: BEFORE/ON/SINCE compare the internal date and
// SENTBEFORE/SENTON/SENTSINCE the Date: header field, "disregarding time and timezone": each
// date is taken as the calendar day it is in its own zone, as Dovecot does for Date: headers.
//   date      = date-text / DQUOTE date-text DQUOTE
//   date-text = date-day "-" date-month "-" date-year      ; date-day = 1*2DIGIT
#include <cstdint>
#include <optional>
#include <string_view>

#include "types/date_time.hpp"

namespace imaplab::search {

/// A day that is never reached: what Dovecot makes of a day the month does not have
/// ("31-Jun-2012", "0-Jul-2012"): BEFORE it matches everything, ON and SINCE nothing.
constexpr std::int64_t kNeverDay = std::int64_t{1} << 40;

/// Parses a search date ("1-Feb-1994", "01-feb-1994", " 1-Feb-1994"; month names in any case,
/// exactly four year digits) into days since 1970-01-01. nullopt when it is not of that form
/// (Dovecot: "Invalid search date parameter"); kNeverDay for a day the month lacks.
std::optional<std::int64_t> parse_search_date(std::string_view text);

/// Parses an RFC 5322 Date: value leniently, as Dovecot's message_date_parse does:
/// "[Wday,] d Mon [yy]yy hh:mm[:ss] [zone]" with numeric zones, UT/GMT/EST/EDT/CST/CDT/MST/MDT/
/// PST/PDT and military letters (zero), comments skipped. nullopt when unparseable.
std::optional<DateTime> parse_rfc5322_date(std::string_view value);

/// The calendar day (days since 1970-01-01) of `unix_seconds` in the zone `tz_minutes`.
std::int64_t day_in_zone(std::int64_t unix_seconds, int tz_minutes);

}  // namespace imaplab::search
