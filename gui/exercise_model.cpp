#include "exercise_model.hpp"

namespace imaplab::gui {

std::vector<std::string> exercise_lines(const std::string& input) {
    std::vector<std::string> lines;
    std::size_t p = 0;
    while (p <= input.size()) {
        std::size_t nl = input.find('\n', p);
        if (nl == std::string::npos) nl = input.size();
        std::string line = input.substr(p, nl - p);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        std::size_t lead = 0;
        while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
        if (lead < line.size()) lines.push_back(line.substr(lead));
        p = nl + 1;
    }
    return lines;
}

}  // namespace imaplab::gui
