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
        {"FETCH", commands::fetch, kSelected, true, false, "RFC 9051 §6.4.5", "Read message data", true},
        {"STORE", commands::store, kSelected, true, false, "RFC 9051 §6.4.6", "Change message flags", true},
        {"UID FETCH", commands::fetch, kSelected, false, false, "RFC 9051 §6.4.9", "FETCH addressed by UID"},
        {"UID STORE", commands::store, kSelected, false, false, "RFC 9051 §6.4.9", "STORE addressed by UID"},
        {"ID", commands::id, kAny, false, false, "RFC 2971", "Tell the server who the client is, learn who the server is", false, "ID"},
        {"ENABLE", commands::enable, kAuthOrSelected, false, false, "RFC 9051 §6.3.1", "Turn on extensions such as IMAP4rev2", false, "ENABLE"},
        {"AUTHENTICATE", commands::authenticate, kNotAuth, false, false, "RFC 9051 §6.2.2", "Log in with a SASL mechanism (PLAIN, LOGIN)"},
        {"STARTTLS", commands::starttls, kNotAuth, false, false, "RFC 9051 §6.2.1", "Start TLS on this connection"},
        {"CREATE", commands::create, kAuthOrSelected, false, false, "RFC 9051 §6.3.4", "Create a mailbox"},
        {"DELETE", commands::delete_mailbox, kAuthOrSelected, false, false, "RFC 9051 §6.3.5", "Delete a mailbox"},
        {"RENAME", commands::rename, kAuthOrSelected, false, false, "RFC 9051 §6.3.6", "Rename a mailbox"},
        {"SUBSCRIBE", commands::subscribe, kAuthOrSelected, false, false, "RFC 9051 §6.3.7", "Add a mailbox to the subscription list"},
        {"UNSUBSCRIBE", commands::subscribe, kAuthOrSelected, false, false, "RFC 9051 §6.3.8", "Remove a mailbox from the subscription list"},
        {"LSUB", commands::lsub, kAuthOrSelected, false, false, "RFC 3501 §6.3.9", "List subscribed mailboxes (IMAP4rev1)"},
        {"NAMESPACE", commands::namespace_, kAuthOrSelected, false, false, "RFC 9051 §6.3.10", "Show the personal, other users' and shared namespaces"},
        {"STATUS", commands::status, kAuthOrSelected, false, false, "RFC 9051 §6.3.11", "Counters of a mailbox without selecting it"},
        {"APPEND", commands::append, kAuthOrSelected, false, false, "RFC 9051 §6.3.12", "Add a message to a mailbox"},
        {"IDLE", commands::idle, kAuthOrSelected, false, false, "RFC 9051 §6.3.13", "Wait for the server to report changes as they happen"},
        {"SEARCH", commands::search, kSelected, true, false, "RFC 9051 §6.4.4", "Find messages matching criteria", true},
        {"UID SEARCH", commands::search, kSelected, false, false, "RFC 9051 §6.4.9", "SEARCH returning UIDs"},
        {"COPY", commands::copy, kSelected, true, false, "RFC 9051 §6.4.7", "Copy messages to another mailbox"},
        {"UID COPY", commands::copy, kSelected, false, false, "RFC 9051 §6.4.9", "COPY addressed by UID"},
        {"MOVE", commands::copy, kSelected, true, true, "RFC 9051 §6.4.8", "Move messages to another mailbox"},
        {"UID MOVE", commands::copy, kSelected, false, true, "RFC 9051 §6.4.9", "MOVE addressed by UID"},
        {"UID EXPUNGE", commands::uid_expunge, kSelected, false, true, "RFC 9051 §6.4.9", "Expunge only the given \\Deleted messages"},
        {"SETACL", commands::setacl, kAuthOrSelected, false, false, "RFC 4314 §3.1", "Grant or take away an identifier's rights on a mailbox", false, "ACL"},
        {"DELETEACL", commands::deleteacl, kAuthOrSelected, false, false, "RFC 4314 §3.2", "Remove an identifier's entry from a mailbox's ACL", false, "ACL"},
        {"GETACL", commands::getacl, kAuthOrSelected, false, false, "RFC 4314 §3.3", "Show a mailbox's access control list", false, "ACL"},
        {"LISTRIGHTS", commands::listrights, kAuthOrSelected, false, false, "RFC 4314 §3.4", "Show which rights can be granted to an identifier", false, "ACL"},
        {"MYRIGHTS", commands::myrights, kAuthOrSelected, false, false, "RFC 4314 §3.5", "Show your own rights on a mailbox", false, "ACL"},
    };
    return table;
}

const CommandSpec* find_command(std::string_view name) {
    for (const auto& spec : command_table())
        if (spec.name == name) return &spec;
    return nullptr;
}

}  // namespace imaplab
