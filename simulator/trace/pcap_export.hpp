#pragma once
// Export of one IMAP session as a classic libpcap capture file that Wireshark / tshark decode with
// their IMAP dissector: a synthetic TCP connection 127.0.0.1:<client port> ↔ 127.0.0.1:<server
// port> (IPv4, LINKTYPE_RAW) with a three-way handshake, one segment per protocol line in each
// direction (lines longer than 1460 octets are split into several segments), and FIN/ACK both
// ways at the end. IPv4 header checksums (RFC 791 §3.1) and TCP checksums (RFC 9293 §3.1) are
// computed; sequence and acknowledgment numbers are continuous. The output depends on nothing
// but its input: fixed initial sequence numbers, timestamps 1 ms apart from a fixed start.
// The file itself is written with libpcap (pcap_open_dead + pcap_dump_fopen); the packet headers
// are built here.
//
// Sources of the protocol bytes:
// - a C:/S: transcript (lesson/transcript.hpp): every C: and S: line is sent with CRLF appended.
//   What a transcript does not record is handled as follows (and never invented otherwise):
//   * an elision "S: ..." stands for unknown server lines: it sends nothing;
//   * a server line announcing a literal {n} is followed by n filler octets standing for the
//     literal's data, which transcripts do not type: the line "X-Imaplab-Note: literal data not
//     recorded in the transcript" + CRLF (Wireshark shows it as a message header field),
//     repeated and cut to exactly n octets; then the next
//     S: line's text (what followed the literal) and CRLF, or, when that next line is an
//     elision, CRLF alone (the rest of the response is not known either).
//   Client literals are typed (the C: line after a {n} line holds the literal's bytes), so they
//   need nothing special.
// - a timeline's WireLine events (trace_event.hpp): each event's text (literals inline) + CRLF.
#include <cstdint>
#include <string>
#include <vector>

#include "lesson/transcript.hpp"
#include "trace/trace_event.hpp"
#include "types/result.hpp"

namespace imaplab {

/// Bytes one side sent in one go: a protocol line with its CRLF (literal data included).
struct PcapChunk {
    bool from_client = true;
    std::string bytes;
};

struct PcapOptions {
    std::uint16_t server_port = 143;         ///< imap (RFC 9051 §2.1)
    std::uint16_t client_port = 50143;       ///< the synthetic client's ephemeral port
    std::uint32_t start_seconds = 1704067200; ///< time of the first packet, seconds since 1970 (2024-01-01T00:00:00Z)
    std::uint32_t step_microseconds = 1000;  ///< time between two packets
};

/// Largest TCP payload per segment, in octets (the MSS of an Ethernet path: 1500 − 20 − 20).
inline constexpr std::size_t kPcapMaxSegmentPayload = 1460;

/// Filler standing for `n` octets of literal data a transcript does not record (see above).
std::string pcap_literal_filler(std::uint64_t n);

/// The protocol bytes of a transcript's session, in order (see above for elisions and server
/// literals). A server literal larger than 64 MiB is refused (error names the file:line).
Result<std::vector<PcapChunk>, std::string> pcap_chunks_from_transcript(const Transcript& transcript);

/// The protocol bytes of `connection`'s WireLine events in `events`, in order (other events and
/// other connections' lines are skipped).
std::vector<PcapChunk> pcap_chunks_from_trace(const std::vector<TraceEvent>& events, std::uint32_t connection);

/// The packets of the synthetic TCP connection carrying `chunks`, each an IPv4 datagram (no
/// link-layer header), in capture order (when client_port equals server_port, the client uses
/// the port next to it): SYN, SYN/ACK, ACK, the data segments (PSH on the last
/// segment of each chunk), then the server's FIN/ACK, the client's FIN/ACK and the last ACK.
std::vector<std::string> pcap_packets(const std::vector<PcapChunk>& chunks, const PcapOptions& options = {});

/// The whole capture file in memory (24-octet global header, then a 16-octet record header
/// before each packet; microsecond timestamps, snaplen 65535, LINKTYPE_RAW, host byte order
/// as libpcap writes it). Errors: libpcap could not write (message from libpcap).
Result<std::string, std::string> pcap_file_bytes(const std::vector<PcapChunk>& chunks, const PcapOptions& options = {});

/// Writes the capture file to `path` (replaced if it exists). Errors: "cannot write PATH: why".
Result<bool, std::string> write_pcap_file(const std::string& path, const std::vector<PcapChunk>& chunks,
                                          const PcapOptions& options = {});

struct PcapExportSummary {
    std::size_t packets = 0;       ///< in the file, handshake and close included
    std::size_t client_lines = 0;  ///< chunks the client sent
    std::size_t server_lines = 0;  ///< chunks the server sent
};

/// Reads the C:/S: transcript at `transcript_path` and writes its session to `out_path`: what
/// `imaplab-cli export-pcap` and the window's export both call, so they write the same file.
/// Errors: the transcript's "file:line: why" (TranscriptError::to_string, or a too large server
/// literal), or "cannot write OUT: why".
Result<PcapExportSummary, std::string> export_transcript_pcap(const std::string& transcript_path, const std::string& out_path,
                                                              const PcapOptions& options = {});

/// RFC 1071 Internet checksum of `data` (one's complement of the one's complement sum of
/// 16-bit big-endian words; an odd last octet is padded with zero), in host order.
std::uint16_t internet_checksum(std::string_view data);

}  // namespace imaplab
