#include "store/mime/mime_part.hpp"

#include <algorithm>
#include <string>

#include "store/mime/header.hpp"
#include "types/flags.hpp"

namespace imaplab {

std::uint64_t crlf_size(std::string_view text) {
    std::uint64_t n = text.size();
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) ++n;
    return n;
}

namespace {

constexpr std::size_t kBoundaryMaxLen = 80;  // RFC 2046 §5.1.1 allows 70; Dovecot keeps 80
constexpr std::size_t kBoundaryEndMaxLen = kBoundaryMaxLen + 4;

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Where a part's content stopped: at a boundary line (index into the open boundaries) or at
// the end of the message (bidx -1). `end` is where the content ends: before the line break
// that precedes the boundary line.
struct Stop {
    std::size_t end = 0;
    std::size_t line = 0;
    int bidx = -1;
    bool close = false;
    // A header cut by the boundary: its last line break belongs to the parent's body, which
    // then ends at `line` (Dovecot's prev_hdr_newline_size).
    bool to_parent = false;
};

class Parser {
public:
    explicit Parser(std::string_view m) : m_(m) {}

    Stop parse_part(MimePart& part, std::size_t at, bool in_multipart, bool in_digest, int depth);

private:
    bool boundary_at(std::size_t ls, int& bidx, bool& close) const;
    Stop scan_body(std::size_t from) const;
    Stop eof() const { return {m_.size(), m_.size(), -1, false}; }
    static Stop adopt(Stop s) {
        if (s.to_parent) {
            s.end = s.line;
            s.to_parent = false;
        }
        return s;
    }
    std::size_t line_end(std::size_t p) const {
        std::size_t lf = m_.find('\n', p);
        return lf == std::string_view::npos ? m_.size() : lf + 1;
    }

