// The lecture lesson played against our server: expectations, the trace (state, flag-change and
// expunge events), the projection the views draw, and the comparison with the recorded transcript.
#include <catch2/catch.hpp>

#include <algorithm>

#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"
#include "lesson/transcript.hpp"
#include "trace/session_view.hpp"
#include "trace/trace_json.hpp"

using namespace imaplab;

namespace {
const std::string kLesson = std::string(IMAPLAB_SOURCE_DIR) + "/lessons/16-lecture-cyrus-session.json";

Lesson load() {
    auto r = load_lesson_file(kLesson);
    if (!r) FAIL(r.error().to_string());
    return r.value();
}

template <class T>
std::vector<const T*> events_of(const Timeline& t, std::uint32_t step) {
    std::vector<const T*> out;
    for (std::size_t i = t.begin_of_step(step); i < t.end_of_step(step); ++i)
        if (const auto* d = std::get_if<T>(&t.events()[i].data)) out.push_back(d);
    return out;
}

std::uint32_t step_of_command(const Timeline& t, std::string_view command) {
    for (const auto& e : t.events())
        if (const auto* w = std::get_if<WireLine>(&e.data); w && w->kind == LineKind::ClientCommand && w->text == command) return e.step;
    FAIL("no client command " << command);
    return 0;
}
}  // namespace

TEST_CASE("the lecture lesson meets all its expectations", "[lesson-run]") {
    LessonRun run(load());
    for (const auto& c : run.checks()) {
        INFO("step " << c.step << ": " << c.expectation.describe() << " — " << c.actual);
        CHECK(c.passed);
    }
    CHECK_FALSE(run.first_failure());
    CHECK(run.checks().size() >= 8);
}

TEST_CASE("the lesson replays byte for byte", "[lesson-run][trace]") {
    Lesson lesson = load();
    LessonRun a(lesson), b(lesson);
    CHECK(to_json(a.timeline()).dump() == to_json(b.timeline()).dump());
}

TEST_CASE("trace: state changes, flag changes and the expunge, in wire order", "[lesson-run][trace]") {
    LessonRun run(load());
    const Timeline& t = run.timeline();

    const auto login = step_of_command(t, "A0001 LOGIN username password");
    auto states = events_of<StateChanged>(t, login);
    REQUIRE(states.size() == 1);
    CHECK(states[0]->from == SessionState::NotAuthenticated);
    CHECK(states[0]->to == SessionState::Authenticated);
    CHECK(states[0]->command == "LOGIN");

    const auto body = step_of_command(t, "A0005 FETCH 180 BODY[]");
    auto seen = events_of<FlagsChanged>(t, body);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0]->uid == 29047);
    CHECK(seen[0]->added == std::vector<std::string>{"\\Seen"});
    CHECK(seen[0]->removed.empty());

    const auto store = step_of_command(t, "A0006 STORE 180 +FLAGS \\Deleted");
    auto deleted = events_of<FlagsChanged>(t, store);
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0]->added == std::vector<std::string>{"\\Deleted"});
    CHECK(deleted[0]->flags == std::vector<std::string>{"\\Deleted", "\\Seen"});

    const auto expunge = step_of_command(t, "A0007 EXPUNGE");
    auto gone = events_of<MessageExpunged>(t, expunge);
    REQUIRE(gone.size() == 1);
    CHECK(gone[0]->mailbox == "INBOX");
    CHECK(gone[0]->uid == 29047);
    CHECK(gone[0]->seq == 180);

    // Wire order inside the STORE step: client line, flag change, untagged FETCH, tagged OK.
    std::vector<std::string> order;
    for (std::size_t i = t.begin_of_step(store); i < t.end_of_step(store); ++i) {
        const auto& d = t.events()[i].data;
        if (const auto* w = std::get_if<WireLine>(&d)) order.push_back(w->text);
        else if (std::holds_alternative<FlagsChanged>(d)) order.push_back("[flags]");
    }
    CHECK(order == std::vector<std::string>{"A0006 STORE 180 +FLAGS \\Deleted", "[flags]", "* 180 FETCH (FLAGS (\\Deleted \\Seen \\Recent))",
                                            "A0006 OK Store completed."});
}

TEST_CASE("the literal of FETCH 180 BODY[] is 7077 octets and marked as a literal", "[lesson-run][trace]") {
    LessonRun run(load());
    const Timeline& t = run.timeline();
    const auto body = step_of_command(t, "A0005 FETCH 180 BODY[]");
    bool found = false;
    for (std::size_t i = t.begin_of_step(body); i < t.end_of_step(body); ++i) {
        const auto* w = std::get_if<WireLine>(&t.events()[i].data);
        if (!w || w->kind != LineKind::ServerUntagged) continue;
        REQUIRE(w->literals.size() == 1);
        CHECK(w->literals[0].length == 7077);
        CHECK(w->text.substr(0, w->literals[0].offset) == "* 180 FETCH (FLAGS (\\Seen \\Recent) BODY[] {7077}\r\n");
        CHECK(w->text.substr(w->literals[0].offset + 7077) == ")");
        found = true;
    }
    CHECK(found);
}

