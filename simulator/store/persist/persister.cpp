#include "store/persist/persister.hpp"

namespace imaplab::persist {

std::optional<std::chrono::milliseconds> Persister::time_until_due(Clock::time_point now) const {
    if (!dirty_) return std::nullopt;
    if (!last_save_ || now >= *last_save_ + min_interval_) return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(*last_save_ + min_interval_ - now);
}

Result<bool> Persister::flush_if_due(Clock::time_point now) {
    auto wait = time_until_due(now);
    if (!wait || wait->count() > 0) return false;
    return save(now);
}

Result<bool> Persister::flush() {
    if (!dirty_) return false;
    return save(Clock::now());
}

Result<bool> Persister::save(Clock::time_point now) {
    SaveOptions options;
    options.generation = generation_ ? generation_ + 1 : 0;
    options.cache = &cache_;
    options.last_index_body = &last_index_body_;
    last_save_ = now;  // a failing disk is retried at the same pace, not in a tight loop
    auto report = save_store(store_, dir_, options);
    if (!report) return Result<bool>::failure(report.error());
    dirty_ = false;
    generation_ = report->generation;
    return report->written;
}

}  // namespace imaplab::persist
