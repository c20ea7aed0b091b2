#pragma once
// A parsed SEARCH program: the search criteria as a tree, the RETURN options and the charset.
// RFC 9051 §6.4.4 / RFC 3501 §6.4.4 (search keys), RFC 4731 (ESEARCH, RETURN (MIN MAX ALL
// COUNT)), RFC 5182 (RETURN (SAVE), "$").
//   search  = "SEARCH" [search-return-opts] SP search-program
//   search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
#include <cstdint>
#include <string>
#include <vector>

#include "types/sequence_set.hpp"

namespace imaplab::search {

enum class KeyKind : std::uint8_t {
    All,
    And,          ///< every child matches (a parenthesised list, or the top level)
    Or,           ///< OR key1 key2 (two children)
    Not,          ///< NOT key (one child)
    Sequence,     ///< sequence-set of message sequence numbers (or "$")
    Uid,          ///< UID sequence-set (or "$")
    FlagSet,      ///< ANSWERED DELETED DRAFT FLAGGED SEEN: every bit in `flags` is set
    FlagUnset,    ///< UNANSWERED ...: no bit in `flags` is set
    Keyword,      ///< KEYWORD flag (`text` is the keyword as given)
    Unkeyword,    ///< UNKEYWORD flag
    Recent,       ///< RECENT (RFC 3501; \Recent in this session)
    New,          ///< NEW = RECENT UNSEEN
    Old,          ///< OLD = NOT RECENT
    Date,         ///< BEFORE ON SINCE (internal date) and SENTBEFORE SENTON SENTSINCE (Date:)
    Larger,       ///< LARGER n: RFC822.SIZE > n
    Smaller,      ///< SMALLER n: RFC822.SIZE < n
    Header,       ///< BCC CC FROM SUBJECT TO HEADER: a header field contains `text`
    Body,         ///< BODY: the decoded body text contains `text`
    Text,         ///< TEXT: the decoded header or body contains `text`
};

enum class DateField : std::uint8_t { Internal, Sent };
enum class DateOp : std::uint8_t { Before, On, Since };
/// How a header field's value is prepared before matching (as Dovecot does it):
/// Raw -- decoded RFC 2047 words (HEADER); Address -- the address list rewritten in normal form,
/// `"Name" <a@b>, <c@d>` (FROM TO CC BCC); Subject -- runs of blanks become one space.
enum class HeaderMatch : std::uint8_t { Raw, Address, Subject };

struct SearchKey {
    KeyKind kind = KeyKind::All;
    std::vector<SearchKey> children;       ///< And / Or / Not
    SequenceSet set;                       ///< Sequence / Uid
    std::uint8_t flags = 0;                ///< FlagSet / FlagUnset: SystemFlag bits
    std::string field;                     ///< Header: field name as given ("Subject")
    std::string text;                      ///< Header/Body/Text: folded needle (text_fold.hpp); Keyword: the name
    HeaderMatch header_match = HeaderMatch::Raw;
    DateField date_field = DateField::Internal;
    DateOp date_op = DateOp::On;
    std::int64_t day = 0;                  ///< Date: days since 1970-01-01 (kNeverDay: no such day)
    std::uint64_t size = 0;                ///< Larger / Smaller

    /// A rough cost used to test cheap keys first (flags before headers before bodies).
    int cost() const;
};

/// RETURN options (RFC 4731 §3.1, RFC 5182 §2). `esearch` is set when the answer is an ESEARCH
/// response: RETURN was given, or IMAP4rev2 is in force (RFC 9051 §6.4.4).
struct ReturnOptions {
    bool min = false, max = false, all = false, count = false, save = false;
    bool esearch = false;
};

struct SearchProgram {
    ReturnOptions ret;
    std::string charset;  ///< as given ("" when CHARSET was not used)
    SearchKey key;        ///< an And of the top-level keys
};

}  // namespace imaplab::search
