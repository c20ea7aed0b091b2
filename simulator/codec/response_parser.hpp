#pragma once
// Parsing server responses (server -> client) into values, and writing those values back to wire
// form. RFC 9051 §7 and §9 (response grammar), RFC 3501 §7 and §9 (IMAP4rev1: RECENT, SEARCH, LSUB,
// UNSEEN, RFC822*), with the extensions the server speaks: UIDPLUS (RFC 4315: APPENDUID, COPYUID),
// RFC 5530 response codes, ENABLE (RFC 5161), ID (RFC 2971), NAMESPACE (RFC 2342), LIST-EXTENDED
// (RFC 5258), ESEARCH (RFC 4731), BINARY (RFC 3516), CONDSTORE's MODSEQ (RFC 7162).
//
// Sans-I/O and incremental like the command side: ResponseParser is fed bytes in any split (one
// byte at a time included) and returns the same sequence of values. A response is either a
// Response value or a ResponseParseError (offset inside the response + reason); after an error
// the parser goes on with the next response. Nothing throws.
//
// The values are a tree the simulated client and the GUI walk: Response -> (StatusResponse |
// CapabilityData | ListData | ... | FetchData -> FetchItem -> Envelope / BodyStructure -> ...).
// Strings remember the form they were sent in (atom, quoted, literal, literal8), so
// encode_response(parse_response(x)) gives back x for the canonical spellings servers use, and
// parse(encode(v)) == v for every value the parser produces (the round-trip property the tests check).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "codec/framer.hpp"
#include "trace/trace_event.hpp"
#include "types/date_time.hpp"
#include "types/result.hpp"
#include "types/sequence_set.hpp"

