#include "cmd_export_pcap.hpp"

#include <cstdio>

#include <fmt/format.h>

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
    PcapOptions o;
    o.server_port = a.port;
    auto done = export_transcript_pcap(a.transcript, a.out, o);
    if (!done) {
        // A transcript error already names file:line; a write error names OUT.
        const bool write_error = done.error().rfind("cannot write ", 0) == 0;
        std::fprintf(stderr, "%s%s\n", write_error ? "imaplab-cli export-pcap: " : "", done.error().c_str());
        return 2;
    }
    std::printf("%s\n", fmt::format("wrote {} packets ({} client and {} server lines) to {}", done->packets, done->client_lines,
                                    done->server_lines, a.out).c_str());
    return 0;
}

}  // namespace imaplab::cli
