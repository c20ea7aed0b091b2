#include "engine/search/search_result.hpp"

namespace imaplab::search {

std::string search_response(const std::vector<std::uint32_t>& numbers) {
    std::string s = "SEARCH";
    for (std::uint32_t n : numbers) {
        s += ' ';
        s += std::to_string(n);
    }
    return s;
}

std::string compress_sequence_set(const std::vector<std::uint32_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = i;
        while (j + 1 < v.size() && v[j + 1] == v[j] + 1) ++j;
        if (!s.empty()) s += ',';
        s += std::to_string(v[i]);
        if (j > i) s += ':' + std::to_string(v[j]);
        i = j + 1;
    }
    return s;
}

std::string esearch_response(std::string_view tag, bool uid, const ReturnOptions& ret, const std::vector<std::uint32_t>& numbers) {
    std::string s = "ESEARCH (TAG \"";
    for (char c : tag) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
    }
    s += "\")";
    if (uid) s += " UID";
    if (!numbers.empty()) {
        if (ret.min) s += " MIN " + std::to_string(numbers.front());
        if (ret.max) s += " MAX " + std::to_string(numbers.back());
        if (ret.all) s += " ALL " + compress_sequence_set(numbers);
    }
    if (ret.count) s += " COUNT " + std::to_string(numbers.size());
    return s;
}

}  // namespace imaplab::search
