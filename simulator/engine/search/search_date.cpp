#include "engine/search/search_date.hpp"

#include <cctype>
#include <chrono>
#include <string>

#include "types/flags.hpp"

namespace imaplab::search {
namespace {

namespace chr = std::chrono;

constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

/// 1..12 for a month name (its first three letters, any case), 0 otherwise.
unsigned month_of(std::string_view s) {
    if (s.size() < 3) return 0;
    for (unsigned m = 0; m < 12; ++m)
        if (iequals(s.substr(0, 3), kMonths[m])) return m + 1;
    return 0;
}

/// Days since 1970-01-01 of a valid calendar date, or nullopt.
std::optional<std::int64_t> days_of(int year, unsigned month, int day) {
    if (day < 1 || day > 31) return std::nullopt;
    const chr::year_month_day ymd{chr::year{year}, chr::month{month}, chr::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    return chr::sys_days{ymd}.time_since_epoch().count();
}

/// Tokens of a Date: value: comments and blanks are skipped; ",", ":" and "." separate.
class DateTokens {
public:
    explicit DateTokens(std::string_view s) : s_(s) {}
    void skip_cfws() {
        while (p_ < s_.size()) {
            const char c = s_[p_];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++p_;
            } else if (c == '(') {
                int depth = 0;
                while (p_ < s_.size()) {
                    if (s_[p_] == '\\' && p_ + 1 < s_.size()) { p_ += 2; continue; }
                    if (s_[p_] == '(') ++depth;
                    if (s_[p_] == ')' && --depth == 0) { ++p_; break; }
                    ++p_;
                }
            } else {
                break;
            }
        }
    }
    /// The next token ("" at the end).
    std::string_view next() {
        skip_cfws();
        const std::size_t start = p_;
        while (p_ < s_.size()) {
            const char c = s_[p_];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == ')' || c == ',' || c == ':' || c == '.' || c == ';') break;
            ++p_;
        }
        return s_.substr(start, p_ - start);
    }
    /// Consumes `c` when it is the very next character (no blanks skipped before it).
    bool take(char c) {
        if (p_ < s_.size() && s_[p_] == c) {
            ++p_;
            return true;
        }
        return false;
    }
    bool take_time_separator() { return take(':') || take('.'); }

private:
    std::string_view s_;
    std::size_t p_ = 0;
};

int zone_minutes(std::string_view z) {
    if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && all_digits(z.substr(1))) {
        const int m = to_int(z.substr(1, 2)) * 60 + to_int(z.substr(3, 2));
        return z[0] == '-' ? -m : m;
    }
    struct Named {
        const char* name;
        int hours;
    };
    static constexpr Named kNamed[] = {{"UT", 0},  {"GMT", 0}, {"EST", -5}, {"EDT", -4}, {"CST", -6},
                                       {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (const auto& n : kNamed)
        if (iequals(z, n.name)) return n.hours * 60;
    return 0;  // military letters and unknown names: RFC 5322 §4.3 says treat as -0000
}

}  // namespace

std::optional<std::int64_t> parse_search_date(std::string_view s) {
    if (!s.empty() && s[0] == ' ') s.remove_prefix(1);
    std::size_t dash = s.find('-');
    if (dash == 0 || dash > 2 || !all_digits(s.substr(0, dash))) return std::nullopt;
    const int day = to_int(s.substr(0, dash));
    s.remove_prefix(dash + 1);
    const unsigned month = month_of(s);
    if (month == 0 || s.size() != 8 || s[3] != '-' || !all_digits(s.substr(4))) return std::nullopt;
    const int year = to_int(s.substr(4));
    if (auto d = days_of(year, month, day)) return d;
    return kNeverDay;
}

std::optional<DateTime> parse_rfc5322_date(std::string_view value) {
    DateTokens t(value);
    std::string_view tok = t.next();
    if (tok.size() == 3 && !all_digits(tok)) {  // weekday name, then ","
        t.skip_cfws();
        if (!t.take(',')) return std::nullopt;
        tok = t.next();
    }
    if (tok.empty() || tok.size() > 2 || !all_digits(tok)) return std::nullopt;
    const int day = to_int(tok);
    const unsigned month = month_of(t.next());
    if (month == 0) return std::nullopt;
    tok = t.next();
    if ((tok.size() != 2 && tok.size() != 4) || !all_digits(tok)) return std::nullopt;
    int year = to_int(tok);
    if (tok.size() == 2) year += year < 70 ? 2000 : 1900;
    else if (year < 1900) return std::nullopt;
    tok = t.next();
    if (tok.empty() || tok.size() > 2 || !all_digits(tok)) return std::nullopt;
    const int hour = to_int(tok);
    if (!t.take_time_separator()) return std::nullopt;
    tok = t.next();
    if (tok.size() != 2 || !all_digits(tok)) return std::nullopt;
    const int minute = to_int(tok);
    int second = 0;
    if (t.take_time_separator()) {
        tok = t.next();
        if (tok.size() != 2 || !all_digits(tok)) return std::nullopt;
        second = to_int(tok);
    }
    const std::string_view zone = t.next();
    const auto days = days_of(year, month, day);
    if (!days || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    DateTime dt;
    dt.tz_minutes = zone.empty() ? 0 : zone_minutes(zone);
    dt.unix_seconds = *days * 86400 + hour * 3600 + minute * 60 + second - std::int64_t{dt.tz_minutes} * 60;
    return dt;
}

std::int64_t day_in_zone(std::int64_t unix_seconds, int tz_minutes) {
    const std::int64_t local = unix_seconds + std::int64_t{tz_minutes} * 60;
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

}  // namespace imaplab::search
