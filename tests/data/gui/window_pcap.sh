#!/bin/sh
# CTest test of the window's pcap export (tests/gui_tests.cmake): the window exports lesson 07's
# session (script export_pcap.script: export-pcap and export-transcript), imaplab-cli export-pcap
# turns the window's transcript into a capture, and the two files must be byte-identical (cmp).
# With "tshark" as 6th argument the window's file is then read by tshark -Y imap: no malformed
# packet, no bad checksum, and the IMAP lines it decodes are those of the transcript.
#
# usage: window_pcap.sh XVFB_RUN IMAPLAB IMAPLAB_CLI SOURCE_DIR WORKDIR [tshark]
set -u
[ $# -ge 5 ] || { echo "usage: $0 XVFB_RUN IMAPLAB IMAPLAB_CLI SOURCE_DIR WORKDIR [tshark]" >&2; exit 2; }
xvfb=$1 imaplab=$2 cli=$3 src=$4 dir=$5 mode=${6:-cmp}
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 2
"$xvfb" -a -s "-screen 0 1280x800x24" "$imaplab" --lesson "$src/lessons/07-reading-a-message.json" --lang en \
    --script "$src/tests/data/gui/export_pcap.script" || { echo "FAIL: imaplab --script exited $?"; exit 1; }
[ -s window.pcap ] && [ -s window.txt ] || { echo "FAIL: the window wrote no window.pcap / window.txt"; exit 1; }
"$cli" export-pcap window.txt cli.pcap >/dev/null || { echo "FAIL: imaplab-cli export-pcap exited $?"; exit 1; }
cmp window.pcap cli.pcap || { echo "FAIL: the window's pcap differs from imaplab-cli export-pcap's"; exit 1; }
echo "ok: window.pcap and cli.pcap are identical ($(wc -c <window.pcap) octets)"
[ "$mode" = tshark ] || exit 0

if ! command -v tshark >/dev/null 2>&1; then
    echo "tshark is not installed: skipped"
    exit 77
fi
export HOME="$dir"  # tshark's profile, and its warning when run as root, stay here
bad=$(tshark -r window.pcap -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
    -Y 'ip.checksum.status != 1 || tcp.checksum.status != 1 || tcp.analysis.flags || _ws.malformed || _ws.expert.severity >= warning' \
    2>err1) || { echo "FAIL: tshark could not read window.pcap:"; cat err1; exit 1; }
[ -z "$bad" ] || { echo "FAIL: tshark flags these packets:"; echo "$bad"; exit 1; }
tshark -r window.pcap -Y imap >imap.txt 2>err2 || { echo "FAIL: tshark -Y imap:"; cat err2; exit 1; }
[ -s imap.txt ] || { echo "FAIL: tshark -Y imap shows no IMAP packet"; exit 1; }
# Every C:/S: line of the transcript is an IMAP line tshark decodes (tshark shows the CRLF as
# "\r\n"), except a line announcing a literal {n} and the line after it: the literal's data
# joins them in one frame.
tshark -r window.pcap -Y imap.line -T fields -e imap.line 2>err3 | sed 's/\\r\\n$//' >lines.txt || { cat err3; exit 1; }
sed -n 's/^[CS]: //p' window.txt | awk '{ skip = after; after = ($0 ~ /\{[0-9]+\+?\}$/) } skip || after { next } { print }' >want.txt
[ "$(wc -l <want.txt)" -gt 20 ] || { echo "FAIL: too few lines to compare in window.txt"; exit 1; }
missing=$(grep -vxFf lines.txt want.txt | head -5)
[ -z "$missing" ] || { echo "FAIL: lines of the session tshark did not decode:"; echo "$missing"; exit 1; }
echo "ok: tshark decodes $(wc -l <imap.txt) IMAP packets, $(wc -l <lines.txt) lines, checksums good"
