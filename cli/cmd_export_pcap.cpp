#include "cmd_export_pcap.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "lesson/transcript.hpp"
#include "trace/pcap_export.hpp"

namespace imaplab::cli {

CLI::App* add_export_pcap_subcommand(CLI::App& app, ExportPcapArgs& a) {
    auto* cmd = app.add_subcommand("export-pcap", "Write a recorded transcript as a pcap capture (synthetic TCP to port 143) "
                                                  "that Wireshark and tshark decode as IMAP.");
    cmd->add_option("TRANSCRIPT", a.transcript, "e.g. transcripts/lecture-cyrus-session.txt")->required();
    cmd->add_option("OUT", a.out, "The capture file to write, e.g. session.pcap")->required();
    cmd->add_option("--port", a.port, "The server's TCP port in the capture (default 143)")->check(CLI::Range(1, 65535));
    return cmd;
}

int run_export_pcap(const ExportPcapArgs& a) {
    auto tr = load_transcript_file(a.transcript);
    if (!tr) {
        std::fprintf(stderr, "%s\n", tr.error().to_string().c_str());
        return 2;
    }
    auto chunks = pcap_chunks_from_transcript(*tr);
    if (!chunks) {
        std::fprintf(stderr, "%s\n", chunks.error().c_str());
        return 2;
    }
    PcapOptions o;
    o.server_port = a.port;
    if (o.client_port == o.server_port) o.client_port = static_cast<std::uint16_t>(o.server_port + 1);
    if (auto w = write_pcap_file(a.out, *chunks, o); !w) {
        std::fprintf(stderr, "imaplab-cli export-pcap: %s\n", w.error().c_str());
        return 2;
    }
    std::size_t client = 0;
    for (const auto& c : *chunks) client += c.from_client;
    const auto packets = pcap_packets(*chunks, o).size();
    std::printf("%s\n", fmt::format("wrote {} packets ({} client and {} server lines) to {}", packets, client,
                                    chunks->size() - client, a.out).c_str());
    return 0;
}

}  // namespace imaplab::cli
