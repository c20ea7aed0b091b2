// trace/pcap_export.hpp: a session as a libpcap capture of a synthetic TCP connection. The expected
// packet bytes below were computed apart from this code (Python's struct module, RFC 1071 sum),
// so the checksums are checked against an independent computation, not against themselves.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "lesson/transcript.hpp"
#include "trace/pcap_export.hpp"

using namespace imaplab;

namespace {

std::string bytes(std::initializer_list<unsigned> v) {
    std::string s;
    for (unsigned b : v) s.push_back(static_cast<char>(b));
    return s;
}

unsigned u8(const std::string& s, std::size_t at) { return static_cast<unsigned char>(s.at(at)); }
std::uint32_t be16(const std::string& s, std::size_t at) { return (u8(s, at) << 8) | u8(s, at + 1); }
std::uint32_t be32(const std::string& s, std::size_t at) { return (be16(s, at) << 16) | be16(s, at + 2); }

/// A parsed packet of ours: IPv4 + TCP.
struct Seg {
    std::uint16_t sport, dport;
    std::uint32_t seq, ack;
    std::uint8_t flags;
    std::string payload;
};

Seg parse(const std::string& p) {
    const std::size_t ihl = (u8(p, 0) & 0x0f) * 4;
    const std::size_t thl = (u8(p, ihl + 12) >> 4) * 4;
    return {static_cast<std::uint16_t>(be16(p, ihl)), static_cast<std::uint16_t>(be16(p, ihl + 2)), be32(p, ihl + 4),
            be32(p, ihl + 8), static_cast<std::uint8_t>(u8(p, ihl + 13)), p.substr(ihl + thl)};
}

std::vector<PcapChunk> lecture_chunks() {
    auto tr = load_transcript_file("transcripts/lecture-cyrus-session.txt");
    REQUIRE(tr);
    auto chunks = pcap_chunks_from_transcript(*tr);
    REQUIRE(chunks);
    return *chunks;
}

}  // namespace

TEST_CASE("internet_checksum follows RFC 1071", "[pcap]") {
    // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
    CHECK(internet_checksum(bytes({0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7})) == 0x220d);
    // An odd last octet counts as the high half of a word.
    CHECK(internet_checksum(bytes({0x01})) == 0xfeff);
    CHECK(internet_checksum("") == 0xffff);
}

TEST_CASE("pcap export: the handshake and first data segment, byte for byte", "[pcap]") {
    const std::vector<PcapChunk> chunks{{false, "* OK hi\r\n"}};
    const auto packets = pcap_packets(chunks);
    REQUIRE(packets.size() == 7);  // SYN, SYN/ACK, ACK, data, FIN/ACK, FIN/ACK, ACK
    // SYN 127.0.0.1:50143 → 127.0.0.1:143, ISN 0x494d4150, MSS 1460.
    CHECK(packets[0] == bytes({0x45, 0x00, 0x00, 0x2c, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x3c, 0xc9, 0x7f, 0x00, 0x00,
                               0x01, 0x7f, 0x00, 0x00, 0x01, 0xc3, 0xdf, 0x00, 0x8f, 0x49, 0x4d, 0x41, 0x50, 0x00, 0x00,
                               0x00, 0x00, 0x60, 0x02, 0xff, 0xff, 0x4b, 0x18, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4}));
    // SYN/ACK from the server, acknowledging the client's ISN + 1.
    CHECK(packets[1] == bytes({0x45, 0x00, 0x00, 0x2c, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x3c, 0xc9, 0x7f, 0x00, 0x00,
                               0x01, 0x7f, 0x00, 0x00, 0x01, 0x00, 0x8f, 0xc3, 0xdf, 0x53, 0x52, 0x56, 0x52, 0x49, 0x4d,
                               0x41, 0x51, 0x60, 0x12, 0xff, 0xff, 0xa1, 0x62, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4}));
    CHECK(packets[2] == bytes({0x45, 0x00, 0x00, 0x28, 0x00, 0x02, 0x40, 0x00, 0x40, 0x06, 0x3c, 0xcc, 0x7f, 0x00,
                               0x00, 0x01, 0x7f, 0x00, 0x00, 0x01, 0xc3, 0xdf, 0x00, 0x8f, 0x49, 0x4d, 0x41, 0x51,
                               0x53, 0x52, 0x56, 0x53, 0x50, 0x10, 0xff, 0xff, 0xb9, 0x1f, 0x00, 0x00}));
    // The greeting: PSH/ACK with the line and its CRLF.
    CHECK(packets[3] == bytes({0x45, 0x00, 0x00, 0x31, 0x00, 0x02, 0x40, 0x00, 0x40, 0x06, 0x3c, 0xc3, 0x7f, 0x00, 0x00,
                               0x01, 0x7f, 0x00, 0x00, 0x01, 0x00, 0x8f, 0xc3, 0xdf, 0x53, 0x52, 0x56, 0x53, 0x49, 0x4d,
                               0x41, 0x51, 0x50, 0x18, 0xff, 0xff, 0xac, 0x2d, 0x00, 0x00, 0x2a, 0x20, 0x4f, 0x4b, 0x20,
                               0x68, 0x69, 0x0d, 0x0a}));
}

