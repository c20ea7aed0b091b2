#pragma once
// One IMAP connection's server side, sans-I/O: fed the bytes the client sent, it returns the bytes
// to send back, and records what happened in a TraceSink. No sockets, no wall clock: the same
// input gives the same output. RFC 9051 §3 (states), §2.2 (commands and responses).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/framer.hpp"
#include "engine/command_result.hpp"
#include "engine/selected_mailbox.hpp"
#include "engine/sasl/login_state.hpp"
#include "engine/server_config.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"
#include "types/session_state.hpp"

namespace imaplab {

struct CommandSpec;
class Session;

/// A command that goes on over several client lines after a "+" continuation request:
/// AUTHENTICATE's SASL exchange (RFC 9051 §6.2.2), IDLE until DONE (RFC 2177). While one is
/// active the client's lines go to it, not to the command parser.
class Continuation {
public:
    virtual ~Continuation() = default;
    /// One client line (line end removed). Returns the result when the command is complete (the
    /// session then writes the tagged response), or nullopt to keep waiting for lines.
    virtual std::optional<CommandResult> on_line(Session& session, std::string_view line) = 0;
    /// Another session changed the selected mailbox (IDLE reports it at once).
    virtual void on_mailbox_changed(Session&) {}
};

class Session final : public MailboxObserver {
public:
    /// `trace` may be null. `connection` identifies this connection in trace events (1-based).
    Session(MailStore& store, ServerConfig config, TraceSink* trace, std::uint32_t connection);
    ~Session() override;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// The greeting to send when the connection opens: "* OK [CAPABILITY ...] text" CRLF.
    /// RFC 9051 §7.1.1.
    std::string greeting();

    /// Feeds bytes received from the client; returns the bytes to send (responses, continuation
    /// requests). Any split of the input gives the same output.
    std::string feed(std::string_view bytes);

    SessionState state() const { return state_; }
    /// True once the server has ended the connection (after LOGOUT's tagged OK, or a BYE).
    bool closed() const { return closed_; }
    std::uint32_t connection() const { return connection_; }

    /// Bytes the server sends without being asked (updates during IDLE); "" when none. A network
    /// loop calls it after another session changed the store. RFC 9051 §5.3.
    std::string take_unsolicited();

    /// True when IMAP4rev2 rules apply: the server is rev2-only, or the client sent
    /// ENABLE IMAP4rev2 (RFC 9051 §6.3.1). Handlers choose rev1 or rev2 behaviour with it.
    bool imap4rev2() const { return imap4rev2_; }
    void set_imap4rev2(bool on) { imap4rev2_ = on; }

    // ---- For command handlers (engine/commands/cmd_*.cpp) ----
    MailStore& store() { return store_; }
    const ServerConfig& config() const { return config_; }
    Account* account() { return account_; }
    const Account* account() const { return account_; }
    void set_account(Account* a) { account_ = a; }
    std::optional<SelectedMailbox>& selected() { return selected_; }
    const std::optional<SelectedMailbox>& selected() const { return selected_; }
    /// Moves to `to`, recording a StateChanged caused by `command`.
    void change_state(SessionState to, std::string_view command);
    /// Records a trace event for this connection (no-op without a sink).
    void trace(TraceData data);
    /// Ends the connection after the current output is sent.
    void close() { closed_ = true; }
    /// The CAPABILITY list for the current state (without the word CAPABILITY).
    std::string capabilities() const;
    /// Appends an untagged response line ("* " + line + CRLF).
    void untagged(std::string_view line);
    /// Appends raw bytes (for responses that carry literals; caller adds CRLF).
    void write_raw(std::string_view bytes) { out_.append(bytes); }
    /// Makes `selected` the selected mailbox (watching it for other sessions' changes) and records
    /// MailboxSelected. Call unselect() first when another mailbox is selected.
    void select(SelectedMailbox selected);
    /// Leaves the selected mailbox (recording MailboxClosed); no expunge.
    void unselect();
    /// Claims the mailbox's new \Recent messages for this session when it is read-write
    /// (RFC 3501 §2.3.2: \Recent goes to exactly one session).
    void claim_recent();
    /// Reports what changed in the selected mailbox since the client last heard: EXPUNGE (only
    /// when `allow_expunge`), EXISTS, RECENT (IMAP4rev1), FLAGS and FETCH (FLAGS). RFC 9051 §7.
    void sync_selected(bool allow_expunge);
    /// The clock for INTERNALDATE of APPENDed messages: seconds since the Unix epoch. The engine
    /// never reads the wall clock itself; the default is 0 until the owner sets one.
    void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }
    std::int64_t now() const { return clock_ ? clock_() : 0; }

    // MailboxObserver: another session (or this one) changed the selected mailbox.
    void on_appended(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) override;
    void on_expunged(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) override;
    void on_flags_changed(Mailbox& mailbox, Uid uid, const MailboxObserver* actor) override;
    void on_deleted(Mailbox& mailbox) override;
    /// Starts a multi-line command: writes "+ " + `prompt` and sends the following client lines to
    /// `continuation` until it completes. The handler then returns CommandResult::continues().
    void begin_continuation(std::unique_ptr<Continuation> continuation, std::string_view prompt);
    bool in_continuation() const { return continuation_ != nullptr; }
    /// Drops every byte the client sent that is not yet read as a command (STARTTLS: bytes sent
    /// before the TLS handshake are never executed afterwards; RFC 9051 §6.2.1, CVE-2011-0411).
    void discard_pending_input() { framer_.discard_pending(); }
    /// Login-phase state (engine/sasl/login_state.hpp), used by the AUTH commands.
    LoginState& login_state() { return login_state_; }
    const LoginState& login_state() const { return login_state_; }

private:
    MailStore& store_;
    ServerConfig config_;
    TraceSink* trace_;
    std::uint32_t connection_;
    SessionState state_ = SessionState::NotAuthenticated;
    Account* account_ = nullptr;
    std::optional<SelectedMailbox> selected_;
    Framer framer_;
    bool closed_ = false;
    bool imap4rev2_ = false;
    std::string out_;
    std::string unsolicited_;
    std::unique_ptr<Continuation> continuation_;
    std::function<std::int64_t()> clock_;
    bool selected_deleted_ = false;  // another session deleted the selected mailbox: BYE follows
    std::string continuation_tag_, continuation_command_;
    LoginState login_state_;

    void execute(const Frame& frame);
    /// After a command or during IDLE: the BYE for a deleted selected mailbox (Dovecot's text).
    void finish_output();
    /// Checks tag, name and state before a synchronising literal is accepted.
    bool accept_literal(const Frame& frame);
    void tagged(std::string_view tag, const CommandResult& r, std::string_view command);
    std::optional<CommandResult> state_error(const CommandSpec& spec) const;
};

}  // namespace imaplab
