#include "trace/pcap_export.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <variant>

#include <fmt/format.h>
#include <pcap/pcap.h>

namespace imaplab {

namespace {

constexpr std::uint64_t kMaxServerLiteral = 64ull * 1024 * 1024;
constexpr std::uint32_t kClientIsn = 0x494d4150;  // "IMAP": fixed initial sequence numbers
constexpr std::uint32_t kServerIsn = 0x53525652;  // "SRVR"
constexpr std::uint32_t kLoopback = 0x7f000001;   // 127.0.0.1
constexpr std::uint16_t kWindow = 65535;
constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;

void put16(std::string& s, std::size_t at, std::uint16_t v) {
    s[at] = static_cast<char>(v >> 8);
    s[at + 1] = static_cast<char>(v & 0xff);
}

void put32(std::string& s, std::size_t at, std::uint32_t v) {
    put16(s, at, static_cast<std::uint16_t>(v >> 16));
    put16(s, at + 2, static_cast<std::uint16_t>(v & 0xffff));
}

/// One's complement sum of 16-bit big-endian words, not yet folded.
std::uint64_t ones_sum(std::string_view data, std::uint64_t sum = 0) {
    std::size_t i = 0;
    for (; i + 1 < data.size(); i += 2)
        sum += (static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])) << 8) | static_cast<unsigned char>(data[i + 1]);
    if (i < data.size()) sum += static_cast<std::uint64_t>(static_cast<unsigned char>(data[i])) << 8;
    return sum;
}

std::uint16_t fold(std::uint64_t sum) {
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xffff);
}

/// Builds one IPv4 datagram carrying a TCP segment. RFC 791 §3.1, RFC 9293 §3.1.
std::string ipv4_tcp(std::uint16_t ip_id, std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
                     std::uint8_t flags, std::string_view payload) {
    const bool syn = flags & kSyn;
    const std::size_t tcp_header = syn ? 24 : 20;  // SYNs carry the MSS option (RFC 9293 §3.7.1)
    const std::size_t total = 20 + tcp_header + payload.size();
    std::string p(total, '\0');
    // IPv4 header
    p[0] = 0x45;  // version 4, IHL 5 words
    p[1] = 0;     // DSCP/ECN
    put16(p, 2, static_cast<std::uint16_t>(total));
    put16(p, 4, ip_id);
    put16(p, 6, 0x4000);  // DF, fragment offset 0
    p[8] = 64;            // TTL
    p[9] = 6;             // protocol TCP
    put32(p, 12, kLoopback);
    put32(p, 16, kLoopback);
    put16(p, 10, internet_checksum(std::string_view(p).substr(0, 20)));
    // TCP header
    const std::size_t t = 20;
    put16(p, t + 0, sport);
    put16(p, t + 2, dport);
    put32(p, t + 4, seq);
    put32(p, t + 8, (flags & kAck) ? ack : 0);
    p[t + 12] = static_cast<char>((tcp_header / 4) << 4);
    p[t + 13] = static_cast<char>(flags);
    put16(p, t + 14, kWindow);
    // checksum at t+16 (zero for now), urgent pointer at t+18 stays 0
    if (syn) {
        p[t + 20] = 2;  // kind: maximum segment size
        p[t + 21] = 4;  // length
        put16(p, t + 22, static_cast<std::uint16_t>(kPcapMaxSegmentPayload));
    }
    payload.copy(p.data() + t + tcp_header, payload.size());
    // Pseudo-header: source, destination, zero, protocol, TCP length.
    std::string pseudo(12, '\0');
    put32(pseudo, 0, kLoopback);
    put32(pseudo, 4, kLoopback);
    pseudo[9] = 6;
    put16(pseudo, 10, static_cast<std::uint16_t>(tcp_header + payload.size()));
    put16(p, t + 16, fold(ones_sum(std::string_view(p).substr(t), ones_sum(pseudo))));
    return p;
}

/// Runs libpcap's writer on `out` (which it closes). Returns "" or libpcap's error.
std::string dump(FILE* out, const std::vector<std::string>& packets, const PcapOptions& o) {
    pcap_t* dead = pcap_open_dead(DLT_RAW, 65535);
    if (!dead) {
        std::fclose(out);
        return "libpcap: pcap_open_dead failed";
    }
    pcap_dumper_t* dumper = pcap_dump_fopen(dead, out);
    if (!dumper) {
        std::string why = pcap_geterr(dead);
        pcap_close(dead);
        std::fclose(out);
        return "libpcap: " + why;
    }
    std::uint64_t usec = 0;
    for (const auto& packet : packets) {
        pcap_pkthdr h{};
        h.ts.tv_sec = static_cast<time_t>(o.start_seconds + usec / 1000000);
        h.ts.tv_usec = static_cast<suseconds_t>(usec % 1000000);
        h.caplen = h.len = static_cast<bpf_u_int32>(packet.size());
        pcap_dump(reinterpret_cast<u_char*>(dumper), &h, reinterpret_cast<const u_char*>(packet.data()));
        usec += o.step_microseconds;
    }
    const bool flushed = pcap_dump_flush(dumper) == 0;
    pcap_dump_close(dumper);  // closes `out`
    pcap_close(dead);
    return flushed ? "" : "libpcap: could not flush the capture";
}

}  // namespace

std::uint16_t internet_checksum(std::string_view data) { return fold(ones_sum(data)); }

std::string pcap_literal_filler(std::uint64_t n) {
    static constexpr std::string_view kNote = "X-Imaplab-Note: literal data not recorded in the transcript\r\n";
    std::string s;
    s.reserve(n);
    while (s.size() < n) s.append(kNote.substr(0, std::min<std::uint64_t>(kNote.size(), n - s.size())));
    return s;
}

