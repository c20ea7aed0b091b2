#pragma once
// A cursor over a header value with the RFC 5322 §3.2 lexical rules (CFWS, atoms, dot-atoms,
// quoted strings, phrases, domains) and the RFC 2045 §5.1 MIME tokens and parameters, lenient
// the way Dovecot's rfc822-parser is, so that broken values give the same results.
// Every method stops at the end of the input; none throws.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// RFC 5322 atext.
bool is_atext(unsigned char c);
/// RFC 2045 token character (atext without the tspecials "/", "?", "=").
bool is_mime_token_char(unsigned char c);

class Rfc822Parser {
public:
    explicit Rfc822Parser(std::string_view value) : s_(value) {}

    /// Results: 1 = more input follows, 0 = the end was reached, -1 = syntax error.
    /// Skips spaces, tabs, CR, LF and (nested) comments; the text of the last comment is kept.
    int skip_lwsp();
    /// atom = 1*atext, then skip_lwsp.
    int parse_atom(std::string& out);
    /// dot-atom with CFWS allowed around the dots (RFC 822 compatibility).
    int parse_dot_atom(std::string& out);
    /// MIME token (may be empty), then skip_lwsp.
    int parse_mime_token(std::string& out);
    /// Quoted string at '"': unescaped, folding CRLFs removed; then skip_lwsp. -1 when
    /// unterminated (the text before the last fold or backslash stays appended).
    int parse_quoted_string(std::string& out);
    /// phrase = 1*word / obs-phrase; words are joined with one space. -1 when it starts with '.'.
    int parse_phrase(std::string& out);
    /// domain after '@' (cursor on '@'): dot-atom or domain-literal "[...]".
    int parse_domain(std::string& out);
    /// "type/subtype" into `out` (what could be read of it on error).
    int parse_content_type(std::string& out);

    bool at_end() const { return p_ >= s_.size(); }
    char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
    void advance() { ++p_; }
    std::size_t pos() const { return p_; }
    void set_pos(std::size_t p) { p_ = p; }
    std::string_view rest() const { return s_.substr(p_); }
    /// The text of the last comment skipped ("" after clear_comment()).
    const std::string& last_comment() const { return comment_; }
    void clear_comment() { comment_.clear(); }

private:
    int skip_comment();
    int parse_atom_or_dot(std::string& out);
    int parse_domain_literal(std::string& out);

    std::string_view s_;
    std::size_t p_ = 0;
    std::string comment_;
};

/// One MIME parameter (RFC 2045 §5.1, RFC 2231): names and values as written.
struct MimeParam {
    std::string name;
    std::string value;
    bool operator==(const MimeParam&) const = default;
};

/// Reads `; name=value` parameters from the cursor to the end, the way Dovecot's rfc2231_parse
/// does: broken parameters are skipped, plain parameters keep their order, RFC 2231 sections
/// (`title*0*=`, `title*1=`) are merged into one `title*` (or `title`) parameter after them,
/// still percent-encoded ("us-ascii'en'This%20is"); sections with missing indexes are kept apart.
std::vector<MimeParam> parse_mime_params(Rfc822Parser& p);

}  // namespace imaplab
