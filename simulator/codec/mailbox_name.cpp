#include "codec/mailbox_name.hpp"

#include <cstdint>
#include <vector>

#include "codec/response_encoder.hpp"
#include "types/flags.hpp"

namespace imaplab {

namespace {

constexpr char kDelimiter = '/';
constexpr std::size_t kMaxNameLength = 4096;   // Dovecot's MAILBOX_LIST_NAME_MAX_LENGTH
constexpr std::size_t kMaxLevelLength = 255;   // Dovecot's MAILBOX_MAX_HIERARCHY_NAME_LENGTH
const char* const kNotMutf7 = "Mailbox name is not valid mUTF-7";
const char* const kNotUtf8 = "Mailbox name is not valid UTF-8";

// RFC 3501 §5.1.3: modified BASE64 uses "," where RFC 4648 uses "/".
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == ',') return 63;
    return -1;
}

// Modified BASE64 of `bytes`, without padding; the final partial group's unused bits are zero.
void base64_encode(std::string& out, const std::vector<std::uint8_t>& bytes) {
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) out += kBase64[(v >> shift) & 0x3f];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        out += kBase64[bytes[i] >> 2];
        out += kBase64[(bytes[i] & 0x03) << 4];
    } else if (rest == 2) {
        out += kBase64[bytes[i] >> 2];
        out += kBase64[((bytes[i] & 0x03) << 4) | (bytes[i + 1] >> 4)];
        out += kBase64[(bytes[i + 1] & 0x0f) << 2];
    }
}

// Decodes the BASE64 characters of one "&...-" run. A trailing group of 1 character carries no
// whole octet and is refused; groups of 2 and 3 give 1 and 2 octets (their spare bits are ignored,
// as Dovecot does).
bool base64_decode(std::string_view in, std::vector<std::uint8_t>& out) {
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const int v = base64_value(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    return in.size() % 4 != 1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// Reads one UTF-8 sequence at s[i]; returns its code point and advances i, or nullopt (i is then
// advanced past the offending byte).
std::optional<std::uint32_t> next_code_point(std::string_view s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i++]);
    if (b0 < 0x80) return b0;
    int extra;
    std::uint32_t cp, min;
    if ((b0 & 0xe0) == 0xc0) {
        extra = 1, cp = b0 & 0x1f, min = 0x80;
    } else if ((b0 & 0xf0) == 0xe0) {
        extra = 2, cp = b0 & 0x0f, min = 0x800;
    } else if ((b0 & 0xf8) == 0xf0) {
        extra = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
        return std::nullopt;
    }
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return std::nullopt;
    return cp;
}

bool printable_ascii(std::uint32_t c) { return c >= 0x20 && c <= 0x7e; }

}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!next_code_point(s, i)) return false;
    return true;
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    std::size_t end = i;
    return next_code_point(s, end) ? end - i : 0;
}

Result<std::string> mutf7_to_utf8(std::string_view in) {
    using R = Result<std::string>;
    std::string out;
    std::size_t i = 0;
    bool after_run = false;  // the previous characters were a "&...-" run
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (!printable_ascii(c)) return R::failure(kNotMutf7);
        if (c != '&') {
            out += static_cast<char>(c);
            ++i;
            after_run = false;
            continue;
        }
        const std::size_t end = in.find('-', i + 1);
        if (end == std::string_view::npos) return R::failure(kNotMutf7);
        if (end == i + 1) {  // "&-" is "&"
            out += '&';
            i = end + 1;
            after_run = false;
            continue;
        }
        // Two runs in a row must have been one run: "&Jjo-&ImA-" is not minimal.
        if (after_run) return R::failure(kNotMutf7);
        std::vector<std::uint8_t> bytes;
        if (!base64_decode(in.substr(i + 1, end - i - 1), bytes) || bytes.size() % 2 != 0) return R::failure(kNotMutf7);
        for (std::size_t k = 0; k < bytes.size(); k += 2) {
            const std::uint32_t unit = (bytes[k] << 8) | bytes[k + 1];
            std::uint32_t cp = unit;
            if (unit >= 0xd800 && unit <= 0xdbff) {  // high surrogate: a low one must follow
                if (k + 4 > bytes.size()) return R::failure(kNotMutf7);
                const std::uint32_t low = (bytes[k + 2] << 8) | bytes[k + 3];
                if (low < 0xdc00 || low > 0xdfff) return R::failure(kNotMutf7);
                cp = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                k += 2;
            } else if (unit >= 0xdc00 && unit <= 0xdfff) {
                return R::failure(kNotMutf7);  // a low surrogate alone
            } else if (unit == 0 || printable_ascii(unit)) {
                return R::failure(kNotMutf7);  // NUL, or a character that must stand for itself
            }
            append_utf8(out, cp);
        }
        i = end + 1;
        after_run = true;
    }
    return out;
}

