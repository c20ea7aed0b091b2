#pragma once
// The playground (issue 6): a sandbox session the learner drives by hand. Several simulated IMAP
// clients on one in-process server (client/in_process_server.hpp) over a mail store built from a
// fixture (the lessons' format, lesson/lesson.hpp). Every action — add a client, remove one, send a
// command, send several pipelined — is one step of the playground's timeline (a StepStarted marker
// opens it, as in LessonRun), so `project(timeline(), step, client)` (trace/session_view.hpp) works
// for every view unchanged.
//
// Back is exact: the engine is deterministic (the fixture's clock is injected), so jump_to(k)
// rebuilds the store and the sessions from the fixture and replays the recorded actions 1..k; the
// timeline it gives equals, event for event, the one recorded when the session was at step k. A new
// action after a jump back drops the later actions (like an editor's undo).
//
// Step 0 is the setup: the fixture's store (connection 0) and client 1's connection and greeting.
// Client ids are connection ids: 1, 2, 3, ... in the order clients are added, never reused. Added
// and removed clients get ConnectionChanged events (Opened / Closed, peer "playground client N",
// transport "in-process"); the greeting follows Opened.
//
// IMAP only (no POP3 clients). Not thread-safe; the GUI drives it from its one thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/server_config.hpp"
#include "lesson/lesson.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"
#include "types/session_state.hpp"

namespace imaplab {

class MailStore;
class Account;

/// One thing the learner did: a step of the playground.
struct PlaygroundAction {
    enum class Kind : std::uint8_t {
        AddClient,      ///< a new client connects (and gets the greeting)
        RemoveClient,   ///< the client goes away without LOGOUT; its connection closes
        Send,           ///< the client sends one command (commands[0])
        SendPipelined,  ///< the client sends all `commands` before reading responses, RFC 9051 §5.5
    };
    Kind kind = Kind::Send;
    std::uint32_t client = 0;           ///< the client (connection id) acting
    std::vector<std::string> commands;  ///< as typed (tag included, no final CRLF)
    friend bool operator==(const PlaygroundAction&, const PlaygroundAction&) = default;
};

/// The default sandbox's fixture: one account "username" / "password" (as the Dovecot reference
/// server and the lessons use), INBOX with six short plain-text messages, UIDs 1..6 (flags: 1
/// \Seen; 2 \Seen \Flagged; 3 none; 4 \Seen \Answered; 5 none; 6 \Recent), and empty "Sent"
/// (\Sent) and "Trash" (\Trash) mailboxes; UIDVALIDITY 1700000000; clock
/// "22-Nov-2026 10:00:00 +0000". It is JSON in the lessons' fixture format, validated by the same
/// loader (lesson/fixture_file.hpp), so an exported lesson skeleton carries it unchanged.
Fixture default_playground_fixture();

/// `fixture` written in the lessons' fixture format (docs/lesson-format.md): "uidvalidity",
/// "clock" (an IMAP date-time in +0000), "accounts" with their mailboxes (subscribed, uidvalidity
/// and uidnext when set, keywords, special_use, acl) and messages (uid, flags with "\\Recent",
/// internal_date, the whole text inline with CRLF line ends). parse_fixture() reads it back to an
/// equal Fixture. Message texts are copied as bytes: dumping the JSON throws
/// nlohmann::json::type_error when one is not UTF-8.
nlohmann::json fixture_to_json(const Fixture& fixture);

class Playground {
public:
    /// A session over `fixture` (a fixture the lesson loader accepted, e.g. from
    /// load_fixture_file) served with `config`. Client 1 is connected at step 0.
    /// Throws std::invalid_argument on a fixture the loader would have rejected (as build_fixture).
    Playground(Fixture fixture, ServerConfig config);
    /// The default sandbox: default_playground_fixture() with an IMAP4rev1 server (`versions`
    /// chooses rev1, rev2 or both).
    static Playground sandbox(ProtocolVersions versions = ProtocolVersions::Rev1);

    ~Playground();
    Playground(Playground&&) noexcept;
    Playground& operator=(Playground&&) noexcept;
    Playground(const Playground&) = delete;
    Playground& operator=(const Playground&) = delete;

    // ---- Actions: each is one new step (current_step() + 1); later recorded steps are dropped.
    // On error nothing is recorded and nothing changes.

    /// Connects a new client; returns its id (the connection id in the trace).
    Result<std::uint32_t> add_client();
    /// Closes client `id`'s connection (no LOGOUT: the client just goes away). Returns the step.
    /// Error: `id` is not a connected client.
    Result<std::uint32_t> remove_client(std::uint32_t id);
    /// Client `id` sends `command` as typed, tag included ("a1 LOGIN username password"). A
    /// synchronising literal is written "{n}" followed by a line end and the n octets
    /// ("a2 LOGIN {8}\nusername password"; "\n" and "\r\n" both mean CRLF): the client sends the
    /// line, waits for the server's "+" and then sends the rest (RFC 9051 §4.3); a tagged response
    /// instead of "+" stops the command, as a real client does. Returns the step.
    /// Errors: `id` is not a connected client; the server has closed its connection (after LOGOUT
    /// or BYE); the command is empty, holds a line end anywhere but right after a literal
    /// announcement, or announces a literal longer than what follows.
    Result<std::uint32_t> send(std::uint32_t id, const std::string& command);
    /// Client `id` sends all `commands` before reading any response (pipelining, RFC 9051 §5.5).
    /// Errors: as send(), for each command (naming its position), or an empty list.
    Result<std::uint32_t> send_pipelined(std::uint32_t id, const std::vector<std::string>& commands);
    /// The tag the console would give client `id`'s next command: a letter for the client (A for
    /// client 1, B for 2, ... Z, then A again) and four digits counting the commands the client has
    /// sent so far, plus one: "A0001", "B0003". Derived from the timeline, so it replays.
    std::string next_tag(std::uint32_t id) const;

