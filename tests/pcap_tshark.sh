#!/bin/sh
# CTest test of `imaplab-cli export-pcap` (tests/cli_tests.cmake): exports a transcript and reads
# the capture back with Debian's tshark. Every IPv4 and TCP checksum must be good, tshark's TCP
# analysis must find nothing wrong (no retransmission, lost or unseen segment, bad window ...),
# nothing may be malformed, and the IMAP lines tshark decodes (per frame: frame.number, imap.request,
# imap.response, imap.line; Wireshark 4.0 sets imap.request / imap.response for commands and tagged
# responses only, imap.line for every line) must equal EXPECTED line for line.
#
# usage: pcap_tshark.sh IMAPLAB_CLI TRANSCRIPT EXPECTED
# Exits 77 (CTest: skipped) when tshark is not installed (Debian: apt-get install tshark).
set -u
[ $# -eq 3 ] || { echo "usage: $0 IMAPLAB_CLI TRANSCRIPT EXPECTED" >&2; exit 2; }
cli=$1
transcript=$2
expected=$3
if ! command -v tshark >/dev/null 2>&1; then
    echo "tshark is not installed: skipped"
    exit 77
fi
dir=$(mktemp -d) || exit 2
trap 'rm -rf "$dir"' EXIT
pcap=$dir/session.pcap

"$cli" export-pcap "$transcript" "$pcap" || { echo "FAIL: export-pcap exited $?"; exit 1; }

# tshark writes its profile under HOME and warns on stderr when run as root; keep both apart.
export HOME="$dir"
check=$(tshark -r "$pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
    -Y 'ip.checksum.status != 1 || tcp.checksum.status != 1 || tcp.analysis.flags || _ws.malformed || _ws.expert.severity >= warning' \
    2>"$dir/err1") || { echo "FAIL: tshark could not read the capture:"; cat "$dir/err1"; exit 1; }
if [ -n "$check" ]; then
    echo "FAIL: tshark flags these packets (bad checksum, TCP analysis or malformed):"
    echo "$check"
    exit 1
fi
tshark -r "$pcap" -Y imap.line -T fields -e frame.number -e imap.request -e imap.response -e imap.line \
    >"$dir/got" 2>"$dir/err2" || { echo "FAIL: tshark could not decode the capture:"; cat "$dir/err2"; exit 1; }
if ! diff -u "$expected" "$dir/got"; then
    echo "FAIL: the IMAP lines tshark decodes differ from $expected (diff above: - expected, + decoded)"
    exit 1
fi
echo "ok: $(wc -l <"$dir/got") frames of IMAP lines decoded, checksums good"
