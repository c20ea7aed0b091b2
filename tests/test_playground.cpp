// playground/: the playground window's non-GUI core (issue 6): a sandbox session driven by
// actions, exact Back by replay, commands in flight, the mailbox diff between steps, the
// renumbering animation of the seq-vs-UID view, and export as a transcript and a lesson skeleton.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "lesson/fixture_file.hpp"
#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"
#include "playground/playground.hpp"
#include "playground/step_diff.hpp"
#include "store/mail_store.hpp"
#include "trace/session_view.hpp"
#include "trace/trace_json.hpp"

using namespace imaplab;

namespace Catch {
template <>
struct StringMaker<FlagDelta> {
    static std::string convert(const FlagDelta& d) {
        std::string s = "{uid " + std::to_string(d.uid) + " +(";
        for (const auto& f : d.added) s += f + " ";
        s += ") -(";
        for (const auto& f : d.removed) s += f + " ";
        return s + ")}";
    }
};
template <>
struct StringMaker<SeqChange> {
    static std::string convert(const SeqChange& c) {
        return "{uid " + std::to_string(c.uid) + ": " + std::to_string(c.before) + "->" + std::to_string(c.after) + "}";
    }
};
template <>
struct StringMaker<RenumberRow> {
    static std::string convert(const RenumberRow& r) {
        return "{uid " + std::to_string(r.uid) + ": " + std::to_string(r.from_seq) + "->" + std::to_string(r.to_seq) +
               (r.leaving ? " leaving" : "") + (r.arriving ? " arriving" : "") + "}";
    }
};
template <>
struct StringMaker<RowPosition> {
    static std::string convert(const RowPosition& p) { return "{slot " + std::to_string(p.slot) + ", opacity " + std::to_string(p.opacity) + "}"; }
};
template <>
struct StringMaker<InFlightCommand> {
    static std::string convert(const InFlightCommand& c) { return "{" + c.tag + " \"" + c.command + "\" @" + std::to_string(c.sent_at) + "}"; }
};
}  // namespace Catch

namespace {

const std::string kGreeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready.";
const std::string kLoginOk =
    " OK [CAPABILITY IMAP4rev1 SASL-IR ID ENABLE IDLE UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED ESEARCH SEARCHRES LIST-STATUS "
    "BINARY MOVE STATUS=SIZE LITERAL+ SPECIAL-USE CREATE-SPECIAL-USE ACL RIGHTS=texk] Logged in";

using Lines = std::vector<std::pair<std::uint32_t, std::string>>;

/// The wire lines of `step` as (connection, "kind text").
Lines wire(const Timeline& t, std::uint32_t step) {
    Lines out;
    for (std::size_t i = t.begin_of_step(step); i < t.end_of_step(step); ++i)
        if (const auto* w = std::get_if<WireLine>(&t.events()[i].data))
            out.emplace_back(t.events()[i].connection, std::string(to_string(w->kind)) + " " + w->text);
    return out;
}

void ok(const Result<std::uint32_t>& r) {
    if (!r) FAIL(r.error());
}

/// Client `id` logs in and selects INBOX (two steps).
void open_inbox(Playground& pg, std::uint32_t id, const std::string& prefix) {
    ok(pg.send(id, prefix + "1 LOGIN username password"));
    ok(pg.send(id, prefix + "2 SELECT INBOX"));
}

std::string json_of(const Timeline& t) { return to_json(t).dump(); }

}  // namespace

