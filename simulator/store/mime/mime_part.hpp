#pragma once
// The MIME structure of a message (RFC 2045, RFC 2046): a tree of parts with their byte ranges,
// content fields and the sizes and line counts BODYSTRUCTURE reports.
//
// Parsing follows Dovecot's message parser, leniently:
//  - a part's header ends at the first empty line, or at a line that is a boundary of an
//    enclosing multipart (then the line break before it belongs to the boundary);
//  - a boundary line is "--" followed by one of the open boundaries as a prefix (the innermost,
//    longest match wins); "--boundary--" closes that multipart; a boundary of an outer
//    multipart also ends every inner part whose closing boundary is missing;
//  - the line break before a boundary line is not part of the preceding body; text before the
//    first boundary (preamble) and after the closing one (epilogue) belongs to the multipart;
//  - Content-* fields count only when the part is MIME: inside a multipart, or with a
//    MIME-Version or Content-Type field; a part without Content-Type is text/plain
//    (message/rfc822 inside multipart/digest);
//  - a multipart without a usable boundary has no children; a part kMaxMimeDepth - 1 levels
//    deep is not split further, and the kMaxMimeParts-th part takes the rest of the message
//    (Dovecot's limits, message-parser max_nested_mime_parts / max_total_mime_parts).
// Any byte sequence is accepted; parsing is linear in the input times the nesting depth.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "store/mime/content_fields.hpp"

namespace imaplab {

inline constexpr int kMaxMimeDepth = 100;
inline constexpr int kMaxMimeParts = 10000;

struct MimePart {
    std::size_t offset = 0;       ///< where the part (its header) starts in the message
    std::size_t header_size = 0;  ///< octets of the header, including the empty line that ends it
    std::size_t body_size = 0;    ///< octets of the body
    /// Sizes as sent (a bare LF counts as CRLF, as Dovecot serves messages) and line counts.
    std::uint64_t header_vsize = 0, body_vsize = 0;
    std::uint32_t header_lines = 0, body_lines = 0;

    bool multipart = false;       ///< Content-Type multipart/*: `children` are its body parts
    bool message_rfc822 = false;  ///< message/rfc822: `children` holds the one embedded message
    bool text = false;            ///< text/* (also a part without Content-Type)
    bool is_mime = false;         ///< Content-* fields apply (see above)
    bool unsplit = false;         ///< multipart/* or message/rfc822 not split because of the limits
    ContentFields content;        ///< empty unless is_mime
    std::vector<MimePart> children;

    std::size_t body_offset() const { return offset + header_size; }
    std::size_t end() const { return offset + header_size + body_size; }
    std::string_view header(std::string_view message) const { return message.substr(offset, header_size); }
    std::string_view body(std::string_view message) const { return message.substr(body_offset(), body_size); }
    std::string_view whole(std::string_view message) const { return message.substr(offset, header_size + body_size); }
};

/// Parses a whole RFC 5322 message into its MIME tree; the root covers the whole message.
/// Never fails: malformed structure is read leniently (see above).
MimePart parse_mime(std::string_view message);

/// The octet count `text` has when every bare LF is sent as CRLF.
std::uint64_t crlf_size(std::string_view text);

}  // namespace imaplab
