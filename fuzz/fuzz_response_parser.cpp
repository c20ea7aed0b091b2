// libFuzzer target: the response parser (server -> client), codec/response_parser.hpp.
// Input: bytes as a server might send them. Checks, besides "no crash, no hang, no UB":
//  - every parsed response writes back (encode_response) to bytes that parse to the same value,
//    and writing that value again gives the same bytes (decode -> encode -> decode round trip);
//  - feeding the same bytes in two pieces (split where the first byte says) gives the same events;
//  - the display tree can be built for every value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/response_parser.hpp"
#include "fuzz_common.hpp"

using namespace imaplab::resp;

namespace {

struct Event {
    ResponseEvent::Kind kind;
    std::string bytes;
    std::string encoded;
};

std::vector<Event> run(std::string_view input, std::size_t split) {
    ResponseParser p(ResponseParserLimits{4096, 1 << 20});
    std::vector<Event> events;
    auto drain = [&] {
        while (true) {
            ResponseEvent ev = p.next();
            if (ev.kind == ResponseEvent::Kind::NeedMore) return;
            Event e{ev.kind, ev.bytes, {}};
            if (ev.kind == ResponseEvent::Kind::Parsed) {
                e.encoded = encode_response(ev.response);
                if (e.encoded.size() < 2 || e.encoded.substr(e.encoded.size() - 2) != "\r\n")
                    imaplab::fuzz::fail("encoding does not end with CRLF", e.encoded);
                auto again = parse_response(std::string_view(e.encoded).substr(0, e.encoded.size() - 2));
                if (!again) imaplab::fuzz::fail("the encoding of a parsed response does not parse", e.encoded);
                if (!(again.value() == ev.response)) imaplab::fuzz::fail("decode -> encode -> decode changed the value", e.encoded);
                if (encode_response(again.value()) != e.encoded) imaplab::fuzz::fail("encoding is not stable", e.encoded);
                (void)to_tree(ev.response);
            }
            events.push_back(std::move(e));
        }
    };
    p.feed(input.substr(0, split));
    drain();
    p.feed(input.substr(split));
    drain();
    return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    // One response on its own, the way WireLine carries it.
    (void)parse_response(input);
    const auto whole = run(input, input.size());
    const std::size_t split = size ? data[0] % (size + 1) : 0;
    const auto parts = run(input, split);
    if (whole.size() != parts.size()) imaplab::fuzz::fail("a split input gave a different number of events");
    for (std::size_t i = 0; i < whole.size(); ++i)
        if (whole[i].kind != parts[i].kind || whole[i].bytes != parts[i].bytes || whole[i].encoded != parts[i].encoded)
            imaplab::fuzz::fail("a split input gave a different event", whole[i].bytes);
    return 0;
}
