#pragma once
// The trace: what happened, as pure data. This is the one contract between the engine and every
// view (GUI panels, terminal player, tests). Events are self-contained, refer to mailboxes by name
// and messages by UID, keep a stable order, and serialise to JSON (trace_json.hpp).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "types/session_state.hpp"

namespace imaplab {

/// A byte range [offset, offset + length) inside an event's `text` that holds literal data.
struct LiteralSpan {
    std::size_t offset = 0;  ///< bytes from the start of `text`
    std::size_t length = 0;  ///< the literal's octet count, as announced by {n}
};

/// What kind of protocol line a wire event is. RFC 9051 §2.2.
enum class LineKind : std::uint8_t {
    ClientCommand,       ///< a command from the client (starts with its tag)
    ClientContinuation,  ///< the rest of a command sent after a "+" (starts with literal bytes)
    ServerTagged,        ///< tagged completion: tag SP (OK / NO / BAD) ...
    ServerUntagged,      ///< "* ..." status or data
    ServerContinuation,  ///< "+ ..." continuation request
};

/// Status of a tagged or untagged status response. RFC 9051 §7.1.
enum class ResponseStatus : std::uint8_t { None, Ok, No, Bad, Bye, Preauth };

std::string_view to_string(LineKind k);
std::string_view to_string(ResponseStatus s);

/// Bytes that crossed the wire, in one direction, up to the point where the sender stopped:
/// a whole command (literals inline), the part of a command before a synchronising literal,
/// or one whole server response (literals inline). `text` excludes the final CRLF; inner CRLFs
/// (before literal data) are kept as they were sent.
struct WireLine {
    LineKind kind = LineKind::ClientCommand;
    std::string text;
    std::vector<LiteralSpan> literals;
    std::string tag;                                 ///< for commands and tagged responses; else ""
    ResponseStatus status = ResponseStatus::None;   ///< tagged / untagged status responses
    bool is_client() const { return kind == LineKind::ClientCommand || kind == LineKind::ClientContinuation; }
};

/// The session moved between RFC 9051 §3 states. `command` is the verb that caused it
/// ("LOGIN", "SELECT", "CLOSE", "LOGOUT", or "BYE"/"greeting" for server-initiated moves).
struct StateChanged {
    SessionState from = SessionState::NotAuthenticated;
    SessionState to = SessionState::NotAuthenticated;
    std::string command;
};

/// A mailbox came into existence (fixture loading or CREATE).
struct MailboxCreated {
    std::string mailbox;  ///< full name, "/"-separated, INBOX in upper case
    std::uint32_t uidvalidity = 0;
    std::vector<std::string> special_use;  ///< RFC 6154 attributes, e.g. \Sent
};

/// A mailbox was deleted (DELETE). Its messages are gone with it.
struct MailboxDeleted {
    std::string mailbox;
};

/// A mailbox got a new name (RENAME; one event per mailbox moved, parents first).
struct MailboxRenamed {
    std::string from;
    std::string to;
};

/// A mailbox was added to or removed from the subscription list (SUBSCRIBE, UNSUBSCRIBE).
struct MailboxSubscribed {
    std::string mailbox;
    bool subscribed = true;
};

/// A message was added to a mailbox (fixture loading, APPEND, COPY).
struct MessageAdded {
    std::string mailbox;
    std::uint32_t uid = 0;
    std::vector<std::string> flags;  ///< stored flags in canonical order (no \Recent)
    std::uint64_t size = 0;          ///< RFC822.SIZE in octets
    std::string internal_date;       ///< INTERNALDATE wire form, e.g. "17-Jul-1996 02:44:25 -0700"
    std::string from;                ///< From: header, unfolded, as text
    std::string subject;             ///< Subject: header, unfolded, as text
};

/// Stored flags of a message changed (STORE, implicit \Seen of FETCH BODY[]).
struct FlagsChanged {
    std::string mailbox;
    std::uint32_t uid = 0;
    std::vector<std::string> added;
    std::vector<std::string> removed;
    std::vector<std::string> flags;  ///< all stored flags after the change
};

/// A message was expunged. `seq` is its message sequence number in the session's view just
/// before removal (the number in the "* n EXPUNGE" line); later numbers shift down by one.
struct MessageExpunged {
    std::string mailbox;
    std::uint32_t uid = 0;
    std::uint32_t seq = 0;
};

/// The session selected (SELECT/EXAMINE) a mailbox. `recent` lists the UIDs that are \Recent
/// in this session (RFC 3501 §2.3.2).
struct MailboxSelected {
    std::string mailbox;
    bool read_only = false;
    std::vector<std::uint32_t> recent;
};

/// The session left the selected mailbox (CLOSE, UNSELECT, a failed SELECT, LOGOUT).
struct MailboxClosed {
    std::string mailbox;
};

/// A real connection (net/server.hpp) opened, finished its TLS handshake, or closed. Lessons'
/// simulated connections have none.
struct ConnectionChanged {
    enum class Kind : std::uint8_t { Opened, TlsStarted, Closed };
    Kind kind = Kind::Opened;
    std::string peer;       ///< "127.0.0.1:54321", "stdio"
    std::string transport;  ///< "tcp", "tls" or "stdio" (at the event)
    std::string detail;     ///< TlsStarted: "TLSv1.3 TLS_AES_256_GCM_SHA384"; Closed: why ("disconnected", "logged out", ...)
};

/// A lesson step began. Narration is carried by the lesson, not the trace.
struct StepStarted {
    std::uint32_t step = 0;
};

using TraceData = std::variant<WireLine, StateChanged, MailboxCreated, MessageAdded, FlagsChanged,
                               MessageExpunged, MailboxSelected, MailboxClosed, StepStarted, MailboxDeleted,
                               MailboxRenamed, MailboxSubscribed, ConnectionChanged>;

struct TraceEvent {
    std::uint64_t index = 0;       ///< position in the timeline, 0-based, stable
    std::uint32_t step = 0;        ///< lesson step (0 = setup: fixture and greeting)
    std::uint32_t connection = 0;  ///< which client connection (1-based; 0 = the store itself)
    TraceData data;
};

}  // namespace imaplab
