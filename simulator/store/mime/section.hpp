#pragma once
// The data of a FETCH body section (RFC 9051 §6.4.5 BODY[section], BINARY[section], RFC 3516):
// which part a section number names and which bytes the section returns, as Dovecot does it.
//
// Part numbers: "" is the whole message; in a multipart the n-th number picks the n-th body
// part; a non-multipart part only has part 1 (itself); a number after a message/rfc822 part
// continues inside the embedded message. Numbers that name no part give empty data (Dovecot
// answers {0} rather than NIL or BAD). HEADER, HEADER.FIELDS, TEXT after a part number need a
// message/rfc822 part; MIME gives the part's own header.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/mime/mime_part.hpp"

namespace imaplab {

struct SectionSpec {
    enum class Kind : std::uint8_t {
        Full,             ///< BODY[] or BODY[1.2]: the whole message, or the part's body
        Header,           ///< HEADER
        HeaderFields,     ///< HEADER.FIELDS (names)
        HeaderFieldsNot,  ///< HEADER.FIELDS.NOT (names)
        Text,             ///< TEXT
        Mime,             ///< MIME (only after a part number)
    };
    std::vector<std::uint32_t> part;  ///< "2.1.3" -> {2, 1, 3}; empty for the whole message
    Kind kind = Kind::Full;
    std::vector<std::string> fields;  ///< header field names for HEADER.FIELDS[.NOT]
};

/// The part a section addresses before HEADER/TEXT are applied: the root for an empty path,
/// nullptr when there is no such part.
const MimePart* find_section_part(const MimePart& root, const std::vector<std::uint32_t>& path);

/// The bytes BODY[section] returns (before a <partial> is applied), with bare LFs sent as CRLF;
/// "" when the section names nothing. NULs are left as they are.
std::string section_data(std::string_view message, const MimePart& root, const SectionSpec& spec);

/// Why BINARY[section] could not be produced: RFC 3516 §4.3 [UNKNOWN-CTE], or undecodable
/// base64/quoted-printable (Dovecot answers NO [PARSE] "Invalid data in MIME part").
enum class BinaryError : std::uint8_t { None, UnknownCte, InvalidData };

struct BinaryData {
    std::string data;
    bool binary = false;  ///< send as literal8 ~{n}: a transfer encoding was undone or NULs are present
    BinaryError error = BinaryError::None;
};

/// BINARY[section] (RFC 3516): for the whole message, TEXT and part bodies the transfer
/// encodings are undone, in nested parts too, and every converted part's header says
/// "Content-Transfer-Encoding: binary"; other sections (HEADER, MIME, ...) are as BODY[] gives
/// them.
BinaryData binary_section_data(std::string_view message, const MimePart& root, const SectionSpec& spec);

}  // namespace imaplab
