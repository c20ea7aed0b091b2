#pragma once
// Sequence sets. RFC 9051 §9:
//   sequence-set = (seq-number / seq-range) ["," sequence-set]
//   seq-range    = seq-number ":" seq-number
//   seq-number   = nz-number / "*"
// and RFC 5182 (SEARCHRES) / RFC 9051 §9:
//   sequence-set =/ seq-last-command
//   seq-last-command = "$"
// A SequenceSet is never empty and never contains 0 (the parser rejects both). "$" stands alone
// (never inside a list): it names the result the last SEARCH RETURN (SAVE) stored, which only
// the session knows, so it is a set of its own kind (is_saved_result()).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {

/// One end of a range: a number >= 1, or "*" (the largest number in use).
struct SeqBound {
    std::uint32_t value = 0;  ///< 0 only when is_star
    bool is_star = false;
    std::uint32_t resolve(std::uint32_t star) const { return is_star ? star : value; }
    friend bool operator==(const SeqBound&, const SeqBound&) = default;
};

struct SeqRange {
    SeqBound first, last;  ///< "a:b" and "b:a" mean the same; a single number has first == last
    friend bool operator==(const SeqRange&, const SeqRange&) = default;
};

/// An inclusive interval of concrete numbers, low <= high.
struct Interval {
    std::uint32_t low = 0, high = 0;
    friend bool operator==(const Interval&, const Interval&) = default;
};

class SequenceSet {
public:
    /// Parses the wire form ("1:*", "2,4:7,9", "*:4", "$"). On failure returns nullopt and, when
    /// `error` is given, a reason such as "0 is not a valid sequence number".
    static std::optional<SequenceSet> parse(std::string_view text, std::string* error = nullptr);

    /// The set "$" (RFC 5182): the saved search result. It has no ranges; callers look the
    /// numbers up in the session (engine/commands/sequence_resolver.hpp does).
    static SequenceSet saved_result();
    bool is_saved_result() const { return saved_result_; }

    /// Resolves "*" to `star` (EXISTS for sequence numbers, the highest UID for UIDs) and returns
    /// sorted, merged, non-overlapping intervals. An empty mailbox (star == 0) resolves "*" to 0,
    /// which callers treat as "no such message". "$" resolves to nothing here.
    std::vector<Interval> resolve(std::uint32_t star) const;

    /// The largest concrete number named (ignoring "*"); 0 when only "*" is used.
    std::uint32_t max_explicit() const;
    bool uses_star() const;

    const std::vector<SeqRange>& ranges() const { return ranges_; }
    /// Wire form, as parsed (normalised spelling, e.g. "1:*"; "$" for the saved result).
    std::string to_string() const;

private:
    std::vector<SeqRange> ranges_;
    bool saved_result_ = false;
};

}  // namespace imaplab
