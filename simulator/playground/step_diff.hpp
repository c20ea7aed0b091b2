#pragma once
// What the playground's timeline views compute from a timeline, as pure data with no GUI:
// - the mailbox diff between two steps (built on project(), messages by UID);
// - the renumbering of the sequence-number-vs-UID view's animation after an EXPUNGE
//   (RFC 9051 §7.5.1: each EXPUNGE decrements the sequence numbers of the later messages).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/session_view.hpp"
#include "trace/timeline.hpp"
#include "types/result.hpp"

namespace imaplab {

/// Flags of one message that differ between the two steps.
struct FlagDelta {
    std::uint32_t uid = 0;
    std::vector<std::string> added;    ///< flags at step_b that were not there at step_a, sorted
    std::vector<std::string> removed;  ///< flags at step_a that are gone at step_b, sorted
    friend bool operator==(const FlagDelta&, const FlagDelta&) = default;
};

/// A message whose message sequence number differs between the steps (its UID stays).
struct SeqChange {
    std::uint32_t uid = 0;
    std::uint32_t before = 0;  ///< sequence number at step_a
    std::uint32_t after = 0;   ///< sequence number at step_b
    friend bool operator==(const SeqChange&, const SeqChange&) = default;
};

struct MailboxRename {
    std::string from;  ///< name at step_a
    std::string to;    ///< name at step_b
    friend bool operator==(const MailboxRename&, const MailboxRename&) = default;
};

/// How the account and one mailbox differ from step_a to step_b, as `connection` sees them.
struct StepDiff {
    std::uint32_t step_a = 0, step_b = 0;
    std::string mailbox;         ///< the mailbox compared, named as at step_b
    std::string mailbox_before;  ///< its name at step_a ("" when it did not exist then)
    std::vector<std::uint32_t> added;     ///< UIDs present at step_b only, ascending
    std::vector<std::uint32_t> expunged;  ///< UIDs present at step_a only, ascending
    std::vector<FlagDelta> flags;         ///< messages present at both steps whose flags differ, by UID
    std::vector<SeqChange> renumbered;    ///< messages present at both steps whose number differs, by UID
    std::vector<std::string> mailboxes_created;   ///< exist at step_b only (named as at step_b), sorted
    std::vector<std::string> mailboxes_deleted;   ///< exist at step_a only (named as at step_a), sorted
    std::vector<MailboxRename> mailboxes_renamed;  ///< exist at both under other names, by `from`
    bool empty() const {
        return added.empty() && expunged.empty() && flags.empty() && renumbered.empty() && mailboxes_created.empty() &&
               mailboxes_deleted.empty() && mailboxes_renamed.empty();
    }
};

/// The difference from the state after step `step_a` to the state after step `step_b` (either may
/// be the later one: a diff backwards in time lists as added what the later step lacks). Messages
/// are those of `mailbox` as named at step_b ("" = the mailbox project() lists at step_b for
/// `connection`: the selected one, else INBOX), followed through RENAMEs back to step_a. A message
/// expunged during a step counts as gone after it. Flags are as project() shows them to
/// `connection` (\Recent included for its selected mailbox). Mailboxes are the account's whole
/// tree, renames followed event by event (RENAME of a parent moves its children too).
/// Error: a step past the timeline's last step.
Result<StepDiff> diff_steps(const Timeline& timeline, std::uint32_t step_a, std::uint32_t step_b, std::uint32_t connection = 1,
                            std::string_view mailbox = "");

/// One row of the sequence-number-vs-UID view's renumbering animation.
struct RenumberRow {
    std::uint32_t uid = 0;
    std::uint32_t from_seq = 0;  ///< sequence number before the step (0 for a message new this step)
    std::uint32_t to_seq = 0;    ///< sequence number after the step (0 for a message expunged this step)
    bool leaving = false;        ///< expunged during the step: fades out in place
    bool arriving = false;       ///< new this step: fades in at to_seq
    friend bool operator==(const RenumberRow&, const RenumberRow&) = default;
};

/// The rows of `view` (ascending UID, as project() gives them) with where each one moves.
std::vector<RenumberRow> renumbering(const SessionView& view);

/// Where a row is drawn at animation time `t`.
struct RowPosition {
    double slot = 0;     ///< position in rows, 1-based like sequence numbers (1.5 = halfway between rows 1 and 2)
    double opacity = 1;  ///< 0 (invisible) to 1
    friend bool operator==(const RowPosition&, const RowPosition&) = default;
};

/// The position of `row` at `t` in [0, 1] (clamped; NaN counts as 0): a staying row slides
/// linearly from from_seq to to_seq; a leaving row stays at from_seq and fades out (opacity 1 - t);
/// an arriving row stays at to_seq and fades in (opacity t).
RowPosition row_position(const RenumberRow& row, double t);

}  // namespace imaplab
