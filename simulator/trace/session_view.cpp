#include "trace/session_view.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "codec/response_parser.hpp"
#include "types/flags.hpp"

namespace imaplab {
namespace {

struct MessageState {
    std::vector<std::string> flags;
    std::vector<std::string> added;
    std::vector<std::string> removed;
    bool added_this_step = false;
    bool leaving = false;
    bool expunge_pending = false;  // expunged in the store; the session has not been told yet
    std::uint64_t size = 0;
    std::string internal_date, from, subject;
};

struct MailboxState {
    std::uint32_t created_step = 0;
    bool subscribed = false;
    std::vector<std::string> special_use;
    std::map<std::uint32_t, MessageState> messages;  // by UID
};

void note_change(std::vector<std::string>& plus, std::vector<std::string>& minus, const std::string& flag) {
    // A flag removed earlier in the same step and now added back cancels out.
    auto it = std::find(minus.begin(), minus.end(), flag);
    if (it != minus.end()) {
        minus.erase(it);
        return;
    }
    if (std::find(plus.begin(), plus.end(), flag) == plus.end()) plus.push_back(flag);
}

std::vector<std::string> split_path(const std::string& name) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        std::size_t slash = name.find('/', start);
        parts.push_back(name.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return parts;
}

/// N of an untagged "* N EXPUNGE" line (RFC 9051 §7.5.1), read by the response parser; else 0.
/// Only a line ending in "EXPUNGE" is parsed: a session's log is mostly other untagged data.
std::uint32_t expunge_number(const std::string& line) {
    constexpr std::string_view kWord = "EXPUNGE";
    if (line.size() < kWord.size() || !iequals(std::string_view(line).substr(line.size() - kWord.size()), kWord)) return 0;
    const auto r = resp::parse_response(line);
    if (!r) return 0;
    const auto* count = std::get_if<resp::CountData>(&r.value().data);
    return count && count->kind == resp::CountData::Kind::Expunge ? count->number : 0;
}

bool hierarchy_less(const std::string& a, const std::string& b) {
    auto pa = split_path(a), pb = split_path(b);
    // INBOX and its children come first, as mail clients show them.
    bool ia = pa[0] == "INBOX", ib = pb[0] == "INBOX";
    if (ia != ib) return ia;
    return pa < pb;
}

std::vector<std::string> with_recent(const std::vector<std::string>& flags) {
    std::vector<std::string> out;
    out.reserve(flags.size() + 1);
    bool inserted = false;
    for (const auto& f : flags) {
        if (!inserted && (f.empty() || f[0] != '\\')) {
            out.emplace_back("\\Recent");
            inserted = true;
        }
        out.push_back(f);
    }
    if (!inserted) out.emplace_back("\\Recent");
    return out;
}

}  // namespace

SessionView project(const Timeline& timeline, std::uint32_t step, std::uint32_t connection, std::string_view mailbox) {
    SessionView view;
    view.step = step;
    view.connection = connection;
    const auto& events = timeline.events();
    const std::size_t end = timeline.end_of_step(step);
    view.event_end = end;

    std::map<std::string, MailboxState> mailboxes;
    std::set<std::uint32_t> recent;

    bool now = false;
    // Removes `msg` from the view: struck out when it goes during the shown step, else gone.
    auto remove_message = [&](MailboxState& mb, std::map<std::uint32_t, MessageState>::iterator msg, bool leaving_now) {
        recent.erase(msg->first);
        if (leaving_now) {
            msg->second.leaving = true;
            msg->second.expunge_pending = false;
        } else {
            mb.messages.erase(msg);
        }
    };
    // The session leaves its mailbox (or selects another): expunges it was not told of are done.
    auto flush_pending = [&] {
        auto mb = mailboxes.find(view.selected_mailbox);
        if (mb == mailboxes.end()) return;
        for (auto msg = mb->second.messages.begin(); msg != mb->second.messages.end();) {
            auto next = std::next(msg);
            if (msg->second.expunge_pending && !msg->second.leaving) remove_message(mb->second, msg, now);
            msg = next;
        }
    };

    for (std::size_t i = 0; i < end; ++i) {
        const TraceEvent& e = events[i];
        now = e.step == step;
        std::visit(
            [&](const auto& d) {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, MailboxCreated>) {
                    MailboxState& mb = mailboxes[d.mailbox];
                    mb = MailboxState{};
                    mb.created_step = e.step;
                    mb.special_use = d.special_use;
                } else if constexpr (std::is_same_v<T, MailboxDeleted>) {
                    mailboxes.erase(d.mailbox);
                } else if constexpr (std::is_same_v<T, MailboxRenamed>) {
                    auto from = mailboxes.find(d.from);
                    if (from == mailboxes.end()) return;
                    MailboxState moved = std::move(from->second);
                    mailboxes.erase(from);
                    mailboxes[d.to] = std::move(moved);
                    if (view.selected_mailbox == d.from) view.selected_mailbox = d.to;
                } else if constexpr (std::is_same_v<T, MailboxSubscribed>) {
                    auto mb = mailboxes.find(d.mailbox);
                    if (mb != mailboxes.end()) mb->second.subscribed = d.subscribed;
                } else if constexpr (std::is_same_v<T, MessageAdded>) {
                    MessageState& m = mailboxes[d.mailbox].messages[d.uid];
                    m = MessageState{};
                    m.flags = d.flags;
                    m.size = d.size;
                    m.internal_date = d.internal_date;
                    m.from = d.from;
                    m.subject = d.subject;
                    m.added_this_step = now;
                } else if constexpr (std::is_same_v<T, FlagsChanged>) {
                    auto mb = mailboxes.find(d.mailbox);
                    if (mb == mailboxes.end()) return;
                    auto msg = mb->second.messages.find(d.uid);
                    if (msg == mb->second.messages.end()) return;
                    msg->second.flags = d.flags;
                    if (now) {
                        for (const auto& f : d.added) note_change(msg->second.added, msg->second.removed, f);
                        for (const auto& f : d.removed) note_change(msg->second.removed, msg->second.added, f);
                    }
                } else if constexpr (std::is_same_v<T, MessageExpunged>) {
                    auto mb = mailboxes.find(d.mailbox);
                    if (mb == mailboxes.end()) return;
                    auto msg = mb->second.messages.find(d.uid);
                    if (msg == mb->second.messages.end()) return;
                    // In the mailbox this session has selected, the message keeps its number until
                    // the session is told ("* n EXPUNGE" below, or on leaving the mailbox):
                    // RFC 9051 §7.5.1, a server must not renumber messages behind a client's back.
                    if (d.mailbox == view.selected_mailbox)
                        msg->second.expunge_pending = true;
                    else
                        remove_message(mb->second, msg, now);
                } else if constexpr (std::is_same_v<T, WireLine>) {
                    if (e.connection != connection || d.kind != LineKind::ServerUntagged || view.selected_mailbox.empty()) return;
                    const std::uint32_t n = expunge_number(d.text);
                    if (n == 0) return;
                    auto mb = mailboxes.find(view.selected_mailbox);
                    if (mb == mailboxes.end()) return;
                    std::uint32_t seen = 0;
                    for (auto msg = mb->second.messages.begin(); msg != mb->second.messages.end(); ++msg) {
                        if (msg->second.leaving || ++seen != n) continue;
                        remove_message(mb->second, msg, now);
                        break;
                    }
                } else if constexpr (std::is_same_v<T, StateChanged>) {
                    if (e.connection != connection) return;
                    view.state = d.to;
                    if (now) view.transitions.push_back(d);
                } else if constexpr (std::is_same_v<T, MailboxSelected>) {
                    if (e.connection != connection) return;
                    flush_pending();
                    view.selected_mailbox = d.mailbox;
                    view.read_only = d.read_only;
                    recent = std::set<std::uint32_t>(d.recent.begin(), d.recent.end());
                } else if constexpr (std::is_same_v<T, MailboxClosed>) {
                    if (e.connection != connection) return;
                    flush_pending();
                    view.selected_mailbox.clear();
                    view.read_only = false;
                    recent.clear();
                }
            },
            e.data);
    }

