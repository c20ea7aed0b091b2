#include "lesson/server_lines.hpp"

#include <regex>
#include <variant>

namespace imaplab {

std::vector<std::string> step_server_lines(const Timeline& t, std::size_t begin, std::size_t end, std::uint32_t connection) {
    std::vector<std::string> lines;
    for (std::size_t i = begin; i < end && i < t.size(); ++i) {
        const auto* w = std::get_if<WireLine>(&t.events()[i].data);
        if (!w || w->is_client() || t.events()[i].connection != connection) continue;
        lines.push_back(w->text);
        if (std::size_t nl = w->text.find("\r\n"); nl != std::string::npos) lines.push_back(w->text.substr(0, nl));
    }
    return lines;
}

bool check_server_lines(const Expectation& e, const std::vector<std::string>& lines, std::string& actual) {
    using K = Expectation::Kind;
    if (e.kind == K::NoServerLineRegex) {
        for (const auto& l : lines)
            if (std::regex_match(l, std::regex(e.text))) {
                actual = "the server sent `" + l.substr(0, l.find("\r\n")) + "`";
                return false;
            }
        actual = "no server line matches";
        return true;
    }
    for (const auto& l : lines)
        if (e.kind == K::ServerLine ? l == e.text : std::regex_match(l, std::regex(e.text))) return true;
    actual = "no server line of the step matches; they were:";
    for (const auto& l : lines)
        if (l.find("\r\n") == std::string::npos) actual += "\n    " + l;
    return false;
}

}  // namespace imaplab
