#include "engine/search/text_fold.hpp"

#include <cstdint>

namespace imaplab::search {
namespace {

struct FoldEntry {
    std::uint16_t cp[3];  ///< the folded code points; unused slots are 0 (slot 0 always counts)
};

#include "engine/search/fold_table.inc"

void put_utf8(std::uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

const FoldEntry* lookup(std::uint32_t cp) {
    if (cp <= kFold0000_last) return &kFold0000[cp - kFold0000_first];
    if (cp >= kFold1E00_first && cp <= kFold1E00_last) return &kFold1E00[cp - kFold1E00_first];
    return nullptr;
}

/// Decodes one UTF-8 sequence at `p`; returns its length, or 0 when it is not valid UTF-8.
std::size_t decode(std::string_view s, std::size_t p, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[p]);
    std::size_t n;
    std::uint32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) { n = 2; cp = b0 & 0x1F; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { n = 3; cp = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { n = 4; cp = b0 & 0x07; min = 0x10000; }
    else return 0;
    if (p + n > s.size()) return 0;
    for (std::size_t i = 1; i < n; ++i) {
        const auto b = static_cast<unsigned char>(s[p + i]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

void fold_append(std::string_view text, std::string& out) {
    out.reserve(out.size() + text.size());
    std::size_t p = 0;
    while (p < text.size()) {
        const auto c = static_cast<unsigned char>(text[p]);
        if (c < 0x80) {  // ASCII: upper case (the titlecase of a..z)
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : static_cast<char>(c);
            ++p;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t n = decode(text, p, cp);
        if (n == 0) {
            out += static_cast<char>(c);
            ++p;
            continue;
        }
        if (const FoldEntry* e = lookup(cp)) {
            put_utf8(e->cp[0], out);
            if (e->cp[1]) put_utf8(e->cp[1], out);
            if (e->cp[2]) put_utf8(e->cp[2], out);
        } else {
            out.append(text.substr(p, n));
        }
        p += n;
    }
}

std::string fold(std::string_view text) {
    std::string out;
    fold_append(text, out);
    return out;
}

}  // namespace imaplab::search
