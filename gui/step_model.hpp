#pragma once
// What the panels show at one step, prepared when the step (or the listed mailbox) changes:
// the SessionView projection plus what the views would otherwise search for every frame.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "lesson/lesson_run.hpp"
#include "trace/session_view.hpp"

namespace imaplab::gui {

struct StepModel {
    std::uint32_t step = 0;
    std::shared_ptr<const SessionView> view;  ///< never null once built
    /// State at the start of the step (before its transitions).
    SessionState state_before = SessionState::NotAuthenticated;
    /// A SELECT/EXAMINE was issued while already in Selected (the "another mailbox" loop).
    bool reselected = false;
    /// Rows of view->messages that changed during the step (flags, leaving, renumbered), ascending.
    std::vector<std::size_t> changed_rows;
    /// UIDs added to the listed mailbox during the step (APPEND, COPY), sorted.
    std::vector<std::uint32_t> new_uids;
    std::size_t exists = 0;  ///< messages not leaving
    std::size_t recent = 0;  ///< messages with \Recent
    std::size_t unseen = 0;  ///< messages without \Seen
    std::vector<const StepCheck*> checks;  ///< this step's expectations, in lesson order
};

/// Builds the model for `step`, listing `mailbox` ("" = follow the session). `view` is the
/// projection for that step and mailbox (see ViewCache).
StepModel build_step_model(const LessonRun& run, std::uint32_t step, std::shared_ptr<const SessionView> view);

/// The same for a timeline without a lesson (a live connection of `imaplab --serve`): no checks.
StepModel build_step_model(const Timeline& timeline, std::uint32_t step, std::shared_ptr<const SessionView> view);

/// Remembers the last few projections so Back/Step between neighbouring steps does not re-project.
class ViewCache {
public:
    explicit ViewCache(std::size_t capacity = 6) : capacity_(capacity) {}
    /// The projection of `step` for `connection` listing `mailbox`.
    std::shared_ptr<const SessionView> get(const Timeline& timeline, std::uint32_t step, const std::string& mailbox,
                                           std::uint32_t connection = 1);
    void clear() { entries_.clear(); }

private:
    struct Entry {
        std::uint32_t step;
        std::uint32_t connection;
        std::string mailbox;
        std::shared_ptr<const SessionView> view;
    };
    std::size_t capacity_;
    std::vector<Entry> entries_;  // most recently used last
};

}  // namespace imaplab::gui
