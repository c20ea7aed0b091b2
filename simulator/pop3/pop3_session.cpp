#include "pop3/pop3_session.hpp"

#include <algorithm>

#include "pop3/pop3_encode.hpp"
#include "store/mailbox.hpp"
#include "types/flags.hpp"

namespace imaplab {

Pop3Session::Pop3Session(MailStore& store, TraceSink* trace, std::uint32_t connection, std::string greeting_text)
    : store_(store), trace_(trace), connection_(connection), greeting_text_(std::move(greeting_text)) {}

void Pop3Session::trace(TraceData data) {
    if (trace_) trace_->record(connection_, std::move(data));
}

void Pop3Session::change_state(Pop3State to, std::string_view command) {
    trace(StateChanged{trace_state(state_), trace_state(to), std::string(command)});
    state_ = to;
}

std::string Pop3Session::greeting() {
    trace(StateChanged{SessionState::NotAuthenticated, SessionState::NotAuthenticated, "connect"});
    return "+OK " + greeting_text_ + "\r\n";
}

std::string Pop3Session::feed(std::string_view bytes) {
    std::size_t pos = 0;
    while (pos < bytes.size() && !closed_) {
        const std::size_t nl = bytes.find('\n', pos);
        const std::string_view chunk = bytes.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
        if (!skipping_) in_.append(chunk);
        if (in_.size() > kMaxLine) {
            in_.clear();
            if (!skipping_) reply("-ERR Input line too long.");
            skipping_ = true;
        }
        if (nl == std::string_view::npos) break;
        if (skipping_) {
            skipping_ = false;
            continue;
        }
        std::string line = std::move(in_);
        in_.clear();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        execute(line);
    }
    return std::exchange(out_, {});
}

std::string Pop3Session::abort(std::string_view reason) {
    if (closed_) return {};
    if (state_ == Pop3State::Transaction) trace(MailboxClosed{"INBOX"});
    change_state(Pop3State::Update, "BYE");
    closed_ = true;
    account_ = nullptr;
    return "-ERR " + std::string(reason) + "\r\n";
}

void Pop3Session::execute(std::string_view line) {
    const Pop3Command c = parse_pop3_command(line);
    const std::string& k = c.keyword;
    if (k == "QUIT") return cmd_quit();
    if (k == "CAPA") return cmd_capa();
    if (state_ == Pop3State::Authorization) {
        // Dovecot's pop3-login: one text for every command it does not know or that needs a login.
        if (k == "USER") return cmd_user(c);
        if (k == "PASS") return cmd_pass(c);
        return reply("-ERR Unknown command.");
    }
    if (k == "STAT") return cmd_stat();
    if (k == "LIST") return cmd_list(c);
    if (k == "UIDL") return cmd_uidl(c);
    if (k == "RETR") return cmd_retr(c);
    if (k == "TOP") return cmd_top(c);
    if (k == "DELE") return cmd_dele(c);
    if (k == "RSET") return cmd_rset();
    if (k == "NOOP") return reply("+OK");
    if (k.empty()) return reply("-ERR Unknown command.");
    reply("-ERR Unknown command: " + k);
}

// RFC 2449 §5: the capabilities, one per line. No SASL and no STLS: this server has no AUTH or
// STLS command (Dovecot lists "SASL PLAIN LOGIN" and, with TLS, "STLS").
void Pop3Session::cmd_capa() {
    reply("+OK");
    reply("CAPA");
    reply("TOP");
    reply("UIDL");
    reply("RESP-CODES");
    reply("PIPELINING");
    reply("AUTH-RESP-CODE");
    if (state_ == Pop3State::Authorization) reply("USER");
    reply(".");
}

// RFC 1939 §7 USER: Dovecot accepts any name here and checks it with PASS.
void Pop3Session::cmd_user(const Pop3Command& c) {
    user_ = c.args;
    have_user_ = true;
    reply("+OK");
}

// RFC 1939 §7 PASS: opens the maildrop (the account's INBOX) and enters TRANSACTION. On failure the
// name is forgotten, so the client starts again with USER. RFC 2449 §8.1.2: [AUTH] code.
void Pop3Session::cmd_pass(const Pop3Command& c) {
    if (!have_user_) return reply("-ERR No username given.");
    have_user_ = false;
    Account* account = store_.authenticate(user_, c.args);
    user_.clear();
    if (!account) return reply("-ERR [AUTH] Authentication failed.");
    account_ = account;
    Mailbox* inbox = account_->find("INBOX");
    drop_ = Pop3Maildrop(inbox);
    change_state(Pop3State::Transaction, "PASS");
    if (inbox) trace(MailboxSelected{inbox->name(), false, {}});
    reply("+OK Logged in.");
}

// RFC 1939 §5 STAT: "+OK n octets", deleted messages not counted.
void Pop3Session::cmd_stat() {
    reply("+OK " + std::to_string(drop_.live_count()) + " " + std::to_string(drop_.live_octets()));
}

std::uint32_t Pop3Session::message_number(std::string_view args, bool then_space, std::string* rest) {
    Pop3Number n = parse_pop3_number(args, then_space, kPop3MessageNumber);
    if (!n.error.empty()) {
        reply(n.error);
        return 0;
    }
    if (n.value == 0 || n.value > drop_.size()) {
        reply("-ERR There's no message " + std::to_string(n.value) + ".");
        return 0;
    }
    const auto number = static_cast<std::uint32_t>(n.value);
    if (drop_.at(number).deleted) {
        reply("-ERR Message is deleted.");
        return 0;
    }
    if (rest) *rest = std::move(n.rest);
    return number;
}

const Message* Pop3Session::stored_message(std::uint32_t number) {
    Mailbox* inbox = account_ ? account_->find("INBOX") : nullptr;
    const std::uint32_t uid = drop_.at(number).uid;
    if (inbox && inbox->uidvalidity() == drop_.uidvalidity() && inbox->index_of(Uid{uid})) return inbox->find(Uid{uid});
    reply("-ERR Message " + std::to_string(number) + " expunged.");
    return nullptr;
}

// RFC 1939 §5 LIST: one message ("+OK n size") or all not deleted (a multi-line listing).
void Pop3Session::cmd_list(const Pop3Command& c) {
    if (!c.args.empty()) {
        if (std::uint32_t n = message_number(c.args, false))
            reply("+OK " + std::to_string(n) + " " + std::to_string(drop_.at(n).size));
        return;
    }
    reply("+OK " + std::to_string(drop_.live_count()) + " messages:");
    for (std::uint32_t n = 1; n <= drop_.size(); ++n)
        if (!drop_.at(n).deleted) reply(std::to_string(n) + " " + std::to_string(drop_.at(n).size));
    reply(".");
}

// RFC 1939 §7 UIDL: like LIST, with the unique-id listing instead of the size.
void Pop3Session::cmd_uidl(const Pop3Command& c) {
    auto uidl = [&](std::uint32_t n) { return std::to_string(n) + " " + Pop3Maildrop::unique_id(drop_.at(n).uid, drop_.uidvalidity()); };
    if (!c.args.empty()) {
        if (std::uint32_t n = message_number(c.args, false)) reply("+OK " + uidl(n));
        return;
    }
    reply("+OK");
    for (std::uint32_t n = 1; n <= drop_.size(); ++n)
        if (!drop_.at(n).deleted) reply(uidl(n));
    reply(".");
}

// RFC 1939 §5 RETR: "+OK size octets", the message dot-stuffed, ".". Remembered for \Seen at QUIT.
void Pop3Session::cmd_retr(const Pop3Command& c) {
    const std::uint32_t n = message_number(c.args, false);
    if (!n) return;
    const Message* m = stored_message(n);
    if (!m) return;
    reply("+OK " + std::to_string(m->size()) + " octets");
    out_.append(pop3_stuffed_message(m->text ? std::string_view(*m->text) : std::string_view()));
    reply(".");
    drop_.at(n).retrieved = true;
}

// RFC 1939 §7 TOP msg n: the header, the empty line, n lines of the body. No \Seen (Dovecot).
void Pop3Session::cmd_top(const Pop3Command& c) {
    std::string rest;
    const std::uint32_t n = message_number(c.args, true, &rest);
    if (!n) return;
    Pop3Number lines = parse_pop3_number(rest, false, kPop3Size);
    if (!lines.error.empty()) return reply(lines.error);
    const Message* m = stored_message(n);
    if (!m) return;
    reply("+OK");
    out_.append(pop3_stuffed_top(m->text ? std::string_view(*m->text) : std::string_view(), lines.value));
    reply(".");
}

// RFC 1939 §5 DELE: only marks; the message goes at QUIT (UPDATE state).
void Pop3Session::cmd_dele(const Pop3Command& c) {
    if (std::uint32_t n = message_number(c.args, false)) {
        drop_.at(n).deleted = true;
        reply("+OK Marked to be deleted.");
    }
}

// RFC 1939 §5 RSET: unmarks every message.
void Pop3Session::cmd_rset() {
    drop_.reset();
    reply("+OK");
}

bool Pop3Session::update() {
    bool any_deleted = false;
    for (const auto& e : drop_.entries()) any_deleted = any_deleted || e.deleted;
    Mailbox* inbox = account_ ? account_->find("INBOX") : nullptr;
    if (!inbox || inbox->uidvalidity() != drop_.uidvalidity()) return any_deleted;
    FlagNames seen;
    seen.system = kSeen;
    std::vector<Uid> gone;  // ascending, as the drop is
    for (const auto& e : drop_.entries()) {
        const Uid uid{e.uid};
        if (!inbox->index_of(uid)) continue;  // another session expunged it already
        if (e.deleted) {
            gone.push_back(uid);
        } else if (e.retrieved) {
            FlagChange change = inbox->apply_flags(uid, StoreMode::Add, seen);
            if (change.changed())
                trace(FlagsChanged{inbox->name(), e.uid, change.added, change.removed, inbox->flag_names(*inbox->find(uid))});
        }
    }
    // Highest first, each with its sequence number in the mailbox at that moment (like EXPUNGE).
    for (std::size_t k = gone.size(); k-- > 0;)
        trace(MessageExpunged{inbox->name(), gone[k].value, static_cast<std::uint32_t>(*inbox->index_of(gone[k]) + 1)});
    if (!gone.empty()) inbox->expunge(gone);
    return any_deleted;
}

// RFC 1939 §4 QUIT in AUTHORIZATION ends the session; §6 QUIT in TRANSACTION enters UPDATE:
// marked messages are removed from the maildrop, then the connection closes.
void Pop3Session::cmd_quit() {
    if (state_ == Pop3State::Authorization) {
        reply("+OK Logging out");  // pop3-login's text, without a period
        change_state(Pop3State::Update, "QUIT");
        closed_ = true;
        return;
    }
    change_state(Pop3State::Update, "QUIT");
    const bool deleted = update();
    reply(deleted ? "+OK Logging out, messages deleted." : "+OK Logging out.");
    if (account_ && account_->find("INBOX")) trace(MailboxClosed{"INBOX"});
    closed_ = true;  // account_ stays: a lesson still checks its mailboxes after QUIT
}

}  // namespace imaplab
