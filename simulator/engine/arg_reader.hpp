#pragma once
// Reading a command's arguments in order, with RFC 9051 §9 types. Every reader returns false and
// sets error() to a reason (used in "BAD Error in IMAP command X: <reason>") when the next
// argument is missing or has the wrong form.
#include <cstddef>
#include <string>
#include <vector>

#include "codec/command_parser.hpp"
#include "types/flags.hpp"
#include "types/sequence_set.hpp"

namespace imaplab {

class ArgReader {
public:
    explicit ArgReader(const std::vector<Arg>& args) : args_(args) {}

    bool at_end() const { return pos_ >= args_.size(); }
    /// Succeeds only when every argument was read ("Unexpected extra arguments" otherwise).
    bool end();
    const Arg* peek() const { return at_end() ? nullptr : &args_[pos_]; }

    /// astring = 1*ASTRING-CHAR / string.
    bool astring(std::string& out);
    /// mailbox = "INBOX" / astring.
    bool mailbox(std::string& out);
    /// list-mailbox = 1*list-char / string (allows % and *).
    bool list_mailbox(std::string& out);
    /// An atom, returned upper-cased.
    bool atom_upper(std::string& out);
    /// sequence-set; `what` names it in errors.
    bool sequence_set(SequenceSet& out);
    /// flag-list "(" [flag *(SP flag)] ")" or, when `allow_bare`, 1*(flag) as STORE allows.
    bool flags(FlagNames& out, bool allow_bare);
    /// Any single argument (for handlers that interpret it themselves, e.g. FETCH items).
    bool any(const Arg*& out);

    const std::string& error() const { return error_; }

private:
    const std::vector<Arg>& args_;
    std::size_t pos_ = 0;
    std::string error_;
    bool fail(std::string reason) {
        error_ = std::move(reason);
        return false;
    }
};

}  // namespace imaplab
