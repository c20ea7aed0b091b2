#include "codec/response_classifier.hpp"

#include "types/flags.hpp"

namespace imaplab {
namespace {
ResponseStatus status_word(std::string_view w) {
    if (iequals(w, "OK")) return ResponseStatus::Ok;
    if (iequals(w, "NO")) return ResponseStatus::No;
    if (iequals(w, "BAD")) return ResponseStatus::Bad;
    if (iequals(w, "BYE")) return ResponseStatus::Bye;
    if (iequals(w, "PREAUTH")) return ResponseStatus::Preauth;
    return ResponseStatus::None;
}
std::string_view word_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return {};
    std::size_t end = s.find_first_of(" \r\n", pos);
    return s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
}
}  // namespace

ResponseClass classify_response(std::string_view r) {
    ResponseClass c;
    if (!r.empty() && r[0] == '+') {
        c.kind = LineKind::ServerContinuation;
        return c;
    }
    if (r.size() >= 2 && r[0] == '*' && r[1] == ' ') {
        c.kind = LineKind::ServerUntagged;
        c.status = status_word(word_at(r, 2));
        return c;
    }
    std::size_t sp = r.find(' ');
    c.kind = LineKind::ServerTagged;
    c.tag = std::string(r.substr(0, sp));
    c.status = sp == std::string_view::npos ? ResponseStatus::None : status_word(word_at(r, sp + 1));
    return c;
}

}  // namespace imaplab