TEST_CASE("playground: the default sandbox starts with client 1 greeted and six messages in INBOX", "[playground]") {
    Playground pg = Playground::sandbox();
    CHECK(pg.step_count() == 0);
    CHECK(pg.current_step() == 0);
    CHECK(pg.clients() == std::vector<std::uint32_t>{1});
    CHECK(wire(pg.timeline(), 0) == Lines{{1, "server_untagged " + kGreeting}});
    CHECK(pg.client_state(1) == SessionState::NotAuthenticated);
    CHECK(pg.next_tag(1) == "A0001");
    CHECK(pg.next_tag(2) == "B0001");
    const SessionView v = project(pg.timeline(), 0, 1);
    REQUIRE(v.messages.size() == 6);
    CHECK(v.messages[5].uid == 6);
    CHECK(v.messages[5].subject == "Weekend");
    std::vector<std::string> boxes;
    for (const auto& m : v.mailboxes) boxes.push_back(m.name);
    CHECK(boxes == std::vector<std::string>{"INBOX", "Sent", "Trash"});
    // The fixture is in the lessons' format: written out and read back, it is the same.
    const auto again = parse_fixture(fixture_to_json(pg.fixture()).dump(), "again.json", "");
    if (!again) FAIL(again.error().to_string());
    CHECK(fixture_to_json(*again) == fixture_to_json(pg.fixture()));
    // rev2 on request.
    Playground rev2 = Playground::sandbox(ProtocolVersions::Rev2);
    CHECK(wire(rev2.timeline(), 0).at(0).second.rfind("server_untagged * OK [CAPABILITY IMAP4rev2 ", 0) == 0);
}

