#pragma once
// One POP3 connection's server side, sans-I/O like engine/Session: fed the bytes the client sent,
// it returns the bytes to send back and records what happened (state changes, messages expunged,
// flags set) in a TraceSink. It works on the account's INBOX in the same MailStore as the IMAP
// engine, so IMAP sessions see what POP3 did: QUIT expunges the messages marked with DELE through
// the store's usual path, and IMAP sessions report "* n EXPUNGE" when the RFC lets them.
//
// RFC 1939 (POP3): §3 states, §4 AUTHORIZATION (USER, PASS, QUIT), §5 TRANSACTION (STAT, LIST,
// RETR, DELE, NOOP, RSET), §6 UPDATE (QUIT), §7 optional commands (TOP, UIDL, USER/PASS).
// RFC 2449: CAPA. Texts of +OK and -ERR lines are Dovecot 2.3's pop3 and pop3-login.
#include <cstdint>
#include <string>
#include <string_view>

#include "pop3/pop3_command.hpp"
#include "pop3/pop3_maildrop.hpp"
#include "pop3/pop3_state.hpp"
#include "store/mail_store.hpp"
#include "trace/timeline.hpp"

namespace imaplab {

class Pop3Session {
public:
    /// `trace` may be null. `connection` identifies this connection in trace events (1-based).
    /// `greeting_text` follows "+OK " in the greeting.
    Pop3Session(MailStore& store, TraceSink* trace, std::uint32_t connection, std::string greeting_text = "IMAP Lab ready.");

    /// The greeting to send when the connection opens: "+OK IMAP Lab ready." CRLF. RFC 1939 §4.
    std::string greeting();

    /// Feeds bytes received from the client; returns the bytes to send. Commands are lines ending
    /// in CRLF (a bare LF is accepted); any split of the input gives the same output. A line longer
    /// than kMaxLine octets is answered "-ERR Input line too long." and skipped. Nothing is read
    /// after QUIT.
    std::string feed(std::string_view bytes);

    Pop3State state() const { return state_; }
    /// True once the server has ended the connection (after QUIT's +OK).
    bool closed() const { return closed_; }
    std::uint32_t connection() const { return connection_; }
    /// The logged-in account (TRANSACTION), else nullptr.
    Account* account() { return account_; }
    const Account* account() const { return account_; }
    /// The maildrop opened at login (empty before).
    const Pop3Maildrop& maildrop() const { return drop_; }

    /// Ends the session without UPDATE (the account is going away, e.g. an instructor reset):
    /// nothing marked deleted is expunged (RFC 1939 §6: only QUIT enters UPDATE). Returns the
    /// "-ERR ..." line to send (with CRLF).
    std::string abort(std::string_view reason);

    /// RFC 2449 §4 says commands fit in 255 octets; Dovecot reads longer lines. We allow this many.
    static constexpr std::size_t kMaxLine = 8192;

private:
    MailStore& store_;
    TraceSink* trace_;
    std::uint32_t connection_;
    std::string greeting_text_;
    Pop3State state_ = Pop3State::Authorization;
    bool closed_ = false;
    Account* account_ = nullptr;
    std::string user_;        // from USER, waiting for PASS
    bool have_user_ = false;
    Pop3Maildrop drop_;
    std::string in_;          // bytes of an incomplete line
    bool skipping_ = false;   // inside an over-long line
    std::string out_;

    void execute(std::string_view line);
    void trace(TraceData data);
    void reply(std::string_view line) { out_.append(line).append("\r\n"); }
    void change_state(Pop3State to, std::string_view command);

    // AUTHORIZATION (RFC 1939 §4, §7)
    void cmd_user(const Pop3Command& c);
    void cmd_pass(const Pop3Command& c);
    // Either state
    void cmd_capa();
    void cmd_quit();
    // TRANSACTION (RFC 1939 §5, §7)
    void cmd_stat();
    void cmd_list(const Pop3Command& c);
    void cmd_uidl(const Pop3Command& c);
    void cmd_retr(const Pop3Command& c);
    void cmd_top(const Pop3Command& c);
    void cmd_dele(const Pop3Command& c);
    void cmd_rset();
    /// The number at the start of `args` when it names a message of the drop not marked deleted;
    /// else 0 after writing Dovecot's -ERR line. `rest` gets what follows (with then_space).
    std::uint32_t message_number(std::string_view args, bool then_space, std::string* rest = nullptr);
    /// The stored message behind drop entry `number`, or nullptr after writing
    /// "-ERR Message n expunged." (another session expunged it since login).
    const Message* stored_message(std::uint32_t number);
    /// UPDATE: sets \Seen on messages RETR sent, expunges those marked deleted. RFC 1939 §6.
    bool update();
};

}  // namespace imaplab
