#include "trace/connection_log.hpp"

#include <algorithm>
#include <string_view>
#include <variant>

namespace imaplab {

std::size_t ConnectionLog::update(const Timeline& server) {
    const auto& events = server.events();
    const std::size_t first = consumed_;
    for (; consumed_ < events.size(); ++consumed_) {
        const TraceEvent& e = events[consumed_];
        if (e.connection == 0) continue;
        connections_[e.connection].record(e.connection, e.data);
    }
    return consumed_ - first;
}

std::vector<std::uint32_t> ConnectionLog::ids() const {
    std::vector<std::uint32_t> out;
    out.reserve(connections_.size());
    for (const auto& [id, _] : connections_) out.push_back(id);
    return out;
}

const Timeline* ConnectionLog::timeline(std::uint32_t id) const {
    auto it = connections_.find(id);
    return it == connections_.end() ? nullptr : &it->second;
}

namespace {

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

/// Removes a CRLF (or a lone CR/LF) at the end of a piece cut before literal data.
std::string_view chop_eol(std::string_view s) {
    if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

void write_line(std::string& out, char who, std::string_view text) {
    out += who;
    out += ": ";
    out += text;
    out += '\n';
}

void write_wire(std::string& out, const WireLine& w) {
    const char who = w.is_client() ? 'C' : 'S';
    const std::string_view text = w.text;
    // A literal the client sent after a "+" that the trace redacted (a password): the command's
    // line already ends in "<redacted>", so a "C:" line here would read as a command of its own.
    if (w.is_client() && w.kind == LineKind::ClientContinuation && text == "<redacted>") {
        out += "# C: <redacted> (the rest of the command, sent after the \"+\": a password)\n";
        return;
    }
    if (w.literals.empty()) {
        write_line(out, who, text);
        return;
    }
    // The text before the first literal ends with its announcement "{n}" (and a CRLF); a
    // continuation after a "+" starts with literal data, so that piece can be empty.
    const std::size_t first = std::min(w.literals.front().offset, text.size());
    if (std::string_view head = chop_eol(text.substr(0, first)); !head.empty() || first > 0) write_line(out, who, head);
    for (std::size_t i = 0; i < w.literals.size(); ++i) {
        const std::size_t start = std::min(w.literals[i].offset, text.size());
        const std::size_t end = std::min(start + w.literals[i].length, text.size());
        const std::size_t next = i + 1 < w.literals.size() ? std::min(w.literals[i + 1].offset, text.size()) : text.size();
        const std::string_view data = text.substr(start, end - start);
        const std::string_view rest = chop_eol(text.substr(end, next - std::min(end, next)));
        if (!w.is_client()) {
            // Server literal data is not typed: the line goes on with the text after it.
            write_line(out, who, rest.empty() ? std::string_view("...") : rest);
        } else if (has_line_break(data)) {
            out += "# the literal's " + std::to_string(data.size()) + " octets hold line breaks: not typed\n";
            write_line(out, who, "<literal: " + std::to_string(data.size()) + " octets>" + std::string(rest));
        } else {
            write_line(out, who, std::string(data) + std::string(rest));
        }
    }
}

}  // namespace

std::string to_transcript(const std::vector<TraceEvent>& events) {
    std::string out;
    for (const TraceEvent& e : events)
        if (const auto* w = std::get_if<WireLine>(&e.data)) write_wire(out, *w);
    return out;
}

}  // namespace imaplab
