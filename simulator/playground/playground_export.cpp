// Export of a playground session: a C:/S: transcript of one client, a lesson skeleton, and the
// fixture in the lessons' JSON format.
#include <variant>

#include "playground/playground.hpp"
#include "trace/connection_log.hpp"
#include "types/date_time.hpp"

namespace imaplab {
namespace {

using Json = nlohmann::json;

Json localized(const std::string& en, const std::string& ru) { return Json{{"en", en}, {"ru", ru}}; }

/// Bare LF becomes CRLF, as the simulated client sends it and as the lesson format writes it.
std::string crlf(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) out += '\r';
        out += s[i];
    }
    return out;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find_first_of("\r\n")); }

Result<Json> server_json(const ServerConfig& c) {
    const ServerConfig d;
    auto fail = [](const std::string& what) {
        return Result<Json>::failure("a lesson cannot express the server setting " + what + "; export the session with the lesson settings");
    };
    if (c.literal_minus) return fail("literal_minus (LITERAL-)");
    if (c.tls_active) return fail("tls_active (implicit TLS)");
    if (c.greeting_text != d.greeting_text) return fail("greeting_text \"" + c.greeting_text + "\"");
    if (c.id_name != d.id_name || c.id_version != d.id_version) return fail("of the ID fields");
    if (c.limits.max_line != d.limits.max_line || c.limits.max_literal != d.limits.max_literal) return fail("of the line and literal limits");
    if (c.login_disabled && !c.tls_available) return fail("login_disabled without STARTTLS");
    Json s = Json::object();
    s["versions"] = c.versions == ProtocolVersions::Rev2 ? "rev2" : c.versions == ProtocolVersions::Both ? "both" : "rev1";
    if (!c.disabled_extensions.empty()) s["disabled_extensions"] = Json(std::vector<std::string>(c.disabled_extensions.begin(), c.disabled_extensions.end()));
    if (c.tls_available) s["starttls"] = true;
    if (c.login_disabled) s["login_disabled"] = true;
    return s;
}

}  // namespace

Json fixture_to_json(const Fixture& fixture) {
    Json accounts = Json::array();
    for (const auto& a : fixture.accounts) {
        Json boxes = Json::array();
        for (const auto& mb : a.mailboxes) {
            Json b{{"name", mb.name}};
            if (!mb.subscribed) b["subscribed"] = false;
            if (mb.uidvalidity) b["uidvalidity"] = mb.uidvalidity;
            if (mb.uidnext) b["uidnext"] = mb.uidnext;
            if (!mb.keywords.empty()) b["keywords"] = mb.keywords;
            if (!mb.special_use.empty()) b["special_use"] = mb.special_use;
            if (!mb.acl.empty()) {
                Json acl = Json::object();
                for (const auto& [who, rights] : mb.acl) acl[who] = rights;
                b["acl"] = std::move(acl);
            }
            Json messages = Json::array();
            for (const auto& m : mb.messages) {
                Json j{{"uid", m.uid}};
                std::vector<std::string> flags = m.flags.to_strings();
                if (m.recent) flags.emplace_back("\\Recent");
                if (!flags.empty()) j["flags"] = flags;
                if (!m.internal_date.empty()) j["internal_date"] = m.internal_date;
                j["text"] = m.text;
                messages.push_back(std::move(j));
            }
            if (!messages.empty()) b["messages"] = std::move(messages);
            boxes.push_back(std::move(b));
        }
        accounts.push_back(Json{{"user", a.user}, {"password", a.password}, {"mailboxes", std::move(boxes)}});
    }
    return Json{{"uidvalidity", fixture.uidvalidity},
                {"clock", format_imap_date_time(DateTime{fixture.clock, 0})},
                {"accounts", std::move(accounts)}};
}

Result<std::string> Playground::transcript(std::uint32_t id) const {
    std::vector<TraceEvent> events;
    bool seen = false;
    for (const auto& e : timeline().events()) {
        if (e.connection != id) continue;
        seen = true;
        events.push_back(e);
    }
    if (!seen || id == 0) return Result<std::string>::failure("there is no client " + std::to_string(id) + " up to step " + std::to_string(current_));
    return to_transcript(events);
}

Result<Json> Playground::lesson_skeleton(const std::string& id) const {
    if (current_ == 0) return Result<Json>::failure("the session has no step to export: send a command first");
    if (id.empty()) return Result<Json>::failure("a lesson needs an id");
    auto server = server_json(config_);
    if (!server) return Result<Json>::failure(server.error());
    const Timeline& t = timeline();
    Json steps = Json::array();
    for (std::uint32_t n = 1; n <= current_; ++n) {
        const PlaygroundAction& a = actions_[n - 1];
        if (a.client > kMaxLessonClients)
            return Result<Json>::failure("step " + std::to_string(n) + ": a lesson has at most " + std::to_string(kMaxLessonClients) +
                                         " clients; this session connected client " + std::to_string(a.client));
        // The client's server lines of this step.
        std::vector<const WireLine*> lines;
        for (std::size_t i = t.begin_of_step(n); i < t.end_of_step(n); ++i)
            if (t.events()[i].connection == a.client)
                if (const auto* w = std::get_if<WireLine>(&t.events()[i].data); w && !w->is_client()) lines.push_back(w);
        Json step{{"client", a.client}};
        Json expect = Json::array();
        const std::string who_en = "Client " + std::to_string(a.client), who_ru = "Клиент " + std::to_string(a.client);
        switch (a.kind) {
            case PlaygroundAction::Kind::AddClient:
                step["title"] = localized(who_en + " connects", who_ru + " подключается");
                if (!lines.empty()) expect.push_back(Json{{"server_line", lines.front()->text}});
                break;
            case PlaygroundAction::Kind::RemoveClient:
                step["title"] = localized(who_en + " disconnects", who_ru + " отключается");
                break;
            case PlaygroundAction::Kind::Send:
            case PlaygroundAction::Kind::SendPipelined: {
                std::string title = first_line(a.commands.front());
                if (a.commands.size() > 1) title += " …";
                step["title"] = localized(who_en + ": " + title, who_ru + ": " + title);
                Json send = Json::array();
                for (const auto& c : a.commands) send.push_back(crlf(c));
                step["send"] = std::move(send);
                if (a.kind == PlaygroundAction::Kind::SendPipelined) step["pipeline"] = true;
                const WireLine* tagged = nullptr;
                for (const auto* w : lines)
                    if (w->kind == LineKind::ServerTagged) tagged = w;
                if (tagged && (tagged->status == ResponseStatus::Ok || tagged->status == ResponseStatus::No || tagged->status == ResponseStatus::Bad))
                    expect.push_back(Json{{"tagged", std::string(to_string(tagged->status))}});
                else if (!lines.empty() && lines.back()->text.find_first_of("\r\n") == std::string::npos)
                    expect.push_back(Json{{"server_line", lines.back()->text}});
                break;
            }
        }
        step["narration"] = localized("TODO", "TODO");
        if (!expect.empty()) step["expect"] = std::move(expect);
        steps.push_back(std::move(step));
    }
    Json lesson{{"format", 1},
                {"id", id},
                {"title", localized("TODO", "TODO")},
                {"summary", localized("TODO", "TODO")},
                {"server", std::move(*server)},
                {"fixture", fixture_to_json(fixture_)},
                {"steps", std::move(steps)}};
    try {
        (void)lesson.dump();
    } catch (const Json::type_error& e) {
        return Result<Json>::failure(std::string("the lesson cannot be written as JSON (a message text that is not UTF-8?): ") + e.what());
    }
    return lesson;
}

}  // namespace imaplab
