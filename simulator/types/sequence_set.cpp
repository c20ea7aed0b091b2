#include "types/sequence_set.hpp"

#include <algorithm>

namespace imaplab {
namespace {

bool parse_bound(std::string_view s, SeqBound& out, std::string* error) {
    if (s == "*") {
        out = SeqBound{0, true};
        return true;
    }
    if (s.empty()) {
        if (error) *error = "empty sequence number";
        return false;
    }
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            if (error) *error = "invalid character '" + std::string(1, c) + "' in sequence set";
            return false;
        }
        v = v * 10 + static_cast<unsigned>(c - '0');
        if (v > 0xFFFFFFFFull) {
            if (error) *error = "sequence number out of range";
            return false;
        }
    }
    if (s[0] == '0') {
        if (error) *error = (v == 0) ? "0 is not a valid sequence number" : "leading zero in sequence number";
        return false;
    }
    out = SeqBound{static_cast<std::uint32_t>(v), false};
    return true;
}

}  // namespace

std::optional<SequenceSet> SequenceSet::parse(std::string_view text, std::string* error) {
    SequenceSet set;
    if (text.empty()) {
        if (error) *error = "empty sequence set";
        return std::nullopt;
    }
    if (text == "$") return saved_result();
    if (text.find('$') != std::string_view::npos) {
        if (error) *error = "$ must stand alone in a sequence set";
        return std::nullopt;
    }
    std::size_t pos = 0;
    while (true) {
        std::size_t comma = text.find(',', pos);
        std::string_view item = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        std::size_t colon = item.find(':');
        SeqRange r;
        if (colon == std::string_view::npos) {
            if (!parse_bound(item, r.first, error)) return std::nullopt;
            r.last = r.first;
        } else {
            if (!parse_bound(item.substr(0, colon), r.first, error)) return std::nullopt;
            if (!parse_bound(item.substr(colon + 1), r.last, error)) return std::nullopt;
        }
        set.ranges_.push_back(r);
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return set;
}

SequenceSet SequenceSet::saved_result() {
    SequenceSet set;
    set.saved_result_ = true;
    return set;
}

std::vector<Interval> SequenceSet::resolve(std::uint32_t star) const {
    std::vector<Interval> v;
    v.reserve(ranges_.size());
    for (const auto& r : ranges_) {
        std::uint32_t a = r.first.resolve(star), b = r.last.resolve(star);
        if (a > b) std::swap(a, b);
        v.push_back({a, b});
    }
    std::sort(v.begin(), v.end(), [](const Interval& x, const Interval& y) { return x.low < y.low; });
    std::vector<Interval> merged;
    for (const auto& i : v) {
        if (!merged.empty() && static_cast<std::uint64_t>(merged.back().high) + 1 >= i.low)
            merged.back().high = std::max(merged.back().high, i.high);
        else
            merged.push_back(i);
    }
    return merged;
}

std::uint32_t SequenceSet::max_explicit() const {
    std::uint32_t m = 0;
    for (const auto& r : ranges_) m = std::max({m, r.first.value, r.last.value});
    return m;
}

bool SequenceSet::uses_star() const {
    return std::any_of(ranges_.begin(), ranges_.end(), [](const SeqRange& r) { return r.first.is_star || r.last.is_star; });
}

std::string SequenceSet::to_string() const {
    if (saved_result_) return "$";
    std::string s;
    auto bound = [](const SeqBound& b) { return b.is_star ? std::string("*") : std::to_string(b.value); };
    for (std::size_t i = 0; i < ranges_.size(); ++i) {
        if (i) s += ',';
        s += bound(ranges_[i].first);
        if (!(ranges_[i].first == ranges_[i].last)) s += ':' + bound(ranges_[i].last);
    }
    return s;
}

}  // namespace imaplab
