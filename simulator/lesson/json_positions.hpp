#pragma once
// Source positions for JSON files we validate (lessons, the explainer's data): nlohmann/json keeps
// none, so the text is read once through SAX with an iterator that counts the bytes consumed,
// mapping every JSON Pointer (RFC 6901) to the byte offset of its key and of its value. Errors can
// then say "file:line: /json/pointer: what is wrong".
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace imaplab::jsonpos {

/// The pointer of `key` inside the object at `ptr` ("~" and "/" escaped as RFC 6901 §4 says).
std::string child(const std::string& ptr, std::string_view key);
/// The pointer of element `index` inside the array at `ptr`.
std::string child(const std::string& ptr, std::size_t index);

/// A JSON syntax error (or a duplicate key, which we refuse): 1-based line, the pointer of the
/// innermost container being read, and the reason ("invalid JSON: ...", "duplicate key \"x\"").
struct SyntaxError {
    std::size_t line = 1;
    std::string pointer;
    std::string message;
};

/// The positions of one JSON text (kept as a view: the text must outlive this object).
class JsonPositions {
public:
    explicit JsonPositions(std::string_view text);

    /// Set when the text is not valid JSON or has a duplicate key.
    const std::optional<SyntaxError>& syntax_error() const { return error_; }
    /// 1-based line of the value at `pointer` (of its key when `prefer_key`); when the pointer is
    /// not in the document, the line of its nearest ancestor that is.
    std::size_t line_of(const std::string& pointer, bool prefer_key = false) const;
    /// 1-based line of a byte offset.
    std::size_t line_at(std::size_t offset) const;

private:
    std::string_view text_;
    std::map<std::string, std::size_t> value_at_;
    std::map<std::string, std::size_t> key_at_;
    std::optional<SyntaxError> error_;
};

}  // namespace imaplab::jsonpos