TEST_CASE("projection: what the views show at each step", "[lesson-run][projection]") {
    LessonRun run(load());
    const Timeline& t = run.timeline();

    SessionView setup = project(t, 0);
    CHECK(setup.state == SessionState::NotAuthenticated);
    REQUIRE(setup.mailboxes.size() == 5);
    CHECK(setup.mailboxes[0].name == "INBOX");
    CHECK(setup.mailboxes[0].has_children);
    CHECK(setup.mailboxes[1].leaf == "Drafts");
    CHECK(setup.mailboxes[1].depth == 1);
    CHECK(setup.messages.size() == 180);

    const auto store = step_of_command(t, "A0006 STORE 180 +FLAGS \\Deleted");
    SessionView at_store = project(t, store);
    CHECK(at_store.state == SessionState::Selected);
    CHECK(at_store.selected_mailbox == "INBOX");
    const MessageRow& m180 = at_store.messages.back();
    CHECK(m180.seq == 180);
    CHECK(m180.uid == 29047);
    CHECK(m180.flags == std::vector<std::string>{"\\Deleted", "\\Seen", "\\Recent"});
    CHECK(m180.added == std::vector<std::string>{"\\Deleted"});
    CHECK(at_store.transitions.empty());

    SessionView at_expunge = project(t, store + 1);
    REQUIRE(at_expunge.messages.size() == 180);  // the leaving row is still shown in this step
    CHECK(at_expunge.messages.back().leaving);
    CHECK(at_expunge.messages.back().seq == 0);
    CHECK(at_expunge.messages.back().prev_seq == 180);
    CHECK(at_expunge.mailboxes[0].messages == 179);

    SessionView after = project(t, store + 2);
    CHECK(after.messages.size() == 179);
    CHECK(after.state == SessionState::Logout);
    REQUIRE(after.transitions.size() == 1);
    CHECK(after.transitions[0].command == "LOGOUT");
    CHECK(after.selected_mailbox.empty());
    // Stepping back is exact: projecting an earlier step again gives the same rows.
    CHECK(project(t, store).messages.back().flags == m180.flags);
}

TEST_CASE("our lines match the lecture transcript wherever a step does not explain a difference", "[lesson-run][transcript]") {
    Lesson lesson = load();
    REQUIRE(lesson.transcript == "transcripts/lecture-cyrus-session.txt");
    auto tr = load_transcript_file(std::string(IMAPLAB_SOURCE_DIR) + "/" + lesson.transcript);
    if (!tr) FAIL(tr.error().to_string());
    LessonRun run(lesson);
    const Timeline& t = run.timeline();

    // Our exchange, grouped by client command: the server's physical lines after each command
    // (the literal's octets are one opaque unit, as in the transcript).
    struct Exchange {
        std::string command;
        std::uint32_t step = 0;
        std::vector<std::string> server;
    };
    std::vector<Exchange> ours(1);  // ours[0]: before the first command (the greeting)
    for (const auto& e : t.events()) {
        const auto* w = std::get_if<WireLine>(&e.data);
        if (!w) continue;
        if (e.step >= 1 && lesson.steps.at(e.step - 1).exercise) continue;  // the learner's lines, not the lecture's
        if (w->kind == LineKind::ClientCommand) {
            ours.push_back({w->text, e.step, {}});
        } else if (!w->is_client()) {
            std::string first = w->text.substr(0, w->text.find("\r\n"));
            ours.back().server.push_back(first);
            if (!w->literals.empty()) ours.back().server.push_back(w->text.substr(w->literals.back().offset + w->literals.back().length));
        }
    }
    std::vector<Exchange> theirs(1);
    std::vector<std::vector<const TranscriptLine*>> their_lines(1);
    for (const auto& l : tr->lines) {
        if (l.is_client()) {
            theirs.push_back({l.text, 0, {}});
            their_lines.emplace_back();
        } else {
            their_lines.back().push_back(&l);
        }
    }
    REQUIRE(ours.size() == theirs.size());
    ours[0].step = 1;  // the greeting is explained with the first step

    auto matches = [](const std::vector<const TranscriptLine*>& pat, std::size_t pi, const std::vector<std::string>& got, std::size_t gi,
                      auto& self) -> bool {
        if (pi == pat.size()) return gi == got.size();
        if (pat[pi]->elision) {
            for (std::size_t k = gi; k <= got.size(); ++k)
                if (self(pat, pi + 1, got, k, self)) return true;
            return false;
        }
        return gi < got.size() && got[gi] == pat[pi]->text && self(pat, pi + 1, got, gi + 1, self);
    };

    std::size_t differing = 0;
    for (std::size_t i = 0; i < ours.size(); ++i) {
        if (i > 0) CHECK(ours[i].command == theirs[i].command);
        const bool same = matches(their_lines[i], 0, ours[i].server, 0, matches);
        if (same) continue;
        ++differing;
        const LessonStep& step = lesson.steps.at(ours[i].step - 1);
        INFO("exchange " << i << " (" << (i ? ours[i].command : std::string("greeting")) << ") differs from the transcript");
        CHECK_FALSE(step.transcript_note.en.empty());
        CHECK_FALSE(step.transcript_note.ru.empty());
    }
    CHECK(differing > 0);  // Cyrus's texts are not ours: the comparison must notice that
}
