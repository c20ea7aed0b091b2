#pragma once
// The timeline: an append-only list of TraceEvents with the current lesson step.
#include <cstdint>
#include <vector>

#include "trace/trace_event.hpp"

namespace imaplab {

/// Receives events as they happen. The engine, the store and the in-process wire write to a sink;
/// the Timeline is the usual one.
class TraceSink {
public:
    virtual ~TraceSink() = default;
    /// Records `data` for `connection` (0 = the store, shared by all connections).
    virtual void record(std::uint32_t connection, TraceData data) = 0;
};

class Timeline final : public TraceSink {
public:
    void record(std::uint32_t connection, TraceData data) override;

    /// Sets the step that following events belong to and records a StepStarted event.
    void begin_step(std::uint32_t step);
    std::uint32_t current_step() const { return step_; }

    const std::vector<TraceEvent>& events() const { return events_; }
    std::size_t size() const { return events_.size(); }
    /// Index one past the last event of `step` (events are grouped by non-decreasing step).
    std::size_t end_of_step(std::uint32_t step) const;
    /// Index of the first event of `step`.
    std::size_t begin_of_step(std::uint32_t step) const;
    /// The highest step number recorded.
    std::uint32_t last_step() const { return events_.empty() ? 0 : events_.back().step; }

private:
    std::vector<TraceEvent> events_;
    std::uint32_t step_ = 0;
};

}  // namespace imaplab
