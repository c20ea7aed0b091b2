#include "store/mime/section.hpp"

#include <algorithm>

#include "store/mime/header.hpp"
#include "store/mime/transfer_decode.hpp"
#include "types/flags.hpp"

namespace imaplab {

const MimePart* find_section_part(const MimePart& root, const std::vector<std::uint32_t>& path) {
    const MimePart* part = &root;
    for (std::size_t i = 0; i < path.size() && part; ++i) {
        const std::uint32_t num = path[i];
        const bool more = i + 1 < path.size();
        if (part->multipart) {
            const std::size_t idx = num > 1 ? num - 1 : 0;
            part = idx < part->children.size() ? &part->children[idx] : nullptr;
        } else if (num != 1 || (more && !part->message_rfc822)) {
            part = nullptr;
        }
        if (part && part->message_rfc822 && more) part = part->children.empty() ? nullptr : &part->children.front();
    }
    return part;
}

namespace {

std::string with_crlf(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t from = 0;
    for (std::size_t nl = s.find('\n'); nl != std::string_view::npos; nl = s.find('\n', nl + 1)) {
        if (nl > 0 && s[nl - 1] == '\r') continue;
        out.append(s.substr(from, nl - from));
        out += '\r';
        from = nl;
    }
    out.append(s.substr(from));
    return out;
}

bool listed(std::string_view name, const std::vector<std::string>& names) {
    for (const auto& n : names)
        if (iequals(name, n)) return true;
    return false;
}

// HEADER.FIELDS[.NOT]: the matching fields as written, then the empty line that ends the header.
// When the header has no empty line, Dovecot still ends HEADER.FIELDS of the message with CRLF
// (it builds that one from its header cache) but not HEADER.FIELDS.NOT or a part's fields.
std::string header_subset(std::string_view header, const std::vector<std::string>& names, bool exclude, bool add_eoh) {
    std::string out;
    std::size_t end = 0;
    for (const auto& f : header_fields(header)) {
        if (listed(f.name, names) != exclude) out.append(f.raw);
        end = static_cast<std::size_t>(f.raw.data() + f.raw.size() - header.data());
    }
    const std::string_view eoh = header.substr(end);
    if (!eoh.empty()) out.append(eoh);
    else if (add_eoh) out += "\r\n";
    return out;
}

// The part whose header/body the section takes, or nullptr.
const MimePart* target_part(const MimePart& root, const SectionSpec& spec) {
    const MimePart* part = find_section_part(root, spec.part);
    if (!part || spec.part.empty()) return part;
    switch (spec.kind) {
        case SectionSpec::Kind::Full:
        case SectionSpec::Kind::Mime: return part;
        default:
            // HEADER/TEXT of a part: only for message/rfc822 parts, then of the embedded message
            if (!part->message_rfc822 || part->children.empty()) return nullptr;
            return &part->children.front();
    }
}

}  // namespace

std::string section_data(std::string_view message, const MimePart& root, const SectionSpec& spec) {
    const MimePart* part = target_part(root, spec);
    if (!part) return {};
    using K = SectionSpec::Kind;
    switch (spec.kind) {
        case K::Full: return with_crlf(spec.part.empty() ? message : part->body(message));
        case K::Mime:
        case K::Header: return with_crlf(part->header(message));
        case K::Text: return with_crlf(part->body(message));
        case K::HeaderFields: return with_crlf(header_subset(part->header(message), spec.fields, false, spec.part.empty()));
        case K::HeaderFieldsNot: return with_crlf(header_subset(part->header(message), spec.fields, true, false));
    }
    return {};
}

namespace {

constexpr std::size_t kMaxHeaderOverrun = 64 * 1024;

// Dovecot's binary converter (index-mail-binary.c): walks the parts, copies what is not
// converted and decodes base64 / quoted-printable bodies.
class BinaryWriter {
public:
    explicit BinaryWriter(std::string_view m) : m_(m) {}

    void add_part(const MimePart& part, bool include_header) {
        const std::string_view header = part.header(m_);
        // Dovecot reads the Content-Transfer-Encoding by parsing a header from the part's start
        // up to the next empty line, even past a boundary that cut the part's header short; the
        // last field found counts.
        TransferEncoding cte = TransferEncoding::SevenOrEightBit;
        // (The overrun has a budget, so that thousands of cut headers stay linear.)
        const std::string_view from = m_.substr(part.offset, part.header_size + std::min(overrun_budget_, kMaxHeaderOverrun));
        const std::string_view scanned = from.substr(0, std::max(header_size(from), part.header_size));
        overrun_budget_ -= std::min(overrun_budget_, scanned.size() - part.header_size);
        for (const auto& f : header_fields(scanned))
            if (iequals(f.name, "Content-Transfer-Encoding")) cte = classify_transfer_encoding(f.full_value());
        if (scanned.find('\0') != std::string_view::npos) r_.binary = true;
        if (cte == TransferEncoding::Unknown) {
            unknown_ = true;
            return;
        }
        const bool converted = cte == TransferEncoding::Base64 || cte == TransferEncoding::QuotedPrintable;
        if (include_header) {
            if (converted) {
                // The header again as Dovecot's filter reads it (up to the next empty line).
                const auto fields = header_fields(scanned);
                for (const auto& f : fields)
                    if (!iequals(f.name, "Content-Transfer-Encoding")) r_.data += with_crlf(f.raw);
                r_.data += "Content-Transfer-Encoding: binary\r\n";
                std::size_t used = 0;
                for (const auto& f : fields) used = static_cast<std::size_t>(f.raw.data() + f.raw.size() - scanned.data());
                r_.data += with_crlf(scanned.substr(used));  // the empty line that ends the header
            } else {
                r_.data += with_crlf(header);
            }
        }
        if (!part.children.empty()) {
            std::size_t pos = part.body_offset();
            for (const auto& child : part.children) {
                r_.data += with_crlf(m_.substr(pos, child.offset - pos));
                add_part(child, true);
                if (unknown_) return;
                pos = child.end();
            }
            r_.data += with_crlf(m_.substr(pos, part.end() - pos));
            return;
        }
        const std::string_view body = part.body(m_);
        if (body.empty()) return;
        switch (cte) {
            case TransferEncoding::Base64:
                if (!decode_base64(body, r_.data)) invalid_ = true;
                r_.binary = true;
                break;
            case TransferEncoding::QuotedPrintable:
                if (!decode_quoted_printable(body, r_.data)) invalid_ = true;
                r_.binary = true;
                break;
            default:
                if (body.find('\0') != std::string_view::npos) r_.binary = true;
                r_.data += with_crlf(body);
                break;
        }
    }

    BinaryData finish() {
        if (unknown_) return {{}, false, BinaryError::UnknownCte};
        if (invalid_) return {{}, false, BinaryError::InvalidData};
        return std::move(r_);
    }

private:
    std::string_view m_;
    BinaryData r_;
    bool unknown_ = false, invalid_ = false;
    std::size_t overrun_budget_ = 256 * 1024;
};

}  // namespace

BinaryData binary_section_data(std::string_view message, const MimePart& root, const SectionSpec& spec) {
    using K = SectionSpec::Kind;
    const bool whole = spec.part.empty() && spec.kind == K::Full;
    const bool body = (spec.kind == K::Full && !spec.part.empty()) || spec.kind == K::Text;
    if (!whole && !body) return {section_data(message, root, spec), false, BinaryError::None};
    const MimePart* part = target_part(root, spec);
    if (!part) return {};
    BinaryWriter w(message);
    w.add_part(*part, whole);
    return w.finish();
}

}  // namespace imaplab