    std::string_view m_;
    std::vector<std::string> open_;  // boundaries of the enclosing multiparts, innermost last
    int parts_ = 0;
};

bool Parser::boundary_at(std::size_t ls, int& bidx, bool& close) const {
    if (open_.empty() || ls + 2 > m_.size() || m_[ls] != '-' || m_[ls + 1] != '-') return false;
    const std::size_t data = ls + 2;
    const std::size_t size = m_.size() - data;
    std::size_t find_size;
    std::size_t lf = m_.find('\n', data);
    if (lf != std::string_view::npos) {
        find_size = lf - data;
        if (find_size > 0 && m_[data + find_size - 1] == '\r') --find_size;
        if (find_size > 2 && m_[data + find_size - 1] == '-' && m_[data + find_size - 2] == '-') find_size -= 2;
    } else {
        find_size = std::min(size, kBoundaryEndMaxLen);
    }
    int best = -1;
    for (int i = static_cast<int>(open_.size()) - 1; i >= 0; --i) {
        const std::string& b = open_[static_cast<std::size_t>(i)];
        if (b.size() <= find_size && m_.compare(data, b.size(), b) == 0 &&
            (best < 0 || open_[static_cast<std::size_t>(best)].size() < b.size())) {
            best = i;
            if (b.size() == find_size) break;
        }
    }
    if (best < 0) return false;
    const std::size_t len = open_[static_cast<std::size_t>(best)].size();
    bidx = best;
    close = size >= len + 2 && m_.compare(data + len, 2, "--") == 0;
    return true;
}

Stop Parser::scan_body(std::size_t from) const {
    if (open_.empty()) return eof();
    int b = -1;
    bool c = false;
    if (boundary_at(from, b, c)) return {from, from, b, c};
    std::size_t pos = from;
    while (true) {
        std::size_t nl = m_.find('\n', pos);
        if (nl == std::string_view::npos) return eof();
        std::size_t ls = nl + 1;
        if (boundary_at(ls, b, c)) {
            std::size_t end = nl;
            if (nl > from && m_[nl - 1] == '\r') --end;
            return {end, ls, b, c};
        }
        pos = ls;
    }
}

Stop Parser::parse_part(MimePart& part, std::size_t at, bool in_multipart, bool in_digest, int depth) {
    // The part that reaches the part limit takes the rest of the message (Dovecot's "overflow").
    const bool overflow = ++parts_ >= kMaxMimeParts;
    part.offset = at;

    // Header: up to the empty line, a boundary line of an enclosing multipart, or the end.
    std::size_t pos = at, header_end = at;
    bool eoh = false, header_boundary = false;
    Stop s;
    while (true) {
        int b = -1;
        bool c = false;
        if (pos < m_.size() && boundary_at(pos, b, c)) {
            header_end = pos;
            if (pos > at) {  // the line break before the boundary belongs to the boundary
                --header_end;
                if (header_end > at && m_[header_end - 1] == '\r') --header_end;
            }
            header_boundary = true;
            s = {header_end, pos, b, c, header_end != pos};
            break;
        }
        if (pos >= m_.size()) {
            header_end = pos;
            break;
        }
        std::size_t next = line_end(pos);
        bool blank = (next - pos == 1 && m_[pos] == '\n') || (next - pos == 2 && m_[pos] == '\r' && m_[pos + 1] == '\n');
        pos = next;
        if (blank) {
            eoh = true;
            header_end = pos;
            break;
        }
    }
    part.header_size = header_end - at;
    const std::vector<HeaderField> fields = header_fields(m_.substr(at, part.header_size));

    // Content-Type decides the kind of part; MIME-Version or Content-Type make it MIME.
    bool mime = in_multipart, seen_ct = false;
    std::string ct_value;
    for (const auto& f : fields) {
        if (iequals(f.name, "Mime-Version")) {
            mime = true;
        } else if (iequals(f.name, "Content-Type")) {
            mime = true;
            if (!seen_ct) ct_value = f.full_value();
            seen_ct = true;
        }
    }
    bool digest = false;
    std::string boundary;
    bool has_boundary = false;
    if (seen_ct && mime) {
        Rfc822Parser p(ct_value);
        p.skip_lwsp();
        std::string ct;
        int r = p.parse_content_type(ct);
        if (iequals(ct, "message/rfc822")) {
            part.message_rfc822 = true;
        } else if (istarts_with(ct, "text") && (ct.size() == 4 || ct[4] == '/')) {
            part.text = true;
        } else if (istarts_with(ct, "multipart/")) {
            part.multipart = true;
            digest = iequals(std::string_view(ct).substr(10), "digest");
            if (r >= 0) {
                for (const auto& prm : parse_mime_params(p)) {
                    if (iequals(prm.name, "boundary")) {
                        boundary = prm.value.substr(0, kBoundaryMaxLen);
                        has_boundary = true;
                        break;
                    }
                }
            }
        }
    }
    if (!seen_ct || !mime) {
        if (in_digest) part.message_rfc822 = true;
        else part.text = true;
    }
    part.is_mime = mime;
    if (mime) part.content = parse_content_fields(fields);
    if (depth + 1 >= kMaxMimeDepth || overflow) {
        // Too deep or too many parts: the part is not split further.
        part.unsplit = part.multipart || part.message_rfc822;
        part.multipart = part.message_rfc822 = false;
        has_boundary = false;
    }

    // An empty line right before a boundary of an enclosing multipart is that boundary's line
    // break: the header ends without it and the body is empty (Dovecot). The part's own
    // boundary counts already, so "--abcd" after a header with boundary=abcd is not taken for
    // an outer "--abc".
    if (eoh && header_end < m_.size()) {
        const bool own = part.multipart && has_boundary;
        if (own) open_.push_back(boundary);
        int b = -1;
        bool c = false;
        if (boundary_at(header_end, b, c) && !(own && b == static_cast<int>(open_.size()) - 1)) {
            const std::size_t blank = header_end;
            header_end -= (header_end - at >= 2 && m_[header_end - 2] == '\r') ? 2 : 1;
            part.header_size = header_end - at;
            header_boundary = true;
            eoh = false;
            s = {header_end, blank, b, c, true};
        }
        if (own) open_.pop_back();
    }

    // Body.
    const std::size_t body_start = header_end;
    if (header_boundary) {
        if (part.message_rfc822) {
            MimePart child;
            child.offset = body_start;
            child.text = true;
            part.children.push_back(std::move(child));
        }
    } else if (part.multipart && has_boundary && eoh) {
        const std::size_t own = open_.size();
        open_.push_back(boundary);
        s = scan_body(body_start);
        while (s.bidx == static_cast<int>(own)) {
            const std::size_t next = line_end(s.line);
            if (s.close) {
                open_.resize(own);
                s = scan_body(next);  // epilogue
                break;
            }
            if (m_.find('\n', s.line) == std::string_view::npos) {
                // A boundary line that the message ends in starts no part (Dovecot).
                open_.resize(own);
                s = eof();
                break;
            }
            open_.resize(own + 1);
            MimePart child;
            s = adopt(parse_part(child, next, true, digest, depth + 1));
            part.children.push_back(std::move(child));
        }
        if (s.bidx < 0 && open_.size() > own) open_.resize(own);
    } else if (part.message_rfc822) {
        MimePart child;
        s = adopt(parse_part(child, body_start, false, false, depth + 1));
        part.children.push_back(std::move(child));
    } else {
        if (overflow) open_.clear();  // no boundary ends it any more
        s = scan_body(body_start);
    }
    part.body_size = s.end - body_start;

    const std::string_view header = m_.substr(at, part.header_size);
    const std::string_view body = m_.substr(body_start, part.body_size);
    part.header_vsize = crlf_size(header);
    part.body_vsize = crlf_size(body);
    part.header_lines = static_cast<std::uint32_t>(std::count(header.begin(), header.end(), '\n'));
    part.body_lines = static_cast<std::uint32_t>(std::count(body.begin(), body.end(), '\n'));
    return s;
}

}  // namespace

MimePart parse_mime(std::string_view message) {
    MimePart root;
    Parser(message).parse_part(root, 0, false, false, 0);
    return root;
}

}  // namespace imaplab
