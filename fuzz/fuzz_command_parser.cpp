// libFuzzer target: the client -> server side. Input: one flags byte, then bytes as a client might
// send them. Exercises
//  - the framer (codec/framer.hpp) and, on every frame, parse_command_head / parse_command;
//  - a whole Session (engine/session.hpp) on the test fixture (tests/session_harness.hpp), started
//    not authenticated or (flags bit 0) logged in with INBOX selected.
// Checks, besides "no crash, no hang, no UB":
//  - parse errors point inside the command;
//  - the session answers the same bytes whether fed at once or in two pieces (flags select the split);
//  - everything the session sends is a valid response (codec/response_parser.hpp).
#include <cstddef>
#include <cstdint>
#include <string>

#include "codec/command_parser.hpp"
#include "codec/framer.hpp"
#include "codec/response_parser.hpp"
#include "fuzz_common.hpp"
#include "session_harness.hpp"

using namespace imaplab;

namespace {

void check_parser(std::string_view input) {
    Framer framer(FramerLimits{8192, 1 << 20});
    framer.feed(input);
    while (true) {
        Frame f = framer.next();
        if (f.kind == Frame::Kind::NeedMore) break;
        auto head = parse_command_head(f.bytes);
        if (!head && head.error().offset > f.bytes.size()) fuzz::fail("head error offset beyond the command", f.bytes);
        if (f.kind != Frame::Kind::Complete) continue;
        for (const auto& l : f.literals)
            if (l.offset + l.length > f.bytes.size()) fuzz::fail("literal span beyond the frame", f.bytes);
        auto cmd = parse_command(f.bytes, f.literals);
        if (!cmd && cmd.error().offset > f.bytes.size()) fuzz::fail("error offset beyond the command", f.bytes);
        if (cmd && cmd->tag.empty()) fuzz::fail("parsed command without a tag", f.bytes);
    }
}

std::string run_session(std::string_view input, bool selected, std::size_t split) {
    test::Harness h;
    std::string out = h.greeting;
    if (selected) {
        h.login();
        h.send("a1 SELECT INBOX");
    }
    out += h.session->feed(input.substr(0, split));
    if (!h.session->closed()) out += h.session->feed(input.substr(split));
    out += h.session->take_unsolicited();
    return out;
}

/// Every response in `wire` must parse; returns the first one that does not ("" when all do)
/// and why; `previous` is the response before it.
std::string first_invalid_response(const std::string& wire, std::string& why, std::string& previous) {
    resp::ResponseParser p;
    p.feed(wire);
    while (true) {
        resp::ResponseEvent ev = p.next();
        if (ev.kind == resp::ResponseEvent::Kind::NeedMore) return "";
        if (ev.kind == resp::ResponseEvent::Kind::Failed) {
            why = ev.error.reason + " at offset " + std::to_string(ev.error.offset);
            return ev.bytes;
        }
        previous = std::move(ev.bytes);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t flags = data[0];
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    check_parser(input);
    const bool selected = flags & 1;
    const std::string whole = run_session(input, selected, input.size());
    const std::size_t split = (flags >> 1) % (input.size() + 1);
    const std::string parts = run_session(input, selected, split);
    if (whole != parts) fuzz::fail("the session answered differently when the input was split", whole);
    std::string why, previous;
    const std::string bad = first_invalid_response(whole, why, previous);
    if (!bad.empty()) fuzz::fail(("the server sent an invalid response: " + why).c_str(), bad);
    return 0;
}
