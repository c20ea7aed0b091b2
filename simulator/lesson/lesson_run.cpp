#include "lesson/lesson_run.hpp"
#include "lesson/server_lines.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

#include "client/in_process_server.hpp"
#include "lesson/fixture_builder.hpp"
#include "lesson/pop3_expectation.hpp"
#include "store/mail_store.hpp"
#include "types/sequence_set.hpp"

namespace imaplab {
namespace {

std::string join_flags(const std::vector<std::string>& flags) {
    std::string s = "(";
    for (std::size_t i = 0; i < flags.size(); ++i) s += (i ? " " : "") + flags[i];
    return s + ")";
}

// Server lines of the events [begin, end): whole responses and, for responses with literals, their
// first physical line too (so "* 180 FETCH (... BODY[] {7077}" can be expected).
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
            case K::NoServerLineRegex:
            case K::ServerLine:
            case K::ServerLineRegex: return check_server_lines(e, step_server_lines(t_, begin_, end_, s_.connection()), actual);
            case K::TaggedStatus: {
                ResponseStatus last = ResponseStatus::None;
                for (std::size_t i = begin_; i < end_; ++i) {
                    const auto* w = std::get_if<WireLine>(&t_.events()[i].data);
                    if (w && w->kind == LineKind::ServerTagged && t_.events()[i].connection == s_.connection()) last = w->status;
                }
                actual = last == ResponseStatus::None ? "there was no tagged response" : "the tagged response is " + std::string(to_string(last));
                return last == e.status;
            }
            case K::MailboxExists:
            case K::MailboxAbsent: {
                const bool exists = s_.account() && s_.account()->find(e.text);
                actual = exists ? "mailbox " + e.text + " exists" : "there is no mailbox " + e.text;
                return exists == (e.kind == K::MailboxExists);
            }
            case K::SearchUids: return check_search(e, actual);
            case K::ClientLineRegex: {
                const std::regex re(e.text, std::regex::ECMAScript | std::regex::icase);
                for (std::size_t i = begin_; i < end_; ++i) {
                    const auto* w = std::get_if<WireLine>(&t_.events()[i].data);
                    if (w && w->is_client() && t_.events()[i].connection == s_.connection() && std::regex_search(w->text, re)) return true;
                }
                actual = "no command of the step matches";
                return false;
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

    /// The numbers of the step's SEARCH or ESEARCH ALL responses, as UIDs: UID SEARCH and ESEARCH
    /// with UID give UIDs already; sequence numbers are mapped through the session's view.
    bool check_search(const Expectation& e, std::string& actual) {
        bool uid_command = false, answered = false;
        std::vector<std::uint32_t> found;
        const std::regex uid_search("^\\S+\\s+UID\\s+SEARCH\\b", std::regex::icase);
        for (std::size_t i = begin_; i < end_; ++i) {
            const auto& ev = t_.events()[i];
            const auto* w = std::get_if<WireLine>(&ev.data);
            if (!w || ev.connection != s_.connection()) continue;
            if (w->is_client()) {
                uid_command = std::regex_search(w->text, uid_search);
                continue;
            }
            std::vector<std::uint32_t> numbers;
            bool uids = uid_command;
            if (w->text.rfind("* SEARCH", 0) == 0) {
                std::istringstream in(w->text.substr(8));
                std::uint32_t n = 0;
                while (in >> n) numbers.push_back(n);
            } else if (w->text.rfind("* ESEARCH", 0) == 0) {
                uids = w->text.find(") UID") != std::string::npos || w->text.rfind("* ESEARCH UID", 0) == 0;
                if (auto all = w->text.find(" ALL "); all != std::string::npos) {
                    std::string set = w->text.substr(all + 5);
                    set = set.substr(0, set.find(' '));
                    auto parsed = SequenceSet::parse(set);
                    if (parsed) {  // ESEARCH sets are concrete (no "*")
                        for (const Interval& r : parsed->resolve(0))
                            for (std::uint64_t n = r.low; n <= r.high; ++n) numbers.push_back(static_cast<std::uint32_t>(n));
                    }
                }
            } else {
                continue;
            }
            answered = true;
            for (std::uint32_t n : numbers) {
                if (uids) found.push_back(n);
                else if (s_.selected() && n >= 1 && n <= s_.selected()->exists()) found.push_back(s_.selected()->uids[n - 1]);
            }
        }
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        if (!answered) {
            actual = "the step has no SEARCH result";
            return false;
        }
        actual = "the search found UIDs (";
        for (std::size_t i = 0; i < found.size(); ++i) actual += (i ? " " : "") + std::to_string(found[i]);
        actual += ")";
        return found == e.uids;
    }

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

/// The lesson's world: the store built from its fixture, the in-process server with the lesson's
/// clock, and the timeline. Plays steps one at a time (LessonRun plays them all; grade_exercise
/// plays up to an exercise and then the learner's lines).
struct LessonWorld {
    explicit LessonWorld(const Lesson& lesson) : lesson_(lesson) {
        timeline.begin_step(0);
        build_fixture(lesson_.fixture, store, &timeline);
        ServerConfig config;
        config.versions = lesson_.server.versions;
        config.disabled_extensions.insert(lesson_.server.disabled_extensions.begin(), lesson_.server.disabled_extensions.end());
        config.tls_available = lesson_.server.starttls;
        config.login_disabled = lesson_.server.login_disabled;
        server = std::make_unique<InProcessServer>(store, std::move(config), &timeline);
        const std::int64_t clock = lesson_.fixture.clock;
        server->set_clock([clock] { return clock; });
        open(1);  // client 1 connects before the first step; others at their first step
    }

    /// Connects client `id` (if not yet) in the protocol the lesson gives it.
    void open(std::uint32_t id) {
        if (lesson_.protocol_of(id) == ClientProtocol::Pop3) server->pop3_client(id);
        else server->client(id);
    }

    /// Sends `lines` as step `number`'s client (as the step says: pipelined or one by one) and
    /// returns the timeline index where the step's events begin.
    std::size_t send(std::uint32_t number, const LessonStep& step, const std::vector<std::string>& lines) {
        timeline.begin_step(number);
        const std::size_t begin = timeline.size();
        open(step.client);
        if (step.pipeline) {
            server->send_pipelined(step.client, lines);
        } else {
            for (const auto& line : lines) server->send(step.client, line);
        }
        return begin;
    }

    StepCheck check(std::uint32_t number, const LessonStep& step, const Expectation& e, std::size_t begin) {
        const std::uint32_t who = e.client ? e.client : step.client;
        StepCheck c;
        c.step = number;
        c.expectation = e;
        if (lesson_.protocol_of(who) == ClientProtocol::Pop3) {
            c.passed = check_pop3_expectation(e, timeline, server->pop3_client(who).session(), begin, timeline.size(), c.actual);
            return c;
        }
        Checker checker(timeline, server->client(who).session(), begin, timeline.size());
        c.passed = checker.check(e, c.actual);
        return c;
    }

    const Lesson& lesson_;
    MailStore store;
    Timeline timeline;
    std::unique_ptr<InProcessServer> server;
};

LessonRun::LessonRun(const Lesson& lesson) : lesson_(lesson) {
    LessonWorld world(lesson_);
    for (std::uint32_t i = 0; i < lesson_.steps.size(); ++i) {
        const LessonStep& step = lesson_.steps[i];
        const std::size_t begin = world.send(i + 1, step, step.send);
        for (const auto& e : step.expect) checks_.push_back(world.check(i + 1, step, e, begin));
        if (step.exercise)
            for (const auto& e : step.exercise->goal) checks_.push_back(world.check(i + 1, step, e, begin));
    }
    timeline_ = std::move(world.timeline);
}

Result<ExerciseGrade, std::string> grade_exercise(const Lesson& lesson, std::uint32_t step, const std::vector<std::string>& lines) {
    if (step == 0 || step > lesson.steps.size() || !lesson.steps[step - 1].exercise)
        return Result<ExerciseGrade, std::string>::failure("step " + std::to_string(step) + " of lesson " + lesson.id +
                                                            " is not an exercise");
    LessonWorld world(lesson);
    for (std::uint32_t i = 0; i + 1 < step; ++i) world.send(i + 1, lesson.steps[i], lesson.steps[i].send);
    const LessonStep& s = lesson.steps[step - 1];
    const std::size_t begin = world.send(step, s, lines);
    ExerciseGrade g;
    g.passed = true;
    for (const auto& e : s.exercise->goal) {
        g.goal.push_back(world.check(step, s, e, begin));
        g.passed = g.passed && g.goal.back().passed;
    }
    if (!g.passed)
        for (const auto& f : s.exercise->feedback)
            if (world.check(step, s, f.when, begin).passed) g.feedback.push_back(f.say);
    for (std::size_t i = begin; i < world.timeline.size(); ++i) {
        const auto& ev = world.timeline.events()[i];
        if (const auto* w = std::get_if<WireLine>(&ev.data); w && ev.connection == s.client)
            g.lines.push_back((w->is_client() ? "C: " : "S: ") + w->text);
    }
    g.timeline = std::move(world.timeline);
    return g;
}

void visit_store_at_step(const Lesson& lesson, std::uint32_t step, std::uint32_t connection,
                         const std::function<void(const MailStore&, const Account*)>& visit) {
    LessonWorld world(lesson);
    const std::uint32_t last = std::min<std::uint32_t>(step, static_cast<std::uint32_t>(lesson.steps.size()));
    for (std::uint32_t i = 0; i < last; ++i) world.send(i + 1, lesson.steps[i], lesson.steps[i].send);
    const Account* account = nullptr;
    if (world.server->has_client(connection)) account = world.server->client(connection).session().account();
    visit(world.store, account);
}

LessonRun::~LessonRun() = default;

std::optional<StepCheck> LessonRun::first_failure() const {
    for (const auto& c : checks_)
        if (!c.passed) return c;
    return std::nullopt;
}

}  // namespace imaplab
