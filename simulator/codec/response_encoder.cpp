#include "codec/response_encoder.hpp"

#include <cctype>
#include <cstdio>

#include "types/flags.hpp"

namespace imaplab {

bool quotable(std::string_view value) {
    if (value.size() > 1024) return false;
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u == 0 || c == '\r' || c == '\n' || u >= 0x80) return false;
    }
    return true;
}

void append_quoted(std::string& out, std::string_view value) {
    out += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_literal(std::string& out, std::string_view value) {
    out += '{';
    out += std::to_string(value.size());
    out += "}\r\n";
    out.append(value);
}

void append_string(std::string& out, std::string_view value) {
    if (quotable(value)) append_quoted(out, value);
    else append_literal(out, value);
}

void append_astring(std::string& out, std::string_view value) {
    bool atom = !value.empty() && !iequals(value, "NIL");
    for (char c : value)
        if (!(is_atom_char(c) || c == ']')) {
            atom = false;
            break;
        }
    if (atom) out.append(value);
    else append_string(out, value);
}

void append_flag_list(std::string& out, const std::vector<std::string>& flags) {
    out += '(';
    for (std::size_t i = 0; i < flags.size(); ++i) {
        if (i) out += ' ';
        out += flags[i];
    }
    out += ')';
}

namespace {
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days from 1970-01-01 to y-m-d (proleptic Gregorian); Howard Hinnant's algorithm.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}
}  // namespace

std::string format_date_time(std::int64_t unix_seconds, int tz_minutes) {
    std::int64_t local = unix_seconds + static_cast<std::int64_t>(tz_minutes) * 60;
    std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    std::int64_t secs = local - days * 86400;
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    int tz = tz_minutes < 0 ? -tz_minutes : tz_minutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02u-%s-%04lld %02d:%02d:%02d %c%02d%02d", d, kMonths[m - 1], static_cast<long long>(y),
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                  tz_minutes < 0 ? '-' : '+', tz / 60, tz % 60);
    return buf;
}

bool parse_date_time(std::string_view t, std::int64_t& unix_seconds, int& tz_minutes) {
    std::size_t p = 0;
    auto digits = [&](std::size_t n, int& v) {
        v = 0;
        for (std::size_t i = 0; i < n; ++i, ++p) {
            if (p >= t.size() || !std::isdigit(static_cast<unsigned char>(t[p]))) return false;
            v = v * 10 + (t[p] - '0');
        }
        return true;
    };
    int day = 0;
    if (p < t.size() && t[p] == ' ') ++p;
    if (p + 1 < t.size() && std::isdigit(static_cast<unsigned char>(t[p + 1]))) {
        if (!digits(2, day)) return false;
    } else if (!digits(1, day)) {
        return false;
    }
    if (p >= t.size() || t[p++] != '-') return false;
    if (p + 3 > t.size()) return false;
    int month = 0;
    for (int i = 0; i < 12; ++i)
        if (iequals(t.substr(p, 3), kMonths[i])) month = i + 1;
    if (!month) return false;
    p += 3;
    int year, hh, mm, ss, zh, zm;
    if (p >= t.size() || t[p++] != '-') return false;
    if (!digits(4, year)) return false;
    if (p >= t.size() || t[p++] != ' ') return false;
    if (!digits(2, hh) || p >= t.size() || t[p++] != ':' || !digits(2, mm) || p >= t.size() || t[p++] != ':' || !digits(2, ss)) return false;
    if (p >= t.size() || t[p++] != ' ') return false;
    if (p >= t.size() || (t[p] != '+' && t[p] != '-')) return false;
    bool neg = t[p++] == '-';
    if (!digits(2, zh) || !digits(2, zm) || p != t.size()) return false;
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day < 1 || day > kDays[month - 1] || hh > 23 || mm > 59 || ss > 60 || zm > 59) return false;
    tz_minutes = (zh * 60 + zm) * (neg ? -1 : 1);
    std::int64_t local = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hh * 3600 + mm * 60 + ss;
    unix_seconds = local - static_cast<std::int64_t>(tz_minutes) * 60;
    return true;
}

}  // namespace imaplab
