// libFuzzer target: the MIME code (store/mime/*) on any message text, as FETCH uses it.
// Parses the MIME tree and the envelope, renders BODYSTRUCTURE, BODY and ENVELOPE the way the
// server sends them, takes every section (part numbers, HEADER, TEXT, MIME, BINARY) of the first
// parts, and the decoded text SEARCH matches against. Checks, besides "no crash, no hang, no UB":
//  - part offsets and sizes stay inside the message;
//  - the rendered "* 1 FETCH (BODYSTRUCTURE ... BODY ... ENVELOPE ...)" is a valid response
//    (codec/response_parser.hpp), so a client can always read what the server says about a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/response_parser.hpp"
#include "engine/commands/fetch_structure.hpp"
#include "fuzz_common.hpp"
#include "store/mime/envelope.hpp"
#include "store/mime/header.hpp"
#include "store/mime/mime_part.hpp"
#include "store/mime/section.hpp"
#include "store/mime/text_extract.hpp"

using namespace imaplab;

namespace {

void check_part(const MimePart& p, std::size_t size, int depth) {
    if (p.offset > size || p.header_size > size - p.offset || p.body_size > size - p.offset - p.header_size)
        fuzz::fail("a MIME part lies outside the message");
    if (depth > kMaxMimeDepth + 2) fuzz::fail("MIME tree deeper than kMaxMimeDepth");
    for (const auto& c : p.children) {
        if (c.offset < p.offset || c.end() > p.end()) fuzz::fail("a MIME child lies outside its parent");
        check_part(c, size, depth + 1);
    }
}

void sections(std::string_view message, const MimePart& root, std::vector<std::uint32_t>& path, const MimePart& part, int budget) {
    using K = SectionSpec::Kind;
    for (K kind : {K::Full, K::Header, K::Text, K::Mime, K::HeaderFields, K::HeaderFieldsNot}) {
        SectionSpec spec;
        spec.part = path;
        spec.kind = kind;
        if (spec.part.empty() && kind == K::Mime) continue;
        if (kind == K::HeaderFields || kind == K::HeaderFieldsNot) spec.fields = {"Subject", "content-type"};
        (void)find_section_part(root, path);
        (void)section_data(message, root, spec);
        if (kind == K::Full || kind == K::Text) (void)binary_section_data(message, root, spec);
    }
    for (std::uint32_t i = 0; i < part.children.size() && i < 3 && budget > 0; ++i) {
        path.push_back(i + 1);
        sections(message, root, path, part.children[i], budget - 1);
        path.pop_back();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view message(reinterpret_cast<const char*>(data), size);
    const MimePart root = parse_mime(message);
    check_part(root, size, 0);
    std::vector<std::uint32_t> path;
    sections(message, root, path, root, 4);

    std::string fetch = "* 1 FETCH (BODYSTRUCTURE (";
    append_body_structure(fetch, root, message, true);
    fetch += ") BODY (";
    append_body_structure(fetch, root, message, false);
    fetch += ") ENVELOPE ";
    append_envelope(fetch, parse_envelope(message_header(message)));
    fetch += ")";
    auto parsed = resp::parse_response(fetch);
    if (!parsed)
        fuzz::fail(("the server's FETCH response for this message is invalid: " + parsed.error().reason + " at offset " +
                    std::to_string(parsed.error().offset)).c_str(),
                   fetch);

    (void)decoded_body_text(message);
    (void)decoded_header_values(message, "Subject");
    (void)header_fields_subset(message, {"From", "To"}, false);
    return 0;
}
