#include "playground/step_diff.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <variant>

namespace imaplab {
namespace {

/// Mailboxes followed through the events of steps (lo, hi]: for each name at `hi`, the name it had
/// at `lo` (nullopt when created since), and the names at `lo` that are gone.
struct MailboxTrack {
    std::map<std::string, std::optional<std::string>> at_hi;  // name at hi -> name at lo
    std::set<std::string> deleted;                            // names at lo
};

MailboxTrack track_mailboxes(const Timeline& t, std::uint32_t lo, std::uint32_t hi, std::uint32_t connection) {
    MailboxTrack track;
    for (const auto& row : project(t, lo, connection).mailboxes) track.at_hi[row.name] = row.name;
    std::set<std::string> originals;
    for (const auto& [name, _] : track.at_hi) originals.insert(name);
    const std::size_t end = t.end_of_step(hi);
    for (std::size_t i = t.end_of_step(lo); i < end; ++i) {
        std::visit(
            [&](const auto& d) {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, MailboxCreated>) {
                    track.at_hi[d.mailbox] = std::nullopt;
                } else if constexpr (std::is_same_v<T, MailboxDeleted>) {
                    track.at_hi.erase(d.mailbox);
                } else if constexpr (std::is_same_v<T, MailboxRenamed>) {
                    auto it = track.at_hi.find(d.from);
                    if (it == track.at_hi.end()) return;
                    auto origin = it->second;
                    track.at_hi.erase(it);
                    track.at_hi[d.to] = origin;
                }
            },
            t.events()[i].data);
    }
    for (const auto& [_, origin] : track.at_hi)
        if (origin) originals.erase(*origin);
    track.deleted = std::move(originals);
    return track;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

Result<StepDiff> diff_steps(const Timeline& timeline, std::uint32_t step_a, std::uint32_t step_b, std::uint32_t connection,
                            std::string_view mailbox) {
    const std::uint32_t last = timeline.last_step();
    for (std::uint32_t s : {step_a, step_b})
        if (s > last)
            return Result<StepDiff>::failure("step " + std::to_string(s) + " is past the timeline's last step " + std::to_string(last));
    StepDiff diff;
    diff.step_a = step_a;
    diff.step_b = step_b;

    // Mailboxes: follow the events from the earlier step to the later one, then orient.
    const bool forward = step_a <= step_b;
    const MailboxTrack track = track_mailboxes(timeline, forward ? step_a : step_b, forward ? step_b : step_a, connection);
    std::vector<std::string> created_lo_hi, deleted_lo_hi(track.deleted.begin(), track.deleted.end());
    std::vector<MailboxRename> renamed_lo_hi;
    for (const auto& [name, origin] : track.at_hi) {
        if (!origin) created_lo_hi.push_back(name);
        else if (*origin != name) renamed_lo_hi.push_back(MailboxRename{*origin, name});
    }
    if (forward) {
        diff.mailboxes_created = sorted(created_lo_hi);
        diff.mailboxes_deleted = sorted(deleted_lo_hi);
        diff.mailboxes_renamed = renamed_lo_hi;
    } else {
        diff.mailboxes_created = sorted(deleted_lo_hi);
        diff.mailboxes_deleted = sorted(created_lo_hi);
        for (const auto& r : renamed_lo_hi) diff.mailboxes_renamed.push_back(MailboxRename{r.to, r.from});
    }
    std::sort(diff.mailboxes_renamed.begin(), diff.mailboxes_renamed.end(),
              [](const MailboxRename& x, const MailboxRename& y) { return x.from < y.from; });

    // The mailbox compared: named at step_b, followed to its name at step_a.
    const SessionView view_b = project(timeline, step_b, connection, mailbox);
    diff.mailbox = view_b.shown_mailbox;
    if (forward) {
        auto it = track.at_hi.find(diff.mailbox);
        if (it != track.at_hi.end() && it->second) diff.mailbox_before = *it->second;
    } else if (track.deleted.count(diff.mailbox) == 0) {
        for (const auto& [name, origin] : track.at_hi)
            if (origin && *origin == diff.mailbox) diff.mailbox_before = name;
    }
    std::map<std::uint32_t, const MessageRow*> before, after;
    std::optional<SessionView> view_a;
    if (!diff.mailbox_before.empty()) {
        view_a = project(timeline, step_a, connection, diff.mailbox_before);
        for (const auto& row : view_a->messages)
            if (!row.leaving) before[row.uid] = &row;
    }
    for (const auto& row : view_b.messages)
        if (!row.leaving) after[row.uid] = &row;

    for (const auto& [uid, row] : after) {
        auto it = before.find(uid);
        if (it == before.end()) {
            diff.added.push_back(uid);
            continue;
        }
        const MessageRow& old = *it->second;
        std::vector<std::string> fa = sorted(old.flags), fb = sorted(row->flags);
        FlagDelta delta{uid, {}, {}};
        std::set_difference(fb.begin(), fb.end(), fa.begin(), fa.end(), std::back_inserter(delta.added));
        std::set_difference(fa.begin(), fa.end(), fb.begin(), fb.end(), std::back_inserter(delta.removed));
        if (!delta.added.empty() || !delta.removed.empty()) diff.flags.push_back(std::move(delta));
        if (old.seq != row->seq) diff.renumbered.push_back(SeqChange{uid, old.seq, row->seq});
    }
    for (const auto& [uid, _] : before)
        if (!after.count(uid)) diff.expunged.push_back(uid);
    return diff;
}

std::vector<RenumberRow> renumbering(const SessionView& view) {
    std::vector<RenumberRow> rows;
    rows.reserve(view.messages.size());
    for (const auto& m : view.messages)
        rows.push_back(RenumberRow{m.uid, m.prev_seq, m.seq, m.leaving, m.prev_seq == 0 && !m.leaving});
    return rows;
}

RowPosition row_position(const RenumberRow& row, double t) {
    if (!(t >= 0)) t = 0;  // also NaN
    if (t > 1) t = 1;
    if (row.leaving) return RowPosition{static_cast<double>(row.from_seq), 1 - t};
    if (row.arriving) return RowPosition{static_cast<double>(row.to_seq), t};
    return RowPosition{row.from_seq + (static_cast<double>(row.to_seq) - row.from_seq) * t, 1};
}

}  // namespace imaplab
