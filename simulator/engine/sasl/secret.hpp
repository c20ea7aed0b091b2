#pragma once
// A password as the engine holds it: only reveal() gives the text (to compare it with the
// account's), nothing prints it, and its bytes are wiped when it goes away. DESIGN.md principle 3.
#include <string>
#include <string_view>

namespace imaplab::sasl {

/// Overwrites the bytes of `s` (its whole buffer) and empties it.
void wipe_string(std::string& s);

class Secret {
public:
    Secret() = default;
    explicit Secret(std::string text) : text_(std::move(text)) {}
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    Secret(Secret&& other) noexcept : text_(std::move(other.text_)) { other.wipe(); }
    Secret& operator=(Secret&& other) noexcept;
    ~Secret() { wipe(); }

    /// The password itself: pass it straight to the check, never to a log, trace or view.
    std::string_view reveal() const { return text_; }
    bool empty() const { return text_.empty(); }
    /// What logs and views show instead of the password.
    static constexpr std::string_view kRedacted = "<password>";

private:
    std::string text_;
    void wipe() { wipe_string(text_); }
};

}  // namespace imaplab::sasl