    // ---- Timeline

    /// Rebuilds the state at `step` (0 ..= step_count()) by replaying the recorded actions 1..step
    /// from the fixture (forward jumps replay only the steps in between). The recorded actions are
    /// kept until a new action is taken. Error: `step` is past the last recorded step.
    Result<std::uint32_t> jump_to(std::uint32_t step);
    /// Recorded steps (actions), including those after the current step following a jump back.
    std::uint32_t step_count() const { return static_cast<std::uint32_t>(actions_.size()); }
    /// The step the state is at.
    std::uint32_t current_step() const { return current_; }
    /// The events of steps 0 ..= current_step().
    const Timeline& timeline() const;
    /// The events of every recorded step (0 ..= step_count()), as recorded before any jump back;
    /// the scrubber can preview later steps from it. Equals timeline() when current_step() ==
    /// step_count().
    const Timeline& recorded_timeline() const;
    /// The recorded actions, oldest first (step n is actions()[n - 1]).
    const std::vector<PlaygroundAction>& actions() const { return actions_; }

    // ---- State at the current step

    /// Connected clients, ascending ids.
    std::vector<std::uint32_t> clients() const;
    bool has_client(std::uint32_t id) const;
    /// Client `id`'s session state after its last StateChanged event in the timeline
    /// (Not Authenticated when it has none; a removed client keeps its last state). RFC 9051 §3.
    SessionState client_state(std::uint32_t id) const;
    const Fixture& fixture() const { return fixture_; }
    const ServerConfig& config() const { return config_; }
    /// The mail store at the current step (rebuilt by jump_to; valid until the next action or jump).
    const MailStore& store() const;
    /// The account client `id` is logged in to at the current step; nullptr when it is not
    /// connected or has not authenticated (RFC 9051 §6.2). Valid as store().
    const Account* client_account(std::uint32_t id) const;

    // ---- Export

    /// Client `id`'s lines up to the current step as a C:/S: transcript (the writer of
    /// trace/connection_log.hpp, docs/lesson-format.md "Transcripts"). Error: no client `id` has
    /// been connected up to the current step.
    Result<std::string> transcript(std::uint32_t id) const;
    /// The session up to the current step as a lesson skeleton in the lessons/ format (format 1):
    /// id `id`, title, summary and narration "TODO" in en and ru, the server settings, the fixture
    /// written out (message texts inline), and one step per action:
    /// - AddClient: the client's first step (its connection opens there) expecting the greeting
    ///   line as recorded ({"server_line": ...});
    /// - Send / SendPipelined: "send" (line ends as CRLF), "pipeline" when pipelined, and an
    ///   expectation of the recorded tagged status ({"tagged": "OK"}) of the step's last tagged
    ///   response, or when there is none (IDLE, a pending literal) of the step's last server line;
    /// - RemoveClient: a step of that client sending nothing. A lesson cannot close a connection:
    ///   there the client stays connected and silent.
    /// Clients are numbered 1, 2, ... in the order they connected.
    /// Errors: no action up to the current step; more than kMaxLessonClients clients; a server
    /// setting a lesson cannot express (literal_minus, tls_active, another greeting text, ID
    /// fields or limits); a message text that is not UTF-8 (a lesson's "text" is a JSON string).
    Result<nlohmann::json> lesson_skeleton(const std::string& id) const;

private:
    struct World;
    Fixture fixture_;
    ServerConfig config_;
    std::vector<PlaygroundAction> actions_;
    std::uint32_t current_ = 0;
    std::unique_ptr<World> world_;
    /// The timeline of all recorded steps while the world is behind it (after a jump back).
    std::optional<Timeline> recorded_;

    std::unique_ptr<World> make_world() const;
    void apply(World& w, std::uint32_t step, const PlaygroundAction& a) const;
    Result<std::uint32_t> record(PlaygroundAction a);
    std::string check_sendable(std::uint32_t id) const;
};

/// A command sent and not yet completed. RFC 9051 §5.5.
struct InFlightCommand {
    std::string tag;        ///< the command's tag
    std::string command;    ///< its first line as sent (up to a literal's data), tag included
    std::size_t sent_at = 0;  ///< index of the client_command event in the timeline
    friend bool operator==(const InFlightCommand&, const InFlightCommand&) = default;
};

/// The commands connection `connection` had sent by event `event_index` (inclusive) whose tagged
/// response comes after it (or never came), oldest first. A tagged response completes the oldest
/// in-flight command with its tag; continuation lines (literal data, SASL responses, DONE) are part
/// of their command. An `event_index` past the end means the end of the timeline.
std::vector<InFlightCommand> in_flight_at(const Timeline& timeline, std::uint32_t connection, std::size_t event_index);

}  // namespace imaplab
