#pragma once
// A mailbox: messages in ascending UID order, UIDVALIDITY/UIDNEXT, the keywords defined in it,
// and the \Recent boundary. RFC 9051 §2.3.1.1 (UIDs), RFC 3501 §2.3.2 (\Recent).
// The store never writes wire syntax: it hands values to the engine, which encodes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/message.hpp"
#include "types/flags.hpp"

namespace imaplab {

/// How a STORE changes flags. RFC 9051 §6.4.6: FLAGS replaces, +FLAGS adds, -FLAGS removes.
enum class StoreMode : std::uint8_t { Replace, Add, Remove };

/// The effect of changing one message's flags.
struct FlagChange {
    std::vector<std::string> added;
    std::vector<std::string> removed;
    bool changed() const { return !added.empty() || !removed.empty(); }
};

class Mailbox {
public:
    Mailbox(std::string name, std::uint32_t uidvalidity) : name_(std::move(name)), uidvalidity_(uidvalidity) {}

    const std::string& name() const { return name_; }
    std::uint32_t uidvalidity() const { return uidvalidity_; }
    /// The UID the next message will get. RFC 9051 §2.3.1.1.
    std::uint32_t uidnext() const { return uidnext_; }
    /// Raises UIDNEXT (never lowers it).
    void raise_uidnext(std::uint32_t v) { if (v > uidnext_) uidnext_ = v; }

    const std::vector<Message>& messages() const { return messages_; }
    /// Index of the message with `uid`, or nullopt.
    std::optional<std::size_t> index_of(Uid uid) const;

    /// Adds a message; its UID must be above every UID in the mailbox (throws std::invalid_argument
    /// otherwise: callers validate first). UIDNEXT becomes at least uid + 1.
    void append(Message message);
    /// Removes the message at `index`.
    void erase_at(std::size_t index);

    /// Flags stored on a message, canonical order: system flags, then keywords (no \Recent).
    std::vector<std::string> flag_names(const Message& m) const;
    /// Applies a STORE to the message at `index`. New keywords are added to the mailbox's keyword
    /// table (`defined_new_keyword` tells whether that happened).
    FlagChange apply_flags(std::size_t index, StoreMode mode, const FlagNames& flags, bool* defined_new_keyword = nullptr);
    /// Sets flags on a message being built (fixture, APPEND), defining keywords as needed.
    void set_flags(Message& m, const FlagNames& flags);

    /// Keywords defined in this mailbox, in order of definition.
    const std::vector<std::string>& keywords() const { return keywords_; }
    /// Defines a keyword (case-insensitive: an existing spelling is kept). Returns its id.
    std::uint16_t define_keyword(std::string_view name);

    /// \Recent (RFC 3501 §2.3.2): messages with UID >= first_recent_uid arrived since a session last
    /// selected the mailbox read-write. The next SELECT takes them as its recent messages.
    std::uint32_t first_recent_uid() const { return first_recent_uid_; }
    void set_first_recent_uid(std::uint32_t v) { first_recent_uid_ = v; }

    bool subscribed() const { return subscribed_; }
    void set_subscribed(bool s) { subscribed_ = s; }

private:
    std::string name_;
    std::uint32_t uidvalidity_;
    std::uint32_t uidnext_ = 1;
    std::uint32_t first_recent_uid_ = 1;
    bool subscribed_ = true;
    std::vector<Message> messages_;
    std::vector<std::string> keywords_;
    std::optional<std::uint16_t> find_keyword(std::string_view name) const;
};

}  // namespace imaplab
