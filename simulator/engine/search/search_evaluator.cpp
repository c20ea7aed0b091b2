#include "engine/search/search_evaluator.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "engine/search/message_texts.hpp"
#include "engine/search/search_date.hpp"
#include "engine/search/text_fold.hpp"
#include "types/flags.hpp"

namespace imaplab::search {
namespace {

bool in_intervals(const std::vector<Interval>& v, std::uint32_t n) {
    auto it = std::upper_bound(v.begin(), v.end(), n, [](std::uint32_t x, const Interval& i) { return x < i.low; });
    return it != v.begin() && std::prev(it)->high >= n;
}

class Evaluator {
public:
    explicit Evaluator(const SelectedMailbox& sel) : sel_(sel) {}

    bool matches(const SearchKey& k, std::uint32_t seq, std::uint32_t uid, const Message& m, MessageTexts& texts) {
        switch (k.kind) {
            case KeyKind::All: return true;
            case KeyKind::And:
                for (const auto& c : k.children)
                    if (!matches(c, seq, uid, m, texts)) return false;
                return true;
            case KeyKind::Or:
                return matches(k.children[0], seq, uid, m, texts) || matches(k.children[1], seq, uid, m, texts);
            case KeyKind::Not: return !matches(k.children[0], seq, uid, m, texts);
            case KeyKind::Sequence:
                if (k.set.is_saved_result()) return saved(uid);
                return in_intervals(intervals(k, sel_.exists()), seq);
            case KeyKind::Uid:
                if (k.set.is_saved_result()) return saved(uid);
                return in_intervals(intervals(k, sel_.uids.empty() ? 0 : sel_.uids.back()), uid);
            case KeyKind::FlagSet: return (m.system_flags & k.flags) == k.flags;
            case KeyKind::FlagUnset: return (m.system_flags & k.flags) == 0;
            case KeyKind::Keyword: return has_keyword(k, m);
            case KeyKind::Unkeyword: return !has_keyword(k, m);
            case KeyKind::Recent: return sel_.is_recent(uid);
            case KeyKind::New: return sel_.is_recent(uid) && !(m.system_flags & kSeen);
            case KeyKind::Old: return !sel_.is_recent(uid);
            case KeyKind::Date: {
                const std::int64_t day = k.date_field == DateField::Sent ? texts.sent_day()
                                                                         : day_of_internal_date(m);
                switch (k.date_op) {
                    case DateOp::Before: return day < k.day;
                    case DateOp::On: return day == k.day;
                    case DateOp::Since: return day >= k.day;
                }
                return false;
            }
            case KeyKind::Larger: return m.size() > k.size;
            case KeyKind::Smaller: return m.size() < k.size;
            case KeyKind::Header: {
                const auto& values = texts.header(k.field, k.header_match);
                // An empty string only asks whether the field is there (as Dovecot does).
                return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return contains_folded(v, k.text); });
            }
            case KeyKind::Body: return k.text.empty() || contains_folded(texts.body_text(), k.text);
            case KeyKind::Text: return k.text.empty() || contains_folded(texts.full_text(), k.text);
        }
        return false;
    }

private:
    const SelectedMailbox& sel_;
    std::unordered_map<const SearchKey*, std::vector<Interval>> intervals_;
    std::unordered_map<const SearchKey*, std::optional<std::uint16_t>> keyword_ids_;

    static std::int64_t day_of_internal_date(const Message& m) { return day_in_zone(m.internal_date, m.tz_minutes); }

    bool saved(std::uint32_t uid) const { return std::binary_search(sel_.saved_search.begin(), sel_.saved_search.end(), uid); }

    const std::vector<Interval>& intervals(const SearchKey& k, std::uint32_t star) {
        auto it = intervals_.find(&k);
        if (it == intervals_.end()) it = intervals_.emplace(&k, k.set.resolve(star)).first;
        return it->second;
    }

    bool has_keyword(const SearchKey& k, const Message& m) {
        auto it = keyword_ids_.find(&k);
        if (it == keyword_ids_.end()) {
            std::optional<std::uint16_t> id;
            const auto& names = sel_.mailbox->keywords();
            for (std::size_t i = 0; i < names.size(); ++i)
                if (iequals(names[i], k.text)) id = static_cast<std::uint16_t>(i);
            it = keyword_ids_.emplace(&k, id).first;
        }
        return it->second && std::binary_search(m.keywords.begin(), m.keywords.end(), *it->second);
    }
};

}  // namespace

std::vector<SearchMatch> run_search(const SelectedMailbox& sel, const SearchKey& key) {
    std::vector<SearchMatch> out;
    Evaluator ev(sel);
    for (std::uint32_t seq = 1; seq <= sel.exists(); ++seq) {
        const Message* m = sel.message_at(seq);
        if (!m) continue;
        const std::uint32_t uid = sel.uids[seq - 1];
        MessageTexts texts(m->text ? std::string_view(*m->text) : std::string_view());
        if (ev.matches(key, seq, uid, *m, texts)) out.push_back({seq, uid});
    }
    return out;
}

}  // namespace imaplab::search
