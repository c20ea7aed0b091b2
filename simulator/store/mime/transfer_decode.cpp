#include "store/mime/transfer_decode.hpp"

#include <openssl/evp.h>

#include <climits>
#include <memory>
#include <vector>

#include "store/mime/rfc822_parser.hpp"
#include "types/flags.hpp"

namespace imaplab {

TransferEncoding classify_transfer_encoding(std::string_view value) {
    Rfc822Parser p(value);
    p.skip_lwsp();
    std::string token;
    p.parse_mime_token(token);
    if (iequals(token, "7bit") || iequals(token, "8bit")) return TransferEncoding::SevenOrEightBit;
    if (iequals(token, "binary")) return TransferEncoding::Binary;
    if (iequals(token, "base64")) return TransferEncoding::Base64;
    if (iequals(token, "quoted-printable")) return TransferEncoding::QuotedPrintable;
    return TransferEncoding::Unknown;
}

bool decode_base64(std::string_view in, std::string& out) {
    // OpenSSL would stop quietly at '-' (its end marker); Dovecot calls anything outside the
    // alphabet and whitespace invalid.
    for (char c : in) {
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                              c == '/' || c == '=';
        if (!alphabet && c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    }
    std::unique_ptr<EVP_ENCODE_CTX, decltype(&EVP_ENCODE_CTX_free)> ctx(EVP_ENCODE_CTX_new(), EVP_ENCODE_CTX_free);
    if (!ctx) return false;
    EVP_DecodeInit(ctx.get());
    bool ok = true;
    constexpr std::size_t kChunk = 1 << 16;
    std::vector<unsigned char> buf(kChunk / 4 * 3 + 128);
    for (std::size_t pos = 0; pos < in.size(); pos += kChunk) {
        const std::size_t n = std::min(kChunk, in.size() - pos);
        int outl = 0;
        int r = EVP_DecodeUpdate(ctx.get(), buf.data(), &outl, reinterpret_cast<const unsigned char*>(in.data() + pos),
                                 static_cast<int>(n));
        if (outl > 0) out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(outl));
        if (r < 0) {
            ok = false;
            break;
        }
    }
    int outl = 0;
    if (EVP_DecodeFinal(ctx.get(), buf.data(), &outl) < 0) ok = false;
    if (outl > 0) out.append(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(outl));
    return ok;
}

namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

constexpr std::size_t kMaxWhitespace = 76;  // longer runs of trailing whitespace are cut

}  // namespace

bool decode_quoted_printable(std::string_view in, std::string& out) {
    enum class State { Text, Whitespace, Equals, EqualsWhitespace, Hex2, Cr, SoftCr };
    State st = State::Text;
    std::string ws;  // pending whitespace that may turn out to be trailing
    char hexchar = 0;
    bool ok = true;
    // Writes the bytes of an invalid sequence as they were and returns to Text.
    auto invalid = [&] {
        switch (st) {
            case State::Equals: out += '='; break;
            case State::Hex2:
                out += '=';
                out += hexchar;
                break;
            case State::EqualsWhitespace:
                out += '=';
                out += ws;
                ws.clear();
                break;
            case State::Cr:
                out += ws;
                ws.clear();
                out += '\r';
                break;
            case State::SoftCr:
                out += '=';
                out += ws;
                ws.clear();
                out += '\r';
                break;
            default: break;
        }
        st = State::Text;
        ok = false;
    };
    std::size_t i = 0;
    while (i < in.size()) {
        const char c = in[i];
        switch (st) {
            case State::Text:
                if (c == '=') st = State::Equals;
                else if (c == '\r') st = State::Cr;
                else if (c == '\n') out += "\r\n";
                else if (c == ' ' || c == '\t') {
                    ws += c;
                    st = State::Whitespace;
                } else out += c;
                break;
            case State::Whitespace:
                if (c == ' ' || c == '\t') {
                    if (ws.size() <= kMaxWhitespace) ws += c;
                } else if (c == '\r') {
                    st = State::Cr;
                } else if (c == '\n') {
                    out += "\r\n";  // the trailing whitespace is dropped
                    ws.clear();
                    st = State::Text;
                } else {
                    out += ws;  // not trailing: put it back
                    if (ws.size() > kMaxWhitespace) ok = false;
                    ws.clear();
                    st = State::Text;
                    continue;
                }
                break;
            case State::Equals:
                if (is_hex(c)) {
                    hexchar = c;
                    st = State::Hex2;
                } else if (c == ' ' || c == '\t') {
                    ws += c;
                    st = State::EqualsWhitespace;
                } else if (c == '\r') {
                    st = State::SoftCr;
                } else if (c == '\n') {
                    st = State::Text;
                } else {
                    invalid();
                    continue;
                }
                break;
            case State::Hex2:
                if (is_hex(c)) {
                    out += static_cast<char>(hex_value(hexchar) * 16 + hex_value(c));
                    st = State::Text;
                } else {
                    invalid();
                    continue;
                }
                break;
            case State::EqualsWhitespace:
                if (c == ' ' || c == '\t') {
                    if (ws.size() <= kMaxWhitespace) ws += c;
                } else if (c == '\r') {
                    st = State::SoftCr;
                } else if (c == '\n') {
                    ws.clear();
                    st = State::Text;
                } else {
                    invalid();
                    continue;
                }
                break;
            case State::Cr:
            case State::SoftCr:
                if (c == '\n') {
                    ws.clear();
                    if (st != State::SoftCr) out += "\r\n";
                    st = State::Text;
                } else {
                    invalid();
                    continue;
                }
                break;
        }
        ++i;
    }
    if (st != State::Text && st != State::Whitespace) invalid();
    return ok;
}

}  // namespace imaplab