TEST_CASE("pcap export: the file header and record headers", "[pcap]") {
    const std::vector<PcapChunk> chunks{{false, "* OK hi\r\n"}};
    auto file = pcap_file_bytes(chunks);
    REQUIRE(file);
    const std::string& f = *file;
    // Magic 0xa1b2c3d4 (microseconds) in host order (little-endian here), version 2.4, thiszone 0,
    // sigfigs 0, snaplen 65535, LINKTYPE_RAW (101).
    CHECK(f.substr(0, 24) == bytes({0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff,
                                    0x00, 0x00, 0x65, 0x00, 0x00, 0x00}));
    // First record: 2024-01-01T00:00:00Z (1704067200 = 0x65920080), 0 µs, 44 octets captured of 44.
    CHECK(f.substr(24, 16) == bytes({0x80, 0x00, 0x92, 0x65, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0x2c, 0, 0, 0}));
    // Second record 1 ms later (1000 µs = 0x3e8).
    const std::size_t second = 24 + 16 + 44;
    CHECK(f.substr(second, 16) == bytes({0x80, 0x00, 0x92, 0x65, 0xe8, 0x03, 0, 0, 0x2c, 0, 0, 0, 0x2c, 0, 0, 0}));
    // The whole file: the header, then each packet after its record header.
    const auto packets = pcap_packets(chunks);
    std::size_t size = 24;
    for (const auto& p : packets) size += 16 + p.size();
    CHECK(f.size() == size);
    CHECK(f.substr(24 + 16, 44) == packets[0]);
}

TEST_CASE("pcap export: checksums, sequence numbers and segment sizes over the lecture session", "[pcap]") {
    auto chunks = lecture_chunks();
    chunks.push_back({true, std::string(3000, 'x') + "\r\n"});  // a long client line: split in three
    const auto packets = pcap_packets(chunks);
    std::uint32_t next_client = 0x494d4150, next_server = 0x53525652;
    std::string client_bytes, server_bytes;
    std::size_t psh = 0, longest = 0;
    for (std::size_t i = 0; i < packets.size(); ++i) {
        INFO("packet " << i);
        const std::string& p = packets[i];
        // An IPv4 header and a TCP segment with their checksum fields in place sum to zero.
        CHECK(internet_checksum(p.substr(0, 20)) == 0);
        std::string pseudo = bytes({0x7f, 0, 0, 1, 0x7f, 0, 0, 1, 0, 6});
        pseudo += bytes({static_cast<unsigned>((p.size() - 20) >> 8), static_cast<unsigned>((p.size() - 20) & 0xff)});
        CHECK(internet_checksum(pseudo + p.substr(20)) == 0);
        CHECK(be16(p, 2) == p.size());
        const Seg s = parse(p);
        const bool from_client = s.sport == 50143;
        CHECK((from_client ? s.dport : s.sport) == 143);
        std::uint32_t& mine = from_client ? next_client : next_server;
        const std::uint32_t theirs = from_client ? next_server : next_client;
        CHECK(s.seq == mine);  // continuous: each segment starts where the last one of its side ended
        if (i > 0) CHECK(s.ack == theirs);  // and acknowledges everything the other side sent
        CHECK((s.flags & 0x10) == (i > 0 ? 0x10 : 0));
        mine += static_cast<std::uint32_t>(s.payload.size()) + ((s.flags & 0x03) ? 1 : 0);
        (from_client ? client_bytes : server_bytes) += s.payload;
        psh += (s.flags & 0x08) != 0;
        longest = std::max(longest, s.payload.size());
    }
    CHECK(longest == kPcapMaxSegmentPayload);
    CHECK(psh == chunks.size());  // PSH marks the end of each line
    // Both byte streams are exactly the chunks, in order.
    std::string want_client, want_server;
    for (const auto& c : chunks) (c.from_client ? want_client : want_server) += c.bytes;
    CHECK(client_bytes == want_client);
    CHECK(server_bytes == want_server);
    // The last three: the server's FIN/ACK, the client's FIN/ACK, the server's ACK.
    const auto n = packets.size();
    CHECK(parse(packets[n - 3]).flags == 0x11);
    CHECK(parse(packets[n - 3]).sport == 143);
    CHECK(parse(packets[n - 2]).flags == 0x11);
    CHECK(parse(packets[n - 2]).sport == 50143);
    CHECK(parse(packets[n - 1]).flags == 0x10);
    // The 3002-octet line went as 1460 + 1460 + 82 octets, PSH on the last only.
    CHECK(parse(packets[n - 6]).payload.size() == 1460);
    CHECK(parse(packets[n - 6]).flags == 0x10);
    CHECK(parse(packets[n - 5]).payload.size() == 1460);
    CHECK(parse(packets[n - 4]).payload.size() == 82);
    CHECK(parse(packets[n - 4]).flags == 0x18);
}

