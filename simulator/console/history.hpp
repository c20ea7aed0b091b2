#pragma once
// The console's command history, navigated with Up and Down as in a shell: Up recalls older
// entries, Down newer ones, and Down past the newest gives back the line that was being edited
// before the first Up. Entries are the input box's text as sent (tags included if typed).
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace imaplab::console {

class History {
public:
    /// Keeps at most `limit` entries (the oldest go first); a limit of 0 is taken as 1.
    explicit History(std::size_t limit = 1000) : limit_(limit ? limit : 1) {}

    /// Records a sent command and ends any navigation. Ignored when it is empty (only spaces and
    /// line ends) or equal to the newest entry.
    void add(std::string_view entry);

    /// Up: the next older entry, or nullopt when there is none (the box keeps its text). On the
    /// first Up `editing` (the box's text) is kept as the draft.
    std::optional<std::string> up(std::string_view editing);
    /// Down: the next newer entry; past the newest, the draft; nullopt when not navigating.
    std::optional<std::string> down();

    /// Ends navigation without changing the entries (e.g. Escape).
    void reset() { position_.reset(); }

    /// Oldest first.
    const std::deque<std::string>& entries() const { return entries_; }
    std::size_t limit() const { return limit_; }
    /// The entry index being shown, nullopt when the box holds the draft (not navigating).
    std::optional<std::size_t> position() const { return position_; }

private:
    std::size_t limit_;
    std::deque<std::string> entries_;
    std::optional<std::size_t> position_;
    std::string draft_;
};

}  // namespace imaplab::console
