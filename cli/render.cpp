#include "render.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <type_traits>

#include <fmt/core.h>

namespace imaplab::cli {
namespace {

// ---- small text helpers -----------------------------------------------------------------------

struct Words {
    const char* en;
    const char* ru;
    const char* get(Language l) const { return l == Language::Ru ? ru : en; }
};

constexpr Words kStep{"Step", "Шаг"};
constexpr Words kSetupTitle{"Setup: the mail store and the server greeting",
                            "Подготовка: почтовое хранилище и приветствие сервера"};
constexpr Words kNote{"Compared with the transcript: ", "Отличие от записи сеанса: "};
constexpr Words kLesson{"Lesson", "Урок"};
constexpr Words kSteps{"steps", "шагов"};
constexpr Words kTranscript{"transcript", "запись сеанса"};

namespace sgr {
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kBlue = "\x1b[34m";
constexpr std::string_view kMagenta = "\x1b[35m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kNone = "";
}  // namespace sgr

std::string paint(const RenderOptions& o, std::string_view code, std::string_view text) {
    if (!o.color || code.empty()) return std::string(text);
    std::string s;
    s.reserve(code.size() + text.size() + sgr::kReset.size());
    s.append(code).append(text).append(sgr::kReset);
    return s;
}

/// Makes one protocol line safe to print: control characters other than TAB become "\xNN"
/// (a stray CR or ESC must not move the cursor or start a colour).
std::string sanitize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            out += fmt::format("\\x{:02X}", static_cast<unsigned>(c));
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string rule(const RenderOptions& o, std::string_view lead, const std::string& label, const char* fill) {
    std::string s = std::string(lead) + " " + label + " ";
    std::size_t used = display_width(s);
    std::size_t total = std::max<std::size_t>(o.width, used + 2);
    for (std::size_t i = used; i < total; ++i) s += fill;
    return s;
}

std::string join_flags(const std::vector<std::string>& flags) {
    std::string s;
    for (const auto& f : flags) {
        if (!s.empty()) s += ' ';
        s += f;
    }
    return s;
}

// ---- sequence numbers at the moment of each event ----------------------------------------------

/// Replays MessageAdded / MessageExpunged to know every message's sequence number when a later
/// event happens. With one connection per lesson the store's order is the session's view.
class SeqTracker {
public:
    void add(const std::string& mailbox, std::uint32_t uid) {
        auto& v = uids_[mailbox];
        auto it = std::lower_bound(v.begin(), v.end(), uid);
        if (it == v.end() || *it != uid) v.insert(it, uid);
    }
    /// Removes `uid`; returns how many messages came after it.
    std::size_t remove(const std::string& mailbox, std::uint32_t uid) {
        auto& v = uids_[mailbox];
        auto it = std::lower_bound(v.begin(), v.end(), uid);
        if (it == v.end() || *it != uid) return 0;
        std::size_t after = static_cast<std::size_t>(v.end() - it) - 1;
        v.erase(it);
        return after;
    }
    /// 1-based position of `uid`, 0 when unknown.
    std::uint32_t seq(const std::string& mailbox, std::uint32_t uid) const {
        auto f = uids_.find(mailbox);
        if (f == uids_.end()) return 0;
        auto it = std::lower_bound(f->second.begin(), f->second.end(), uid);
        if (it == f->second.end() || *it != uid) return 0;
        return static_cast<std::uint32_t>(it - f->second.begin()) + 1;
    }

private:
    std::map<std::string, std::vector<std::uint32_t>> uids_;
};

// ---- the renderer for one step ------------------------------------------------------------------

class StepRenderer {
public:
    StepRenderer(const Lesson& lesson, const Timeline& timeline, const RenderOptions& o)
        : lesson_(lesson), timeline_(timeline), o_(o) {}

