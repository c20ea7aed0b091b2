#include "console/history.hpp"

#include <algorithm>
#include <utility>

namespace imaplab::console {

void History::add(std::string_view entry) {
    position_.reset();
    draft_.clear();
    if (std::all_of(entry.begin(), entry.end(), [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; }))
        return;
    if (!entries_.empty() && entries_.back() == entry) return;
    entries_.emplace_back(entry);
    while (entries_.size() > limit_) entries_.pop_front();
}

std::optional<std::string> History::up(std::string_view editing) {
    if (entries_.empty()) return std::nullopt;
    if (!position_) {
        draft_ = std::string(editing);
        position_ = entries_.size() - 1;
        return entries_[*position_];
    }
    if (*position_ == 0) return std::nullopt;
    --*position_;
    return entries_[*position_];
}

std::optional<std::string> History::down() {
    if (!position_) return std::nullopt;
    if (*position_ + 1 < entries_.size()) {
        ++*position_;
        return entries_[*position_];
    }
    position_.reset();
    return std::exchange(draft_, {});
}

}  // namespace imaplab::console
