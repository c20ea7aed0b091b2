#pragma once
// Incremental framing of IMAP messages: splits a byte stream into whole commands (or whole server
// responses) with their literals inline. RFC 9051 §2.2 (lines end with CRLF) and §4.3 (a line may
// end with a literal announcement {n} / {n+} followed by n octets of data, after which the message
// continues). Sans-I/O: bytes in, frames out; any split of the input gives the same frames.
// Bare LF is accepted as a line end (telnet/nc users send it; Dovecot accepts it too).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "trace/trace_event.hpp"

namespace imaplab {

struct FramerLimits {
    std::size_t max_line = 64 * 1024;             ///< bytes of one line (literal data not counted)
    std::size_t max_literal = 64 * 1024 * 1024;   ///< octets of one literal
};

/// One event from the framer.
struct Frame {
    enum class Kind : std::uint8_t {
        NeedMore,          ///< no complete frame yet: feed more bytes
        Complete,          ///< `bytes` is one whole message (literals inline, final line end removed)
        LiteralAnnounced,  ///< the message so far ends with a synchronising literal {n}: the peer
                           ///< waits for a "+" continuation request before sending n octets
        LineTooLong,       ///< a line exceeded max_line; its bytes up to the next line end are dropped
        LiteralTooLarge,   ///< a literal exceeded max_literal; the message so far is in `bytes`
    };
    Kind kind = Kind::NeedMore;
    std::string bytes;                  ///< the message (or, for LiteralAnnounced, the part so far)
    std::vector<LiteralSpan> literals;  ///< spans of literal data inside `bytes`
    std::size_t literal_size = 0;       ///< for LiteralAnnounced / LiteralTooLarge: the announced n
    bool literal_sync = true;           ///< {n} (true) or {n+} (false, RFC 7888 LITERAL+)
};

class Framer {
public:
    explicit Framer(FramerLimits limits = {}) : limits_(limits) {}

    /// Appends bytes received from the peer.
    void feed(std::string_view bytes) { buffer_.append(bytes); }

    /// Returns the next frame, or NeedMore. Call repeatedly until NeedMore.
    Frame next();

    /// Drops the message being framed (used when a command is refused before its literal is sent:
    /// the peer will not send the literal data, so the framer returns to line mode).
    void abandon_message();

    /// In line mode a line ending in "{n}" is just a line (SASL responses and DONE during a
    /// continuation, RFC 9051 §6.2.2 / RFC 2177, are not commands and carry no literals).
    void set_line_mode(bool on) { line_mode_ = on; }

    /// Forgets every byte received and not yet framed (after STARTTLS: RFC 9051 §6.2.1 — bytes the
    /// client sent before the TLS handshake must not be read as commands afterwards).
    void discard_pending() {
        buffer_.erase(msg_start_);
        scan_ = line_start_ = msg_start_;
        literal_left_ = 0;
        literals_.clear();
        in_quote_ = escape_ = discarding_ = false;
    }

    /// Bytes received but not yet part of a returned frame.
    std::size_t pending() const { return buffer_.size() - msg_start_; }

private:
    FramerLimits limits_;
    std::string buffer_;
    std::size_t msg_start_ = 0;   // start of the current message in buffer_
    std::size_t line_start_ = 0;  // start of the current line
    std::size_t scan_ = 0;        // next byte to examine
    bool in_quote_ = false, escape_ = false;
    std::size_t literal_left_ = 0;  // octets of literal data still to come
    std::vector<LiteralSpan> literals_;
    bool discarding_ = false;  // dropping an over-long line up to its end
    bool line_mode_ = false;

    void compact();
};

}  // namespace imaplab
