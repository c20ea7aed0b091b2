#include "trace/wire_tap.hpp"

#include "codec/response_classifier.hpp"

namespace imaplab {

void WireTap::emit_client(const Frame& f, bool complete) {
    WireLine w;
    // A line answering a "+" that was not for a literal belongs to the command in progress: a SASL
    // response (AUTHENTICATE) or DONE (IDLE).
    const bool continues = client_emitted_ != 0 || command_continues_;
    w.kind = continues ? LineKind::ClientContinuation : LineKind::ClientCommand;
    std::size_t end = f.bytes.size();
    if (!complete) {
        // Drop the line end after "{n}": it ends this chunk on the wire.
        if (end > 0 && f.bytes[end - 1] == '\n') --end;
        if (end > 0 && f.bytes[end - 1] == '\r') --end;
    }
    w.text = f.bytes.substr(client_emitted_, end - client_emitted_);
    for (const auto& l : f.literals)
        if (l.offset >= client_emitted_) w.literals.push_back({l.offset - client_emitted_, l.length});
    if (!continues) {
        std::size_t sp = f.bytes.find(' ');
        client_tag_ = f.bytes.substr(0, sp == std::string::npos ? f.bytes.size() : sp);
    }
    w.tag = client_tag_;
    if (sink_) sink_->record(connection_, std::move(w));
    client_emitted_ = complete ? 0 : f.bytes.size();
}

void WireTap::client_bytes(std::string_view bytes) {
    client_.feed(bytes);
    while (true) {
        Frame f = client_.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        if (f.kind == Frame::Kind::LiteralAnnounced) {
            emit_client(f, false);
            client_waiting_ = true;
        } else {
            emit_client(f, true);
            client_waiting_ = false;
        }
    }
}

void WireTap::server_bytes(std::string_view bytes) {
    server_.feed(bytes);
    while (true) {
        Frame f = server_.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        // Server literals never wait for the client: a response is recorded once it is whole.
        if (f.kind == Frame::Kind::LiteralAnnounced) continue;
        WireLine w;
        ResponseClass c = classify_response(f.bytes);
        w.kind = c.kind;
        w.tag = c.tag;
        w.status = c.status;
        w.text = std::move(f.bytes);
        w.literals = std::move(f.literals);
        if (c.kind == LineKind::ServerContinuation && !client_waiting_) command_continues_ = true;
        if (c.kind == LineKind::ServerTagged) command_continues_ = false;
        if (client_waiting_) {
            // A "+" lets the client send its literal; anything else refused the command, so the
            // client will not send the literal and the next bytes start a new command.
            if (c.kind != LineKind::ServerContinuation) {
                client_.abandon_message();
                client_emitted_ = 0;
            }
            client_waiting_ = false;
        }
        if (sink_) sink_->record(connection_, std::move(w));
    }
}

}  // namespace imaplab
