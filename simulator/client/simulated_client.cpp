#include "client/simulated_client.hpp"

namespace imaplab {

std::string SimulatedClient::next_tag() const {
    std::string n = std::to_string(tag_counter_ + 1);
    return "A" + std::string(n.size() < 4 ? 4 - n.size() : 0, '0') + n;
}

std::string SimulatedClient::send_tagged(std::string_view command) {
    std::string tag = next_tag();
    ++tag_counter_;
    send(tag + " " + std::string(command));
    return tag;
}

void SimulatedClient::send(std::string_view command) {
    if (command_continues_) {
        command_continues_ = false;  // a SASL response or DONE, not a new command
    } else {
        std::string_view first_line = command.substr(0, command.find_first_of("\r\n"));
        std::size_t sp = first_line.find(' ');
        in_flight_.emplace_back(std::string(first_line.substr(0, sp)), std::string(first_line));
    }
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
        if (!f.bytes.empty() && f.bytes[0] == '+' && !waiting_) command_continues_ = true;
        if (!f.bytes.empty() && f.bytes[0] != '*' && f.bytes[0] != '+') {
            // A tagged response completes the command with that tag.
            const std::string tag = f.bytes.substr(0, f.bytes.find(' '));
            for (auto it = in_flight_.begin(); it != in_flight_.end(); ++it)
                if (it->first == tag) {
                    in_flight_.erase(it);
                    break;
                }
            command_continues_ = false;
        }
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
