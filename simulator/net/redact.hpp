#pragma once
// Keeping secrets out of logs and traces of real connections: LOGIN passwords, AUTHENTICATE
// initial responses (RFC 4959 SASL-IR) and the SASL responses that follow a "+" challenge
// (RFC 9051 §6.2.2) are replaced by "<redacted>" in client WireLine events, and so is the
// password of a POP3 "PASS" line (RFC 1939 §7). The Session still sees
// every byte; only what is recorded or printed changes.
#include <cstdint>
#include <string>

#include "trace/timeline.hpp"

namespace imaplab::net {

inline constexpr std::string_view kRedacted = "<redacted>";

/// Per connection: client lines arrive in wire order, as the WireTap cuts them (a command, or the
/// part of a command after a synchronising literal); server lines tell when a SASL exchange ends.
class Redactor {
public:
    /// Redacts `line` in place if it carries a secret. Server lines are only observed.
    void apply(WireLine& line);

private:
    enum class Login : std::uint8_t { None, UserLiteral, Password };
    Login login_ = Login::None;        // where the current LOGIN command stands
    std::size_t user_literal_ = 0;     // octets of the user name literal still to come
    std::string sasl_tag_;             // tag of an AUTHENTICATE waiting for client responses

    void redact_login(WireLine& line, std::size_t user_start);
};

/// A TraceSink for one connection that redacts its WireLine events and passes every event on to
/// `next` (which may be shared by all connections).
class RedactingSink final : public TraceSink {
public:
    explicit RedactingSink(TraceSink* next) : next_(next) {}
    void record(std::uint32_t connection, TraceData data) override;

private:
    TraceSink* next_;
    Redactor redactor_;
};

}  // namespace imaplab::net
