#include "engine/search/text_fold.hpp"

#include <cstdint>
#include <cstring>
#include <iterator>

namespace imaplab::search {
namespace {

struct FoldEntry {
    std::uint16_t cp[3];  ///< the folded code points; unused slots are 0 (slot 0 always counts)
};

#include "engine/search/fold_table.inc"

/// Writes `cp` as UTF-8 at `p`; returns the byte count.
std::size_t put_utf8(std::uint32_t cp, char* p) {
    if (cp < 0x80) {
        p[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        p[0] = static_cast<char>(0xC0 | (cp >> 6));
        p[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    p[0] = static_cast<char>(0xE0 | (cp >> 12));
    p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
}

/// A folded code point, already encoded: at most three code points of at most 3 bytes each.
struct Folded {
    std::uint8_t len = 0;
    char bytes[9] = {};
};

/// The table's entries as UTF-8, built once.
struct FoldedTable {
    Folded low[kFold0000_last - kFold0000_first + 1];
    Folded ext[kFold1E00_last - kFold1E00_first + 1];
    FoldedTable() {
        auto build = [](const FoldEntry& e, Folded& f) {
            std::size_t n = put_utf8(e.cp[0], f.bytes);
            if (e.cp[1]) n += put_utf8(e.cp[1], f.bytes + n);
            if (e.cp[2]) n += put_utf8(e.cp[2], f.bytes + n);
            f.len = static_cast<std::uint8_t>(n);
        };
        for (std::size_t i = 0; i < std::size(low); ++i) build(kFold0000[i], low[i]);
        for (std::size_t i = 0; i < std::size(ext); ++i) build(kFold1E00[i], ext[i]);
    }
};

const FoldedTable& folded_table() {
    static const FoldedTable table;
    return table;
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
    const FoldedTable& table = folded_table();
    // A folded code point takes at most 2.5 times the bytes of the original (U+01D5: 2 -> 5).
    const std::size_t start = out.size();
    out.resize(start + text.size() * 3);
    char* w = out.data() + start;
    std::size_t p = 0;
    while (p < text.size()) {
        const auto c = static_cast<unsigned char>(text[p]);
        if (c < 0x80) {  // ASCII: upper case (the titlecase of a..z)
            *w++ = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : static_cast<char>(c);
            ++p;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t n = decode(text, p, cp);
        const Folded* f = nullptr;
        if (n == 0) {  // not UTF-8: the byte as it is
            *w++ = static_cast<char>(c);
            ++p;
            continue;
        }
        if (cp <= kFold0000_last) f = &table.low[cp - kFold0000_first];
        else if (cp >= kFold1E00_first && cp <= kFold1E00_last) f = &table.ext[cp - kFold1E00_first];
        if (f) {
            std::memcpy(w, f->bytes, f->len);
            w += f->len;
        } else {
            std::memcpy(w, text.data() + p, n);
            w += n;
        }
        p += n;
    }
    out.resize(static_cast<std::size_t>(w - out.data()));
}

std::string fold(std::string_view text) {
    std::string out;
    fold_append(text, out);
    return out;
}

}  // namespace imaplab::search
