#include "types/flags.hpp"

#include <cctype>

namespace imaplab {

std::string_view system_flag_name(SystemFlag f) {
    switch (f) {
        case kAnswered: return "\\Answered";
        case kFlagged: return "\\Flagged";
        case kDeleted: return "\\Deleted";
        case kSeen: return "\\Seen";
        case kDraft: return "\\Draft";
    }
    return "";
}

const std::vector<SystemFlag>& system_flags_in_order() {
    static const std::vector<SystemFlag> v{kAnswered, kFlagged, kDeleted, kSeen, kDraft};
    return v;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

bool is_atom_char(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x1F || u >= 0x7F) return false;  // CTL and 8-bit
    switch (c) {
        case '(': case ')': case '{': case ' ': case '%': case '*': case '"': case '\\': case ']':
            return false;
        default:
            return true;
    }
}

void FlagNames::add_keyword(std::string_view k) {
    for (const auto& existing : keywords)
        if (iequals(existing, k)) return;
    keywords.emplace_back(k);
}

std::vector<std::string> FlagNames::to_strings() const {
    std::vector<std::string> out;
    for (SystemFlag f : system_flags_in_order())
        if (system & f) out.emplace_back(system_flag_name(f));
    out.insert(out.end(), keywords.begin(), keywords.end());
    return out;
}

std::optional<FlagNames> parse_flag_token(std::string_view token, std::string* error) {
    FlagNames n;
    if (token.empty()) {
        if (error) *error = "Empty flag";
        return std::nullopt;
    }
    if (token[0] == '\\') {
        for (SystemFlag f : system_flags_in_order()) {
            if (iequals(token, system_flag_name(f))) {
                n.system = f;
                return n;
            }
        }
        if (error) {
            std::string upper;
            for (char c : token) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            *error = "Invalid system flag " + upper;
        }
        return std::nullopt;
    }
    for (char c : token) {
        if (!is_atom_char(c)) {
            if (error) *error = "Invalid flag name: " + std::string(token);
            return std::nullopt;
        }
    }
    n.keywords.emplace_back(token);
    return n;
}

}  // namespace imaplab