    std::string render(std::uint32_t step);

private:
    void track(const TraceEvent& e);  // update state without printing
    /// One past the events that print as one line from `i` (a run of MessageAdded), within `end`.
    std::size_t run_end(const std::vector<TraceEvent>& events, std::size_t i, std::size_t end) const;
    /// Prints events [i, j): one event, or one run from run_end().
    void emit_range(const std::vector<TraceEvent>& events, std::size_t i, std::size_t j);
    void emit_wire(const TraceEvent& e, const WireLine& w);
    void emit_text_chunk(std::string_view chunk, const std::string& prefix, std::string_view colour,
                         bool continues_line);
    void emit_literal(std::string_view bytes);
    void line(const std::string& s) {
        out_ += s;
        out_ += '\n';
    }
    std::string& selected(std::uint32_t connection) { return selected_[connection]; }
    /// The annotation text in the options' language.
    const char* tr(const char* en, const char* ru) const { return o_.lang == Language::Ru ? ru : en; }
    std::string prefix(std::uint32_t connection, bool client) const {
        std::string p = client ? "C" : "S";
        if (connection > 1) p += std::to_string(connection);
        return p + ": ";
    }

    const Lesson& lesson_;
    const Timeline& timeline_;
    const RenderOptions& o_;
    SeqTracker seqs_;
    std::map<std::uint32_t, std::string> selected_;  // connection -> selected mailbox
    std::string out_;
};

void StepRenderer::track(const TraceEvent& e) {
    std::visit(
        [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, MessageAdded>) {
                seqs_.add(d.mailbox, d.uid);
            } else if constexpr (std::is_same_v<T, MessageExpunged>) {
                seqs_.remove(d.mailbox, d.uid);
            } else if constexpr (std::is_same_v<T, MailboxSelected>) {
                selected(e.connection) = d.mailbox;
            } else if constexpr (std::is_same_v<T, MailboxClosed>) {
                if (selected(e.connection) == d.mailbox) selected(e.connection).clear();
            }
        },
        e.data);
}

std::string StepRenderer::render(std::uint32_t step) {
    const auto& events = timeline_.events();
    const std::size_t begin = std::min(timeline_.begin_of_step(step), events.size());
    const std::size_t end = std::min(timeline_.end_of_step(step), events.size());
    for (std::size_t i = 0; i < begin; ++i) track(events[i]);

    const auto total = static_cast<std::uint32_t>(lesson_.steps.size());
    const LessonStep* ls = (step >= 1 && step <= total) ? &lesson_.steps[step - 1] : nullptr;
    std::string title = ls ? ls->title.get(o_.lang) : std::string(step == 0 ? kSetupTitle.get(o_.lang) : "");
    std::string label = fmt::format("{} {} / {}", kStep.get(o_.lang), step, total);
    if (!title.empty()) label += ": " + title;
    line(paint(o_, sgr::kBold, rule(o_, "──", label, "─")));

    if (ls) {
        const std::string& narration = ls->narration.get(o_.lang);
        if (!narration.empty()) {
            out_ += wrap_text(narration, o_.width);
            line("");
        }
    }

    // A command's effects (state, flags, expunges, mailbox selected) are recorded by the engine
    // before the responses that report them; the player shows them after the command's tagged
    // completion, where the client learns of them. Wire lines are never reordered.
    std::vector<std::pair<std::size_t, std::size_t>> pending;
    std::map<std::uint32_t, std::set<std::string>> in_flight;  // connection -> tags awaiting completion
    auto any_in_flight = [&] {
        return std::any_of(in_flight.begin(), in_flight.end(), [](const auto& kv) { return !kv.second.empty(); });
    };
    auto flush = [&] {
        for (const auto& [a, b] : pending) emit_range(events, a, b);
        pending.clear();
    };
    for (std::size_t i = begin; i < end;) {
        const std::size_t j = run_end(events, i, end);
        const TraceEvent& e = events[i];
        if (const auto* w = std::get_if<WireLine>(&e.data)) {
            emit_range(events, i, j);
            if (w->kind == LineKind::ClientCommand && !w->tag.empty()) {
                in_flight[e.connection].insert(w->tag);
            } else if (w->kind == LineKind::ServerTagged) {
                in_flight[e.connection].erase(w->tag);
                if (!any_in_flight()) flush();
            }
        } else if (e.connection == 0 ? any_in_flight() : !in_flight[e.connection].empty()) {
            pending.emplace_back(i, j);
        } else {
            emit_range(events, i, j);
        }
        i = j;
    }
    flush();

    if (ls) {
        const std::string& note = ls->transcript_note.get(o_.lang);
        if (!note.empty()) {
            line("");
            out_ += paint(o_, sgr::kDim, wrap_text(std::string(kNote.get(o_.lang)) + note, o_.width, "  "));
        }
    }
    return out_;
}

std::size_t StepRenderer::run_end(const std::vector<TraceEvent>& events, std::size_t i, std::size_t end) const {
    const auto* first = std::get_if<MessageAdded>(&events[i].data);
    std::size_t j = i + 1;
    if (!first) return j;
    while (j < end) {
        const auto* m = std::get_if<MessageAdded>(&events[j].data);
        if (!m || m->mailbox != first->mailbox || events[j].connection != events[i].connection) break;
        ++j;
    }
    return j;
}

void StepRenderer::emit_range(const std::vector<TraceEvent>& events, std::size_t i, std::size_t j) {
    const TraceEvent& e = events[i];
    if (const auto* added = std::get_if<MessageAdded>(&e.data)) {
        // A run of messages added to one mailbox (fixture loading) is one line.
        std::uint32_t lo = added->uid, hi = added->uid;
        for (std::size_t k = i; k < j; ++k) {
            const auto& m = std::get<MessageAdded>(events[k].data);
            lo = std::min(lo, m.uid);
            hi = std::max(hi, m.uid);
            track(events[k]);
        }
        const std::size_t n = j - i;
        if (n == 1) {
            std::string flags = added->flags.empty() ? "" : " (" + join_flags(added->flags) + ")";
            line(paint(o_, sgr::kBlue,
                       fmt::format(fmt::runtime(tr("[message] {} UID {} added, {} octets{}", "[message] {}: добавлено письмо UID {}, {} октетов{}")), added->mailbox, added->uid,
                                   added->size, flags)));
        } else {
            line(paint(o_, sgr::kBlue,
                       fmt::format(fmt::runtime(tr("[message] {}: {} messages added (UID {}–{})", "[message] {}: добавлено писем: {} (UID {}–{})")), added->mailbox, n, lo, hi)));
        }
        return;
    }

    std::visit(
        [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, WireLine>) {
                emit_wire(e, d);
            } else if constexpr (std::is_same_v<T, StateChanged>) {
                std::string by = d.command.empty() ? "" : fmt::format(" ({})", d.command);
                if (d.from == d.to) {  // e.g. the connection opened in Not Authenticated
                    line(paint(o_, sgr::kBlue, fmt::format("[state] {}{}", to_string(d.to), by)));
                } else {
                    line(paint(o_, sgr::kBlue,
                               fmt::format("[state] {} → {}{}", to_string(d.from), to_string(d.to), by)));
                }
            } else if constexpr (std::is_same_v<T, MailboxCreated>) {
                line(paint(o_, sgr::kBlue,
                           fmt::format(fmt::runtime(tr("[mailbox] {} created (UIDVALIDITY {})", "[mailbox] {}: папка создана (UIDVALIDITY {})")), d.mailbox, d.uidvalidity)));
            } else if constexpr (std::is_same_v<T, FlagsChanged>) {
                std::string change;
                for (const auto& f : d.added) change += (change.empty() ? "+" : " +") + f;
                for (const auto& f : d.removed) change += (change.empty() ? "-" : " -") + f;
                if (change.empty()) change = "(no change)";
                const std::uint32_t seq = seqs_.seq(d.mailbox, d.uid);
                std::string who = seq ? fmt::format("#{} (UID {})", seq, d.uid) : fmt::format("UID {}", d.uid);
                std::string where = d.mailbox == selected(e.connection) ? "" : tr(" in ", " в ") + d.mailbox;
                line(paint(o_, sgr::kBlue,
                           fmt::format(fmt::runtime(tr("[flags] {}{} {}  now: ({})", "[flags] {}{} {}  теперь: ({})")), who, where, change, join_flags(d.flags))));
            } else if constexpr (std::is_same_v<T, MessageExpunged>) {
                const std::size_t after = seqs_.remove(d.mailbox, d.uid);
                std::string where = d.mailbox == selected(e.connection) ? "" : tr(" from ", " из ") + d.mailbox;
                std::string tail = after == 0
                                       ? std::string(tr("it was the last message, no numbers shift",
                                                        "это было последнее письмо, номера не сдвигаются"))
                                       : fmt::format(fmt::runtime(tr("messages after it renumber ({} shift down by one)",
                                                                     "номера писем после него уменьшаются на 1 (таких писем: {})")),
                                                     after);
                line(paint(o_, sgr::kBlue,
                           fmt::format(fmt::runtime(tr("[expunge] #{} (UID {}) removed{}; {}", "[expunge] #{} (UID {}) удалено{}; {}")), d.seq, d.uid, where, tail)));
            } else if constexpr (std::is_same_v<T, MailboxSelected>) {
                selected(e.connection) = d.mailbox;
                std::string recent = d.recent.empty() ? "" : fmt::format(", {} \\Recent", d.recent.size());
                line(paint(o_, sgr::kBlue,
                           fmt::format(fmt::runtime(tr("[mailbox] {} selected ({}){}", "[mailbox] {}: папка выбрана ({}){}")), d.mailbox,
                                       d.read_only ? "read-only" : "read-write", recent)));
            } else if constexpr (std::is_same_v<T, MailboxClosed>) {
                if (selected(e.connection) == d.mailbox) selected(e.connection).clear();
                line(paint(o_, sgr::kBlue, fmt::format(fmt::runtime(tr("[mailbox] {} closed", "[mailbox] {}: папка закрыта")), d.mailbox)));
            } else if constexpr (std::is_same_v<T, StepStarted>) {
                // The step rule already says it.
            } else if constexpr (std::is_same_v<T, MessageAdded>) {
                // Handled above.
            }
        },
        e.data);
}

