#include "pop3/pop3_maildrop.hpp"

#include <fmt/format.h>

#include "store/mailbox.hpp"

namespace imaplab {

Pop3Maildrop::Pop3Maildrop(const Mailbox* inbox) {
    if (!inbox) return;
    uidvalidity_ = inbox->uidvalidity();
    entries_.reserve(inbox->messages().size());
    for (const Message& m : inbox->messages()) entries_.push_back(Entry{m.uid.value, m.size()});
}

std::uint32_t Pop3Maildrop::live_count() const {
    std::uint32_t n = 0;
    for (const Entry& e : entries_) n += e.deleted ? 0 : 1;
    return n;
}

std::uint64_t Pop3Maildrop::live_octets() const {
    std::uint64_t n = 0;
    for (const Entry& e : entries_) n += e.deleted ? 0 : e.size;
    return n;
}

void Pop3Maildrop::reset() {
    for (Entry& e : entries_) e.deleted = e.retrieved = false;
}

std::string Pop3Maildrop::unique_id(std::uint32_t uid, std::uint32_t uidvalidity) {
    return fmt::format("{:08x}{:08x}", uid, uidvalidity);
}

}  // namespace imaplab
