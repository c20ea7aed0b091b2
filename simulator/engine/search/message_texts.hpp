#pragma once
// The texts of one message that SEARCH matches against, decoded and case-folded only when a key
// asks for them and kept only while that message is being tested (no cache outlives the search,
// so nothing can go stale). RFC 9051 §6.4.4; decoding by store/mime/text_extract.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <deque>
#include <vector>

#include "engine/search/search_key.hpp"

namespace imaplab::search {

class MessageTexts {
public:
    explicit MessageTexts(std::string_view message) : message_(message) {}

    /// The prepared, folded values of every header field named `field` (see HeaderMatch);
    /// empty when the message has no such field.
    const std::vector<std::string>& header(const std::string& field, HeaderMatch match);
    /// Every header of the message (top level, MIME parts, embedded messages) as "Name: value"
    /// lines, unfolded and RFC 2047-decoded, then the body text, folded: what TEXT searches (as
    /// Dovecot, it sees field names and part headers too).
    const std::string& full_text();
    /// The decoded text of every text part, folded.
    const std::string& body_text();
    /// The calendar day of the Date: field in its own zone; day 0 (1970-01-01) when there is
    /// none or it cannot be parsed (as Dovecot treats it).
    std::int64_t sent_day();

private:
    std::string_view message_;
    struct HeaderEntry {
        std::string field;
        HeaderMatch match;
        std::vector<std::string> values;
    };
    std::deque<HeaderEntry> headers_;  // deque: references stay valid as entries are added
    std::optional<std::string> full_text_, body_text_;
    std::optional<std::int64_t> sent_day_;
};

}  // namespace imaplab::search
