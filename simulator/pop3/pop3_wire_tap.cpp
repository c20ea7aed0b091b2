#include "pop3/pop3_wire_tap.hpp"

#include "pop3/pop3_command.hpp"
#include "pop3/pop3_session.hpp"

namespace imaplab {

bool Pop3WireTap::multi_line(std::string_view command_line) {
    const Pop3Command c = parse_pop3_command(command_line);
    if (c.keyword == "CAPA" || c.keyword == "RETR" || c.keyword == "TOP") return true;
    return (c.keyword == "LIST" || c.keyword == "UIDL") && c.args.empty();
}

void Pop3WireTap::client_bytes(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t nl = bytes.find('\n');
        const std::string_view chunk = bytes.substr(0, nl);
        bytes.remove_prefix(nl == std::string_view::npos ? bytes.size() : nl + 1);
        if (!client_skipping_) client_in_.append(chunk);
        if (client_in_.size() > Pop3Session::kMaxLine) {
            // The session answers "-ERR Input line too long." at once and skips the rest of the
            // line: record what came so far as the command that answer belongs to.
            WireLine w;
            w.kind = LineKind::ClientCommand;
            w.text = std::move(client_in_);
            client_in_.clear();
            expect_multi_.push_back(false);
            client_skipping_ = true;
            if (sink_) sink_->record(connection_, std::move(w));
        }
        if (nl == std::string_view::npos) return;
        if (client_skipping_) {
            client_skipping_ = false;
            continue;
        }
        std::string line = std::move(client_in_);
        client_in_.clear();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        expect_multi_.push_back(multi_line(line));
        WireLine w;
        w.kind = LineKind::ClientCommand;
        w.text = std::move(line);
        if (sink_) sink_->record(connection_, std::move(w));
    }
}

void Pop3WireTap::server_bytes(std::string_view bytes) {
    server_in_.append(bytes);
    while (true) {
        const std::size_t nl = server_in_.find("\r\n");
        if (nl == std::string::npos) return;
        const bool ok = server_in_.rfind("+OK", 0) == 0;
        const bool multi = ok && greeted_ && !expect_multi_.empty() && expect_multi_.front();
        std::size_t end = nl;  // the response's text ends here (before its final CRLF)
        if (multi) {
            // The terminating line is "." alone: either right after the status line or after CRLF.
            std::size_t dot = server_in_.find("\r\n.\r\n", nl);
            if (dot == std::string::npos) return;  // wait for the rest
            end = dot + 3;
        }
        WireLine w;
        w.kind = LineKind::ServerTagged;
        w.status = ok ? ResponseStatus::Ok : server_in_.rfind("-ERR", 0) == 0 ? ResponseStatus::No : ResponseStatus::None;
        w.text = server_in_.substr(0, end);
        server_in_.erase(0, end + 2);
        if (greeted_ && !expect_multi_.empty()) expect_multi_.pop_front();
        greeted_ = true;
        if (sink_) sink_->record(connection_, std::move(w));
    }
}

}  // namespace imaplab