/// The response types live in their own namespace: names like FetchItem, Section or Envelope are
/// also used by the engine and the MIME code for server-side values.
namespace imaplab::resp {

/// How a string was (or is to be) written on the wire. RFC 9051 §4.3.
enum class StringForm : std::uint8_t {
    Atom,      ///< 1*ASTRING-CHAR (only where the grammar allows an astring)
    Quoted,    ///< "..." with \" and \\ escapes
    Literal,   ///< {n} CRLF n octets (no NUL)
    Literal8,  ///< ~{n} CRLF n octets (RFC 3516, any octet)
};

/// string / astring: the bytes, and the form they came in.
struct IString {
    std::string value;
    StringForm form = StringForm::Quoted;
    friend bool operator==(const IString&, const IString&) = default;
};

/// nstring = string / NIL. std::nullopt is NIL.
using NString = std::optional<IString>;

/// Extension data of unknown meaning, kept as a tree: tagged-ext-val (RFC 9051 §9, LIST-EXTENDED
/// items, ESEARCH return data) and body-extension. A scalar is an atom (numbers, sequence sets,
/// NIL, other atoms) or a string; a list holds further values.
struct ExtValue {
    bool is_list = false;
    IString scalar;               ///< when !is_list
    std::vector<ExtValue> items;  ///< when is_list
    friend bool operator==(const ExtValue&, const ExtValue&) = default;
};

/// resp-text-code: the bracketed part of a status response. RFC 9051 §7.1, RFC 5530, RFC 4315.
/// Which members are used depends on `name`:
///   CAPABILITY            -> atoms (capabilities)
///   PERMANENTFLAGS        -> atoms (flags, incl. "\*")
///   BADCHARSET            -> charsets (has_list says whether the "(...)" was there)
///   UIDNEXT, UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, APPENDLIMIT -> number
///   APPENDUID             -> number (UIDVALIDITY), set1 (the UID or UID set)
///   COPYUID               -> number (UIDVALIDITY), set1 (source UIDs), set2 (destination UIDs)
///   MODIFIED              -> set1
///   anything else         -> text (the characters after "NAME SP", if any)
struct ResponseCode {
    std::string name;  ///< upper-case, e.g. "UIDNEXT", "NONEXISTENT", "X-SOMETHING"
    std::vector<std::string> atoms;
    std::vector<IString> charsets;
    bool has_list = false;
    std::uint64_t number = 0;
    std::vector<SeqRange> set1, set2;
    std::optional<std::string> text;
    friend bool operator==(const ResponseCode&, const ResponseCode&) = default;
};

/// OK / NO / BAD / BYE / PREAUTH with optional [code] and text. RFC 9051 §7.1.
struct StatusResponse {
    ResponseStatus status = ResponseStatus::Ok;
    std::optional<ResponseCode> code;
    std::string text;  ///< human-readable text; may be empty
    friend bool operator==(const StatusResponse&, const StatusResponse&) = default;
};

/// "+" SP (resp-text / base64). RFC 9051 §7.5. `base64` is set when the text is non-empty and is
/// entirely base64 (an AUTHENTICATE challenge); the raw text is kept either way.
struct ContinuationRequest {
    std::optional<ResponseCode> code;
    std::string text;
    bool base64 = false;
    friend bool operator==(const ContinuationRequest&, const ContinuationRequest&) = default;
};

/// "CAPABILITY" *(SP capability) (RFC 9051 §7.2.2) or "ENABLED" *(SP capability) (RFC 5161).
struct CapabilityData {
    bool enabled = false;  ///< true: ENABLED response
    std::vector<std::string> capabilities;
    friend bool operator==(const CapabilityData&, const CapabilityData&) = default;
};

/// "LIST" / "LSUB" SP mailbox-list. RFC 9051 §7.3.1, RFC 5258 (mbox-list-extended).
struct ListItemExt {
    IString tag;  ///< e.g. CHILDINFO, OLDNAME
    ExtValue value;
    friend bool operator==(const ListItemExt&, const ListItemExt&) = default;
};
struct ListData {
    bool lsub = false;
    std::vector<std::string> attributes;  ///< "\HasChildren", "\Noselect", ...
    std::optional<char> delimiter;        ///< nullopt: NIL (flat namespace)
    IString mailbox;                      ///< wire form (modified UTF-7 in rev1), as sent
    std::optional<std::vector<ListItemExt>> extended;  ///< mbox-list-extended, when present
    friend bool operator==(const ListData&, const ListData&) = default;
};

/// "STATUS" SP mailbox SP "(" [status-att-val *(SP status-att-val)] ")". RFC 9051 §7.3.2.
struct StatusItem {
    std::string name;              ///< upper-case: MESSAGES, UIDNEXT, UNSEEN, SIZE, ...
    std::optional<std::uint64_t> value;  ///< nullopt only for APPENDLIMIT NIL (RFC 7889)
    friend bool operator==(const StatusItem&, const StatusItem&) = default;
};
struct StatusData {
    IString mailbox;
    std::vector<StatusItem> items;
    friend bool operator==(const StatusData&, const StatusData&) = default;
};

/// "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP n ")"]. RFC 3501 §7.2.5, RFC 7162.
struct SearchData {
    std::vector<std::uint32_t> numbers;
    std::optional<std::uint64_t> modseq;
    friend bool operator==(const SearchData&, const SearchData&) = default;
};

/// "ESEARCH" [SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP name SP value). RFC 4731, RFC 9051
/// §7.3.4. MIN / MAX / COUNT are numbers and ALL a sequence set (validated); others are kept as is.
struct ESearchItem {
    std::string name;  ///< upper-case: MIN, MAX, COUNT, ALL, MODSEQ, ...
    ExtValue value;
    friend bool operator==(const ESearchItem&, const ESearchItem&) = default;
};
struct ESearchData {
    std::optional<IString> correlator;  ///< the TAG of the SEARCH command
    bool uid = false;
    std::vector<ESearchItem> items;
    friend bool operator==(const ESearchData&, const ESearchData&) = default;
};

/// "FLAGS" SP flag-list. RFC 9051 §7.3.5.
struct FlagsData {
    std::vector<std::string> flags;
    friend bool operator==(const FlagsData&, const FlagsData&) = default;
};

/// number SP ("EXISTS" / "RECENT" / "EXPUNGE"). RFC 9051 §7.4.1, §7.5.1; RFC 3501 §7.3.2.
struct CountData {
    enum class Kind : std::uint8_t { Exists, Recent, Expunge };
    Kind kind = Kind::Exists;
    std::uint32_t number = 0;
    friend bool operator==(const CountData&, const CountData&) = default;
};

/// ID response: "ID" SP ("(" *(string SP nstring) ")" / NIL). RFC 2971.
struct IdData {
    std::optional<std::vector<std::pair<IString, NString>>> params;  ///< nullopt: NIL
    friend bool operator==(const IdData&, const IdData&) = default;
};

/// NAMESPACE response. RFC 2342, RFC 9051 §7.3.6.
struct NamespaceExt {
    IString name;
    std::vector<IString> values;
    friend bool operator==(const NamespaceExt&, const NamespaceExt&) = default;
};
struct NamespaceDescr {
    IString prefix;
    std::optional<char> delimiter;
    std::vector<NamespaceExt> extensions;
    friend bool operator==(const NamespaceDescr&, const NamespaceDescr&) = default;
};
struct NamespaceData {
    /// personal, other users', shared; nullopt: NIL.
    std::optional<std::vector<NamespaceDescr>> personal, other_users, shared;
    friend bool operator==(const NamespaceData&, const NamespaceData&) = default;
};

/// An address: "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")". RFC 9051 §9.
struct Address {
    NString name, adl, mailbox, host;
    friend bool operator==(const Address&, const Address&) = default;
};

/// env-from and friends: "(" 1*address ")" / NIL (nullopt).
using AddressList = std::optional<std::vector<Address>>;

/// ENVELOPE. RFC 9051 §7.5.2.
struct Envelope {
    NString date, subject;
    AddressList from, sender, reply_to, to, cc, bcc;
    NString in_reply_to, message_id;
    friend bool operator==(const Envelope&, const Envelope&) = default;
};

/// body-fld-param: "(" string SP string *(SP string SP string) ")" / NIL (nullopt).
using BodyParams = std::optional<std::vector<std::pair<IString, IString>>>;

/// body-fld-dsp: "(" string SP body-fld-param ")".
struct BodyDisposition {
    IString type;
    BodyParams params;
    friend bool operator==(const BodyDisposition&, const BodyDisposition&) = default;
};

/// BODY / BODYSTRUCTURE. RFC 9051 §7.5.2 and §9 `body`. One struct for all shapes:
///   multipart:       parts (1 or more), subtype, then extension data (params, dsp, lang, loc, ...)
///   message/rfc822:  type, subtype, fields, envelope, parts[0] (the encapsulated body), lines
///   text/*:          type, subtype, fields, lines
///   other:           type, subtype, fields
/// `extension_fields` says how many of the optional extension fields were present, in order:
///   single part: md5, disposition, language, location; multipart: params, disposition, language,
///   location. `extensions` are the body-extension values after location.
struct BodyStructure {
    bool multipart = false;
    IString type, subtype;
    BodyParams params;  ///< single part: body-fld-param; multipart: the extension params
    NString id, description;
    IString encoding;
    std::uint64_t octets = 0;
    std::optional<std::uint64_t> lines;  ///< text/* and message/rfc822
    std::optional<Envelope> envelope;    ///< message/rfc822 (and message/global)
    std::vector<BodyStructure> parts;    ///< multipart children, or the one encapsulated message
    int extension_fields = 0;
    NString md5;
    std::optional<BodyDisposition> disposition;  ///< nullopt: NIL or absent
    /// body-fld-lang: a single nstring (is_list false) or "(" string *(SP string) ")".
    bool language_is_list = false;
    std::vector<IString> languages;  ///< empty with !language_is_list: NIL
    NString location;
    std::vector<ExtValue> extensions;
    friend bool operator==(const BodyStructure&, const BodyStructure&) = default;
};

/// section = "[" [section-spec] "]". RFC 9051 §9.
struct Section {
    std::vector<std::uint32_t> part;  ///< "1.2.3" -> {1,2,3}; empty: the whole message
    /// "", "HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME" (upper-case)
    std::string text;
    std::vector<IString> fields;  ///< header-list for HEADER.FIELDS[.NOT]
    friend bool operator==(const Section&, const Section&) = default;
};

/// One msg-att item of a FETCH response. RFC 9051 §7.5.2, RFC 3501 §7.4.2.
struct FetchItem {
    enum class Kind : std::uint8_t {
        Flags,          ///< FLAGS (flags)
        Uid,            ///< UID number
        InternalDate,   ///< INTERNALDATE date
        Rfc822Size,     ///< RFC822.SIZE number
        Envelope,       ///< ENVELOPE envelope
        Body,           ///< BODY body (no extension data expected)
        BodyStructure,  ///< BODYSTRUCTURE body
        BodySection,    ///< BODY[section]<origin> data
        Binary,         ///< BINARY[part]<origin> data (RFC 3516)
        BinarySize,     ///< BINARY.SIZE[part] number
        Rfc822,         ///< RFC822 data (rev1)
        Rfc822Header,   ///< RFC822.HEADER data (rev1)
        Rfc822Text,     ///< RFC822.TEXT data (rev1)
        ModSeq,         ///< MODSEQ (n) (RFC 7162)
    };
    Kind kind = Kind::Flags;
    std::vector<std::string> flags;  ///< Flags
    std::uint64_t number = 0;        ///< Uid, Rfc822Size, BinarySize, ModSeq
    DateTime date;                   ///< InternalDate
    std::optional<Envelope> envelope;
    std::optional<BodyStructure> body;
    Section section;                     ///< BodySection, Binary (part only), BinarySize
    std::optional<std::uint64_t> origin;  ///< "<n>" after the section
    NString data;                        ///< BodySection, Binary, Rfc822*
    friend bool operator==(const FetchItem&, const FetchItem&) = default;
};

/// nz-number SP "FETCH" SP "(" msg-att *(SP msg-att) ")".
struct FetchData {
    std::uint32_t number = 0;  ///< message sequence number
    std::vector<FetchItem> items;
    /// The first item of `kind`, or null.
    const FetchItem* find(FetchItem::Kind kind) const;
    friend bool operator==(const FetchData&, const FetchData&) = default;
};

/// One whole server response.
struct Response {
    enum class Kind : std::uint8_t {
        Tagged,        ///< tag SP (OK / NO / BAD) SP resp-text
        Untagged,      ///< "*" SP ...
        Continuation,  ///< "+" SP ...
    };
    using Data = std::variant<StatusResponse, ContinuationRequest, CapabilityData, ListData, StatusData,
                              SearchData, ESearchData, FlagsData, CountData, FetchData, IdData, NamespaceData>;
    Kind kind = Kind::Untagged;
    std::string tag;  ///< Tagged only
    Data data;
    friend bool operator==(const Response&, const Response&) = default;

