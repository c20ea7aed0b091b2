#include "store/mime/encoded_words.hpp"

#include <iconv.h>
#include <openssl/evp.h>

#include <cctype>
#include <cerrno>
#include <vector>

#include "types/flags.hpp"

namespace imaplab {

bool convert_to_utf8(std::string_view text, std::string_view charset, std::string& out) {
    if (iequals(charset, "utf-8") || iequals(charset, "us-ascii")) {
        out.assign(text);
        return true;
    }
    iconv_t cd = iconv_open("UTF-8", std::string(charset).c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    std::string in(text);
    std::vector<char> buf(in.size() * 4 + 16);
    char* inp = in.data();
    std::size_t inleft = in.size();
    char* outp = buf.data();
    std::size_t outleft = buf.size();
    std::size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1)) return false;
    out.assign(buf.data(), buf.size() - outleft);
    return true;
}

bool convert_to_utf8_lossy(std::string_view text, std::string_view charset, std::string& out) {
    const bool utf8 = iequals(charset, "utf-8") || iequals(charset, "utf8");
    if (!utf8 && iequals(charset, "us-ascii")) {
        out.assign(text);
        return true;
    }
    iconv_t cd = iconv_open("UTF-8", utf8 ? "UTF-8" : std::string(charset).c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    std::string in(text);
    std::string result;
    std::vector<char> buf(4096);
    char* inp = in.data();
    std::size_t inleft = in.size();
    while (inleft > 0) {
        char* outp = buf.data();
        std::size_t outleft = buf.size();
        std::size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
        result.append(buf.data(), buf.size() - outleft);
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) continue;
        // EILSEQ / EINVAL: skip one byte
        result += "\xEF\xBF\xBD";
        ++inp;
        --inleft;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    iconv_close(cd);
    out = std::move(result);
    return true;
}

namespace {

bool base64_decode(std::string_view in, std::string& out) {
    std::string padded(in);
    while (padded.size() % 4) padded += '=';
    std::vector<unsigned char> buf(padded.size() / 4 * 3 + 3);
    int n = EVP_DecodeBlock(buf.data(), reinterpret_cast<const unsigned char*>(padded.data()), static_cast<int>(padded.size()));
    if (n < 0) return false;
    std::size_t len = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts padding as zero bytes.
    for (std::size_t i = padded.size(); i > 0 && padded[i - 1] == '=' && len > 0; --i) --len;
    out.assign(reinterpret_cast<const char*>(buf.data()), len);
    return true;
}

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string q_decode(std::string_view in) {
    std::string out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '_') out += ' ';
        else if (in[i] == '=' && i + 2 < in.size() && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
            out += static_cast<char>(hexval(in[i + 1]) * 16 + hexval(in[i + 2]));
            i += 2;
        } else out += in[i];
    }
    return out;
}

// Tries to decode one encoded word starting at `pos`; on success sets `end` and `text`.
bool decode_word(std::string_view v, std::size_t pos, std::size_t& end, std::string& text) {
    if (v.compare(pos, 2, "=?") != 0) return false;
    std::size_t q1 = v.find('?', pos + 2);
    if (q1 == std::string_view::npos) return false;
    std::size_t q2 = v.find('?', q1 + 1);
    if (q2 == std::string_view::npos || q2 != q1 + 2) return false;
    std::size_t close = v.find("?=", q2 + 1);
    if (close == std::string_view::npos) return false;
    std::string_view charset = v.substr(pos + 2, q1 - pos - 2);
    if (auto star = charset.find('*'); star != std::string_view::npos) charset = charset.substr(0, star);  // RFC 2231 language
    char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(v[q1 + 1])));
    std::string_view payload = v.substr(q2 + 1, close - q2 - 1);
    if (payload.find(' ') != std::string_view::npos) return false;
    std::string raw;
    if (enc == 'B') {
        if (!base64_decode(payload, raw)) return false;
    } else if (enc == 'Q') {
        raw = q_decode(payload);
    } else {
        return false;
    }
    if (!convert_to_utf8(raw, charset, text)) return false;
    end = close + 2;
    return true;
}

}  // namespace

std::string decode_encoded_words(std::string_view v) {
    std::string out;
    std::size_t i = 0;
    bool last_was_word = false;
    std::string pending_ws;
    while (i < v.size()) {
        std::size_t end = 0;
        std::string text;
        if (v[i] == '=' && decode_word(v, i, end, text)) {
            if (!last_was_word) out += pending_ws;
            pending_ws.clear();
            out += text;
            i = end;
            last_was_word = true;
            continue;
        }
        if (v[i] == ' ' || v[i] == '\t') {
            pending_ws += v[i++];
            continue;
        }
        out += pending_ws;
        pending_ws.clear();
        out += v[i++];
        last_was_word = false;
    }
    out += pending_ws;
    return out;
}

}  // namespace imaplab
