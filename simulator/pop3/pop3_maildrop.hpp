#pragma once
// The POP3 maildrop: the account's INBOX as the POP3 session saw it at login (RFC 1939 §4: message
// numbers 1..n are fixed for the whole session), with the DELE marks and which messages RETR
// sent. Messages that arrive later are not in it; messages another session expunges keep their
// number, and RETR / TOP answer that they were expunged (as Dovecot does).
#include <cstdint>
#include <string>
#include <vector>

namespace imaplab {

class Mailbox;

class Pop3Maildrop {
public:
    struct Entry {
        std::uint32_t uid = 0;
        std::uint64_t size = 0;  ///< octets as stored (CRLF line ends), what LIST and STAT count
        bool deleted = false;    ///< marked by DELE (RFC 1939 §5)
        bool retrieved = false;  ///< sent whole by RETR: gets \Seen at QUIT (Dovecot)
    };

    Pop3Maildrop() = default;
    /// Takes every message of `inbox` (may be null: an account without INBOX has an empty drop).
    explicit Pop3Maildrop(const Mailbox* inbox);

    /// Messages in the drop, deleted ones included (message number n is entries()[n - 1]).
    const std::vector<Entry>& entries() const { return entries_; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(entries_.size()); }
    Entry& at(std::uint32_t number) { return entries_[number - 1]; }
    const Entry& at(std::uint32_t number) const { return entries_[number - 1]; }

    /// Messages not marked deleted, and their octets. RFC 1939 §5 (STAT).
    std::uint32_t live_count() const;
    std::uint64_t live_octets() const;
    /// The mailbox's UIDVALIDITY at login (for UIDL).
    std::uint32_t uidvalidity() const { return uidvalidity_; }

    /// Clears every DELE mark and RETR record. RFC 1939 §5 (RSET).
    void reset();

    /// The unique-id listing of a message: Dovecot's default pop3_uidl_format "%08Xu%08Xv", the UID
    /// and the UIDVALIDITY as 8 hex digits each (Dovecot writes them in lower case):
    /// UID 1 in UIDVALIDITY 1 is "0000000100000001". Stable across sessions while UIDVALIDITY
    /// stays, unique within the maildrop. RFC 1939 §7 (UIDL).
    static std::string unique_id(std::uint32_t uid, std::uint32_t uidvalidity);

private:
    std::vector<Entry> entries_;
    std::uint32_t uidvalidity_ = 0;
};

}  // namespace imaplab
