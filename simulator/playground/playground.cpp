#include "playground/playground.hpp"

#include <map>
#include <stdexcept>
#include <variant>

#include "client/in_process_server.hpp"
#include "codec/framer.hpp"
#include "lesson/fixture_builder.hpp"
#include "lesson/fixture_file.hpp"
#include "store/mail_store.hpp"

namespace imaplab {
namespace {

const char* kDefaultFixture = R"({
  "uidvalidity": 1700000000,
  "clock": "22-Nov-2026 10:00:00 +0000",
  "accounts": [{
    "user": "username", "password": "password",
    "mailboxes": [
      {"name": "INBOX", "messages": [
        {"uid": 1, "flags": ["\\Seen"], "internal_date": "20-Nov-2026 09:00:00 +0000",
         "text": "From: Bob <bob@example.org>\nTo: username@example.org\nSubject: Welcome\nDate: Fri, 20 Nov 2026 09:00:00 +0000\nMessage-ID: <1@example.org>\n\nWelcome to the IMAP Lab playground.\n"},
        {"uid": 2, "flags": ["\\Seen", "\\Flagged"], "internal_date": "20-Nov-2026 11:30:00 +0000",
         "text": "From: Carol <carol@example.org>\nTo: username@example.org\nSubject: Homework\nDate: Fri, 20 Nov 2026 11:30:00 +0000\nMessage-ID: <2@example.org>\n\nPlease read RFC 9051 section 6.\n"},
        {"uid": 3, "internal_date": "21-Nov-2026 08:15:00 +0000",
         "text": "From: Dave <dave@example.org>\nTo: username@example.org\nSubject: Lunch?\nDate: Sat, 21 Nov 2026 08:15:00 +0000\nMessage-ID: <3@example.org>\n\nNoon at the cafeteria.\n"},
        {"uid": 4, "flags": ["\\Seen", "\\Answered"], "internal_date": "21-Nov-2026 12:40:00 +0000",
         "text": "From: Erin <erin@example.org>\nTo: username@example.org\nSubject: Meeting notes\nDate: Sat, 21 Nov 2026 12:40:00 +0000\nMessage-ID: <4@example.org>\n\nNotes from Friday's meeting are attached below.\n"},
        {"uid": 5, "internal_date": "21-Nov-2026 18:05:00 +0000",
         "text": "From: Carol <carol@example.org>\nTo: username@example.org\nSubject: Re: Homework\nDate: Sat, 21 Nov 2026 18:05:00 +0000\nMessage-ID: <5@example.org>\nIn-Reply-To: <2@example.org>\n\nThe deadline is Monday.\n"},
        {"uid": 6, "flags": ["\\Recent"], "internal_date": "22-Nov-2026 09:50:00 +0000",
         "text": "From: Frank <frank@example.org>\nTo: username@example.org\nSubject: Weekend\nDate: Sun, 22 Nov 2026 09:50:00 +0000\nMessage-ID: <6@example.org>\n\nHiking on Sunday?\n"}
      ]},
      {"name": "Sent", "special_use": ["\\Sent"]},
      {"name": "Trash", "special_use": ["\\Trash"]}
    ]
  }]
})";

std::string peer_of(std::uint32_t id) { return "playground client " + std::to_string(id); }

/// "" when `command` frames as exactly one command the way the simulated client sends it (line
/// ends normalised to CRLF, a final CRLF added), else what is wrong. RFC 9051 §2.2, §4.3.
std::string check_framing(const std::string& command) {
    if (command.empty()) return "the command is empty";
    std::string bytes;
    for (std::size_t i = 0; i < command.size(); ++i) {
        if (command[i] == '\n' && (i == 0 || command[i - 1] != '\r')) bytes += '\r';
        bytes += command[i];
    }
    bytes += "\r\n";
    Framer framer(FramerLimits{std::size_t(1) << 30, std::size_t(1) << 40});
    framer.feed(bytes);
    for (;;) {
        Frame f = framer.next();
        switch (f.kind) {
            case Frame::Kind::LiteralAnnounced: continue;
            case Frame::Kind::Complete:
                if (framer.pending() != 0)
                    return "the command holds a line end that does not follow a literal announcement {n}: send one command at a "
                           "time, or pipeline them";
                return "";
            case Frame::Kind::NeedMore:
                return "the command announces a literal {n} longer than the octets that follow it";
            default: return "the command is too long";
        }
    }
}

}  // namespace

