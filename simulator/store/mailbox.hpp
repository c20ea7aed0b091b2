#pragma once
// A mailbox: messages in ascending UID order, UIDVALIDITY/UIDNEXT, the keywords defined in it,
// and the \Recent boundary. RFC 9051 §2.3.1.1 (UIDs), RFC 3501 §2.3.2 (\Recent).
// The store never writes wire syntax: it hands values to the engine, which encodes them.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/acl.hpp"
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

class Mailbox;

/// Watches a mailbox: a session that has it selected. Called synchronously when the mailbox
/// changes; `actor` is the observer that made the change (nullptr when it was not a session).
/// The observer queues what it must report and reports it when the RFC allows (RFC 9051 §7.5.1).
class MailboxObserver {
public:
    virtual ~MailboxObserver() = default;
    virtual void on_appended(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) = 0;
    virtual void on_expunged(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) = 0;
    virtual void on_flags_changed(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) = 0;
    /// The mailbox is being destroyed (DELETE); the observer must forget it.
    virtual void on_deleted(Mailbox& mailbox) = 0;
};

class Mailbox {
public:
    Mailbox(std::string name, std::uint32_t uidvalidity) : name_(std::move(name)), uidvalidity_(uidvalidity) {}
    /// Tells every observer the mailbox is gone.
    ~Mailbox();
    Mailbox(const Mailbox&) = delete;
    Mailbox& operator=(const Mailbox&) = delete;

    /// Observers: sessions that have this mailbox selected.
    void attach(MailboxObserver* observer);
    void detach(MailboxObserver* observer);
    /// Renames (RENAME); observers keep watching the same mailbox.
    void set_name(std::string name) { name_ = std::move(name); }

    const std::string& name() const { return name_; }
    std::uint32_t uidvalidity() const { return uidvalidity_; }
    /// The UID the next message will get. RFC 9051 §2.3.1.1.
    std::uint32_t uidnext() const { return uidnext_; }
    /// Raises UIDNEXT (never lowers it).
    void raise_uidnext(std::uint32_t v) { if (v > uidnext_) uidnext_ = v; }

    const std::vector<Message>& messages() const { return messages_; }
    /// Index of the message with `uid`, or nullopt.
    std::optional<std::size_t> index_of(Uid uid) const;

    /// Adds a message; its UID must be at least UIDNEXT, so UIDs are never reused (throws
    /// std::invalid_argument otherwise: callers validate first). UIDNEXT becomes uid + 1.
    /// Observers are told.
    void append(Message message, const MailboxObserver* actor = nullptr);
    /// Adds a message with the next UID (APPEND, COPY); returns the UID given.
    Uid append_next(Message message, const MailboxObserver* actor = nullptr);
    /// Removes the message with `uid`. Observers other than `actor` still have it in their view
    /// until they report the EXPUNGE, so it is kept as a tombstone until each has released it.
    void expunge(Uid uid, const MailboxObserver* actor = nullptr);
    /// Expunges several messages (ascending UIDs) in one pass; observers are told of each.
    void expunge(const std::vector<Uid>& uids, const MailboxObserver* actor = nullptr);
    /// An observer reported the EXPUNGE of `uid` and no longer needs its tombstone.
    void release_tombstone(Uid uid);

    /// The message with `uid`, or its tombstone if it was expunged but some observer still shows
    /// it (FETCH of such a message answers as Dovecot does: from what is left); nullptr otherwise.
    const Message* find(Uid uid) const;
    Message* find(Uid uid);
    /// True when `uid` was expunged (the message is only a tombstone now).
    bool is_tombstone(Uid uid) const;

    /// Flags stored on a message, canonical order: system flags, then keywords (no \Recent).
    std::vector<std::string> flag_names(const Message& m) const;
    /// Applies a STORE to the message with `uid` (a tombstone too). New keywords are added to the
    /// mailbox's keyword table (`defined_new_keyword` tells whether that happened). Observers other
    /// than `actor` are told when flags of a live message changed.
    FlagChange apply_flags(Uid uid, StoreMode mode, const FlagNames& flags, bool* defined_new_keyword = nullptr,
                           const MailboxObserver* actor = nullptr);
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

    /// The mailbox's access control list (RFC 4314). Part of the mailbox, so it moves with
    /// RENAME and goes with DELETE.
    Acl& acl() { return acl_; }
    const Acl& acl() const { return acl_; }


private:
    std::string name_;
    std::uint32_t uidvalidity_;
    std::uint32_t uidnext_ = 1;
    std::uint32_t first_recent_uid_ = 1;
    std::vector<Message> messages_;
    struct Tombstone {
        Message message;
        std::size_t holders = 0;  // observers that still show the message
    };
    std::map<std::uint32_t, Tombstone> tombstones_;
    std::vector<MailboxObserver*> observers_;
    std::vector<std::string> keywords_;
    Acl acl_;
    std::optional<std::uint16_t> find_keyword(std::string_view name) const;
};

}  // namespace imaplab