Result<std::vector<PcapChunk>, std::string> pcap_chunks_from_transcript(const Transcript& tr) {
    using R = Result<std::vector<PcapChunk>, std::string>;
    std::vector<PcapChunk> out;
    const auto& lines = tr.lines;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].elision) continue;  // unknown server lines: nothing is sent for them
        PcapChunk c{lines[i].is_client(), lines[i].text};
        // A server literal: its data is not typed. Fill it, then append the next S: line (the text
        // that followed the literal), which may announce another literal in turn.
        for (const TranscriptLine* cur = &lines[i]; !cur->is_client() && cur->literal_octets;) {
            const std::uint64_t n = *cur->literal_octets;
            if (n > kMaxServerLiteral)
                return R::failure(fmt::format("{}:{}: a server literal of {} octets is larger than the {} octets the export allows",
                                              tr.file, cur->line, n, kMaxServerLiteral));
            c.bytes += "\r\n" + pcap_literal_filler(n);
            if (i + 1 >= lines.size() || lines[i + 1].is_client()) break;
            cur = &lines[++i];
            if (cur->elision) break;  // the rest of the response is not known: it ends here
            c.bytes += cur->text;
        }
        c.bytes += "\r\n";
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<PcapChunk> pcap_chunks_from_trace(const std::vector<TraceEvent>& events, std::uint32_t connection) {
    std::vector<PcapChunk> out;
    for (const auto& e : events) {
        if (e.connection != connection) continue;
        if (const auto* w = std::get_if<WireLine>(&e.data)) out.push_back({w->is_client(), w->text + "\r\n"});
    }
    return out;
}

std::vector<std::string> pcap_packets(const std::vector<PcapChunk>& chunks, const PcapOptions& given) {
    PcapOptions o = given;
    if (o.client_port == o.server_port) o.client_port = static_cast<std::uint16_t>(o.server_port == 65535 ? 65534 : o.server_port + 1);
    std::vector<std::string> packets;
    std::uint32_t cseq = kClientIsn, sseq = kServerIsn;  // next sequence number each side sends
    std::uint16_t cid = 1, sid = 1;                       // IPv4 identification, per side
    const auto client = [&](std::uint8_t flags, std::string_view payload) {
        packets.push_back(ipv4_tcp(cid++, o.client_port, o.server_port, cseq, sseq, flags, payload));
        cseq += static_cast<std::uint32_t>(payload.size()) + ((flags & (kSyn | kFin)) ? 1 : 0);
    };
    const auto server = [&](std::uint8_t flags, std::string_view payload) {
        packets.push_back(ipv4_tcp(sid++, o.server_port, o.client_port, sseq, cseq, flags, payload));
        sseq += static_cast<std::uint32_t>(payload.size()) + ((flags & (kSyn | kFin)) ? 1 : 0);
    };
    client(kSyn, {});
    server(kSyn | kAck, {});
    client(kAck, {});
    for (const auto& c : chunks) {
        std::string_view rest = c.bytes;
        while (!rest.empty()) {
            const std::string_view seg = rest.substr(0, kPcapMaxSegmentPayload);
            rest.remove_prefix(seg.size());
            const std::uint8_t flags = rest.empty() ? (kAck | kPsh) : kAck;
            c.from_client ? client(flags, seg) : server(flags, seg);
        }
    }
    // The server closes first, as after LOGOUT (RFC 9051 §6.1.3); the client answers in kind.
    server(kFin | kAck, {});
    client(kFin | kAck, {});
    server(kAck, {});
    return packets;
}

Result<std::string, std::string> pcap_file_bytes(const std::vector<PcapChunk>& chunks, const PcapOptions& o) {
    using R = Result<std::string, std::string>;
    char* buf = nullptr;
    std::size_t size = 0;
    FILE* mem = open_memstream(&buf, &size);
    if (!mem) return R::failure(std::string("open_memstream: ") + std::strerror(errno));
    const std::string why = dump(mem, pcap_packets(chunks, o), o);  // closes `mem`
    std::string bytes = buf ? std::string(buf, size) : std::string();
    std::free(buf);
    if (!why.empty()) return R::failure(why);
    return bytes;
}

Result<bool, std::string> write_pcap_file(const std::string& path, const std::vector<PcapChunk>& chunks, const PcapOptions& o) {
    using R = Result<bool, std::string>;
    auto bytes = pcap_file_bytes(chunks, o);
    if (!bytes) return R::failure("cannot write " + path + ": " + bytes.error());
    // Written next to the target and renamed over it: a failed export leaves no half file.
    const std::string tmp = path + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return R::failure("cannot write " + path + ": " + std::strerror(errno));
    const bool written = std::fwrite(bytes->data(), 1, bytes->size(), f) == bytes->size();
    const int saved = errno;
    if (std::fclose(f) != 0 || !written) {
        std::remove(tmp.c_str());
        return R::failure("cannot write " + path + ": " + std::strerror(written ? errno : saved));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return R::failure("cannot write " + path + ": " + ec.message());
    }
    return true;
}

Result<PcapExportSummary, std::string> export_transcript_pcap(const std::string& transcript_path, const std::string& out_path,
                                                              const PcapOptions& o) {
    using R = Result<PcapExportSummary, std::string>;
    auto tr = load_transcript_file(transcript_path);
    if (!tr) return R::failure(tr.error().to_string());
    auto chunks = pcap_chunks_from_transcript(*tr);
    if (!chunks) return R::failure(chunks.error());
    if (auto w = write_pcap_file(out_path, *chunks, o); !w) return R::failure(w.error());
    PcapExportSummary sum;
    sum.packets = pcap_packets(*chunks, o).size();
    for (const auto& c : *chunks) ++(c.from_client ? sum.client_lines : sum.server_lines);
    return sum;
}

}  // namespace imaplab
