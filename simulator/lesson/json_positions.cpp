// JSON source positions: see json_positions.hpp.
#include "lesson/json_positions.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

namespace imaplab::jsonpos {

using Json = nlohmann::ordered_json;

namespace {

std::string escape_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}


// ---------------------------------------------------------------------------------------------
// Positions: a SAX pass that records the byte offset of every key and value.

/// A forward iterator over the text that counts how many bytes the parser has consumed.
struct CountingIterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* p = nullptr;
    std::size_t* consumed = nullptr;

    reference operator*() const { return *p; }
    CountingIterator& operator++() {
        ++p;
        ++*consumed;
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator t = *this;
        ++*this;
        return t;
    }
    friend bool operator==(const CountingIterator& a, const CountingIterator& b) { return a.p == b.p; }
};

struct RawError {
    std::size_t offset = 0;  // byte offset of the last character read
    std::string pointer;     // innermost container being parsed
    std::string message;
};

class PositionRecorder {
public:
    std::size_t consumed = 0;
    std::map<std::string, std::size_t> value_at;  // pointer -> offset of (the end of) its value token
    std::map<std::string, std::size_t> key_at;    // pointer -> offset of its key in the parent object
    std::optional<RawError> error;

    bool null() { return scalar(); }
    bool boolean(bool) { return scalar(); }
    bool number_integer(Json::number_integer_t) { return scalar(); }
    bool number_unsigned(Json::number_unsigned_t) { return scalar(); }
    bool number_float(Json::number_float_t, const Json::string_t&) { return scalar(); }
    bool string(Json::string_t&) { return scalar(); }
    bool binary(Json::binary_t&) { return scalar(); }
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(Json::string_t& k) {
        Frame& f = stack_.back();
        if (!f.keys.insert(k).second) {
            error = RawError{here(), child(f.pointer, k), "duplicate key \"" + k + "\""};
            return false;
        }
        f.key = k;
        key_at[child(f.pointer, k)] = here();
        return true;
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string&, const Exception& ex) {
        std::string what = ex.what();
        // "[json.exception.parse_error.101] parse error at line 2, column 3: syntax error ..." -> "syntax error ..."
        if (auto b = what.find("] "); what.rfind("[json.exception.", 0) == 0 && b != std::string::npos) what.erase(0, b + 2);
        if (what.rfind("parse error", 0) == 0) {
            if (auto c = what.find(": "); c != std::string::npos) what.erase(0, c + 2);
        }
        error = RawError{position > 0 ? position - 1 : 0, stack_.empty() ? "" : stack_.back().pointer,
                            "invalid JSON: " + what};
        return false;
    }

private:
    struct Frame {
        bool is_array = false;
        std::string pointer;
        std::size_t next_index = 0;
        std::string key;
        std::set<std::string> keys;
    };
    std::vector<Frame> stack_;

    std::size_t here() const { return consumed > 0 ? consumed - 1 : 0; }
    std::string next_pointer() {
        if (stack_.empty()) return "";
        Frame& f = stack_.back();
        if (f.is_array) return child(f.pointer, f.next_index++);
        return child(f.pointer, f.key);
    }
    bool scalar() {
        value_at[next_pointer()] = here();
        return true;
    }
    bool open(bool is_array) {
        std::string p = next_pointer();
        value_at[p] = here();
        stack_.push_back(Frame{is_array, std::move(p), 0, {}, {}});
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
};

}  // namespace

std::string child(const std::string& ptr, std::string_view key) { return ptr + "/" + escape_pointer_token(key); }
std::string child(const std::string& ptr, std::size_t index) { return ptr + "/" + std::to_string(index); }

JsonPositions::JsonPositions(std::string_view text) : text_(text) {
    PositionRecorder rec;
    CountingIterator first{text_.data(), &rec.consumed};
    CountingIterator last{text_.data() + text_.size(), &rec.consumed};
    const bool ok = Json::sax_parse(first, last, &rec);
    value_at_ = std::move(rec.value_at);
    key_at_ = std::move(rec.key_at);
    if (!ok || rec.error) {
        RawError e = rec.error.value_or(RawError{0, "", "invalid JSON"});
        std::size_t off = std::min(e.offset, text_.empty() ? 0 : text_.size() - 1);
        if (e.offset >= text_.size())  // end of input: point at the last non-blank character
            while (off > 0 && std::isspace(static_cast<unsigned char>(text_[off]))) --off;
        error_ = SyntaxError{line_at(off), e.pointer, e.message};
    }
}

std::size_t JsonPositions::line_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    return 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::size_t JsonPositions::line_of(const std::string& ptr, bool prefer_key) const {
    std::string p = ptr;
    for (;;) {
        if (prefer_key) {
            if (auto it = key_at_.find(p); it != key_at_.end()) return line_at(it->second);
        }
        if (auto it = value_at_.find(p); it != value_at_.end()) return line_at(it->second);
        if (auto it = key_at_.find(p); it != key_at_.end()) return line_at(it->second);
        if (p.empty()) return 1;
        p.erase(p.rfind('/'));
    }
}

}  // namespace imaplab::jsonpos
