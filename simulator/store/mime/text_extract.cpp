#include "store/mime/text_extract.hpp"

#include "store/mime/encoded_words.hpp"
#include "store/mime/header.hpp"

namespace imaplab {

std::vector<std::string> decoded_header_values(std::string_view message, std::string_view field) {
    std::vector<std::string> out = header_field_values(message, field);
    for (auto& v : out) v = decode_encoded_words(v);
    return out;
}

// First implementation: the whole text after the header, undecoded. The MIME-aware version
// (parts, transfer encodings, charsets) replaces it.
std::string decoded_body_text(std::string_view message) { return std::string(message_text(message)); }

}  // namespace imaplab
