#pragma once
// FETCH data items (RFC 9051 §6.4.5, ABNF `fetch-att`; RFC 3516 BINARY): parsing the request and
// producing the response values, as Dovecot 2.3 does. Shared by FETCH and UID FETCH.
//
// Response order (Dovecot's): the "buffered" items FLAGS, UID, RFC822.SIZE, INTERNALDATE first,
// in the order asked, then everything else (ENVELOPE, BODY, BODYSTRUCTURE, BODY[...], BINARY[...],
// RFC822*) in the order asked; is_body() tells the two groups apart. Items without a section are
// sent once even when asked twice; sections are sent as often as asked.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "codec/command_parser.hpp"
#include "engine/selected_mailbox.hpp"
#include "store/message.hpp"
#include "store/mime/mime_part.hpp"
#include "store/mime/section.hpp"

namespace imaplab {

/// One requested FETCH item. (Named FetchRequestItem so that it cannot collide with the
/// response-side FetchItem of codec/response_parser.hpp; FetchItem below is its name here.)
struct FetchRequestItem {
    enum class Kind : std::uint8_t {
        Flags,
        Uid,
        Rfc822Size,
        InternalDate,
        Rfc822,
        Rfc822Header,
        Rfc822Text,
        Body,           ///< BODY[section]<partial> / BODY.PEEK[...]
        Envelope,       ///< ENVELOPE
        BodyStructure,  ///< BODYSTRUCTURE (with extension data)
        BodyBasic,      ///< BODY (no section: the non-extensible body structure)
        Binary,         ///< BINARY[section]<partial> / BINARY.PEEK[...] (RFC 3516)
        BinarySize,     ///< BINARY.SIZE[section]
    };
    /// What a section takes (RFC 9051 §6.4.5 section-spec); `part` holds the part number.
    using Section = SectionSpec::Kind;
    Kind kind = Kind::Flags;
    Section section = Section::Full;
    std::vector<std::uint32_t> part;  ///< "2.1" -> {2, 1}; empty for the whole message
    bool peek = false;                ///< BODY.PEEK / BINARY.PEEK: do not set \Seen
    std::vector<std::string> fields;  ///< HEADER.FIELDS names, upper-cased as Dovecot echoes them
    std::string section_text;         ///< the section as echoed, e.g. "1.HEADER.FIELDS (FROM)"
    bool partial = false;             ///< <origin.count>
    std::uint64_t origin = 0, count = std::numeric_limits<std::uint64_t>::max();

    /// True for the items sent after FLAGS/UID/RFC822.SIZE/INTERNALDATE (see above).
    bool is_body() const {
        return kind != Kind::Flags && kind != Kind::Uid && kind != Kind::Rfc822Size && kind != Kind::InternalDate;
    }
    /// True when fetching it sets \Seen (RFC 9051 §6.4.5: BODY[...] and BINARY[...] without
    /// .PEEK, RFC822, RFC822.TEXT).
    bool sets_seen() const {
        return ((kind == Kind::Body || kind == Kind::Binary) && !peek) || kind == Kind::Rfc822 || kind == Kind::Rfc822Text;
    }
    /// The item name in the response, e.g. "BODY[HEADER.FIELDS (FROM)]<0>", "BINARY.SIZE[1]".
    std::string response_name() const;
    /// The section as a SectionSpec.
    SectionSpec spec() const { return {part, section, fields}; }
};
using FetchItem = FetchRequestItem;

/// One message as a FETCH item sees it. The MIME structure is parsed on first use and kept for
/// the other items of the same message.
struct FetchMessage {
    std::uint32_t seq = 0;
    std::uint32_t uid = 0;
    const Message& message;
    const SelectedMailbox& selected;  ///< for FLAGS (\Recent is per session) and keywords
    mutable std::optional<MimePart> mime_cache = std::nullopt;
    mutable std::optional<MimePart> shallow_cache = std::nullopt;  ///< header/body split only

    const MimePart& mime() const;
};

/// Why an item could not be produced for a message: BINARY of a part with an unknown
/// Content-Transfer-Encoding ({"UNKNOWN-CTE", "Unknown Content-Transfer-Encoding."}, RFC 3516
/// §4.3) or with undecodable base64/quoted-printable ({"PARSE", "Invalid data in MIME part."}).
/// Dovecot then ends that message's FETCH response without the remaining items (writing
/// "UID n" if nothing was written yet) and completes the command with
/// "NO [code] text".
struct FetchFailure {
    std::string code;
    std::string text;
};

/// Appends the item's name and value, e.g. "RFC822.SIZE 7077" or "BODY[] {7077}CRLF...", to `out`
/// (no separator before it); RFC 9051 §7.5.2 (msg-att). On a failure nothing is written and the
/// failure is returned.
std::optional<FetchFailure> try_append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m);

/// Like try_append_fetch_item; an item that fails is written as "NAME NIL".
void append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m);

/// Parses the FETCH argument (one item, a macro ALL/FAST/FULL, or a parenthesised list) with
/// Dovecot's error texts ("Unknown parameter: BODDY", "FETCH list is empty",
/// "Invalid BODY[..] section", ...). Items without a section that are asked again are dropped.
bool parse_fetch_items(const Arg& arg, std::vector<FetchItem>& items, std::string& error);

}  // namespace imaplab
