#include "store/formats/mbox.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "store/formats/file_io.hpp"
#include "store/formats/folder_names.hpp"
#include "store/mail_store.hpp"
#include "store/mime/line_endings.hpp"
#include "types/date_time.hpp"
#include "types/flags.hpp"

namespace imaplab::formats {
namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::vector<std::string_view> split_blanks(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::optional<int> number(std::string_view s, std::size_t min_digits, std::size_t max_digits) {
    if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<int> numeric_zone(std::string_view s) {
    if (s.size() != 5 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    auto hh = number(s.substr(1, 2), 2, 2), mm = number(s.substr(3, 2), 2, 2);
    if (!hh || !mm || *mm > 59) return std::nullopt;
    return (s[0] == '-' ? -1 : 1) * (*hh * 60 + *mm);
}

/// The date of a "From " line (without its LF): "From sender Www Mmm dd hh:mm:ss [zone] yyyy [zone]".
std::optional<DateTime> parse_from_line(std::string_view line) {
    if (line.substr(0, 5) != "From ") return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto t = split_blanks(line.substr(5));
    for (std::size_t w = 0; w < 2 && w < t.size(); ++w) {
        if (std::find(kWeekdays.begin(), kWeekdays.end(), t[w]) == kWeekdays.end()) continue;
        if (t.size() < w + 5) return std::nullopt;
        const auto month = std::find(kMonths.begin(), kMonths.end(), t[w + 1]);
        auto day = number(t[w + 2], 1, 2);
        const std::string_view hms = t[w + 3];
        if (month == kMonths.end() || !day || hms.size() != 8 || hms[2] != ':' || hms[5] != ':') return std::nullopt;
        auto h = number(hms.substr(0, 2), 2, 2), mi = number(hms.substr(3, 2), 2, 2), se = number(hms.substr(6, 2), 2, 2);
        if (!h || !mi || !se || *h > 23 || *mi > 59 || *se > 60) return std::nullopt;
        int tz = 0;
        std::size_t y = w + 4;
        auto year = number(t[y], 4, 4);
        if (!year && t.size() > y + 1) {  // a zone between the time and the year
            if (auto z = numeric_zone(t[y])) tz = *z;
            year = number(t[++y], 4, 4);
        }
        if (!year) return std::nullopt;
        if (t.size() > y + 1)
            if (auto z = numeric_zone(t[y + 1])) tz = *z;
        const chr::year_month_day ymd{chr::year{*year}, chr::month{static_cast<unsigned>(month - kMonths.begin() + 1)},
                                      chr::day{static_cast<unsigned>(*day)}};
        if (!ymd.ok()) return std::nullopt;
        const std::int64_t local = chr::sys_days{ymd}.time_since_epoch().count() * std::int64_t{86400} + *h * 3600 + *mi * 60 + *se;
        return DateTime{local - std::int64_t{tz} * 60, tz};
    }
    return std::nullopt;
}

std::string_view line_at(std::string_view text, std::size_t pos) {
    const std::size_t nl = text.find('\n', pos);
    return text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
}

/// A separator starts at `pos`: a "From " line with a date.
bool separator_at(std::string_view text, std::size_t pos) {
    return text.compare(pos, 5, "From ") == 0 && parse_from_line(line_at(text, pos)).has_value();
}

std::size_t line_number(std::string_view text, std::size_t pos) {
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

/// mboxrd un-quoting: one '>' less on every ">...>From " line.
std::string unquote(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t nl = s.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
        std::string_view line = s.substr(pos, end - pos);
        std::size_t gt = 0;
        while (gt < line.size() && line[gt] == '>') ++gt;
        if (gt > 0 && line.compare(gt, 5, "From ") == 0) line.remove_prefix(1);
        out.append(line);
        pos = end;
    }
    return out;
}

/// mboxrd quoting: one '>' more on every ">...>From " and "From " line.
void append_quoted(std::string& out, std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t nl = s.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
        std::string_view line = s.substr(pos, end - pos);
        std::size_t gt = 0;
        while (gt < line.size() && line[gt] == '>') ++gt;
        if (line.compare(gt, 5, "From ") == 0) out += '>';
        out.append(line);
        pos = end;
    }
}

constexpr std::array<std::string_view, 7> kHidden = {"Content-Length", "Status", "X-IMAP", "X-IMAPbase",
                                                     "X-Keywords", "X-Status", "X-UID"};

struct ParsedHeader {
    std::string kept;  ///< header lines that stay in the message
    std::optional<std::string> content_length, status, x_status, x_keywords, x_uid, x_imapbase, x_imap;
    std::size_t keywords_line = 0;
};

/// Splits the header [begin, end) into kept lines and the hidden fields.
ParsedHeader parse_header(std::string_view text, std::size_t begin, std::size_t end) {
    ParsedHeader h;
    std::size_t pos = begin;
    while (pos < end) {
        // one field: its first line and continuation lines
        std::size_t field_end = pos;
        do {
            std::size_t nl = text.find('\n', field_end);
            field_end = (nl == std::string_view::npos || nl >= end) ? end : nl + 1;
        } while (field_end < end && (text[field_end] == ' ' || text[field_end] == '\t'));
        const std::string_view field = text.substr(pos, field_end - pos);
        const std::size_t colon = field.find(':');
        std::string_view name = colon == std::string_view::npos ? std::string_view() : field.substr(0, colon);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        const auto hidden = std::find_if(kHidden.begin(), kHidden.end(), [&](std::string_view n) { return iequals(n, name); });
        if (hidden == kHidden.end()) {
            h.kept.append(field);
        } else {
            std::string value;
            for (char c : field.substr(colon + 1)) value += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
            const auto b = value.find_first_not_of(' '), e = value.find_last_not_of(' ');
            value = b == std::string::npos ? "" : value.substr(b, e - b + 1);
            switch (hidden - kHidden.begin()) {
                case 0: h.content_length = value; break;
                case 1: h.status = value; break;
                case 2: h.x_imap = value; break;
                case 3: h.x_imapbase = value; break;
                case 4: h.x_keywords = value; h.keywords_line = line_number(text, pos); break;
                case 5: h.x_status = value; break;
                default: h.x_uid = value; break;
            }
        }
        pos = field_end;
    }
    return h;
}

std::optional<std::uint64_t> decimal(std::string_view s) {
    if (s.empty() || s.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

struct MboxMessage {
    FixtureMessage fixture;
    bool old = false;  // Status O
    std::optional<std::uint32_t> x_uid;
};

std::string asctime_utc(std::int64_t unix_seconds) {
    const CivilTime c = civil_time(DateTime{unix_seconds, 0});
    return fmt::format("{} {} {:2} {:02}:{:02}:{:02} {}", kWeekdays[static_cast<std::size_t>(c.weekday)],
                       kMonths[static_cast<std::size_t>(c.month - 1)], c.day, c.hour, c.minute, c.second, c.year);
}

}  // namespace

bool looks_like_mbox(std::string_view text) { return text.empty() || separator_at(text, 0); }

Result<FixtureMailbox> parse_mbox(std::string_view text, const std::string& file, const std::string& mailbox,
                                  const ImportOptions& options) {
    using R = Result<FixtureMailbox>;
    auto error_at = [&](std::size_t pos, const std::string& what) {
        return R::failure(file + ":" + std::to_string(line_number(text, pos)) + ": " + what);
    };
    FixtureMailbox box;
    box.name = mailbox;
    box.uidvalidity = options.uidvalidity;
    if (text.empty()) return box;
    if (text.compare(0, 5, "From ") != 0)
        return error_at(0, "not an mbox file: the first line does not start with \"From \" (RFC 4155 §2)");
    std::optional<std::uint32_t> base_uidnext;
    std::vector<MboxMessage> messages;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t from_pos = pos;
        auto date = parse_from_line(line_at(text, pos));
        if (!date) return error_at(pos, "\"From \" line without a date (RFC 4155 §2: \"From sender Www Mmm dd hh:mm:ss yyyy\")");
        std::size_t nl = text.find('\n', pos);
        const std::size_t header_begin = nl == std::string_view::npos ? text.size() : nl + 1;
        // The header ends at the first empty line.
        std::size_t header_end = header_begin, body_begin = header_begin;
        bool has_blank = false;
        for (std::size_t p = header_begin; p < text.size();) {
            if (text[p] == '\n' || (text[p] == '\r' && p + 1 < text.size() && text[p + 1] == '\n')) {
                header_end = p;
                body_begin = p + (text[p] == '\r' ? 2 : 1);
                has_blank = true;
                break;
            }
            std::size_t n = text.find('\n', p);
            p = n == std::string_view::npos ? text.size() : n + 1;
            header_end = body_begin = p;
        }
        ParsedHeader h = parse_header(text, header_begin, header_end);
        // The body: Content-Length when it is right (Dovecot), else up to the next separator.
        std::size_t body_end = 0, next = 0;
        bool by_length = false;
        if (h.content_length && has_blank) {
            if (auto n = decimal(*h.content_length); n && *n <= text.size() - body_begin) {
                const std::size_t e = body_begin + static_cast<std::size_t>(*n);
                if (e == text.size() || (text[e] == '\n' && (e + 1 == text.size() || separator_at(text, e + 1)))) {
                    by_length = true;
                    body_end = e;
                    next = e == text.size() ? e : e + 1;
                }
            }
        }
        if (!by_length) {
            body_end = next = text.size();
            for (std::size_t p = body_begin; p < text.size();) {
                if (p >= 2 && text[p - 1] == '\n' && text[p - 2] == '\n' && separator_at(text, p)) {
                    body_end = p - 1;
                    next = p;
                    break;
                }
                std::size_t n = text.find('\n', p);
                p = n == std::string_view::npos ? text.size() : n + 1;
            }
            if (next == text.size() && body_end > body_begin && body_end >= 2 && text[body_end - 1] == '\n' && text[body_end - 2] == '\n')
                --body_end;  // the empty line after the last message
        }
        if (h.x_imap) {  // UW-IMAP's pseudo message: folder data only
            h.x_imapbase = h.x_imap;
            h.x_uid.reset();
        }
        if (h.x_imapbase && messages.empty() && !base_uidnext) {
            const auto parts = split_blanks(*h.x_imapbase);
            auto uv = parts.size() > 0 ? decimal(parts[0]) : std::nullopt;
            auto last = parts.size() > 1 ? decimal(parts[1]) : std::nullopt;
            if (uv && *uv > 0 && *uv <= 0xffffffffu && last && *last < 0xffffffffu) {
                box.uidvalidity = static_cast<std::uint32_t>(*uv);
                base_uidnext = static_cast<std::uint32_t>(*last + 1);
                for (std::size_t i = 2; i < parts.size(); ++i) {
                    std::string err;
                    auto flag = parse_flag_token(parts[i], &err);
                    if (!flag || flag->keywords.empty())
                        return error_at(from_pos, "X-IMAPbase: \"" + std::string(parts[i]) + "\" is not a keyword" + (err.empty() ? "" : ": " + err));
                    box.keywords.push_back(std::string(parts[i]));
                }
            }
        }
        if (h.x_imap) {
            pos = next;
            continue;
        }
        MboxMessage m;
        m.fixture.internal_date = format_imap_date_time(*date);
        if (h.status) {
            if (h.status->find('R') != std::string::npos) m.fixture.flags.system |= kSeen;
            m.old = h.status->find('O') != std::string::npos;
        }
        if (h.x_status) {
            for (char c : *h.x_status) {
                if (c == 'A') m.fixture.flags.system |= kAnswered;
                if (c == 'F') m.fixture.flags.system |= kFlagged;
                if (c == 'T') m.fixture.flags.system |= kDraft;
                if (c == 'D') m.fixture.flags.system |= kDeleted;
            }
        }
        if (h.x_keywords) {
            std::string list = *h.x_keywords;
            std::replace(list.begin(), list.end(), ',', ' ');
            for (auto k : split_blanks(list)) {
                std::string err;
                auto flag = parse_flag_token(k, &err);
                if (!flag)
                    return R::failure(file + ":" + std::to_string(h.keywords_line) + ": X-Keywords: \"" + std::string(k) + "\" is not a keyword: " + err);
                m.fixture.flags.system |= flag->system;
                for (const auto& kw : flag->keywords) m.fixture.flags.add_keyword(kw);
            }
        }
        if (h.x_uid)
            if (auto u = decimal(*h.x_uid); u && *u > 0 && *u < 0xffffffffu) m.x_uid = static_cast<std::uint32_t>(*u);
        std::string raw = h.kept;
        if (has_blank) raw += "\n";
        raw.append(text.substr(body_begin, body_end - body_begin));
        m.fixture.text = normalize_line_endings(by_length || !options.mboxrd_unquote ? raw : unquote(raw));
        messages.push_back(std::move(m));
        pos = next;
    }
    // UIDs: X-UID when it ascends, else the next one; \Recent: the newest messages without Status O.
    std::uint32_t last = 0;
    for (auto& m : messages) {
        if (last == 0xfffffffeu) return R::failure(file + ": too many messages for 32-bit UIDs");
        m.fixture.uid = (m.x_uid && *m.x_uid > last) ? *m.x_uid : last + 1;
        last = m.fixture.uid;
    }
    for (auto it = messages.rbegin(); it != messages.rend() && !it->old; ++it) it->fixture.recent = true;
    for (auto& m : messages) box.messages.push_back(std::move(m.fixture));
    if (base_uidnext && *base_uidnext > last + 1) box.uidnext = *base_uidnext;
    return box;
}

Result<FixtureMailbox> read_mbox_file(const std::string& path, const std::string& mailbox, const ImportOptions& options) {
    auto text = read_whole_file(path);
    if (!text) return Result<FixtureMailbox>::failure(text.error());
    return parse_mbox(*text, path, mailbox, options);
}

std::string write_mbox(const Mailbox& mailbox) {
    std::string out;
    bool first = true;
    for (const Message& m : mailbox.messages()) {
        out += "From MAILER-DAEMON " + asctime_utc(m.internal_date) + "\n";
        const std::string lf = m.text ? crlf_to_lf(*m.text) : std::string();
        // header = up to and including the LF before the empty line; body after the empty line
        std::size_t blank = lf.empty() || lf[0] == '\n' ? 0 : lf.find("\n\n");
        std::string_view header, body;
        if (lf.empty()) {
        } else if (blank == 0) {
            body = std::string_view(lf).substr(1);
        } else if (blank == std::string::npos) {
            header = lf;
        } else {
            header = std::string_view(lf).substr(0, blank + 1);
            body = std::string_view(lf).substr(blank + 2);
        }
        append_quoted(out, header);
        if (!header.empty() && header.back() != '\n') out += '\n';
        if (first)
            out += fmt::format("X-IMAPbase: {} {:010}", mailbox.uidvalidity(), mailbox.uidnext() - 1);
        if (first) {
            for (const auto& k : mailbox.keywords()) out += " " + k;
            out += "\n";
        }
        first = false;
        out += fmt::format("X-UID: {}\n", m.uid.value);
        std::string status, xstatus, keywords;
        if (m.system_flags & kSeen) status += 'R';
        if (m.uid.value < mailbox.first_recent_uid()) status += 'O';
        if (m.system_flags & kAnswered) xstatus += 'A';
        if (m.system_flags & kFlagged) xstatus += 'F';
        if (m.system_flags & kDraft) xstatus += 'T';
        if (m.system_flags & kDeleted) xstatus += 'D';
        for (auto id : m.keywords)
            if (id < mailbox.keywords().size()) keywords += (keywords.empty() ? "" : " ") + mailbox.keywords()[id];
        if (!status.empty()) out += "Status: " + status + "\n";
        if (!xstatus.empty()) out += "X-Status: " + xstatus + "\n";
        if (!keywords.empty()) out += "X-Keywords: " + keywords + "\n";
        out += "\n";
        append_quoted(out, body);
        if (!body.empty() && body.back() != '\n') out += '\n';
        out += "\n";
    }
    return out;
}

namespace {

Result<bool> read_tree_level(const std::string& dir, const std::string& prefix, const ImportOptions& options,
                             FixtureAccount& account, std::vector<std::string>& names) {
    using R = Result<bool>;
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) return R::failure(dir + ": cannot read directory: " + ec.message());
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& e : entries) {
        const std::string fname = e.path().filename().string();
        const std::string path = dir + "/" + fname;
        if (fname.empty() || fname[0] == '.') continue;
        if (fname.size() > 4 && fname.compare(fname.size() - 4, 4, ".msf") == 0) continue;
        const auto status = e.status(ec);
        if (fs::is_directory(status)) {
            std::string component = fname;
            if (component.size() > 4 && component.compare(component.size() - 4, 4, ".sbd") == 0) component.resize(component.size() - 4);
            auto level = unescape_level(component);
            if (!level) return R::failure(path + ": folder " + level.error());
            auto sub = read_tree_level(path, prefix + *level + "/", options, account, names);
            if (!sub) return sub;
        } else if (fs::is_regular_file(status)) {
            auto level = unescape_level(fname);
            if (!level) return R::failure(path + ": mailbox " + level.error());
            const std::string name = canonical_mailbox_name(prefix + *level);
            if (std::find(names.begin(), names.end(), name) != names.end())
                return R::failure(path + ": a second file for the mailbox \"" + name + "\"");
            auto box = read_mbox_file(path, name, options);
            if (!box) return R::failure(box.error());
            names.push_back(name);
            account.mailboxes.push_back(std::move(*box));
        } else {
            return R::failure(path + ": not a regular file or directory");
        }
    }
    return true;
}

}  // namespace

Result<FixtureAccount> read_mbox_tree(const std::string& dir, const ImportOptions& options) {
    using R = Result<FixtureAccount>;
    FixtureAccount account;
    std::vector<std::string> names;
    auto ok = read_tree_level(dir, "", options, account, names);
    if (!ok) return R::failure(ok.error());
    const std::string subs_path = dir + "/.subscriptions";
    std::error_code ec;
    if (fs::exists(subs_path, ec)) {
        auto text = read_whole_file(subs_path);
        if (!text) return R::failure(text.error());
        auto subs = parse_subscriptions(*text, subs_path);
        if (!subs) return R::failure(subs.error());
        for (auto& box : account.mailboxes)
            box.subscribed = std::find(subs->begin(), subs->end(), box.name) != subs->end();
    }
    std::sort(account.mailboxes.begin(), account.mailboxes.end(),
              [](const FixtureMailbox& a, const FixtureMailbox& b) { return mailbox_name_less(a.name, b.name); });
    return account;
}

Result<std::size_t> export_mbox_tree(const Account& account, const std::string& dir) {
    using R = Result<std::size_t>;
    // Every path is worked out (and checked) before anything is written.
    std::vector<std::pair<const Mailbox*, std::vector<std::string>>> plan;
    for (const Mailbox* mb : account.mailboxes()) {
        auto levels = escaped_levels(mb->name());
        if (!levels) return R::failure(levels.error());
        for (std::size_t i = 0; i + 1 < levels->size(); ++i) (*levels)[i] += ".sbd";
        for (const auto& c : *levels)
            if (!is_safe_component(c)) return R::failure("mailbox name \"" + mb->name() + "\" gives an unsafe path");
        plan.emplace_back(mb, std::move(*levels));
    }
    auto prepared = prepare_empty_directory(dir);
    if (!prepared) return R::failure(prepared.error());
    std::size_t written = 0, temp = 0;
    for (const auto& [mb, levels] : plan) {
        std::string path = dir;
        for (std::size_t i = 0; i + 1 < levels.size(); ++i) {
            path += "/" + levels[i];
            auto made = make_directory(path);
            if (!made) return R::failure(made.error());
        }
        const std::string tmp = path + "/.imaplab-tmp-" + std::to_string(++temp);
        path += "/" + levels.back();
        auto ok = write_file_atomically(tmp, path, write_mbox(*mb));
        if (!ok) return R::failure(ok.error());
        written += mb->messages().size();
    }
    auto ok = write_file_atomically(dir + "/.imaplab-tmp-subscriptions", dir + "/.subscriptions", write_subscriptions(account));
    if (!ok) return R::failure(ok.error());
    return written;
}

}  // namespace imaplab::formats
