#include "step_model.hpp"

#include <algorithm>
#include <variant>

#include "types/flags.hpp"

namespace imaplab::gui {

namespace {

bool has_flag(const std::vector<std::string>& flags, std::string_view flag) {
    return std::any_of(flags.begin(), flags.end(), [&](const std::string& f) { return iequals(f, flag); });
}

}  // namespace

StepModel build_step_model(const Timeline& timeline, std::uint32_t step, std::shared_ptr<const SessionView> view) {
    StepModel m;
    m.step = step;
    m.view = std::move(view);
    const SessionView& v = *m.view;

    m.state_before = v.transitions.empty() ? v.state : v.transitions.front().from;

    // Walk the step's events with the running state to spot a SELECT while already Selected.
    SessionState running = m.state_before;
    const auto& events = timeline.events();
    for (std::size_t i = timeline.begin_of_step(step), end = timeline.end_of_step(step); i < end && i < events.size(); ++i) {
        const TraceEvent& e = events[i];
        if (const auto* added = std::get_if<MessageAdded>(&e.data)) {
            if (step > 0 && added->mailbox == v.shown_mailbox) m.new_uids.push_back(added->uid);
            continue;
        }
        if (e.connection != v.connection) continue;
        if (const auto* sc = std::get_if<StateChanged>(&e.data)) {
            if (sc->from == SessionState::Selected && sc->to == SessionState::Selected) m.reselected = true;
            running = sc->to;
        } else if (std::get_if<MailboxSelected>(&e.data) && running == SessionState::Selected) {
            m.reselected = true;
        }
    }

    std::sort(m.new_uids.begin(), m.new_uids.end());

    for (std::size_t i = 0; i < v.messages.size(); ++i) {
        const MessageRow& r = v.messages[i];
        const bool shifted = step > 0 && r.prev_seq != 0 && r.seq != 0 && r.prev_seq != r.seq;
        const bool arrived = std::binary_search(m.new_uids.begin(), m.new_uids.end(), r.uid);
        if (r.leaving || shifted || arrived || !r.added.empty() || !r.removed.empty()) m.changed_rows.push_back(i);
        if (r.leaving) continue;
        ++m.exists;
        if (has_flag(r.flags, "\\Recent")) ++m.recent;
        if (!has_flag(r.flags, "\\Seen")) ++m.unseen;
    }

    return m;
}

StepModel build_step_model(const LessonRun& run, std::uint32_t step, std::shared_ptr<const SessionView> view) {
    StepModel m = build_step_model(run.timeline(), step, std::move(view));
    for (const StepCheck& c : run.checks()) {
        if (c.step == step) m.checks.push_back(&c);
    }
    return m;
}

std::shared_ptr<const SessionView> ViewCache::get(const Timeline& timeline, std::uint32_t step, const std::string& mailbox,
                                                  std::uint32_t connection) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->step == step && it->connection == connection && it->mailbox == mailbox) {
            Entry e = std::move(*it);
            entries_.erase(it);
            entries_.push_back(std::move(e));
            return entries_.back().view;
        }
    }
    auto view = std::make_shared<const SessionView>(project(timeline, step, connection, mailbox));
    if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
    entries_.push_back(Entry{step, connection, mailbox, view});
    return view;
}

}  // namespace imaplab::gui
