#pragma once
// Dates and times on the wire. RFC 9051 §9:
//   date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
//   date-day-fixed = (SP DIGIT) / 2DIGIT
// and the RFC 5322 §3.3 form used in Date: header fields. Calendar arithmetic is std::chrono's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace imaplab {

struct DateTime {
    std::int64_t unix_seconds = 0;  ///< the instant, seconds since 1970-01-01 00:00:00 UTC
    int tz_minutes = 0;             ///< the zone it is written in, minutes east of UTC
    friend bool operator==(const DateTime&, const DateTime&) = default;
};

/// The wall-clock fields of a DateTime in its own zone.
struct CivilTime {
    int year = 1970, month = 1, day = 1;  ///< month 1..12, day 1..31
    int hour = 0, minute = 0, second = 0;
    int weekday = 4;                      ///< 0 = Sunday .. 6 = Saturday
};
CivilTime civil_time(const DateTime& t);

/// Parses "dd-Mon-yyyy hh:mm:ss +zzzz" (no quotes; the day may be " d" or "dd"). On failure returns
/// nullopt and, when `error` is given, why: "not of the form ...", "Feb 2013 has no day 30", ...
std::optional<DateTime> parse_imap_date_time(std::string_view text, std::string* error = nullptr);

/// "05-Jul-1996 02:44:25 -0700": day zero-padded, as Dovecot writes INTERNALDATE.
std::string format_imap_date_time(const DateTime& t);

/// "Fri, 05 Jul 1996 02:44:25 -0700" (RFC 5322 §3.3).
std::string format_rfc5322_date(const DateTime& t);

}  // namespace imaplab