void StepRenderer::emit_wire(const TraceEvent& e, const WireLine& w) {
    const bool client = w.is_client();
    const std::string p = prefix(e.connection, client);
    std::string_view colour = sgr::kNone;
    switch (w.kind) {
        case LineKind::ClientCommand:
        case LineKind::ClientContinuation: colour = sgr::kBold; break;
        case LineKind::ServerContinuation: colour = sgr::kMagenta; break;
        case LineKind::ServerTagged:
            colour = w.status == ResponseStatus::Ok    ? sgr::kGreen
                     : w.status == ResponseStatus::No  ? sgr::kYellow
                     : w.status == ResponseStatus::Bad ? sgr::kRed
                                                       : sgr::kNone;
            break;
        case LineKind::ServerUntagged:
            colour = w.status == ResponseStatus::No    ? sgr::kYellow
                     : w.status == ResponseStatus::Bad ? sgr::kRed
                                                       : sgr::kCyan;
            break;
    }

    std::vector<LiteralSpan> spans = w.literals;
    std::sort(spans.begin(), spans.end(), [](const LiteralSpan& a, const LiteralSpan& b) { return a.offset < b.offset; });
    const std::string_view text = w.text;
    std::size_t pos = 0;
    bool continues = false;
    for (const auto& s : spans) {
        if (s.offset < pos || s.offset > text.size()) continue;  // malformed span: show as text
        const std::size_t len = std::min(s.length, text.size() - s.offset);
        if (s.offset == 0) {
            // A continuation of a command starts with literal data: say whose bytes these are.
            line(paint(o_, colour, fmt::format(fmt::runtime(tr("{}(literal data, {} octets)", "{}(данные литерала, {} октетов)")), p, len)));
        }
        emit_text_chunk(text.substr(pos, s.offset - pos), p, colour, continues);
        std::string_view bytes = text.substr(s.offset, len);
        emit_literal(bytes);
        pos = s.offset + len;
        continues = !bytes.empty() && bytes.back() != '\n';
    }
    if (text.empty()) line(paint(o_, colour, p));
    else emit_text_chunk(text.substr(pos), p, colour, continues);
}

