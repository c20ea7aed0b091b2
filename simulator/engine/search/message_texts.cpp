#include "engine/search/message_texts.hpp"

#include "engine/search/address_text.hpp"
#include "engine/search/search_date.hpp"
#include "engine/search/text_fold.hpp"
#include "store/mime/header.hpp"
#include "store/mime/text_extract.hpp"
#include "types/flags.hpp"

namespace imaplab::search {
namespace {

/// Runs of spaces and tabs become one space (Dovecot compresses blanks in SUBJECT's value).
std::string compress_blanks(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool blank = false;
    for (char c : s) {
        if (c == ' ' || c == '\t') {
            if (!blank) out += ' ';
            blank = true;
        } else {
            out += c;
            blank = false;
        }
    }
    return out;
}

}  // namespace

const std::vector<std::string>& MessageTexts::header(const std::string& field, HeaderMatch match) {
    for (const auto& e : headers_)
        if (e.match == match && iequals(e.field, field)) return e.values;
    HeaderEntry entry{field, match, {}};
    switch (match) {
        case HeaderMatch::Raw:
            for (const auto& v : decoded_header_values(message_, field)) entry.values.push_back(fold(v));
            break;
        case HeaderMatch::Subject:
            for (const auto& v : decoded_header_values(message_, field)) entry.values.push_back(fold(compress_blanks(v)));
            break;
        case HeaderMatch::Address:
            for (const auto& v : header_field_values(message_, field)) entry.values.push_back(fold(normalized_address_text(v)));
            break;
    }
    headers_.push_back(std::move(entry));
    return headers_.back().values;
}

const std::string& MessageTexts::full_text() {
    if (!full_text_) full_text_ = fold(decoded_full_text(message_));
    return *full_text_;
}

const std::string& MessageTexts::body_text() {
    if (!body_text_) body_text_ = fold(decoded_body_text(message_));
    return *body_text_;
}

std::int64_t MessageTexts::sent_day() {
    if (!sent_day_) {
        sent_day_ = 0;
        if (auto v = header_field(message_, "Date"))
            if (auto dt = parse_rfc5322_date(*v)) sent_day_ = day_in_zone(dt->unix_seconds, dt->tz_minutes);
    }
    return *sent_day_;
}

}  // namespace imaplab::search
