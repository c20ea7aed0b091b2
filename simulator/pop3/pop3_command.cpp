#include "pop3/pop3_command.hpp"

#include <cctype>
#include <limits>

namespace imaplab {

Pop3Command parse_pop3_command(std::string_view line) {
    Pop3Command c;
    const std::size_t sp = line.find(' ');
    const std::string_view keyword = line.substr(0, sp);
    for (char ch : keyword) c.keyword.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    if (sp != std::string_view::npos) c.args = std::string(line.substr(sp + 1));
    return c;
}

Pop3Number parse_pop3_number(std::string_view args, bool then_space, std::string_view what_invalid,
                             std::string_view what_large, std::string_view what_noise) {
    Pop3Number n;
    if (args.empty() || args[0] < '0' || args[0] > '9') {
        n.error = "-ERR " + std::string(what_invalid) + ": " + std::string(args);
        return n;
    }
    std::size_t i = 0;
    // Numbers are 32-bit in Dovecot (message numbers) or 64-bit (TOP's line count); the caller
    // compares with its own maximum, so anything above 2^32 - 1 is "too large" here.
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
    while (i < args.size() && args[i] >= '0' && args[i] <= '9') {
        n.value = n.value * 10 + static_cast<std::uint64_t>(args[i] - '0');
        if (n.value > kMax) {
            n.error = "-ERR " + std::string(what_large) + ": " + std::string(args);
            return n;
        }
        ++i;
    }
    const std::string_view after = args.substr(i);
    const bool ok = then_space ? (!after.empty() && after[0] == ' ') : after.empty();
    if (!ok) {
        n.error = "-ERR " + std::string(what_noise) + ": " + std::string(after);
        return n;
    }
    while (i < args.size() && args[i] == ' ') ++i;
    n.rest = std::string(args.substr(i));
    return n;
}

}  // namespace imaplab