TEST_CASE("pcap export: the same input gives the same file; options change ports and time", "[pcap]") {
    const auto a = pcap_file_bytes(lecture_chunks());
    const auto b = pcap_file_bytes(lecture_chunks());
    REQUIRE(a);
    REQUIRE(b);
    CHECK(*a == *b);
    PcapOptions o;
    o.server_port = 10143;
    o.client_port = 51000;
    o.start_seconds = 0;
    o.step_microseconds = 2500000;
    const auto packets = pcap_packets({{false, "* OK\r\n"}}, o);
    CHECK(parse(packets[0]).sport == 51000);
    CHECK(parse(packets[0]).dport == 10143);
    auto file = pcap_file_bytes({{false, "* OK\r\n"}}, o);
    REQUIRE(file);
    // Third record at 5.0 s: tv_sec 5, tv_usec 0.
    const std::size_t third = 24 + (16 + 44) + (16 + 44);
    CHECK(file->substr(third, 8) == bytes({5, 0, 0, 0, 0, 0, 0, 0}));
}

TEST_CASE("pcap export: what a transcript records, and what stands for what it does not", "[pcap]") {
    const std::string text =
        "S: * OK ready\n"
        "C: a APPEND INBOX {5}\n"
        "S: + go on\n"
        "C: hello\n"
        "S: a OK done\n"
        "C: b FETCH 1 (BODY[] RFC822.SIZE)\n"
        "S: ...\n"
        "S: * 1 FETCH (BODY[] {3}\n"
        "S:  RFC822.SIZE 3 BODY[HEADER] {70}\n"
        "S: )\n"
        "S: * 2 FETCH (BODY[] {2}\n"
        "S: ...\n"
        "S: b OK done\n";
    auto tr = parse_transcript(text, "t.txt");
    REQUIRE(tr);
    auto chunks = pcap_chunks_from_transcript(*tr);
    REQUIRE(chunks);
    REQUIRE(chunks->size() == 9);
    CHECK((*chunks)[0].bytes == "* OK ready\r\n");
    CHECK_FALSE((*chunks)[0].from_client);
    // A client literal is typed: the lines go as they are, the "+" between them.
    CHECK((*chunks)[1].bytes == "a APPEND INBOX {5}\r\n");
    CHECK((*chunks)[1].from_client);
    CHECK((*chunks)[2].bytes == "+ go on\r\n");
    CHECK((*chunks)[3].bytes == "hello\r\n");
    CHECK((*chunks)[3].from_client);
    CHECK((*chunks)[4].bytes == "a OK done\r\n");
    CHECK((*chunks)[5].bytes == "b FETCH 1 (BODY[] RFC822.SIZE)\r\n");
    // The elision sends nothing. Server literals get filler of exactly their size, then the text
    // that followed them (which may announce another literal).
    const std::string note = "X-Imaplab-Note: literal data not recorded in the transcript\r\n";
    REQUIRE(note.size() == 61);
    CHECK((*chunks)[6].bytes == "* 1 FETCH (BODY[] {3}\r\nX-I RFC822.SIZE 3 BODY[HEADER] {70}\r\n" + note + note.substr(0, 9) + ")\r\n");
    // A literal followed by an elision: the response ends after the filler.
    CHECK((*chunks)[7].bytes == "* 2 FETCH (BODY[] {2}\r\nX-\r\n");
    CHECK((*chunks)[8].bytes == "b OK done\r\n");
    CHECK(pcap_literal_filler(0).empty());
    CHECK(pcap_literal_filler(122) == note + note);
}

