#include "store/mailbox.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace imaplab {

std::optional<std::size_t> Mailbox::index_of(Uid uid) const {
    auto it = std::lower_bound(messages_.begin(), messages_.end(), uid, [](const Message& m, Uid u) { return m.uid < u; });
    if (it == messages_.end() || it->uid != uid) return std::nullopt;
    return static_cast<std::size_t>(it - messages_.begin());
}

Mailbox::~Mailbox() {
    const auto observers = observers_;  // an observer may detach while being told
    for (MailboxObserver* o : observers) o->on_deleted(*this);
}

void Mailbox::attach(MailboxObserver* observer) {
    if (std::find(observers_.begin(), observers_.end(), observer) == observers_.end()) observers_.push_back(observer);
}

void Mailbox::detach(MailboxObserver* observer) {
    observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

void Mailbox::append(Message message, const MailboxObserver* actor) {
    // RFC 9051 §2.3.1.1: UIDs strictly ascend and are never reused (UIDNEXT only grows).
    if (message.uid.value == 0) throw std::invalid_argument("UID 0 is not valid");
    if (message.uid.value < uidnext_)
        throw std::invalid_argument("UID " + std::to_string(message.uid.value) + " is below UIDNEXT " + std::to_string(uidnext_) + " in " + name_);
    const Uid uid = message.uid;
    raise_uidnext(uid.value + 1);
    messages_.push_back(std::move(message));
    const auto observers = observers_;
    for (MailboxObserver* o : observers) o->on_appended(*this, uid, actor);
}

Uid Mailbox::append_next(Message message, const MailboxObserver* actor) {
    message.uid = Uid{uidnext_};
    const Uid uid = message.uid;
    append(std::move(message), actor);
    return uid;
}

void Mailbox::expunge(Uid uid, const MailboxObserver* actor) {
    auto index = index_of(uid);
    if (!index) return;
    std::size_t holders = 0;
    for (MailboxObserver* o : observers_)
        if (o != actor) ++holders;
    if (holders > 0) tombstones_[uid.value] = Tombstone{messages_[*index], holders};
    messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(*index));
    const auto observers = observers_;
    for (MailboxObserver* o : observers) o->on_expunged(*this, uid, actor);
}

void Mailbox::expunge(const std::vector<Uid>& uids, const MailboxObserver* actor) {
    std::size_t holders = 0;
    for (MailboxObserver* o : observers_)
        if (o != actor) ++holders;
    std::vector<Uid> removed;
    removed.reserve(uids.size());
    auto keep = messages_.begin();
    for (auto it = messages_.begin(); it != messages_.end(); ++it) {
        if (std::binary_search(uids.begin(), uids.end(), it->uid)) {
            if (holders > 0) tombstones_[it->uid.value] = Tombstone{std::move(*it), holders};
            removed.push_back(it->uid);
        } else {
            if (keep != it) *keep = std::move(*it);
            ++keep;
        }
    }
    messages_.erase(keep, messages_.end());
    const auto observers = observers_;
    for (Uid uid : removed)
        for (MailboxObserver* o : observers) o->on_expunged(*this, uid, actor);
}

void Mailbox::release_tombstone(Uid uid) {
    auto it = tombstones_.find(uid.value);
    if (it == tombstones_.end()) return;
    if (--it->second.holders == 0) tombstones_.erase(it);
}

const Message* Mailbox::find(Uid uid) const {
    if (auto index = index_of(uid)) return &messages_[*index];
    auto it = tombstones_.find(uid.value);
    return it == tombstones_.end() ? nullptr : &it->second.message;
}

Message* Mailbox::find(Uid uid) { return const_cast<Message*>(std::as_const(*this).find(uid)); }

bool Mailbox::is_tombstone(Uid uid) const { return !index_of(uid) && tombstones_.count(uid.value) > 0; }

std::optional<std::uint16_t> Mailbox::find_keyword(std::string_view name) const {
    for (std::size_t i = 0; i < keywords_.size(); ++i)
        if (iequals(keywords_[i], name)) return static_cast<std::uint16_t>(i);
    return std::nullopt;
}

std::uint16_t Mailbox::define_keyword(std::string_view name) {
    if (auto id = find_keyword(name)) return *id;
    keywords_.emplace_back(name);
    return static_cast<std::uint16_t>(keywords_.size() - 1);
}

std::vector<std::string> Mailbox::flag_names(const Message& m) const {
    std::vector<std::string> out;
    for (SystemFlag f : system_flags_in_order())
        if (m.system_flags & f) out.emplace_back(system_flag_name(f));
    for (std::uint16_t k : m.keywords) out.push_back(keywords_[k]);
    return out;
}

void Mailbox::set_flags(Message& m, const FlagNames& flags) {
    m.system_flags = flags.system;
    m.keywords.clear();
    for (const auto& k : flags.keywords) m.keywords.push_back(define_keyword(k));
    std::sort(m.keywords.begin(), m.keywords.end());
    m.keywords.erase(std::unique(m.keywords.begin(), m.keywords.end()), m.keywords.end());
}

FlagChange Mailbox::apply_flags(Uid uid, StoreMode mode, const FlagNames& flags, bool* defined_new_keyword,
                                const MailboxObserver* actor) {
    FlagChange change;
    Message* found = find(uid);
    if (!found) return change;
    Message& m = *found;
    std::vector<std::uint16_t> ids;
    const std::size_t before = keywords_.size();
    for (const auto& k : flags.keywords) {
        if (mode == StoreMode::Remove) {
            if (auto id = find_keyword(k)) ids.push_back(*id);
        } else {
            ids.push_back(define_keyword(k));
        }
    }
    if (defined_new_keyword) *defined_new_keyword = *defined_new_keyword || keywords_.size() != before;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

    std::uint8_t sys = m.system_flags;
    std::vector<std::uint16_t> kw = m.keywords;
    switch (mode) {
        case StoreMode::Replace:
            sys = flags.system;
            kw = ids;
            break;
        case StoreMode::Add:
            sys |= flags.system;
            for (auto id : ids)
                if (!std::binary_search(kw.begin(), kw.end(), id)) kw.insert(std::upper_bound(kw.begin(), kw.end(), id), id);
            break;
        case StoreMode::Remove:
            sys &= static_cast<std::uint8_t>(~flags.system);
            for (auto id : ids) {
                auto it = std::lower_bound(kw.begin(), kw.end(), id);
                if (it != kw.end() && *it == id) kw.erase(it);
            }
            break;
    }
    for (SystemFlag f : system_flags_in_order()) {
        if ((sys & f) && !(m.system_flags & f)) change.added.emplace_back(system_flag_name(f));
        if (!(sys & f) && (m.system_flags & f)) change.removed.emplace_back(system_flag_name(f));
    }
    for (auto id : kw)
        if (!std::binary_search(m.keywords.begin(), m.keywords.end(), id)) change.added.push_back(keywords_[id]);
    for (auto id : m.keywords)
        if (!std::binary_search(kw.begin(), kw.end(), id)) change.removed.push_back(keywords_[id]);
    m.system_flags = sys;
    m.keywords = std::move(kw);
    if (change.changed() && !is_tombstone(uid)) {
        const auto observers = observers_;
        for (MailboxObserver* o : observers) o->on_flags_changed(*this, uid, actor);
    }
    return change;
}

}  // namespace imaplab
