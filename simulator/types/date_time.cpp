#include "types/date_time.hpp"

#include <fmt/format.h>

#include <chrono>

#include "types/flags.hpp"

namespace imaplab {
namespace {

namespace chr = std::chrono;

constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};


std::string zone(int minutes) {
    const int a = minutes < 0 ? -minutes : minutes;
    return fmt::format("{}{:02}{:02}", minutes < 0 ? '-' : '+', a / 60, a % 60);
}

bool fail(std::string* error, std::string why) {
    if (error) *error = std::move(why);
    return false;
}

}  // namespace

CivilTime civil_time(const DateTime& t) {
    const chr::sys_seconds at{chr::seconds{t.unix_seconds + static_cast<std::int64_t>(t.tz_minutes) * 60}};
    const chr::sys_days day = chr::floor<chr::days>(at);
    const chr::year_month_day ymd{day};
    const auto secs = (at - day).count();
    CivilTime c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    c.hour = static_cast<int>(secs / 3600);
    c.minute = static_cast<int>(secs / 60 % 60);
    c.second = static_cast<int>(secs % 60);
    c.weekday = static_cast<int>(chr::weekday{day}.c_encoding());
    return c;
}

std::optional<DateTime> parse_imap_date_time(std::string_view s, std::string* error) {
    auto digits = [&](std::size_t at, std::size_t n, int& v) {
        if (at + n > s.size()) return false;
        v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v = v * 10 + (s[i] - '0');
        }
        return true;
    };
    int day = 0, year = 0, h = 0, mi = 0, se = 0, zh = 0, zm = 0;
    const bool day_ok = s.size() >= 2 && (s[0] == ' ' ? digits(1, 1, day) : digits(0, 2, day));
    if (s.size() != 26 || !day_ok || s[2] != '-' || s[6] != '-' || s[11] != ' ' || !digits(7, 4, year) || !digits(12, 2, h) ||
        s[14] != ':' || !digits(15, 2, mi) || s[17] != ':' || !digits(18, 2, se) || s[20] != ' ' || (s[21] != '+' && s[21] != '-') ||
        !digits(22, 2, zh) || !digits(24, 2, zm)) {
        fail(error, "not of the form \"dd-Mon-yyyy hh:mm:ss +zzzz\"");
        return std::nullopt;
    }
    unsigned month = 0;
    for (unsigned m = 0; m < 12; ++m)
        if (iequals(s.substr(3, 3), kMonths[m])) month = m + 1;
    if (month == 0) {
        fail(error, fmt::format("\"{}\" is not a month (Jan, Feb, ... Dec)", s.substr(3, 3)));
        return std::nullopt;
    }
    const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
        fail(error, fmt::format("{} {} has no day {}", kMonths[month - 1], year, day));
        return std::nullopt;
    }
    if (h > 23 || mi > 59 || se > 59) {
        fail(error, fmt::format("{:02}:{:02}:{:02} is not a time of day", h, mi, se));
        return std::nullopt;
    }
    if (zh > 23 || zm > 59) {
        fail(error, fmt::format("\"{}\" is not a time zone offset", s.substr(21, 5)));
        return std::nullopt;
    }
    DateTime t;
    t.tz_minutes = (zh * 60 + zm) * (s[21] == '-' ? -1 : 1);
    const std::int64_t local_seconds = chr::sys_days{ymd}.time_since_epoch().count() * std::int64_t{86400} + h * 3600 + mi * 60 + se;
    t.unix_seconds = local_seconds - static_cast<std::int64_t>(t.tz_minutes) * 60;
    return t;
}

std::string format_imap_date_time(const DateTime& t) {
    const CivilTime c = civil_time(t);
    return fmt::format("{:02}-{}-{:04} {:02}:{:02}:{:02} {}", c.day, kMonths[c.month - 1], c.year, c.hour, c.minute, c.second, zone(t.tz_minutes));
}

std::string format_rfc5322_date(const DateTime& t) {
    const CivilTime c = civil_time(t);
    return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} {}", kWeekdays[c.weekday], c.day, kMonths[c.month - 1], c.year, c.hour, c.minute,
                       c.second, zone(t.tz_minutes));
}

}  // namespace imaplab