TEST_CASE("pcap export: the lecture's body literal is filled to its 7077 octets", "[pcap]") {
    const auto chunks = lecture_chunks();
    const auto it = std::find_if(chunks.begin(), chunks.end(),
                                 [](const PcapChunk& c) { return c.bytes.rfind("* 180 FETCH (FLAGS (\\Recent \\Seen)", 0) == 0; });
    REQUIRE(it != chunks.end());
    const std::string head = "* 180 FETCH (FLAGS (\\Recent \\Seen) BODY[] {7077}\r\n";
    CHECK(it->bytes.size() == head.size() + 7077 + 2);
    CHECK(it->bytes.substr(0, head.size()) == head);
    CHECK(std::next(it)->bytes == "A0005 OK Completed (0.000 sec)\r\n");
}

TEST_CASE("pcap export: a server literal too large to fill is refused with file:line", "[pcap]") {
    auto tr = parse_transcript("S: * OK\nC: a FETCH 1 BODY[]\nS: * 1 FETCH (BODY[] {999999999999}\n", "big.txt");
    REQUIRE(tr);
    auto chunks = pcap_chunks_from_transcript(*tr);
    REQUIRE_FALSE(chunks);
    CHECK(chunks.error() == "big.txt:3: a server literal of 999999999999 octets is larger than the 67108864 octets the export allows");
}

TEST_CASE("pcap export: a timeline's WireLine events of one connection", "[pcap]") {
    std::vector<TraceEvent> events;
    events.push_back({0, 0, 1, WireLine{LineKind::ServerUntagged, "* OK ready", {}, "", ResponseStatus::Ok}});
    events.push_back({1, 0, 0, MailboxCreated{"INBOX", 1, {}}});
    events.push_back({2, 1, 2, WireLine{LineKind::ClientCommand, "x NOOP", {}, "x", ResponseStatus::None}});
    events.push_back({3, 1, 1, WireLine{LineKind::ClientCommand, "a APPEND INBOX {2+}\r\nhi", {{21, 2}}, "a", ResponseStatus::None}});
    events.push_back({4, 1, 1, WireLine{LineKind::ServerTagged, "a OK done", {}, "a", ResponseStatus::Ok}});
    const auto chunks = pcap_chunks_from_trace(events, 1);
    REQUIRE(chunks.size() == 3);
    CHECK_FALSE(chunks[0].from_client);
    CHECK(chunks[0].bytes == "* OK ready\r\n");
    CHECK(chunks[1].from_client);
    CHECK(chunks[1].bytes == "a APPEND INBOX {2+}\r\nhi\r\n");
    CHECK(chunks[2].bytes == "a OK done\r\n");
    CHECK(pcap_chunks_from_trace(events, 3).empty());
}

TEST_CASE("pcap export: write_pcap_file writes the bytes, or names what it cannot write", "[pcap]") {
    const auto dir = std::filesystem::temp_directory_path() / "imaplab-test-pcap";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "lecture.pcap").string();
    const auto chunks = lecture_chunks();
    auto w = write_pcap_file(path, chunks);
    REQUIRE(w);
    std::ifstream in(path, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(written == *pcap_file_bytes(chunks));
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
    std::filesystem::remove_all(dir);

    auto bad = write_pcap_file("/nonexistent-imaplab-dir/x.pcap", chunks);
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == "cannot write /nonexistent-imaplab-dir/x.pcap: No such file or directory");
}

TEST_CASE("pcap export: export_transcript_pcap, the call the CLI and the window share", "[pcap]") {
    const auto dir = std::filesystem::temp_directory_path() / "imaplab-test-pcap-export";
    std::filesystem::create_directories(dir);
    const std::string out = (dir / "lecture.pcap").string();
    auto done = export_transcript_pcap("transcripts/lecture-cyrus-session.txt", out);
    REQUIRE(done);
    CHECK(done->packets == 49);
    CHECK(done->client_lines == 8);
    CHECK(done->server_lines == 31);
    std::ifstream in(out, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(written == *pcap_file_bytes(lecture_chunks()));

    std::filesystem::path broken = dir / "broken.txt";
    std::ofstream(broken) << "S: * OK\nX: no\n";
    auto bad = export_transcript_pcap(broken.string(), out);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().rfind(broken.string() + ":2: expected \"C: \"", 0) == 0);
    auto missing = export_transcript_pcap((dir / "missing.txt").string(), out);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().find("missing.txt") != std::string::npos);
    std::filesystem::remove_all(dir);

    // The same port on both ends: the client moves next door.
    PcapOptions o;
    o.server_port = 50143;
    const auto p = pcap_packets({}, o);
    CHECK(parse(p[0]).sport == 50144);
    CHECK(parse(p[0]).dport == 50143);
}