TEST_CASE("playground: each action is a step; client B sees A's EXPUNGE in IDLE at once, client C on its NOOP", "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "a");
    REQUIRE(pg.add_client().value() == 2);
    CHECK(pg.current_step() == 3);
    CHECK(wire(pg.timeline(), 3) == Lines{{2, "server_untagged " + kGreeting}});
    open_inbox(pg, 2, "b");
    ok(pg.send(2, "b3 IDLE"));
    REQUIRE(pg.add_client().value() == 3);
    open_inbox(pg, 3, "c");
    CHECK(pg.clients() == std::vector<std::uint32_t>{1, 2, 3});
    CHECK(pg.client_state(2) == SessionState::Selected);
    CHECK(pg.next_tag(1) == "A0003");
    CHECK(pg.next_tag(3) == "C0003");
    ok(pg.send(1, "a3 STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
    ok(pg.send(1, "a4 EXPUNGE"));
    const std::uint32_t expunge = pg.current_step();
    CHECK(expunge == 11);
    CHECK(wire(pg.timeline(), expunge) == Lines{{1, "client_command a4 EXPUNGE"},
                                                 {1, "server_untagged * 4 EXPUNGE"},
                                                 {1, "server_untagged * 2 EXPUNGE"},
                                                 {1, "server_tagged a4 OK Expunge completed."},
                                                 {2, "server_untagged * 4 EXPUNGE"},
                                                 {2, "server_untagged * 2 EXPUNGE"}});
    ok(pg.send(3, "c3 NOOP"));
    CHECK(wire(pg.timeline(), expunge + 1) == Lines{{3, "client_command c3 NOOP"},
                                                     {3, "server_untagged * 4 EXPUNGE"},
                                                     {3, "server_untagged * 2 EXPUNGE"},
                                                     {3, "server_tagged c3 OK NOOP completed."}});
    // Every step opens with its StepStarted marker, so project() sees the steps.
    const Timeline& t = pg.timeline();
    for (std::uint32_t s = 1; s <= pg.step_count(); ++s) {
        const auto* marker = std::get_if<StepStarted>(&t.events()[t.begin_of_step(s)].data);
        REQUIRE(marker);
        CHECK(marker->step == s);
    }
    CHECK(project(t, expunge, 2).messages.size() == 6);  // two leaving rows
    CHECK(project(t, expunge + 1, 2).messages.size() == 4);
}

TEST_CASE("project: a session keeps the numbers it knows until it is told of another session's EXPUNGE, RFC 9051 §7.5.1",
          "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "a");
    REQUIRE(pg.add_client().value() == 2);
    open_inbox(pg, 2, "b");
    ok(pg.send(1, "a3 STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
    ok(pg.send(1, "a4 EXPUNGE"));
    const std::uint32_t expunge = pg.current_step();
    auto rows = [&](std::uint32_t step, std::uint32_t connection) {
        std::vector<std::string> out;
        for (const MessageRow& r : project(pg.timeline(), step, connection).messages)
            out.push_back(std::to_string(r.seq) + ":" + std::to_string(r.uid) + (r.leaving ? " leaving" : "") +
                          (r.expunge_pending ? " pending" : ""));
        return out;
    };
    // Client A was told at once: 2 and 4 leave, 3 5 6 are renumbered.
    CHECK(rows(expunge, 1) == std::vector<std::string>{"1:1", "0:2 leaving", "2:3", "0:4 leaving", "3:5", "4:6"});
    // Client B has heard nothing: its numbers stand, 2 and 4 are gone from the store only.
    CHECK(rows(expunge, 2) == std::vector<std::string>{"1:1", "2:2 pending", "3:3", "4:4 pending", "5:5", "6:6"});
    CHECK(project(pg.timeline(), expunge, 2).mailboxes.front().messages == 6);
    ok(pg.send(2, "b3 NOOP"));  // "* 4 EXPUNGE", "* 2 EXPUNGE"
    CHECK(rows(expunge + 1, 2) == std::vector<std::string>{"1:1", "0:2 leaving", "2:3", "0:4 leaving", "3:5", "4:6"});
    CHECK(rows(expunge + 1, 2) == rows(expunge, 1));
    // A session that closes the mailbox without being told: the store's state when it leaves.
    ok(pg.send(1, "a5 STORE 1 +FLAGS.SILENT (\\Deleted)"));
    ok(pg.send(1, "a6 EXPUNGE"));
    CHECK(rows(pg.current_step(), 2) == std::vector<std::string>{"1:1 pending", "2:3", "3:5", "4:6"});
    ok(pg.send(2, "b4 UNSELECT"));
    const SessionView after = project(pg.timeline(), pg.current_step(), 2, "INBOX");
    REQUIRE(after.messages.size() == 4);
    CHECK(after.messages[0].leaving);
    CHECK(after.messages[1].seq == 1);
}

TEST_CASE("playground: removing a client closes its connection and it hears nothing more", "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "a");
    ok(pg.add_client());
    open_inbox(pg, 2, "b");
    ok(pg.send(2, "b3 IDLE"));
    const auto removed = pg.remove_client(2);
    REQUIRE(removed);
    CHECK(*removed == pg.current_step());
    CHECK(pg.clients() == std::vector<std::uint32_t>{1});
    const Timeline& t = pg.timeline();
    const TraceEvent& closed = t.events().back();
    CHECK(closed.connection == 2);
    const auto* cc = std::get_if<ConnectionChanged>(&closed.data);
    REQUIRE(cc);
    CHECK(cc->kind == ConnectionChanged::Kind::Closed);
    CHECK(cc->peer == "playground client 2");
    CHECK(cc->detail == "disconnected");
    CHECK(pg.client_state(2) == SessionState::Selected);  // its last state, from the trace
    ok(pg.send(1, "a3 STORE 1 +FLAGS (\\Deleted)"));
    ok(pg.send(1, "a4 EXPUNGE"));
    CHECK(wire(pg.timeline(), pg.current_step()) == Lines{{1, "client_command a4 EXPUNGE"},
                                                          {1, "server_untagged * 1 EXPUNGE"},
                                                          {1, "server_tagged a4 OK Expunge completed."}});
    // Acting as a removed or unknown client is refused, and nothing is recorded.
    const std::uint32_t steps = pg.step_count();
    const std::size_t events = pg.timeline().size();
    auto r = pg.send(2, "b4 NOOP");
    REQUIRE_FALSE(r);
    CHECK(r.error() == "there is no client 2 (connected: 1)");
    r = pg.remove_client(2);
    REQUIRE_FALSE(r);
    CHECK(r.error() == "there is no connected client 2");
    CHECK(pg.step_count() == steps);
    CHECK(pg.timeline().size() == events);
    // A new client gets a new id: ids are connection ids and are never reused.
    CHECK(pg.add_client().value() == 3);
}

TEST_CASE("playground: a literal typed with the command makes the + round trip; bad input is refused whole", "[playground]") {
    Playground pg = Playground::sandbox();
    ok(pg.send(1, "a1 LOGIN {8}\nusername password"));
    CHECK(wire(pg.timeline(), 1) == Lines{{1, "client_command a1 LOGIN {8}"},
                                          {1, "server_continuation + OK"},
                                          {1, "client_continuation username password"},
                                          {1, "server_tagged a1" + kLoginOk}});
    CHECK(pg.client_state(1) == SessionState::Authenticated);
    const std::size_t events = pg.timeline().size();
    auto err = [&](const std::string& command) {
        auto r = pg.send(1, command);
        REQUIRE_FALSE(r);
        return r.error();
    };
    CHECK(err("") == "the command is empty");
    CHECK(err("a2 NOOP\na3 NOOP") ==
          "the command holds a line end that does not follow a literal announcement {n}: send one command at a time, or pipeline them");
    CHECK(err("a2 APPEND INBOX {24}\r\nSubject: hi\r\n\r\nhello") == "the command announces a literal {n} longer than the octets that follow it");
    auto p = pg.send_pipelined(1, {"a2 NOOP", ""});
    REQUIRE_FALSE(p);
    CHECK(p.error() == "command 2: the command is empty");
    p = pg.send_pipelined(1, {});
    REQUIRE_FALSE(p);
    CHECK(p.error() == "no commands to pipeline");
    CHECK(pg.step_count() == 1);
    CHECK(pg.timeline().size() == events);
    // A syntax error is still sent: the learner sees the server's BAD.
    ok(pg.send(1, "a2 FETCH"));
    CHECK(wire(pg.timeline(), 2).back().second.rfind("server_tagged a2 BAD ", 0) == 0);
    // After LOGOUT the server has closed the connection.
    ok(pg.send(1, "a3 LOGOUT"));
    CHECK(pg.client_state(1) == SessionState::Logout);
    CHECK(err("a4 NOOP") == "the server has closed client 1's connection; remove the client or add a new one");
}

TEST_CASE("playground: jump_to(k) replays to exactly the timeline recorded at step k; a new action drops the later steps", "[playground]") {
    Playground pg = Playground::sandbox();
    std::vector<std::string> at{json_of(pg.timeline())};
    auto keep = [&](const Result<std::uint32_t>& r) {
        ok(r);
        REQUIRE(pg.current_step() == at.size());
        at.push_back(json_of(pg.timeline()));
    };
    keep(pg.send(1, "a1 LOGIN username password"));
    keep(pg.send(1, "a2 SELECT INBOX"));
    keep(pg.add_client());
    keep(pg.send(2, "b1 LOGIN {8}\r\nusername password"));
    keep(pg.send_pipelined(2, {"b2 SELECT INBOX", "b3 IDLE"}));
    keep(pg.send(1, "a3 APPEND INBOX (\\Seen) {23}\r\nSubject: new\r\n\r\nhello\r\n"));
    keep(pg.send(1, "a4 STORE 1:3 +FLAGS (\\Deleted)"));
    keep(pg.send(1, "a5 EXPUNGE"));
    keep(pg.send(1, "a6 CREATE Projects"));
    keep(pg.remove_client(2));
    REQUIRE(pg.step_count() == 10);
    const std::string full = json_of(pg.timeline());
    const auto actions = pg.actions();

    for (std::uint32_t k : {3u, 7u, 0u, 10u, 5u, 9u, 1u, 1u}) {
        INFO("jump to step " << k);
        const auto r = pg.jump_to(k);
        REQUIRE(r);
        CHECK(*r == k);
        CHECK(pg.current_step() == k);
        CHECK(pg.step_count() == 10);
        CHECK(json_of(pg.timeline()) == at[k]);
        CHECK(json_of(pg.recorded_timeline()) == full);
    }
    auto past = pg.jump_to(11);
    REQUIRE_FALSE(past);
    CHECK(past.error() == "step 11 is past the last recorded step 10");

    REQUIRE(pg.jump_to(4));
    CHECK(pg.clients() == std::vector<std::uint32_t>{1, 2});
    CHECK(pg.client_state(2) == SessionState::Authenticated);
    CHECK(pg.next_tag(2) == "B0002");
    // A new action after the jump back: steps 5..10 are gone.
    ok(pg.send(2, "b2 NOOP"));
    CHECK(pg.step_count() == 5);
    CHECK(pg.current_step() == 5);
    CHECK(std::vector<PlaygroundAction>(actions.begin(), actions.begin() + 4) ==
          std::vector<PlaygroundAction>(pg.actions().begin(), pg.actions().begin() + 4));
    CHECK(pg.actions().back() == PlaygroundAction{PlaygroundAction::Kind::Send, 2, {"b2 NOOP"}});
    CHECK(json_of(pg.recorded_timeline()) == json_of(pg.timeline()));
    CHECK(wire(pg.timeline(), 5) == Lines{{2, "client_command b2 NOOP"}, {2, "server_tagged b2 OK NOOP completed."}});
}

TEST_CASE("in_flight_at: pipelined commands stay in flight until their tagged response, RFC 9051 §5.5", "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "x");
    ok(pg.send_pipelined(1, {"a FETCH 1 FLAGS", "b NOOP", "c FETCH 2 FLAGS"}));
    const Timeline& t = pg.timeline();
    const std::size_t begin = t.begin_of_step(3) + 1;  // after the StepStarted marker
    REQUIRE(wire(t, 3) == Lines{{1, "client_command a FETCH 1 FLAGS"},
                                {1, "client_command b NOOP"},
                                {1, "client_command c FETCH 2 FLAGS"},
                                {1, "server_untagged * 1 FETCH (FLAGS (\\Seen))"},
                                {1, "server_tagged a OK Fetch completed."},
                                {1, "server_tagged b OK NOOP completed."},
                                {1, "server_untagged * 2 FETCH (FLAGS (\\Flagged \\Seen))"},
                                {1, "server_tagged c OK Fetch completed."}});
    using F = std::vector<InFlightCommand>;
    const InFlightCommand a{"a", "a FETCH 1 FLAGS", begin}, b{"b", "b NOOP", begin + 1}, c{"c", "c FETCH 2 FLAGS", begin + 2};
    CHECK(in_flight_at(t, 1, begin - 1).empty());
    CHECK(in_flight_at(t, 1, begin) == F{a});
    CHECK(in_flight_at(t, 1, begin + 1) == F{a, b});
    CHECK(in_flight_at(t, 1, begin + 2) == F{a, b, c});
    CHECK(in_flight_at(t, 1, begin + 3) == F{a, b, c});  // * 1 FETCH: untagged data completes nothing
    CHECK(in_flight_at(t, 1, begin + 4) == F{b, c});     // a OK
    CHECK(in_flight_at(t, 1, begin + 5) == F{c});        // b OK
    CHECK(in_flight_at(t, 1, begin + 6) == F{c});
    CHECK(in_flight_at(t, 1, begin + 7).empty());  // c OK
    CHECK(in_flight_at(t, 2, begin + 2).empty());  // another connection
    // IDLE stays in flight across DONE (a continuation) until its tagged OK; past the end = the end.
    ok(pg.send(1, "d IDLE"));
    CHECK(in_flight_at(pg.timeline(), 1, 1u << 30) == F{{"d", "d IDLE", pg.timeline().end_of_step(3) + 1}});
    ok(pg.send(1, "DONE"));
    CHECK(in_flight_at(pg.timeline(), 1, pg.timeline().size()).empty());
}

TEST_CASE("diff_steps: messages added, expunged, renumbered and reflagged by UID; mailboxes created, deleted, renamed", "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "a");                                                   // step 2
    ok(pg.send(1, "a3 STORE 2,4 +FLAGS.SILENT (\\Deleted)"));                 // 3
    ok(pg.send(1, "a4 EXPUNGE"));                                             // 4
    ok(pg.send(1, "a5 STORE 3 +FLAGS.SILENT (\\Flagged)"));                   // 5: message 3 is UID 5 now
    ok(pg.send(1, "a6 STORE 1 -FLAGS.SILENT (\\Seen)"));                      // 6
    ok(pg.send(1, "a7 APPEND INBOX {20}\r\nSubject: new\r\n\r\nhi\r\n"));     // 7
    ok(pg.send(1, "a8 CREATE Projects"));                                     // 8
    ok(pg.send(1, "a9 RENAME Sent Outbox"));                                  // 9
    ok(pg.send(1, "a10 DELETE Trash"));                                       // 10
    ok(pg.send(1, "a11 CREATE Tmp"));                                         // 11
    ok(pg.send(1, "a12 DELETE Tmp"));                                         // 12
    const Timeline& t = pg.timeline();

    auto d = diff_steps(t, 2, 12, 1);
    REQUIRE(d);
    CHECK(d->mailbox == "INBOX");
    CHECK(d->mailbox_before == "INBOX");
    CHECK(d->added == std::vector<std::uint32_t>{7});
    CHECK(d->expunged == std::vector<std::uint32_t>{2, 4});
    CHECK(d->flags == std::vector<FlagDelta>{{1, {}, {"\\Seen"}}, {5, {"\\Flagged"}, {}}});
    CHECK(d->renumbered == std::vector<SeqChange>{{3, 3, 2}, {5, 5, 3}, {6, 6, 4}});
    CHECK(d->mailboxes_created == std::vector<std::string>{"Projects"});
    CHECK(d->mailboxes_deleted == std::vector<std::string>{"Trash"});
    CHECK(d->mailboxes_renamed == std::vector<MailboxRename>{{"Sent", "Outbox"}});

    // Backwards in time: the same changes the other way round.
    auto back = diff_steps(t, 12, 2, 1);
    REQUIRE(back);
    CHECK(back->added == std::vector<std::uint32_t>{2, 4});
    CHECK(back->expunged == std::vector<std::uint32_t>{7});
    CHECK(back->flags == std::vector<FlagDelta>{{1, {"\\Seen"}, {}}, {5, {}, {"\\Flagged"}}});
    CHECK(back->renumbered == std::vector<SeqChange>{{3, 2, 3}, {5, 3, 5}, {6, 4, 6}});
    CHECK(back->mailboxes_created == std::vector<std::string>{"Trash"});
    CHECK(back->mailboxes_deleted == std::vector<std::string>{"Projects"});
    CHECK(back->mailboxes_renamed == std::vector<MailboxRename>{{"Outbox", "Sent"}});

    // The step of the EXPUNGE itself: expunged messages are gone after it.
    auto step = diff_steps(t, 3, 4, 1);
    REQUIRE(step);
    CHECK(step->expunged == std::vector<std::uint32_t>{2, 4});
    CHECK(step->flags.empty());
    CHECK(diff_steps(t, 5, 5, 1)->empty());
    // A mailbox followed through its RENAME.
    auto sent = diff_steps(t, 2, 12, 1, "Outbox");
    REQUIRE(sent);
    CHECK(sent->mailbox_before == "Sent");
    CHECK(sent->added.empty());
    auto past = diff_steps(t, 2, 13, 1);
    REQUIRE_FALSE(past);
    CHECK(past.error() == "step 13 is past the timeline's last step 12");
}

TEST_CASE("renumbering: expunging messages 2 and 4 of 6 renumbers 3→2, 5→3, 6→4; UIDs stay", "[playground]") {
    Playground pg = Playground::sandbox();
    open_inbox(pg, 1, "a");
    ok(pg.send(1, "a3 STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
    ok(pg.send(1, "a4 EXPUNGE"));
    const auto rows = renumbering(project(pg.timeline(), pg.current_step(), 1));
    CHECK(rows == std::vector<RenumberRow>{{1, 1, 1, false, false},
                                           {2, 2, 0, true, false},
                                           {3, 3, 2, false, false},
                                           {4, 4, 0, true, false},
                                           {5, 5, 3, false, false},
                                           {6, 6, 4, false, false}});
    CHECK(row_position(rows[2], 0) == RowPosition{3, 1});
    CHECK(row_position(rows[2], 0.5) == RowPosition{2.5, 1});
    CHECK(row_position(rows[4], 0.5) == RowPosition{4, 1});
    CHECK(row_position(rows[5], 1) == RowPosition{4, 1});
    CHECK(row_position(rows[1], 0.25) == RowPosition{2, 0.75});
    CHECK(row_position(rows[3], 1) == RowPosition{4, 0});
    CHECK(row_position(rows[0], 0.7) == RowPosition{1, 1});
    CHECK(row_position(rows[2], 7) == RowPosition{2, 1});     // clamped
    CHECK(row_position(rows[2], -1) == RowPosition{3, 1});
    CHECK(row_position(rows[2], std::nan("")) == RowPosition{3, 1});
    // A message appended during the step arrives: it fades in at its new number.
    ok(pg.send(1, "a5 APPEND INBOX {20}\r\nSubject: new\r\n\r\nhi\r\n"));
    const auto after = renumbering(project(pg.timeline(), pg.current_step(), 1));
    REQUIRE(after.size() == 5);
    CHECK(after.back() == RenumberRow{7, 0, 5, false, true});
    CHECK(row_position(after.back(), 0.25) == RowPosition{5, 0.25});
    CHECK(after[1] == RenumberRow{3, 2, 2, false, false});
}

TEST_CASE("playground export: a client's session as a C:/S: transcript", "[playground]") {
    Playground pg = Playground::sandbox();
    ok(pg.send(1, "a1 LOGIN {8}\nusername password"));
    ok(pg.add_client());
    ok(pg.send(2, "b1 NOOP"));
    ok(pg.send(1, "a2 LOGOUT"));
    const auto text = pg.transcript(1);
    REQUIRE(text);
    CHECK(*text == "S: " + kGreeting + "\n"
                   "C: a1 LOGIN {8}\n"
                   "S: + OK\n"
                   "C: username password\n"
                   "S: a1" + kLoginOk + "\n"
                   "C: a2 LOGOUT\n"
                   "S: * BYE Logging out\n"
                   "S: a2 OK Logout completed.\n");
    CHECK(*pg.transcript(2) == "S: " + kGreeting + "\n"
                               "C: b1 NOOP\n"
                               "S: b1 OK NOOP completed.\n");
    // Up to the current step only.
    REQUIRE(pg.jump_to(1));
    auto gone = pg.transcript(2);
    REQUIRE_FALSE(gone);
    CHECK(gone.error() == "there is no client 2 up to step 1");
}

TEST_CASE("playground export: a lesson skeleton that load_lesson accepts and LessonRun plays with every expectation met", "[playground]") {
    Playground pg = Playground::sandbox(ProtocolVersions::Both);
    open_inbox(pg, 1, "a");
    ok(pg.add_client());
    ok(pg.send(2, "b1 LOGIN {8}\nusername password"));
    ok(pg.send_pipelined(2, {"b2 SELECT INBOX", "b3 IDLE"}));
    ok(pg.send(1, "a3 STORE 2 +FLAGS (\\Deleted)"));
    ok(pg.send(1, "a4 EXPUNGE"));
    ok(pg.send(2, "DONE"));
    ok(pg.add_client());
    ok(pg.send(3, "c1 LOGIN username wrong"));
    ok(pg.remove_client(3));
    ok(pg.send(1, "a5 FETCH"));
    ok(pg.send(1, "a6 APPEND INBOX {20}\nSubject: new\r\n\r\nhi\r\n"));
    const std::uint32_t steps = pg.current_step();
    REQUIRE(steps == 13);
    // Later recorded steps are not exported.
    ok(pg.send(1, "a7 NOOP"));
    REQUIRE(pg.jump_to(steps));

    const auto skeleton = pg.lesson_skeleton("pg-test");
    if (!skeleton) FAIL(skeleton.error());
    const nlohmann::json& j = *skeleton;
    CHECK(j["format"] == 1);
    CHECK(j["id"] == "pg-test");
    CHECK(j["title"] == nlohmann::json{{"en", "TODO"}, {"ru", "TODO"}});
    CHECK(j["server"] == nlohmann::json{{"versions", "both"}});
    REQUIRE(j["steps"].size() == steps);
    CHECK(j["steps"][2] == nlohmann::json::parse(R"({"client": 2, "title": {"en": "Client 2 connects", "ru": "Клиент 2 подключается"},
        "narration": {"en": "TODO", "ru": "TODO"}, "expect": [{"server_line": "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 SASL-IR ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] IMAP Lab ready."}]})"));
    CHECK(j["steps"][3]["send"] == nlohmann::json{"b1 LOGIN {8}\r\nusername password"});
    CHECK(j["steps"][4] == nlohmann::json::parse(R"({"client": 2, "title": {"en": "Client 2: b2 SELECT INBOX …", "ru": "Клиент 2: b2 SELECT INBOX …"},
        "narration": {"en": "TODO", "ru": "TODO"}, "send": ["b2 SELECT INBOX", "b3 IDLE"], "pipeline": true,
        "expect": [{"tagged": "OK"}]})"));
    CHECK(j["steps"][7]["expect"] == nlohmann::json::parse(R"([{"tagged": "OK"}])"));  // DONE completes IDLE
    CHECK(j["steps"][9]["expect"] == nlohmann::json::parse(R"([{"tagged": "NO"}])"));
    CHECK(j["steps"][10] == nlohmann::json::parse(R"({"client": 3, "title": {"en": "Client 3 disconnects", "ru": "Клиент 3 отключается"},
        "narration": {"en": "TODO", "ru": "TODO"}})"));
    CHECK(j["steps"][11]["expect"] == nlohmann::json::parse(R"([{"tagged": "BAD"}])"));

    const auto lesson = parse_lesson(j.dump(2), "pg-test.json", "");
    if (!lesson) FAIL(lesson.error().to_string());
    LessonRun run(*lesson);
    CHECK(run.checks().size() == 12);  // one per step but the removal
    for (const auto& c : run.checks()) {
        INFO("step " << c.step << ": " << c.expectation.describe() << " — " << c.actual);
        CHECK(c.passed);
    }
    CHECK_FALSE(run.first_failure());
    // The lesson's protocol lines are the playground's, step by step.
    for (std::uint32_t s = 0; s <= steps; ++s) {
        INFO("step " << s);
        CHECK(wire(run.timeline(), s) == wire(pg.timeline(), s));
    }
}

TEST_CASE("playground export: what a lesson cannot hold is a clear error", "[playground]") {
    Playground empty = Playground::sandbox();
    auto r = empty.lesson_skeleton("x");
    REQUIRE_FALSE(r);
    CHECK(r.error() == "the session has no step to export: send a command first");

    ServerConfig minus;
    minus.literal_minus = true;
    Playground lm(default_playground_fixture(), minus);
    ok(lm.send(1, "a NOOP"));
    r = lm.lesson_skeleton("x");
    REQUIRE_FALSE(r);
    CHECK(r.error() == "a lesson cannot express the server setting literal_minus (LITERAL-); export the session with the lesson settings");

    Fixture koi8 = default_playground_fixture();
    koi8.accounts[0].mailboxes[0].messages[0].text = "Subject: \xF0\xD2\xC9\xD7\xC5\xD4\r\n\r\nbody\r\n";  // KOI8-R bytes
    Playground k(koi8, ServerConfig{});
    ok(k.send(1, "a NOOP"));
    r = k.lesson_skeleton("x");
    REQUIRE_FALSE(r);
    CHECK(r.error().rfind("the lesson cannot be written as JSON (a message text that is not UTF-8?): ", 0) == 0);

    Playground many = Playground::sandbox();
    for (int i = 0; i < 9; ++i) ok(many.add_client());
    r = many.lesson_skeleton("x");
    REQUIRE_FALSE(r);
    CHECK(r.error() == "step 9: a lesson has at most 9 clients; this session connected client 10");
}

TEST_CASE("playground: store() is the store at the current step and client_account() the client's login", "[playground]") {
    Playground pg = Playground::sandbox();
    CHECK(pg.client_account(1) == nullptr);  // not authenticated yet
    CHECK(pg.client_account(2) == nullptr);  // no such client
    REQUIRE(pg.send(1, "a1 LOGIN username password"));
    REQUIRE(pg.send(1, "a2 APPEND INBOX {12}\nSubject: x\r\n"));
    const Account* account = pg.client_account(1);
    REQUIRE(account != nullptr);
    CHECK(account->user() == "username");
    REQUIRE(account->find("INBOX") != nullptr);
    CHECK(account->find("INBOX")->find(Uid{7}) != nullptr);
    CHECK(pg.store().accounts().size() == 1);
    // Back to step 1 (LOGIN only): the store was rebuilt without the appended message.
    REQUIRE(pg.jump_to(1));
    REQUIRE(pg.client_account(1) != nullptr);
    CHECK(pg.client_account(1)->find("INBOX")->find(Uid{7}) == nullptr);
    CHECK(pg.store().accounts().front()->find("INBOX")->find(Uid{6}) != nullptr);
    REQUIRE(pg.jump_to(0));
    CHECK(pg.client_account(1) == nullptr);
}
