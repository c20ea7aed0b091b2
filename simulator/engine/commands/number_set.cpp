#include "engine/commands/number_set.hpp"

namespace imaplab {

std::string format_number_set(const std::vector<std::uint32_t>& n) {
    std::string out;
    for (std::size_t i = 0; i < n.size();) {
        std::size_t j = i;
        while (j + 1 < n.size() && n[j + 1] == n[j] + 1) ++j;
        if (!out.empty()) out += ',';
        out += std::to_string(n[i]);
        if (j > i) out += ':' + std::to_string(n[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace imaplab
