#include "client/simulated_client.hpp"

namespace imaplab {

void SimulatedClient::send(std::string_view command) {
    // Normalise the line ends of a literal announcement to CRLF and append the final CRLF, then
    // cut the bytes where a synchronising literal makes the client wait.
    std::string bytes;
    for (std::size_t i = 0; i < command.size(); ++i) {
        if (command[i] == '\n' && (i == 0 || command[i - 1] != '\r')) bytes += '\r';
        bytes += command[i];
    }
    bytes += "\r\n";
    Framer cutter(FramerLimits{1u << 30, std::size_t(1) << 40});
    cutter.feed(bytes);
    std::size_t sent = 0;
    while (true) {
        Frame f = cutter.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        if (f.kind == Frame::Kind::LiteralAnnounced) {
            parts_.push_back(bytes.substr(sent, f.bytes.size() - sent));
            waits_.push_back(true);
            sent = f.bytes.size();
        } else {
            break;
        }
    }
    parts_.push_back(bytes.substr(sent));
    waits_.push_back(false);
}

std::string SimulatedClient::take_output() {
    std::string out;
    while (!waiting_ && !parts_.empty()) {
        out += parts_.front();
        waiting_ = waits_.front();
        parts_.pop_front();
        waits_.pop_front();
    }
    return out;
}

void SimulatedClient::receive(std::string_view bytes) {
    framer_.feed(bytes);
    while (true) {
        Frame f = framer_.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        if (waiting_) {
            waiting_ = false;
            if (f.bytes.empty() || f.bytes[0] != '+') {
                // Refused before the literal: drop the rest of this command.
                while (!parts_.empty()) {
                    bool continues = waits_.front();
                    parts_.pop_front();
                    waits_.pop_front();
                    if (!continues) break;
                }
            }
        }
        responses_.push_back(std::move(f.bytes));
    }
}

}  // namespace imaplab