Fixture default_playground_fixture() {
    auto f = parse_fixture(kDefaultFixture, "<default playground fixture>", "");
    if (!f) throw std::logic_error(f.error().to_string());  // a defect of this file: tests load it
    return std::move(*f);
}

/// The store, the server and the timeline at the current step.
struct Playground::World {
    MailStore store;
    Timeline timeline;
    std::unique_ptr<InProcessServer> server;
    std::set<std::uint32_t> alive;
    std::uint32_t next_id = 1;
    // Per connection, from the events: commands sent (for next_tag) and the last state entered.
    std::map<std::uint32_t, std::size_t> commands_sent;
    std::map<std::uint32_t, SessionState> states;
    std::size_t scanned = 0;  // events looked at so far

    void scan() {
        const auto& events = timeline.events();
        for (; scanned < events.size(); ++scanned) {
            const TraceEvent& e = events[scanned];
            if (const auto* w = std::get_if<WireLine>(&e.data); w && w->kind == LineKind::ClientCommand) ++commands_sent[e.connection];
            else if (const auto* sc = std::get_if<StateChanged>(&e.data)) states[e.connection] = sc->to;
        }
    }
};

Playground::Playground(Fixture fixture, ServerConfig config) : fixture_(std::move(fixture)), config_(std::move(config)) {
    world_ = make_world();
}

Playground Playground::sandbox(ProtocolVersions versions) {
    ServerConfig config;
    config.versions = versions;
    return Playground(default_playground_fixture(), std::move(config));
}

Playground::~Playground() = default;
Playground::Playground(Playground&&) noexcept = default;
Playground& Playground::operator=(Playground&&) noexcept = default;

std::unique_ptr<Playground::World> Playground::make_world() const {
    auto w = std::make_unique<World>();
    w->timeline.begin_step(0);
    build_fixture(fixture_, w->store, &w->timeline);
    w->server = std::make_unique<InProcessServer>(w->store, config_, &w->timeline);
    const std::int64_t clock = fixture_.clock;
    w->server->set_clock([clock] { return clock; });
    apply(*w, 0, PlaygroundAction{PlaygroundAction::Kind::AddClient, 0, {}});
    return w;
}

void Playground::apply(World& w, std::uint32_t step, const PlaygroundAction& a) const {
    if (step > 0) w.timeline.begin_step(step);
    switch (a.kind) {
        case PlaygroundAction::Kind::AddClient: {
            const std::uint32_t id = w.next_id++;
            w.timeline.record(id, ConnectionChanged{ConnectionChanged::Kind::Opened, peer_of(id), "in-process", ""});
            w.server->client(id);  // opens: the greeting
            w.alive.insert(id);
            break;
        }
        case PlaygroundAction::Kind::RemoveClient:
            w.server->close(a.client);
            w.alive.erase(a.client);
            w.timeline.record(a.client, ConnectionChanged{ConnectionChanged::Kind::Closed, peer_of(a.client), "in-process", "disconnected"});
            break;
        case PlaygroundAction::Kind::Send: w.server->send(a.client, a.commands.front()); break;
        case PlaygroundAction::Kind::SendPipelined: w.server->send_pipelined(a.client, a.commands); break;
    }
    w.scan();
}

Result<std::uint32_t> Playground::record(PlaygroundAction a) {
    // A new action after a jump back drops the later steps.
    actions_.resize(current_);
    recorded_.reset();
    const std::uint32_t step = current_ + 1;
    apply(*world_, step, a);
    actions_.push_back(std::move(a));
    current_ = step;
    return step;
}

std::string Playground::check_sendable(std::uint32_t id) const {
    if (!world_->alive.count(id)) return "there is no client " + std::to_string(id) + " (connected: " + [&] {
        std::string s;
        for (auto c : world_->alive) s += (s.empty() ? "" : ", ") + std::to_string(c);
        return s.empty() ? std::string("none") : s;
    }() + ")";
    if (world_->server->client(id).session().closed())
        return "the server has closed client " + std::to_string(id) + "'s connection; remove the client or add a new one";
    return "";
}

