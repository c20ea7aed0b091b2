#include "types/ascii.hpp"

namespace imaplab {

std::string ascii_upper(std::string_view s) {
    std::string u(s);
    for (char& c : u)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return u;
}

}  // namespace imaplab