    // Mailbox tree in hierarchy order.
    std::vector<std::string> names;
    names.reserve(mailboxes.size());
    for (const auto& [name, _] : mailboxes) names.push_back(name);
    std::sort(names.begin(), names.end(), hierarchy_less);
    for (const auto& name : names) {
        MailboxRow row;
        row.name = name;
        auto parts = split_path(name);
        row.leaf = parts.back();
        row.depth = static_cast<int>(parts.size()) - 1;
        const std::string prefix = name + "/";
        row.has_children = std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
        const auto& st = mailboxes[name];
        row.messages = static_cast<std::size_t>(std::count_if(st.messages.begin(), st.messages.end(), [](const auto& kv) { return !kv.second.leaving; }));
        row.selected = name == view.selected_mailbox;
        row.created_this_step = st.created_step == step && step != 0;
        row.subscribed = st.subscribed;
        row.special_use = st.special_use;
        view.mailboxes.push_back(std::move(row));
    }

    view.shown_mailbox = !mailbox.empty() ? std::string(mailbox) : (!view.selected_mailbox.empty() ? view.selected_mailbox : std::string("INBOX"));
    auto shown = mailboxes.find(view.shown_mailbox);
    if (shown == mailboxes.end()) return view;
    const bool is_selected = view.shown_mailbox == view.selected_mailbox;

    view.messages.reserve(shown->second.messages.size());
    std::uint32_t seq = 0, prev_seq = 0;
    for (auto& [uid, m] : shown->second.messages) {
        MessageRow row;
        row.uid = uid;
        if (!m.added_this_step) row.prev_seq = ++prev_seq;
        if (!m.leaving) row.seq = ++seq;
        row.leaving = m.leaving;
        row.expunge_pending = m.expunge_pending;
        row.flags = (is_selected && recent.count(uid)) ? with_recent(m.flags) : std::move(m.flags);
        row.added = std::move(m.added);
        row.removed = std::move(m.removed);
        row.size = m.size;
        row.internal_date = std::move(m.internal_date);
        row.from = std::move(m.from);
        row.subject = std::move(m.subject);
        view.messages.push_back(std::move(row));
    }
    return view;
}

}  // namespace imaplab