Result<std::uint32_t> Playground::add_client() {
    const std::uint32_t id = world_->next_id;
    auto r = record(PlaygroundAction{PlaygroundAction::Kind::AddClient, id, {}});
    if (!r) return r;
    return id;
}

Result<std::uint32_t> Playground::remove_client(std::uint32_t id) {
    if (!world_->alive.count(id)) return Result<std::uint32_t>::failure("there is no connected client " + std::to_string(id));
    return record(PlaygroundAction{PlaygroundAction::Kind::RemoveClient, id, {}});
}

Result<std::uint32_t> Playground::send(std::uint32_t id, const std::string& command) {
    if (auto why = check_sendable(id); !why.empty()) return Result<std::uint32_t>::failure(why);
    if (auto why = check_framing(command); !why.empty()) return Result<std::uint32_t>::failure(why);
    return record(PlaygroundAction{PlaygroundAction::Kind::Send, id, {command}});
}

Result<std::uint32_t> Playground::send_pipelined(std::uint32_t id, const std::vector<std::string>& commands) {
    if (auto why = check_sendable(id); !why.empty()) return Result<std::uint32_t>::failure(why);
    if (commands.empty()) return Result<std::uint32_t>::failure("no commands to pipeline");
    for (std::size_t i = 0; i < commands.size(); ++i)
        if (auto why = check_framing(commands[i]); !why.empty())
            return Result<std::uint32_t>::failure("command " + std::to_string(i + 1) + ": " + why);
    return record(PlaygroundAction{PlaygroundAction::Kind::SendPipelined, id, commands});
}

std::string Playground::next_tag(std::uint32_t id) const {
    auto it = world_->commands_sent.find(id);
    const std::size_t sent = it == world_->commands_sent.end() ? 0 : it->second;
    const char letter = static_cast<char>('A' + (id == 0 ? 0 : (id - 1) % 26));
    std::string n = std::to_string(sent + 1);
    return std::string(1, letter) + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
}

Result<std::uint32_t> Playground::jump_to(std::uint32_t step) {
    if (step > step_count())
        return Result<std::uint32_t>::failure("step " + std::to_string(step) + " is past the last recorded step " + std::to_string(step_count()));
    if (step < current_) {
        if (!recorded_) recorded_ = std::move(world_->timeline);  // the world is rebuilt anyway
        world_ = make_world();
        current_ = 0;
    }
    for (; current_ < step; ++current_) apply(*world_, current_ + 1, actions_[current_]);
    if (current_ == step_count()) recorded_.reset();  // the world has caught up with the record
    return step;
}

const Timeline& Playground::timeline() const { return world_->timeline; }

const Timeline& Playground::recorded_timeline() const { return recorded_ ? *recorded_ : world_->timeline; }

std::vector<std::uint32_t> Playground::clients() const { return {world_->alive.begin(), world_->alive.end()}; }

bool Playground::has_client(std::uint32_t id) const { return world_->alive.count(id) > 0; }

const MailStore& Playground::store() const { return world_->store; }

const Account* Playground::client_account(std::uint32_t id) const {
    if (!has_client(id) || !world_->server->has_client(id)) return nullptr;
    return world_->server->client(id).session().account();
}

SessionState Playground::client_state(std::uint32_t id) const {
    auto it = world_->states.find(id);
    return it == world_->states.end() ? SessionState::NotAuthenticated : it->second;
}

std::vector<InFlightCommand> in_flight_at(const Timeline& timeline, std::uint32_t connection, std::size_t event_index) {
    std::vector<InFlightCommand> out;
    const auto& events = timeline.events();
    const std::size_t end = event_index < events.size() ? event_index + 1 : events.size();
    for (std::size_t i = 0; i < end; ++i) {
        if (events[i].connection != connection) continue;
        const auto* w = std::get_if<WireLine>(&events[i].data);
        if (!w) continue;
        if (w->kind == LineKind::ClientCommand) {
            out.push_back(InFlightCommand{w->tag, w->text.substr(0, w->text.find_first_of("\r\n")), i});
        } else if (w->kind == LineKind::ServerTagged) {
            for (auto it = out.begin(); it != out.end(); ++it)
                if (it->tag == w->tag) {
                    out.erase(it);
                    break;
                }
        }
    }
    return out;
}

}  // namespace imaplab
