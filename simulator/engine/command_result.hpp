#pragma once
// What a command handler returns: the status of the tagged response, an optional response code and
// the human-readable text. The session turns it into the tagged line in exactly one place.
// RFC 9051 §7.1 (OK / NO / BAD).
#include <string>

#include "trace/trace_event.hpp"

namespace imaplab {

struct CommandResult {
    ResponseStatus status = ResponseStatus::Ok;  ///< Ok, No or Bad
    std::string code;                            ///< e.g. "READ-WRITE", "NONEXISTENT" ("" for none)
    std::string text;                            ///< e.g. "Select completed." (written as it is)
    /// For BAD: the reason is written as "Error in IMAP command <NAME>: <text>." (Dovecot's form).
    bool argument_error = false;

    static CommandResult ok(std::string text, std::string code = {}) { return {ResponseStatus::Ok, std::move(code), std::move(text), false}; }
    static CommandResult no(std::string text, std::string code = {}) { return {ResponseStatus::No, std::move(code), std::move(text), false}; }
    /// A BAD whose text is used as it is.
    static CommandResult bad(std::string text, std::string code = {}) { return {ResponseStatus::Bad, std::move(code), std::move(text), false}; }
    /// A BAD about the command's arguments: "Error in IMAP command FETCH: <reason>".
    static CommandResult bad_args(std::string reason) { return {ResponseStatus::Bad, {}, std::move(reason), true}; }
    /// The command goes on after a continuation request (Session::begin_continuation): no tagged
    /// response yet.
    static CommandResult continues() { return {ResponseStatus::None, {}, {}, false}; }
    bool is_continuing() const { return status == ResponseStatus::None; }
};

}  // namespace imaplab
