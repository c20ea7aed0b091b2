#include "lesson/transcript_lesson.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "engine/sasl/base64.hpp"

namespace imaplab {

namespace {

constexpr std::string_view kRedacted = "<redacted>";  // net/redact.hpp's marker

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

/// Space-separated words of a command line (quoted strings kept whole, quotes included).
std::vector<std::string> words(std::string_view line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ') ++i;
        if (i >= line.size()) break;
        std::size_t j = i;
        if (line[i] == '"') {
            for (++j; j < line.size() && line[j] != '"'; ++j)
                if (line[j] == '\\') ++j;
            j = std::min(j + 1, line.size());
        } else {
            while (j < line.size() && line[j] != ' ') ++j;
        }
        out.emplace_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string unquote(const std::string& s) {
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return s;
    std::string out;
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] == '\\' && i + 2 < s.size()) ++i;
        out += s[i];
    }
    return out;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

/// "UID FETCH" style command name of a client line, or "".
std::string command_name(const std::string& line) {
    auto w = words(line.substr(0, line.find("\r\n")));
    if (w.size() < 2) return "";
    std::string name = upper(w[1]);
    if (name == "UID" && w.size() >= 3) name += " " + upper(w[2]);
    return name;
}

const FixtureAccount* account(const Fixture& f, const std::string& user) {
    for (const auto& a : f.accounts)
        if (a.user == user) return &a;
    return nullptr;
}

/// A literal recorded as "<literal: n octets>" (its bytes held CR or LF: trace/connection_log.hpp)
/// cannot be replayed as it was: n octets of a stand-in message take its place.
std::string stand_in_literal(const std::string& line) {
    std::size_t n = 0;
    if (std::sscanf(line.c_str(), "<literal: %zu octets>", &n) != 1) return line;
    std::string text = "Subject: (the recorded message was not saved)\r\n\r\n";
    if (text.size() > n) return std::string(n, 'x');
    text.append(n - text.size(), 'x');
    if (n >= text.size() && n >= 2) text.replace(n - 2, 2, "\r\n");
    return text;
}

struct PendingStep {
    std::vector<std::string> send;
    std::string tag;
    std::vector<std::string> recorded;  // server lines after the command
    bool literal_pending = false;       // the last client line announced a literal
    bool tagged_seen = false;
};

}  // namespace

