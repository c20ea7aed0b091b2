#pragma once
// The Content-* header fields of one MIME part (RFC 2045 §5-8, RFC 2183 Content-Disposition,
// RFC 3282 Content-Language, RFC 2557 Content-Location, RFC 1864 Content-MD5), parsed the way
// Dovecot does for BODYSTRUCTURE: values keep their spelling and case, the first occurrence of
// each field counts, broken values are read as far as they go.
#include <optional>
#include <string>
#include <vector>

#include "store/mime/header.hpp"
#include "store/mime/rfc822_parser.hpp"

namespace imaplab {

struct ContentFields {
    /// Content-Type "text/plain; charset=koi8-r": type "text", subtype "plain" (subtype "" when
    /// the value has no "/"); nullopt when the part has no Content-Type.
    std::optional<std::string> type;
    std::optional<std::string> subtype;
    std::vector<MimeParam> type_params;
    std::optional<std::string> id;                 ///< Content-ID, raw value
    std::optional<std::string> description;        ///< Content-Description, raw value
    std::optional<std::string> transfer_encoding;  ///< Content-Transfer-Encoding token ("base64")
    std::optional<std::string> md5;                ///< Content-MD5, raw value
    std::optional<std::string> disposition;        ///< Content-Disposition token ("attachment")
    std::vector<MimeParam> disposition_params;
    std::vector<std::string> language;             ///< Content-Language tags, empty when absent
    std::optional<std::string> location;           ///< Content-Location, raw value

    /// The charset parameter (case-insensitive name), or "" when there is none.
    std::string charset() const;
};

/// Reads the Content-* fields among `fields`.
ContentFields parse_content_fields(const std::vector<HeaderField>& fields);

}  // namespace imaplab
