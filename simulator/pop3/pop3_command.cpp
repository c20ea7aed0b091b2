#include "pop3/pop3_command.hpp"

#include <cctype>

namespace imaplab {

Pop3Command parse_pop3_command(std::string_view line) {
    Pop3Command c;
    const std::size_t sp = line.find(' ');
    const std::string_view keyword = line.substr(0, sp);
    for (char ch : keyword) c.keyword.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    if (sp != std::string_view::npos) c.args = std::string(line.substr(sp + 1));
    return c;
}

Pop3Number parse_pop3_number(std::string_view args, bool then_space, const Pop3NumberKind& kind) {
    Pop3Number n;
    if (args.empty() || args[0] < '0' || args[0] > '9') {
        n.error = "-ERR " + std::string(kind.invalid) + ": " + std::string(args);
        return n;
    }
    std::size_t i = 0;
    while (i < args.size() && args[i] >= '0' && args[i] <= '9') {
        const auto digit = static_cast<std::uint64_t>(args[i] - '0');
        if (n.value > (kind.max - digit) / 10) {
            n.error = "-ERR " + std::string(kind.large) + ": " + (kind.echo_large ? std::string(args) : std::string());
            return n;
        }
        n.value = n.value * 10 + digit;
        ++i;
    }
    const std::string_view after = args.substr(i);
    const bool ok = then_space ? (!after.empty() && after[0] == ' ') : after.empty();
    if (!ok) {
        n.error = "-ERR " + std::string(kind.noise) + ": " + std::string(after);
        return n;
    }
    while (i < args.size() && args[i] == ' ') ++i;
    n.rest = std::string(args.substr(i));
    return n;
}

}  // namespace imaplab
