#pragma once
// The message inspector (issue 6): one stored message taken apart for a learner, as pure data —
// the raw source by lines, the header table, the MIME tree with the part numbers BODY[...] uses
// (RFC 9051 §6.4.5), each text part decoded to UTF-8, and what a FETCH item returns for it.
// Everything is read with store/mime (parse_mime, header_fields, transfer decoding, RFC 2047
// words, iconv); FETCH answers come from a real Session (the engine), never re-encoded here.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/message.hpp"
#include "store/mime/rfc822_parser.hpp"
#include "types/result.hpp"

namespace imaplab {

class Account;
class Mailbox;
class MailStore;
class Session;

// ---- Raw source ----

/// How a source line ends. IMAP stores and sends CRLF (RFC 9051 §2.2); anything else is marked.
enum class LineEnd : std::uint8_t { CrLf, Lf, None };

struct SourceLine {
    std::uint32_t number = 0;  ///< 1-based line number
    std::size_t offset = 0;    ///< octet offset of the line's first byte in the message
    std::string text;          ///< the line's bytes without its line end
    /// `text` for display: valid UTF-8 kept, other bytes as "\xNN", control characters other than
    /// TAB as "\xNN" (so KOI8-R 8-bit text shows what is really on the wire).
    std::string shown;
    LineEnd end = LineEnd::CrLf;
};

/// The message split into lines at LF ("a\r\nb" is two lines, both offsets counted in octets).
std::vector<SourceLine> source_lines(std::string_view message);

/// `bytes` with invalid UTF-8 and control characters (other than TAB) written as "\xNN".
std::string printable_utf8(std::string_view bytes);

// ---- Header table ----

struct HeaderRow {
    std::string name;     ///< field name as written, without the colon
    std::string raw;      ///< value as written (HeaderField::full_value: folding CRLFs kept)
    std::string decoded;  ///< unfolded (CRLF before WSP removed), RFC 2047 words decoded to UTF-8
};

/// The fields of `header` (a whole message is fine: reading stops at the blank line), in order.
/// RFC 5322 §2.2 (fields, folding), RFC 2047 (encoded words).
std::vector<HeaderRow> header_rows(std::string_view header);

// ---- Decoded text ----

/// A text part's body as UTF-8: Content-Transfer-Encoding undone (RFC 2045 §6), then the charset
/// (default us-ascii, RFC 2046 §4.1.2) converted with iconv.
struct DecodedText {
    std::string utf8;   ///< the text; with an error, as much as could be shown (bad bytes as U+FFFD)
    std::string error;  ///< "" when the whole body decoded cleanly, else what went wrong, e.g.
                        ///< "unknown charset \"x-klingon\"" or "bytes not valid in windows-1251"
    std::string charset;             ///< the charset used ("us-ascii" when none was given)
    std::string transfer_encoding;   ///< "7bit" when none was given
};

/// Decodes `body` (a part's body octets) with `transfer_encoding` (the Content-Transfer-Encoding
/// value, "" when absent) and `charset` ("" when absent). Never throws.
DecodedText decode_text_body(std::string_view body, std::string_view transfer_encoding, std::string_view charset);

// ---- MIME tree ----

/// One node of the BODYSTRUCTURE tree (RFC 9051 §7.5.2 "body").
struct MimeNode {
    /// The part number BODY[<part_number>] takes (RFC 9051 §6.4.5): "1", "2.1" ...; "" for a
    /// multipart message (top level or inside message/rfc822), which has no number of its own:
    /// its body parts are numbered. A non-multipart message's body is part 1 ("2.1" when it is
    /// the message inside part 2).
    std::string part_number;
    /// The section that returns this node's content: part_number, or "TEXT" / "2.TEXT" for a
    /// multipart message.
    std::string section;
    bool message_root = false;  ///< the top-level message or one inside message/rfc822
    std::string type, subtype;  ///< as BODYSTRUCTURE names them ("text" "plain" by default)
    std::vector<MimeParam> params;  ///< Content-Type parameters as written
    std::string charset;            ///< the charset parameter, "" when none
    std::string transfer_encoding;  ///< the Content-Transfer-Encoding value, "" when none (7bit)
    std::string disposition;        ///< Content-Disposition token, "" when none
    std::string filename;           ///< filename / name parameter, "" when none
    std::size_t offset = 0;         ///< octet offset of the part's header in the message
    std::size_t header_octets = 0;  ///< octets of the part's header (with its blank line)
    std::uint64_t size = 0;         ///< body size in octets, as BODYSTRUCTURE reports it
    std::uint32_t lines = 0;        ///< body lines (BODYSTRUCTURE reports them for text/* and message/rfc822)
    std::vector<HeaderRow> headers;  ///< the part's own header fields (BODY[n.MIME], or the message header)
    std::optional<DecodedText> text;  ///< text/* leaves only
    std::vector<MimeNode> children;

