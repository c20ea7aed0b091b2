#include "engine/session.hpp"

#include <utility>

#include "codec/command_parser.hpp"
#include "engine/capabilities.hpp"
#include "engine/command_table.hpp"
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
    : store_(store), config_(std::move(config)), trace_(trace), connection_(connection), framer_(config_.limits) {}

std::string Session::greeting() {
    trace(StateChanged{SessionState::NotAuthenticated, SessionState::NotAuthenticated, "connect"});
    return "* OK [" + std::string(code::kCapability) + " " + capabilities() + "] " + config_.greeting_text + "\r\n";
}

std::string Session::capabilities() const { return capability_string(*this); }

std::string Session::take_unsolicited() { return std::exchange(unsolicited_, {}); }

void Session::begin_continuation(std::unique_ptr<Continuation> continuation, std::string_view prompt) {
    continuation_ = std::move(continuation);
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

void Session::unselect() {
    if (!selected_) return;
    trace(MailboxClosed{selected_->mailbox->name()});
    selected_.reset();
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
    out_ += r.argument_error ? argument_error_text(command, r.text) : r.text;
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
    CommandContext ctx{*this, cmd, cmd.name.rfind("UID ", 0) == 0};
    CommandResult result = spec->handler(ctx);
    if (result.is_continuing() && continuation_) {
        continuation_tag_ = cmd.tag;
        continuation_command_ = cmd.name;
        return;
    }
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
                        tagged(continuation_tag_, *done, continuation_command_);
                    }
                } else {
                    execute(f);
                }
                break;
            case Frame::Kind::LineTooLong: {
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
    return std::move(out_);
}

}  // namespace imaplab
