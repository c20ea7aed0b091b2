#include "trace/trace_json.hpp"

namespace imaplab {

nlohmann::json to_json(const TraceEvent& e) {
    nlohmann::json j;
    j["index"] = e.index;
    j["step"] = e.step;
    j["connection"] = e.connection;
    std::visit(
        [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, WireLine>) {
                j["type"] = "wire_line";
                j["kind"] = to_string(d.kind);
                j["text"] = d.text;
                if (!d.tag.empty()) j["tag"] = d.tag;
                if (d.status != ResponseStatus::None) j["status"] = to_string(d.status);
                nlohmann::json lits = nlohmann::json::array();
                for (const auto& l : d.literals) lits.push_back({{"offset", l.offset}, {"length", l.length}});
                j["literals"] = lits;
            } else if constexpr (std::is_same_v<T, StateChanged>) {
                j["type"] = "state_changed";
                j["from"] = to_string(d.from);
                j["to"] = to_string(d.to);
                j["command"] = d.command;
            } else if constexpr (std::is_same_v<T, MailboxCreated>) {
                j["type"] = "mailbox_created";
                j["mailbox"] = d.mailbox;
                j["uidvalidity"] = d.uidvalidity;
                j["special_use"] = d.special_use;
            } else if constexpr (std::is_same_v<T, MessageAdded>) {
                j["type"] = "message_added";
                j["mailbox"] = d.mailbox;
                j["uid"] = d.uid;
                j["flags"] = d.flags;
                j["size"] = d.size;
                j["internal_date"] = d.internal_date;
                j["from"] = d.from;
                j["subject"] = d.subject;
            } else if constexpr (std::is_same_v<T, FlagsChanged>) {
                j["type"] = "flags_changed";
                j["mailbox"] = d.mailbox;
                j["uid"] = d.uid;
                j["added"] = d.added;
                j["removed"] = d.removed;
                j["flags"] = d.flags;
            } else if constexpr (std::is_same_v<T, MessageExpunged>) {
                j["type"] = "message_expunged";
                j["mailbox"] = d.mailbox;
                j["uid"] = d.uid;
                j["seq"] = d.seq;
            } else if constexpr (std::is_same_v<T, MailboxSelected>) {
                j["type"] = "mailbox_selected";
                j["mailbox"] = d.mailbox;
                j["read_only"] = d.read_only;
                j["recent"] = d.recent;
            } else if constexpr (std::is_same_v<T, MailboxClosed>) {
                j["type"] = "mailbox_closed";
                j["mailbox"] = d.mailbox;
            } else if constexpr (std::is_same_v<T, StepStarted>) {
                j["type"] = "step_started";
            } else if constexpr (std::is_same_v<T, MailboxDeleted>) {
                j["type"] = "mailbox_deleted";
                j["mailbox"] = d.mailbox;
            } else if constexpr (std::is_same_v<T, MailboxRenamed>) {
                j["type"] = "mailbox_renamed";
                j["from"] = d.from;
                j["to"] = d.to;
            } else if constexpr (std::is_same_v<T, MailboxSubscribed>) {
                j["type"] = "mailbox_subscribed";
                j["mailbox"] = d.mailbox;
                j["subscribed"] = d.subscribed;
            } else if constexpr (std::is_same_v<T, ConnectionChanged>) {
                j["type"] = d.kind == ConnectionChanged::Kind::Opened       ? "connection_opened"
                            : d.kind == ConnectionChanged::Kind::TlsStarted ? "tls_started"
                                                                            : "connection_closed";
                j["peer"] = d.peer;
                j["transport"] = d.transport;
                if (!d.detail.empty()) j["detail"] = d.detail;
            }
        },
        e.data);
    return j;
}

nlohmann::json to_json(const Timeline& timeline) {
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : timeline.events()) events.push_back(to_json(e));
    return {{"events", events}};
}

}  // namespace imaplab
