#pragma once
// FETCH data items (RFC 9051 §6.4.5, ABNF `fetch-att`): parsing the request and producing the
// response values. Shared by FETCH and UID FETCH.
#include <cstdint>
#include <string>
#include <vector>

#include "codec/command_parser.hpp"
#include "engine/selected_mailbox.hpp"
#include "store/message.hpp"

namespace imaplab {

struct FetchItem {
    enum class Kind : std::uint8_t { Flags, Uid, Rfc822Size, InternalDate, Rfc822, Rfc822Header, Rfc822Text, Body };
    enum class Section : std::uint8_t { Full, Header, Text, HeaderFields, HeaderFieldsNot };
    Kind kind = Kind::Flags;
    Section section = Section::Full;
    bool peek = false;                 ///< BODY.PEEK[...]: do not set \Seen
    std::vector<std::string> fields;   ///< HEADER.FIELDS (upper-cased, as Dovecot echoes them)
    bool partial = false;              ///< <origin.count>
    std::uint32_t origin = 0, count = 0;

    /// True for items whose value is message text (sent as a literal, after the other items).
    bool is_body() const { return kind == Kind::Rfc822 || kind == Kind::Rfc822Header || kind == Kind::Rfc822Text || kind == Kind::Body; }
    /// True when fetching it sets \Seen (RFC 9051 §6.4.5: BODY[...] without .PEEK, RFC822, RFC822.TEXT).
    bool sets_seen() const { return (kind == Kind::Body && !peek) || kind == Kind::Rfc822 || kind == Kind::Rfc822Text; }
    /// The item name in the response, e.g. "BODY[HEADER.FIELDS (FROM)]<0>".
    std::string response_name() const;
};

/// One message as a FETCH item sees it.
struct FetchMessage {
    std::uint32_t seq = 0;
    std::uint32_t uid = 0;
    const Message& message;
    const SelectedMailbox& selected;  ///< for FLAGS (\Recent is per session) and keywords
};

/// Appends the item's name and value, e.g. "RFC822.SIZE 7077" or "BODY[] {7077}CRLF...", to `out`
/// (no separator before it). RFC 9051 §7.5.2 (msg-att).
void append_fetch_item(std::string& out, const FetchItem& item, const FetchMessage& m);

/// Parses the FETCH argument (one item, a macro ALL/FAST/FULL, or a parenthesised list).
/// On failure returns false and sets `error` ("Unknown parameter: BOGUS", "Missing ']'").
bool parse_fetch_items(const Arg& arg, std::vector<FetchItem>& items, std::string& error);

}  // namespace imaplab
