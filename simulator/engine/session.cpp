#include "engine/session.hpp"

#include <algorithm>
#include <utility>

#include "codec/command_parser.hpp"
#include "engine/capabilities.hpp"
#include "engine/command_table.hpp"
#include "engine/commands/commands.hpp"
#include "codec/response_encoder.hpp"
#include "engine/response_codes.hpp"

namespace imaplab {
namespace {

// Dovecot's form for argument errors: "Error in IMAP command FETCH: Invalid messageset."
std::string argument_error_text(std::string_view command, const std::string& reason) {
    std::string text = "Error in IMAP command " + std::string(command) + ": " + reason;
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

std::string states_list(StateMask mask) {
    std::string s;
    for (SessionState st : {SessionState::NotAuthenticated, SessionState::Authenticated, SessionState::Selected}) {
        if (!(mask & state_bit(st))) continue;
        if (!s.empty()) s += ", ";
        s += to_string(st);
    }
    return s;
}

}  // namespace

Session::Session(MailStore& store, ServerConfig config, TraceSink* trace, std::uint32_t connection)
    : store_(store), config_(std::move(config)), trace_(trace), connection_(connection), framer_(config_.limits) {
    imap4rev2_ = config_.versions == ProtocolVersions::Rev2;  // a rev2-only server needs no ENABLE
}

std::string Session::greeting() {
    trace(StateChanged{SessionState::NotAuthenticated, SessionState::NotAuthenticated, "connect"});
    return "* OK [" + std::string(code::kCapability) + " " + capabilities() + "] " + config_.greeting_text + "\r\n";
}

std::string Session::capabilities() const { return capability_string(*this); }

std::string Session::take_unsolicited() {
    std::string saved = std::exchange(out_, {});
    if (continuation_ && !closed_) continuation_->on_mailbox_changed(*this);
    finish_output();
    std::string result = std::exchange(unsolicited_, {}) + std::exchange(out_, std::move(saved));
    return result;
}

void Session::begin_continuation(std::unique_ptr<Continuation> continuation, std::string_view prompt) {
    continuation_ = std::move(continuation);
    framer_.set_line_mode(true);
    out_ += "+ ";
    out_.append(prompt);
    out_ += "\r\n";
}

void Session::trace(TraceData data) {
    if (trace_) trace_->record(connection_, std::move(data));
}

void Session::change_state(SessionState to, std::string_view command) {
    SessionState from = state_;
    state_ = to;
    trace(StateChanged{from, to, std::string(command)});
}

void Session::untagged(std::string_view line) {
    out_ += "* ";
    out_.append(line);
    out_ += "\r\n";
}

Session::~Session() {
    if (selected_ && selected_->mailbox) selected_->mailbox->detach(this);
}

void Session::select(SelectedMailbox selected) {
    selected_ = std::move(selected);
    selected_->mailbox->attach(this);
    selected_->keywords_announced = selected_->mailbox->keywords().size();
    trace(MailboxSelected{selected_->mailbox->name(), selected_->read_only, selected_->recent});
}

void Session::unselect() {
    if (!selected_) return;
    Mailbox& mb = *selected_->mailbox;
    for (std::uint32_t uid : selected_->pending_expunges) mb.release_tombstone(Uid{uid});
    mb.detach(this);
    trace(MailboxClosed{mb.name()});
    selected_.reset();
}

void Session::claim_recent() {
    if (!selected_ || selected_->read_only) return;
    SelectedMailbox& sel = *selected_;
    Mailbox& mb = *sel.mailbox;
    for (std::uint32_t uid : sel.uids)
        if (uid >= mb.first_recent_uid() && !sel.is_recent(uid)) sel.recent.insert(std::upper_bound(sel.recent.begin(), sel.recent.end(), uid), uid);
    mb.set_first_recent_uid(mb.uidnext());
}

void Session::on_appended(Mailbox&, Uid, const MailboxObserver*) {
    // New messages are found at the next sync: UIDs only grow, so they follow the view's last UID.
}

void Session::on_expunged(Mailbox& mb, Uid uid, const MailboxObserver* actor) {
    if (actor == this || !selected_) return;
    if (selected_->seq_of(uid.value)) selected_->pending_expunges.insert(uid.value);
    else mb.release_tombstone(uid);  // arrived and left before this session heard of it
}

void Session::on_flags_changed(Mailbox&, Uid uid, const MailboxObserver* actor) {
    if (actor == this || !selected_) return;
    if (selected_->seq_of(uid.value)) selected_->pending_flags.insert(uid.value);
}

void Session::on_deleted(Mailbox& mb) {
    if (!selected_ || selected_->mailbox != &mb) return;
    trace(MailboxClosed{mb.name()});
    selected_.reset();
    selected_deleted_ = true;
}

void Session::sync_selected(bool allow_expunge) {
    if (!selected_) return;
    SelectedMailbox& sel = *selected_;
    Mailbox& mb = *sel.mailbox;
    const std::size_t recent_before = sel.recent.size();
    // Dovecot's order: new keywords (FLAGS), flag changes by the sequence numbers the client still
    // knows, then expunges (highest number first), then EXISTS and RECENT.
    if (mb.keywords().size() != sel.keywords_announced) commands::write_flags_responses(*this);
    for (std::uint32_t uid : sel.pending_flags) {
        auto seq = sel.seq_of(uid);
        const Message* m = mb.find(Uid{uid});
        if (!seq || !m) continue;
        // Expunged meanwhile: its EXPUNGE below says enough. While expunges wait (FETCH, STORE,
        // SEARCH), the client still sees the message and hears of its flags, as from Dovecot.
        if (allow_expunge && sel.pending_expunges.count(uid)) continue;
        std::string line = std::to_string(*seq) + " FETCH (FLAGS ";
        append_flag_list(line, sel.fetch_flags(*m));
        line += ')';
        untagged(line);
    }
    sel.pending_flags.clear();
    if (allow_expunge && !sel.pending_expunges.empty()) {
        // Highest sequence number first, as for this session's own EXPUNGE.
        for (std::size_t i = sel.uids.size(); i-- > 0;) {
            const std::uint32_t uid = sel.uids[i];
            if (!sel.pending_expunges.count(uid)) continue;
            untagged(std::to_string(i + 1) + " EXPUNGE");
            sel.uids.erase(sel.uids.begin() + static_cast<std::ptrdiff_t>(i));
            auto r = std::lower_bound(sel.recent.begin(), sel.recent.end(), uid);
            if (r != sel.recent.end() && *r == uid) sel.recent.erase(r);
            mb.release_tombstone(Uid{uid});
        }
        sel.pending_expunges.clear();
    }
    const std::uint32_t last = sel.uids.empty() ? 0 : sel.uids.back();
    auto first_new = std::upper_bound(mb.messages().begin(), mb.messages().end(), Uid{last},
                                      [](Uid u, const Message& m) { return u < m.uid; });
    const bool exists_changed = first_new != mb.messages().end();
    for (auto it = first_new; it != mb.messages().end(); ++it) sel.uids.push_back(it->uid.value);
    if (exists_changed) claim_recent();
    if (exists_changed) untagged(std::to_string(sel.uids.size()) + " EXISTS");
    if (!imap4rev2() && sel.recent.size() != recent_before) untagged(std::to_string(sel.recent.size()) + " RECENT");
}

void Session::finish_output() {
    if (selected_deleted_ && !closed_) {
        out_ += "* BYE Selected mailbox was deleted, have to disconnect.\r\n";
        change_state(SessionState::Logout, "BYE");
        close();
    }
}

void Session::tagged(std::string_view tag, const CommandResult& r, std::string_view command) {
    out_.append(tag);
    out_ += ' ';
    out_ += to_string(r.status);
    out_ += ' ';
    if (!r.code.empty()) {
        out_ += '[';
        out_ += r.code;
        out_ += "] ";
    }
    append_text(out_, r.argument_error ? argument_error_text(command, r.text) : r.text);
    out_ += "\r\n";
}

std::optional<CommandResult> Session::state_error(const CommandSpec& spec) const {
    if (spec.valid_in & state_bit(state_)) return std::nullopt;
    if (state_ == SessionState::Authenticated && spec.valid_in == state_bit(SessionState::Selected))
        return CommandResult::bad("No mailbox selected.");
    if (state_ != SessionState::NotAuthenticated && spec.valid_in == state_bit(SessionState::NotAuthenticated))
        return CommandResult::bad_args("Already logged in (" + std::string(spec.name) + " is valid only in Not Authenticated state)");
    if (state_ == SessionState::NotAuthenticated)
        return CommandResult::bad_args("Log in first (" + std::string(spec.name) + " is valid in " + states_list(spec.valid_in) + " state)");
    return CommandResult::bad_args("Not allowed in " + std::string(to_string(state_)) + " state (valid in " + states_list(spec.valid_in) + ")");
}

bool Session::accept_literal(const Frame& frame) {
    auto head = parse_command_head(frame.bytes);
    if (!head) {
        if (head.error().stage == ParseError::Stage::Tag) out_ += "* BAD Error in IMAP tag: Invalid tag.\r\n";
        else tagged(head.error().tag, CommandResult::bad("Error in IMAP command: Invalid command name."), "");
        return false;
    }
    const CommandSpec* spec = find_command(head->name);
    if (!spec) {
        tagged(head->tag, CommandResult::bad_args("Unknown command"), head->name);
        return false;
    }
    if (auto err = state_error(*spec)) {
        tagged(head->tag, *err, head->name);
        return false;
    }
    if (spec->handler == commands::append) {
        if (auto refused = commands::append_refusal(*this, frame.bytes, frame.literals, frame.literal_size)) {
            tagged(head->tag, *refused, head->name);
            return false;
        }
    }
    return true;
}

void Session::execute(const Frame& frame) {
    auto parsed = parse_command(frame.bytes, frame.literals);
    if (!parsed) {
        const ParseError& e = parsed.error();
        if (e.stage == ParseError::Stage::Tag) {
            out_ += "* BAD Error in IMAP tag: Invalid tag.\r\n";
            return;
        }
        if (e.stage == ParseError::Stage::Name) {
            tagged(e.tag, CommandResult::bad("Error in IMAP command: Invalid command name."), "");
            return;
        }
        const CommandSpec* spec = find_command(e.name);
        if (!spec) {
            tagged(e.tag, CommandResult::bad_args("Unknown command"), e.name);
            return;
        }
        if (auto err = state_error(*spec)) {
            tagged(e.tag, *err, e.name);
            return;
        }
        tagged(e.tag, CommandResult::bad_args(e.reason), e.name);
        return;
    }
    const ParsedCommand& cmd = parsed.value();
    const CommandSpec* spec = find_command(cmd.name);
    if (!spec) {
        tagged(cmd.tag, CommandResult::bad_args("Unknown command"), cmd.name);
        return;
    }
    if (auto err = state_error(*spec)) {
        tagged(cmd.tag, *err, cmd.name);
        return;
    }
    if (!spec->extension.empty() && extension_disabled(config_, spec->extension)) {
        tagged(cmd.tag, CommandResult::bad_args("Unknown command"), cmd.name);
        return;
    }
    CommandContext ctx{*this, cmd, cmd.name.rfind("UID ", 0) == 0};
    CommandResult result = spec->handler(ctx);
    if (result.is_continuing() && continuation_) {
        continuation_tag_ = cmd.tag;
        continuation_command_ = cmd.name;
        return;
    }
    // Report other sessions' changes before the tagged response (RFC 9051 §7.5.1: no EXPUNGE
    // while responding to FETCH, STORE or SEARCH).
    if (result.status != ResponseStatus::Bad) sync_selected(!spec->defers_expunges);
    tagged(cmd.tag, result, cmd.name);
}

std::string Session::feed(std::string_view bytes) {
    out_.clear();
    if (closed_) return {};
    framer_.feed(bytes);
    while (!closed_) {
        Frame f = framer_.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        switch (f.kind) {
            case Frame::Kind::NeedMore:
                break;
            case Frame::Kind::LiteralAnnounced:
                // RFC 9051 §4.3: the server sends a continuation request when ready for the literal.
                if (accept_literal(f)) out_ += "+ OK\r\n";
                else framer_.abandon_message();
                break;
            case Frame::Kind::Complete:
                if (continuation_) {
                    auto done = continuation_->on_line(*this, f.bytes);
                    if (done) {
                        continuation_.reset();
                        framer_.set_line_mode(false);
                        if (done->status != ResponseStatus::Bad) sync_selected(true);
                        tagged(continuation_tag_, *done, continuation_command_);
                    }
                } else {
                    execute(f);
                }
                break;
            case Frame::Kind::LineTooLong: {
                if (continuation_) {
                    // An over-long SASL response or IDLE line ends the command it belongs to.
                    continuation_.reset();
                    framer_.set_line_mode(false);
                    tagged(continuation_tag_, CommandResult::bad("Command line too long."), continuation_command_);
                    break;
                }
                auto head = parse_command_head(f.bytes);
                if (head) tagged(head->tag, CommandResult::bad("Command line too long."), head->name);
                else out_ += "* BAD Command line too long.\r\n";
                break;
            }
            case Frame::Kind::LiteralTooLarge: {
                auto head = parse_command_head(f.bytes);
                std::string tag = head ? head->tag : "*";
                if (f.literal_sync) {
                    out_ += tag + " NO [" + std::string(code::kTooBig) + "] Literal too large.\r\n";
                } else {
                    // The client sends a non-synchronising literal without waiting: we cannot skip it
                    // safely, so the connection ends (RFC 7888 §4).
                    out_ += "* BYE [" + std::string(code::kTooBig) + "] Literal too large.\r\n";
                    change_state(SessionState::Logout, "BYE");
                    close();
                }
                break;
            }
        }
    }
    finish_output();
    return std::move(out_);
}

}  // namespace imaplab
