#include "store/mime/text_extract.hpp"

#include "store/mime/encoded_words.hpp"
#include "store/mime/header.hpp"
#include "store/mime/mime_part.hpp"
#include "store/mime/transfer_decode.hpp"
#include "types/flags.hpp"

namespace imaplab {

std::vector<std::string> decoded_header_values(std::string_view message, std::string_view field) {
    std::vector<std::string> out = header_field_values(message, field);
    for (auto& v : out) v = decode_encoded_words(v);
    return out;
}

namespace {

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Whether SEARCH looks into this leaf's body (Dovecot: text/* and message/*, or no Content-Type).
bool searchable(const MimePart& p) {
    if (p.multipart || !p.children.empty()) return false;
    if (p.text) return true;
    return p.content.type && istarts_with(*p.content.type, "message");
}

// The body of a leaf part with its transfer encoding undone and its charset converted.
std::string decoded_body(const MimePart& p, std::string_view message) {
    const std::string_view body = p.body(message);
    std::string raw;
    switch (p.content.transfer_encoding ? classify_transfer_encoding(*p.content.transfer_encoding)
                                        : TransferEncoding::SevenOrEightBit) {
        case TransferEncoding::Base64: decode_base64(body, raw); break;  // keep what decoded
        case TransferEncoding::QuotedPrintable: decode_quoted_printable(body, raw); break;
        default: raw.assign(body); break;
    }
    std::string charset = p.content.charset();
    if (charset.empty()) return raw;
    std::string utf8;
    if (convert_to_utf8_lossy(raw, charset, utf8)) return utf8;
    return raw;
}

void collect_body(const MimePart& p, std::string_view message, std::string& out) {
    if (searchable(p)) {
        out += decoded_body(p, message);
        out += '\n';
        return;
    }
    for (const auto& c : p.children) collect_body(c, message, out);
}

std::string unfold(std::string_view v) {
    std::string out;
    for (char c : v)
        if (c != '\r' && c != '\n') out += c;
    return out;
}

void collect_headers(const MimePart& p, std::string_view message, std::string& out) {
    for (const auto& f : header_fields(p.header(message))) {
        out.append(f.name);
        out += ": ";
        out += decode_encoded_words(unfold(f.full_value()));
        out += '\n';
    }
    for (const auto& c : p.children) collect_headers(c, message, out);
}

}  // namespace

std::string decoded_body_text(std::string_view message) {
    std::string out;
    collect_body(parse_mime(message), message, out);
    return out;
}

std::string decoded_full_text(std::string_view message) {
    const MimePart root = parse_mime(message);
    std::string out;
    collect_headers(root, message, out);
    collect_body(root, message, out);
    return out;
}

}  // namespace imaplab
