#include "engine/command_table.hpp"

#include "engine/commands/commands.hpp"

namespace imaplab {
namespace {
constexpr StateMask kNotAuth = state_bit(SessionState::NotAuthenticated);
constexpr StateMask kAuthOrSelected = state_bit(SessionState::Authenticated) | state_bit(SessionState::Selected);
constexpr StateMask kSelected = state_bit(SessionState::Selected);
constexpr StateMask kAny = state_bit(SessionState::NotAuthenticated) | kAuthOrSelected;
}  // namespace

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table{
        {"CAPABILITY", commands::capability, kAny, false, false, "RFC 9051 §6.1.1", "List the server's capabilities"},
        {"NOOP", commands::noop, kAny, false, false, "RFC 9051 §6.1.2", "Do nothing; lets the server send pending updates"},
        {"LOGOUT", commands::logout, kAny, false, false, "RFC 9051 §6.1.3", "End the session"},
        {"LOGIN", commands::login, kNotAuth, false, false, "RFC 9051 §6.2.3", "Log in with a user name and password"},
        {"SELECT", commands::select, kAuthOrSelected, false, false, "RFC 9051 §6.3.2", "Open a mailbox read-write"},
        {"EXAMINE", commands::select, kAuthOrSelected, false, false, "RFC 9051 §6.3.3", "Open a mailbox read-only"},
        {"LIST", commands::list, kAuthOrSelected, false, false, "RFC 9051 §6.3.9", "List mailboxes matching a pattern"},
        {"CHECK", commands::check, kSelected, false, false, "RFC 3501 §6.4.1", "Checkpoint the mailbox"},
        {"CLOSE", commands::close, kSelected, false, true, "RFC 9051 §6.4.1", "Expunge silently and leave the mailbox"},
        {"UNSELECT", commands::unselect, kSelected, false, false, "RFC 9051 §6.4.2", "Leave the mailbox without expunging"},
        {"EXPUNGE", commands::expunge, kSelected, false, true, "RFC 9051 §6.4.3", "Remove messages marked \\Deleted"},
        {"FETCH", commands::fetch, kSelected, true, false, "RFC 9051 §6.4.5", "Read message data"},
        {"STORE", commands::store, kSelected, true, false, "RFC 9051 §6.4.6", "Change message flags"},
        {"UID FETCH", commands::fetch, kSelected, false, false, "RFC 9051 §6.4.9", "FETCH addressed by UID"},
        {"UID STORE", commands::store, kSelected, false, false, "RFC 9051 §6.4.9", "STORE addressed by UID"},
    };
    return table;
}

const CommandSpec* find_command(std::string_view name) {
    for (const auto& spec : command_table())
        if (spec.name == name) return &spec;
    return nullptr;
}

}  // namespace imaplab