    /// The status response, or null when this is a data response / continuation request.
    const StatusResponse* status() const { return std::get_if<StatusResponse>(&data); }
};

/// Why a response could not be parsed. `offset` is the byte offset inside the response.
struct ResponseParseError {
    std::size_t offset = 0;
    std::string reason;  ///< e.g. "Expected SP after the tag", "Unknown FETCH item BODDY"
};

/// Parses one framed response: the bytes of one response with literal data inline and without
/// its final line end (what Framer and WireLine carry). Inner line ends (after "{n}") may be CRLF
/// or LF.
Result<Response, ResponseParseError> parse_response(std::string_view bytes);

/// Writes `r` in wire form, including the final CRLF. Strings keep their recorded form when it
/// can carry the value (an atom that is not a valid atom is written quoted, a quoted string with
/// CR/LF/8-bit as a literal, a literal holding NUL as literal8). RFC 9051 §4.3.
std::string encode_response(const Response& r);

/// Limits for the incremental parser (defaults are generous: a client must accept what a server
/// sends, e.g. a FETCH BODY[] of a large message).
struct ResponseParserLimits {
    std::size_t max_line = 1024 * 1024;          ///< one line, literal data not counted
    std::size_t max_literal = 256 * 1024 * 1024;  ///< one literal
};

/// What ResponseParser::next() returns.
struct ResponseEvent {
    enum class Kind : std::uint8_t {
        NeedMore,  ///< no whole response buffered yet
        Parsed,    ///< `response` holds the value
        Failed,    ///< `error` says why; the parser has skipped this response
    };
    Kind kind = Kind::NeedMore;
    Response response;
    ResponseParseError error;
    std::string bytes;                  ///< the response as received (without its final line end)
    std::vector<LiteralSpan> literals;  ///< literal data inside `bytes`
    std::size_t stream_offset = 0;      ///< where `bytes` starts in the stream fed so far
};

/// Incremental parser for the server -> client byte stream. Any split of the input gives the same
/// events. Responses longer than the limits are reported as Failed and skipped.
class ResponseParser {
public:
    explicit ResponseParser(ResponseParserLimits limits = {});
    /// Appends bytes received from the server.
    void feed(std::string_view bytes);
    /// The next event; call until NeedMore.
    ResponseEvent next();

private:
    Framer framer_;
    std::size_t fed_ = 0;
    std::size_t consumed_ = 0;
};

/// A display tree of a response for views: each node has a label (the grammar element: "FETCH",
/// "ENVELOPE", "from", "address", "BODY[HEADER]", ...) and a value (its text, or "" for inner nodes).
struct ResponseNode {
    std::string label;
    std::string value;
    std::vector<ResponseNode> children;
};
ResponseNode to_tree(const Response& r);

}  // namespace imaplab::resp
