#include "lesson/lesson_run.hpp"

#include <regex>

#include "client/in_process_server.hpp"
#include "lesson/fixture_builder.hpp"
#include "store/mail_store.hpp"

namespace imaplab {
namespace {

std::string join_flags(const std::vector<std::string>& flags) {
    std::string s = "(";
    for (std::size_t i = 0; i < flags.size(); ++i) s += (i ? " " : "") + flags[i];
    return s + ")";
}

// Server lines of the events [begin, end): whole responses and, for responses with literals, their
// first physical line too (so "* 180 FETCH (... BODY[] {7077}" can be expected).
std::vector<std::string> server_lines(const Timeline& t, std::size_t begin, std::size_t end, std::uint32_t connection) {
    std::vector<std::string> lines;
    for (std::size_t i = begin; i < end; ++i) {
        const auto* w = std::get_if<WireLine>(&t.events()[i].data);
        if (!w || w->is_client() || t.events()[i].connection != connection) continue;
        lines.push_back(w->text);
        std::size_t nl = w->text.find("\r\n");
        if (nl != std::string::npos) lines.push_back(w->text.substr(0, nl));
    }
    return lines;
}

class Checker {
public:
    Checker(const Timeline& t, Session& s, std::size_t begin, std::size_t end) : t_(t), s_(s), begin_(begin), end_(end) {}

    bool check(const Expectation& e, std::string& actual) {
        using K = Expectation::Kind;
        switch (e.kind) {
            case K::State:
                actual = "the state is " + std::string(to_string(s_.state()));
                return s_.state() == e.state;
            case K::FlagPresent:
            case K::FlagAbsent: return check_flag(e, actual);
            case K::ServerLine:
            case K::ServerLineRegex: {
                auto lines = server_lines(t_, begin_, end_, s_.connection());
                for (const auto& l : lines) {
                    if (e.kind == K::ServerLine ? l == e.text : std::regex_match(l, std::regex(e.text))) return true;
                }
                actual = "no server line of the step matches; they were:";
                for (const auto& l : lines)
                    if (l.find("\r\n") == std::string::npos) actual += "\n    " + l;
                return false;
            }
            case K::TaggedStatus: {
                ResponseStatus last = ResponseStatus::None;
                for (std::size_t i = begin_; i < end_; ++i) {
                    const auto* w = std::get_if<WireLine>(&t_.events()[i].data);
                    if (w && w->kind == LineKind::ServerTagged && t_.events()[i].connection == s_.connection()) last = w->status;
                }
                actual = last == ResponseStatus::None ? "there was no tagged response" : "the tagged response is " + std::string(to_string(last));
                return last == e.status;
            }
            case K::MessageCount: {
                if (!s_.selected()) {
                    actual = "no mailbox is selected";
                    return false;
                }
                actual = "the mailbox has " + std::to_string(s_.selected()->exists()) + " messages";
                return s_.selected()->exists() == e.count;
            }
        }
        return false;
    }

private:
    const Timeline& t_;
    Session& s_;
    std::size_t begin_, end_;

    bool check_flag(const Expectation& e, std::string& actual) {
        const bool want = e.kind == Expectation::Kind::FlagPresent;
        Mailbox* mb = nullptr;
        if (!e.mailbox.empty()) {
            mb = s_.account() ? s_.account()->find(e.mailbox) : nullptr;
        } else if (s_.selected()) {
            mb = s_.selected()->mailbox;
        }
        if (!mb) {
            actual = e.mailbox.empty() ? "no mailbox is selected" : "there is no mailbox " + e.mailbox;
            return false;
        }
        std::uint32_t uid = e.uid;
        if (!uid) {
            if (!s_.selected() || s_.selected()->mailbox != mb || e.seq == 0 || e.seq > s_.selected()->exists()) {
                actual = "there is no message " + std::to_string(e.seq);
                return false;
            }
            uid = s_.selected()->uids[e.seq - 1];
        }
        auto index = mb->index_of(Uid{uid});
        if (!index) {
            actual = "there is no message with UID " + std::to_string(uid);
            return false;
        }
        const Message& m = mb->messages()[*index];
        std::vector<std::string> flags = (s_.selected() && s_.selected()->mailbox == mb) ? s_.selected()->fetch_flags(m) : mb->flag_names(m);
        bool has = false;
        for (const auto& f : flags)
            if (iequals(f, e.text)) has = true;
        actual = "its flags are " + join_flags(flags);
        return has == want;
    }
};

}  // namespace

LessonRun::LessonRun(const Lesson& lesson) : lesson_(lesson) {
    MailStore store;
    timeline_.begin_step(0);
    build_fixture(lesson_.fixture, store, &timeline_);
    InProcessServer server(store, ServerConfig{}, &timeline_);
    const std::int64_t clock = lesson_.fixture.clock;
    server.set_clock([clock] { return clock; });
    server.client(1);  // client 1 connects before the first step; others at their first step
    for (std::uint32_t i = 0; i < lesson_.steps.size(); ++i) {
        const LessonStep& step = lesson_.steps[i];
        const std::uint32_t number = i + 1;
        timeline_.begin_step(number);
        const std::size_t begin = timeline_.size();
        server.client(step.client);
        if (step.pipeline) {
            server.send_pipelined(step.client, step.send);
        } else {
            for (const auto& line : step.send) server.send(step.client, line);
        }
        for (const auto& e : step.expect) {
            const std::uint32_t who = e.client ? e.client : step.client;
            Checker checker(timeline_, server.client(who).session(), begin, timeline_.size());
            StepCheck c;
            c.step = number;
            c.expectation = e;
            c.passed = checker.check(e, c.actual);
            checks_.push_back(std::move(c));
        }
    }
}

LessonRun::~LessonRun() = default;

std::optional<StepCheck> LessonRun::first_failure() const {
    for (const auto& c : checks_)
        if (!c.passed) return c;
    return std::nullopt;
}

}  // namespace imaplab
