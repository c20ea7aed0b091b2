#include "codec/framer.hpp"

namespace imaplab {
namespace {

// Does the line [begin, end) end with "{digits}" or "{digits+}"? Returns false or the parse.
bool literal_announcement(std::string_view line, std::size_t& size, bool& sync) {
    if (line.empty() || line.back() != '}') return false;
    std::size_t open = line.rfind('{');
    if (open == std::string_view::npos) return false;
    std::string_view inside = line.substr(open + 1, line.size() - open - 2);
    sync = true;
    if (!inside.empty() && inside.back() == '+') {
        sync = false;
        inside.remove_suffix(1);
    }
    if (inside.empty() || inside.size() > 19) return false;
    std::uint64_t v = 0;
    for (char c : inside) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    size = static_cast<std::size_t>(v);
    return true;
}

}  // namespace

void Framer::compact() {
    if (msg_start_ > 0 && msg_start_ >= buffer_.size() / 2) {
        buffer_.erase(0, msg_start_);
        line_start_ -= msg_start_;
        scan_ -= msg_start_;
        msg_start_ = 0;
    }
}

void Framer::abandon_message() {
    msg_start_ = scan_;
    line_start_ = scan_;
    literal_left_ = 0;
    literals_.clear();
    in_quote_ = escape_ = false;
    compact();
}

Frame Framer::next() {
    Frame f;
    while (scan_ < buffer_.size()) {
        if (literal_left_ > 0) {
            std::size_t take = std::min(literal_left_, buffer_.size() - scan_);
            scan_ += take;
            literal_left_ -= take;
            if (literal_left_ == 0) line_start_ = scan_;
            continue;
        }
        char c = buffer_[scan_];
        if (c == '\n') {
            std::size_t line_end = scan_;  // exclusive, before CR if any
            if (line_end > line_start_ && buffer_[line_end - 1] == '\r') --line_end;
            ++scan_;
            if (discarding_) {
                discarding_ = false;
                f.kind = Frame::Kind::LineTooLong;
                f.bytes = buffer_.substr(msg_start_, std::min<std::size_t>(line_end - msg_start_, 200));
                msg_start_ = line_start_ = scan_;
                literals_.clear();
                in_quote_ = escape_ = false;
                compact();
                return f;
            }
            std::string_view line(buffer_.data() + line_start_, line_end - line_start_);
            std::size_t n = 0;
            bool sync = true;
            if (!line_mode_ && !in_quote_ && literal_announcement(line, n, sync)) {
                if (n > limits_.max_literal) {
                    f.kind = Frame::Kind::LiteralTooLarge;
                    f.bytes = buffer_.substr(msg_start_, line_end - msg_start_);
                    f.literal_size = n;
                    f.literal_sync = sync;
                    msg_start_ = line_start_ = scan_;
                    literals_.clear();
                    compact();
                    return f;
                }
                literals_.push_back({scan_ - msg_start_, n});
                literal_left_ = n;
                line_start_ = scan_;
                in_quote_ = escape_ = false;
                if (n == 0) line_start_ = scan_;
                if (sync) {
                    f.kind = Frame::Kind::LiteralAnnounced;
                    f.bytes = buffer_.substr(msg_start_, scan_ - msg_start_);
                    f.literals = literals_;
                    f.literals.pop_back();
                    f.literal_size = n;
                    f.literal_sync = true;
                    return f;
                }
                continue;
            }
            f.kind = Frame::Kind::Complete;
            f.bytes = buffer_.substr(msg_start_, line_end - msg_start_);
            f.literals = std::move(literals_);
            literals_.clear();
            msg_start_ = line_start_ = scan_;
            in_quote_ = escape_ = false;
            compact();
            return f;
        }
        if (!discarding_) {
            if (line_mode_) {
                // no quoting in SASL lines
            } else if (in_quote_) {
                if (escape_) escape_ = false;
                else if (c == '\\') escape_ = true;
                else if (c == '"') in_quote_ = false;
            } else if (c == '"') {
                in_quote_ = true;
            }
            if (scan_ - line_start_ >= limits_.max_line) discarding_ = true;
        }
        ++scan_;
    }
    return f;
}

}  // namespace imaplab
