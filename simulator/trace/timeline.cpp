#include "trace/timeline.hpp"

#include <algorithm>

namespace imaplab {

void Timeline::record(std::uint32_t connection, TraceData data) {
    TraceEvent e;
    e.index = events_.size();
    e.step = step_;
    e.connection = connection;
    e.data = std::move(data);
    events_.push_back(std::move(e));
}

void Timeline::begin_step(std::uint32_t step) {
    step_ = step;
    record(0, StepStarted{step});
}

std::size_t Timeline::end_of_step(std::uint32_t step) const {
    auto it = std::upper_bound(events_.begin(), events_.end(), step,
                               [](std::uint32_t s, const TraceEvent& e) { return s < e.step; });
    return static_cast<std::size_t>(it - events_.begin());
}

std::size_t Timeline::begin_of_step(std::uint32_t step) const {
    auto it = std::lower_bound(events_.begin(), events_.end(), step,
                               [](const TraceEvent& e, std::uint32_t s) { return e.step < s; });
    return static_cast<std::size_t>(it - events_.begin());
}

}  // namespace imaplab