    /// "text/plain".
    std::string content_type() const { return type + "/" + subtype; }
};

/// The MIME tree of `message` (whole RFC 5322 text). The root is the message itself.
MimeNode mime_tree(std::string_view message);

/// The node whose part_number is `part_number` ("" finds the root), or nullptr.
const MimeNode* find_mime_node(const MimeNode& root, std::string_view part_number);

// ---- FETCH ----

/// What the server answers to FETCH of one item (or a list / macro) for the inspected message.
struct FetchPreview {
    std::string item;      ///< as asked, e.g. "BODY[1.2]"
    std::string response;  ///< the untagged response(s) the server sent, CRLFs included
    /// The data inside "* n FETCH (...)": e.g. "BODY[1.2] {23}\r\n..." (literals included).
    std::string value;
    std::string tagged;  ///< the tagged completion, e.g. "f OK Fetch completed." (no CRLF)
    bool ok = false;     ///< tagged OK
};

/// Runs FETCH on a private copy of one message (its own store and Session: LOGIN, EXAMINE, so
/// nothing is changed and \Seen is never set), as the server would answer the session the
/// message was taken from. FLAGS shows \Recent when `recent`.
class FetchPreviewer {
public:
    /// Copies `message` (UID, flags, keywords named by `mailbox`'s keyword table, internal date,
    /// text) into a mailbox with `mailbox`'s UIDVALIDITY. `mailbox` may be null (no keywords).
    FetchPreviewer(const Message& message, const Mailbox* mailbox, bool recent);
    ~FetchPreviewer();
    FetchPreviewer(const FetchPreviewer&) = delete;
    FetchPreviewer& operator=(const FetchPreviewer&) = delete;

    /// FETCH 1 `item` (a fetch-att, a macro ALL/FAST/FULL, or a parenthesised list). A bad item
    /// gives ok = false with the server's BAD in `tagged`; an item that cannot be produced
    /// (BINARY of undecodable data) gives the server's NO. A CR or LF or a literal "{" in `item`
    /// is refused the same way (ok = false, `tagged` says why) without reaching the server.
    FetchPreview fetch(std::string_view item);

private:
    std::unique_ptr<MailStore> store_;
    std::unique_ptr<Session> session_;
    std::uint32_t counter_ = 0;
};

/// FETCH items worth showing for a message: the non-section items, the header and text
/// sections, and for each part of `tree` BODY[n], BODY[n.MIME] and BINARY[n] / BINARY.SIZE[n]
/// for leaves, BODY[n.HEADER] for message/rfc822 parts, and BODY[]<0.100>.
std::vector<std::string> suggested_fetch_items(const MimeNode& tree);

// ---- Everything together ----

struct MessageInspection {
    std::uint32_t uid = 0;
    std::uint64_t size = 0;  ///< RFC822.SIZE
    std::vector<SourceLine> source;
    std::vector<HeaderRow> headers;
    MimeNode tree;
    std::vector<std::string> fetch_items;  ///< suggested_fetch_items(tree)
};

/// Takes `message` apart (no FETCH answers: FetchPreviewer gives those on demand).
MessageInspection inspect_message(const Message& message);

/// What the inspector panel shows for one message, prepared once: the inspection and the FETCH
/// answer for each suggested item (fetches[i] answers inspection.fetch_items[i]).
struct InspectorData {
    std::string mailbox;
    MessageInspection inspection;
    std::vector<FetchPreview> fetches;
    /// For items beyond the suggested ones (a copy of the message: outlives the store).
    std::shared_ptr<FetchPreviewer> previewer;
};

/// Finds UID `uid` in mailbox `mailbox` of `account` (when null: of the first account of `store`
/// that has such a mailbox) and inspects it, with FETCH answers as a session that sees the message
/// as \Recent (`recent`) or not would get them. Errors: no such mailbox, no such UID (named).
Result<InspectorData, std::string> inspect_stored_message(const MailStore& store, const Account* account,
                                                          std::string_view mailbox, std::uint32_t uid, bool recent);

}  // namespace imaplab