std::string utf8_to_mutf7(std::string_view in) {
    std::string out;
    std::size_t i = 0;
    while (i < in.size()) {
        const auto c = static_cast<unsigned char>(in[i]);
        if (printable_ascii(c)) {
            out += c == '&' ? std::string("&-") : std::string(1, static_cast<char>(c));
            ++i;
            continue;
        }
        // A run of characters that are not printable US-ASCII, as UTF-16BE in modified BASE64.
        std::vector<std::uint8_t> utf16;
        while (i < in.size() && !printable_ascii(static_cast<unsigned char>(in[i]))) {
            std::uint32_t cp = next_code_point(in, i).value_or(0xfffd);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                const std::uint32_t high = 0xd800 + (cp >> 10), low = 0xdc00 + (cp & 0x3ff);
                utf16.insert(utf16.end(), {static_cast<std::uint8_t>(high >> 8), static_cast<std::uint8_t>(high & 0xff),
                                           static_cast<std::uint8_t>(low >> 8), static_cast<std::uint8_t>(low & 0xff)});
            } else {
                utf16.insert(utf16.end(), {static_cast<std::uint8_t>(cp >> 8), static_cast<std::uint8_t>(cp & 0xff)});
            }
        }
        out += '&';
        base64_encode(out, utf16);
        out += '-';
    }
    return out;
}

Result<std::string> decode_mailbox_name(std::string_view wire, bool utf8) {
    if (utf8) {
        if (!is_valid_utf8(wire)) return Result<std::string>::failure(kNotUtf8);
        return std::string(wire);
    }
    return mutf7_to_utf8(wire);
}

std::string encode_mailbox_name(std::string_view name, bool utf8) {
    if (utf8) return std::string(name);
    return utf8_to_mutf7(name);
}

void append_mailbox_name(std::string& out, std::string_view name, bool utf8) {
    const std::string wire = encode_mailbox_name(name, utf8);
    if (!utf8 || !is_valid_utf8(wire)) {
        append_astring(out, wire);
        return;
    }
    // IMAP4rev2: UTF-8 may go in a quoted string (RFC 9051 §9: QUOTED-CHAR includes UTF8-2..4).
    bool ascii = true, quotable_utf8 = wire.size() <= 1024;
    for (char c : wire) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) ascii = false;
        if (u == 0 || c == '\r' || c == '\n') quotable_utf8 = false;
    }
    if (ascii || !quotable_utf8) append_astring(out, wire);
    else append_quoted(out, wire);
}

std::optional<std::string> mailbox_name_problem(std::string_view name) {
    if (iequals(name, "INBOX")) return std::nullopt;
    if (name.find('.') != std::string_view::npos) return std::string("Character not allowed in mailbox name: '.'");
    if (!name.empty() && name.front() == kDelimiter) return std::string("Invalid mailbox name: Begins with hierarchy separator");
    if (name.find("//") != std::string_view::npos) return std::string("Invalid mailbox name: Has adjacent hierarchy separators");
    if (!name.empty() && name.back() == kDelimiter) return std::string("Invalid mailbox name: Ends with hierarchy separator");
    if (name.empty()) return std::string("Invalid mailbox name: Name is empty");
    if (name.front() == '~') return std::string("Invalid mailbox name: Begins with '~'");
    return std::nullopt;
}

std::optional<std::string> new_mailbox_name_problem(std::string_view name) {
    if (auto problem = mailbox_name_problem(name)) return problem;
    if (iequals(name, "INBOX")) return std::nullopt;
    for (char c : name)
        if (static_cast<unsigned char>(c) < 0x20) return std::string("Control characters not allowed in new mailbox names");
    if (name.size() > kMaxNameLength) return std::string("Mailbox name too long");
    std::size_t start = 0;
    for (std::size_t p = name.find(kDelimiter); ; p = name.find(kDelimiter, start)) {
        const std::size_t len = (p == std::string_view::npos ? name.size() : p) - start;
        if (len > kMaxLevelLength) return std::string("Mailbox name too long");
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return std::nullopt;
}

}  // namespace imaplab