void StepRenderer::emit_text_chunk(std::string_view chunk, const std::string& prefix, std::string_view colour,
                                   bool continues_line) {
    if (chunk.empty()) return;
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (;;) {
        std::size_t crlf = chunk.find("\r\n", start);
        if (crlf == std::string_view::npos) {
            pieces.push_back(chunk.substr(start));
            break;
        }
        pieces.push_back(chunk.substr(start, crlf - start));
        start = crlf + 2;
    }
    if (pieces.size() > 1 && pieces.back().empty()) pieces.pop_back();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        std::string body = (i == 0 && continues_line ? "…" : "") + sanitize(pieces[i]);
        line(paint(o_, colour, prefix + body));
    }
}

void StepRenderer::emit_literal(std::string_view bytes) {
    std::size_t start = 0;
    while (start < bytes.size()) {
        std::size_t nl = bytes.find('\n', start);
        std::string_view piece = bytes.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
        line(paint(o_, sgr::kDim, piece.empty() ? std::string("   |") : "   | " + sanitize(piece)));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    line(paint(o_, sgr::kDim, fmt::format(fmt::runtime(tr("   └ end of literal: {} octets", "   └ конец литерала: {} октетов")), bytes.size())));
}

}  // namespace

// ---- public functions ----------------------------------------------------------------------------

