#include "lesson/replay.hpp"

#include <variant>

#include "lesson/lesson_run.hpp"

namespace imaplab {

namespace {

/// Does `got[gi..]` match `pat[pi..]`, where an elision matches zero or more lines?
bool matches(const std::vector<const TranscriptLine*>& pat, std::size_t pi, const std::vector<std::string>& got, std::size_t gi) {
    if (pi == pat.size()) return gi == got.size();
    if (pat[pi]->elision) {
        for (std::size_t k = gi; k <= got.size(); ++k)
            if (matches(pat, pi + 1, got, k)) return true;
        return false;
    }
    return gi < got.size() && got[gi] == pat[pi]->text && matches(pat, pi + 1, got, gi + 1);
}

}  // namespace

Result<std::vector<ReplayedExchange>, std::string> replay_transcript(const Lesson& lesson, const Transcript& transcript) {
    using R = Result<std::vector<ReplayedExchange>, std::string>;
    LessonRun run(lesson);
    std::vector<ReplayedExchange> ours(1);  // ours[0]: the greeting
    ours[0].step = 1;
    for (const auto& e : run.timeline().events()) {
        const auto* w = std::get_if<WireLine>(&e.data);
        if (!w) continue;
        // An exercise step's lines are the model answer's, not the transcript's.
        if (e.step >= 1 && e.step <= lesson.steps.size() && lesson.steps[e.step - 1].exercise) continue;
        if (w->kind == LineKind::ClientCommand) {
            ReplayedExchange x;
            x.command = w->text.substr(0, w->text.find("\r\n"));
            x.step = e.step;
            ours.push_back(std::move(x));
        } else if (!w->is_client()) {
            ours.back().ours.push_back(w->text.substr(0, w->text.find("\r\n")));
            if (!w->literals.empty())
                ours.back().ours.push_back(w->text.substr(w->literals.back().offset + w->literals.back().length));
        }
    }
    std::vector<std::string> commands{""};
    std::vector<std::vector<const TranscriptLine*>> recorded(1);
    bool literal_pending = false;  // the last client line announced a literal
    bool answering_plus = false;   // the server sent "+" for the current command, which it has not completed
    std::string tag;               // the current command's tag
    for (const auto& l : transcript.lines) {
        if (l.is_client()) {
            // A client line after one that announced a literal holds the literal's bytes and the
            // rest of the command: it belongs to that command. So does a line that answers a "+"
            // before the command's tagged response: a SASL response to AUTHENTICATE ("*" cancels
            // it, RFC 9051 §6.2.2) or the DONE that ends IDLE. Our client sends those lines as
            // continuations, not as commands.
            const bool continuation = literal_pending || answering_plus;
            literal_pending = l.literal_octets.has_value();
            if (continuation) continue;
            commands.push_back(l.text);
            recorded.emplace_back();
            tag = l.text.substr(0, l.text.find(' '));
        } else {
            recorded.back().push_back(&l);
            if (recorded.size() == 1 || l.elision) continue;
            if (l.text.rfind("+", 0) == 0) answering_plus = true;
            else if (l.text.size() > tag.size() && l.text.compare(0, tag.size(), tag) == 0 && l.text[tag.size()] == ' ')
                answering_plus = false;
        }
    }
    if (ours.size() != commands.size())
        return R::failure("the lesson sends " + std::to_string(ours.size() - 1) + " commands, the transcript has " +
                          std::to_string(commands.size() - 1));
    for (std::size_t i = 1; i < ours.size(); ++i)
        if (ours[i].command != commands[i])
            return R::failure("command " + std::to_string(i) + ": the lesson sends \"" + ours[i].command + "\", the transcript has \"" +
                              commands[i] + "\"");
    for (std::size_t i = 0; i < ours.size(); ++i) {
        for (const auto* l : recorded[i]) ours[i].recorded.push_back(l->text);
        ours[i].same = matches(recorded[i], 0, ours[i].ours, 0);
        if (ours[i].step >= 1 && ours[i].step <= lesson.steps.size()) ours[i].why = lesson.steps[ours[i].step - 1].transcript_note;
    }
    return ours;
}

}  // namespace imaplab
