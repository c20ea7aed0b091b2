#pragma once
// `imaplab-cli serve --trace`: prints the protocol lines of every connection as they cross the
// wire, one log line per physical line ("conn 3 C: a SELECT INBOX", "conn 3 S: * 2 EXISTS").
// Literal data longer than a few hundred octets (message bodies) is shown as "<literal: N octets>".
// Put a RedactingSink (net/redact.hpp) in front of it: the printer itself redacts nothing.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "trace/timeline.hpp"

namespace imaplab::net {

/// One WireLine as printable lines (without prefixes and line ends): physical lines split at CRLF,
/// long or binary literals replaced by a placeholder, control characters shown as \xNN.
std::vector<std::string> printable_lines(const WireLine& line, std::size_t max_literal_shown = 256);

class TracePrinter final : public TraceSink {
public:
    using Print = std::function<void(std::string_view line)>;
    /// `print` receives each line; `next` (optional) receives every event afterwards.
    explicit TracePrinter(Print print, TraceSink* next = nullptr) : print_(std::move(print)), next_(next) {}
    void record(std::uint32_t connection, TraceData data) override;

private:
    Print print_;
    TraceSink* next_;
};

}  // namespace imaplab::net