std::string colored(bool color, std::string_view params, std::string_view text) {
    if (!color || params.empty()) return std::string(text);
    return "\x1b[" + std::string(params) + "m" + std::string(text) + std::string(sgr::kReset);
}

std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;  // count lead bytes only
    }
    return n;
}

std::string wrap_text(const std::string& text, std::size_t width, const std::string& indent) {
    const std::size_t indent_w = display_width(indent);
    const std::size_t avail = width > indent_w + 10 ? width - indent_w : 10;
    std::string out;
    std::size_t pstart = 0;
    while (pstart <= text.size()) {
        std::size_t pend = text.find('\n', pstart);
        if (pend == std::string::npos) pend = text.size();
        std::string_view para(text.data() + pstart, pend - pstart);
        std::string cur;
        std::size_t cur_w = 0;
        bool any = false;
        std::size_t i = 0;
        while (i < para.size()) {
            while (i < para.size() && (para[i] == ' ' || para[i] == '\t' || para[i] == '\r')) ++i;
            std::size_t j = i;
            while (j < para.size() && para[j] != ' ' && para[j] != '\t' && para[j] != '\r') ++j;
            if (j == i) break;
            std::string word(para.substr(i, j - i));
            std::size_t w = display_width(word);
            if (cur_w > 0 && cur_w + 1 + w > avail) {
                out += indent + cur + "\n";
                cur.clear();
                cur_w = 0;
            }
            if (cur_w > 0) {
                cur += ' ';
                ++cur_w;
            }
            cur += word;
            cur_w += w;
            any = true;
            i = j;
        }
        if (any) out += indent + cur + "\n";
        else out += "\n";  // an empty line separates paragraphs
        if (pend == text.size()) break;
        pstart = pend + 1;
    }
    return out;
}

std::string render_header(const Lesson& lesson, const RenderOptions& o) {
    std::string out;
    const std::string& title = lesson.title.get(o.lang);
    out += paint(o, sgr::kBold, rule(o, "══", "IMAP Lab · " + title, "═")) + "\n";
    const std::string& summary = lesson.summary.get(o.lang);
    if (!summary.empty()) out += wrap_text(summary, o.width);
    std::string meta = fmt::format("{}: {} · {} {}", kLesson.get(o.lang), lesson.file.empty() ? lesson.id : lesson.file,
                                   lesson.steps.size(), kSteps.get(o.lang));
    if (!lesson.transcript.empty()) meta += fmt::format(" · {}: {}", kTranscript.get(o.lang), lesson.transcript);
    out += paint(o, sgr::kDim, meta) + "\n";
    return out;
}

std::string render_step(const Lesson& lesson, const Timeline& timeline, std::uint32_t step, const RenderOptions& o) {
    StepRenderer r(lesson, timeline, o);
    return r.render(step);
}

std::string describe_failure(const StepCheck& check) {
    return fmt::format("step {}: expected {}, but {}", check.step, check.expectation.describe(),
                       check.actual.empty() ? std::string("it did not hold") : check.actual);
}

}  // namespace imaplab::cli