Result<Lesson, std::string> lesson_from_transcript(const Transcript& transcript, Fixture fixture, const Explainer* explainer,
                                                   const std::string& id, const std::string& transcript_path) {
    using R = Result<Lesson, std::string>;
    if (fixture.accounts.empty()) return R::failure("the fixture has no account to log in to");
    const FixtureAccount& first = fixture.accounts.front();

    std::vector<PendingStep> steps;
    std::vector<std::string> greeting;
    std::string sasl_mechanism;  // of an AUTHENTICATE waiting for responses
    int sasl_responses = 0;
    for (const TranscriptLine& l : transcript.lines) {
        if (!l.is_client()) {
            (steps.empty() ? greeting : steps.back().recorded).push_back(l.text);
            if (!steps.empty() && !steps.back().tag.empty() && l.text.rfind(steps.back().tag + " ", 0) == 0) {
                steps.back().tagged_seen = true;
                sasl_mechanism.clear();
            }
            continue;
        }
        std::string text = l.text;
        if (!steps.empty() && steps.back().literal_pending) {
            // The literal's bytes and the rest of the command.
            steps.back().send.back() += "\r\n" + stand_in_literal(text);
            steps.back().literal_pending = l.literal_octets.has_value();
            continue;
        }
        const bool answers_continuation = !steps.empty() && !steps.back().tagged_seen && !steps.back().recorded.empty() &&
                                          steps.back().recorded.back().rfind("+", 0) == 0;
        if (answers_continuation) {
            // A SASL response or IDLE's DONE: sent as it is, in the same step.
            if (text == kRedacted && !sasl_mechanism.empty()) {
                ++sasl_responses;
                if (sasl_mechanism == "PLAIN")
                    text = sasl::base64_encode(std::string(1, '\0') + first.user + std::string(1, '\0') + first.password);
                else if (sasl_mechanism == "LOGIN")
                    text = sasl::base64_encode(sasl_responses == 1 ? first.user : first.password);
            }
            steps.back().send.push_back(text);
            continue;
        }
        PendingStep s;
        auto w = words(text);
        s.tag = w.empty() ? "" : w[0];
        const std::string name = w.size() >= 2 ? upper(w[1]) : "";
        if (name == "LOGIN" && w.size() == 4 && w[3] == kRedacted) {
            const FixtureAccount* a = account(fixture, unquote(w[2]));
            text = w[0] + " " + w[1] + " " + w[2] + " " + quoted(a ? a->password : first.password);
        } else if (name == "AUTHENTICATE" && w.size() >= 3) {
            sasl_mechanism = upper(w[2]);
            sasl_responses = 0;
            if (w.size() == 4 && w[3] == kRedacted && sasl_mechanism == "PLAIN")
                text = w[0] + " " + w[1] + " " + w[2] + " " +
                       sasl::base64_encode(std::string(1, '\0') + first.user + std::string(1, '\0') + first.password);
        }
        s.send.push_back(text);
        s.literal_pending = l.literal_octets.has_value();
        steps.push_back(std::move(s));
    }
    if (steps.empty()) return R::failure("the transcript has no client line to replay");

    Lesson lesson;
    lesson.id = id;
    lesson.file = transcript.file;
    lesson.transcript = transcript_path;
    lesson.title = {"Recorded session: " + id, "Записанный сеанс: " + id};
    std::string greeting_text;
    for (const auto& g : greeting) greeting_text += "\n    S: " + g;
    lesson.summary = {"The client lines of " + transcript.file +
                          ", replayed against the fixture. Each step sends one recorded command; our server answers live, "
                          "and the step says what the recorded server answered." +
                          (greeting_text.empty() ? "" : "\nRecorded greeting:" + greeting_text),
                      "Строки клиента из " + transcript.file +
                          ", заново отправленные серверу с тем же набором писем. Каждый шаг посылает одну записанную команду; наш "
                          "сервер отвечает вживую, а в шаге показано, что ответил сервер при записи." +
                          (greeting_text.empty() ? "" : "\nЗаписанное приветствие:" + greeting_text)};
    lesson.fixture = std::move(fixture);
    for (const PendingStep& p : steps) {
        LessonStep step;
        const std::string first_line = p.send.front().substr(0, p.send.front().find("\r\n"));
        step.title = {first_line, first_line};
        const std::string name = command_name(p.send.front());
        const Meaning* m = explainer ? explainer->find("commands", name) : nullptr;
        std::string recorded;
        for (const auto& r : p.recorded) recorded += "\n    S: " + r;
        step.narration.en = (m ? name + ": " + m->en + " (" + m->rfc + ")" : "The client sends " + (name.empty() ? "a line" : name) + ".") +
                            (recorded.empty() ? "" : "\nRecorded answer:" + recorded);
        step.narration.ru = (m ? name + ": " + m->ru + " (" + m->rfc + ")" : "Клиент посылает " + (name.empty() ? "строку" : name) + ".") +
                            (recorded.empty() ? "" : "\nЗаписанный ответ:" + recorded);
        step.send = p.send;
        step.highlight = "log";
        for (const auto& r : p.recorded) {
            if (p.tag.empty() || r.rfind(p.tag + " ", 0) != 0) continue;
            const std::string status = upper(r.substr(p.tag.size() + 1, r.find(' ', p.tag.size() + 1) - p.tag.size() - 1));
            Expectation e;
            e.kind = Expectation::Kind::TaggedStatus;
            e.status = status == "OK" ? ResponseStatus::Ok : status == "NO" ? ResponseStatus::No : status == "BAD" ? ResponseStatus::Bad : ResponseStatus::None;
            if (e.status != ResponseStatus::None) step.expect.push_back(e);
        }
        lesson.steps.push_back(std::move(step));
    }
    return lesson;
}

}  // namespace imaplab
