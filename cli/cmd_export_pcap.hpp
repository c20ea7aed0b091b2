#pragma once
// `imaplab-cli export-pcap TRANSCRIPT OUT.pcap [--port 143]`: writes a recorded C:/S: session as a
// capture file of a synthetic TCP connection that Wireshark's IMAP dissector decodes
// (trace/pcap_export.hpp: what is filled in for elisions and untyped server literals).
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace imaplab::cli {

struct ExportPcapArgs {
    std::string transcript;
    std::string out;
    std::uint16_t port = 143;  ///< the server's TCP port in the capture
};

CLI::App* add_export_pcap_subcommand(CLI::App& app, ExportPcapArgs& args);
/// Exit codes: 0 written ("wrote N packets (M client and K server lines) to OUT"); 2 the
/// transcript cannot be read (file:line: why) or OUT cannot be written (cannot write OUT: why).
int run_export_pcap(const ExportPcapArgs& args);

}  // namespace imaplab::cli
