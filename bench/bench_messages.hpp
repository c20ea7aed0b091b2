#pragma once
// The benchmark messages: deterministic, ~850 octets each, the same bytes as
// bench/imap_bench.py writes for Dovecot (keep the two in step). Every 100th message
// contains the word "needle" in its body (UID SEARCH TEXT needle finds 1 in 100).
#include <string>

namespace imaplab::bench {

inline std::string bench_message(int i) {
    auto n = [](int v) { return std::to_string(v); };
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string m;
    m += "From: Sender " + n(i % 97) + " <sender" + n(i % 97) + "@example.org>\r\n";
    m += "To: Recipient <rcpt" + n(i % 13) + "@example.net>\r\n";
    m += "Cc: Team " + n(i % 7) + " <team" + n(i % 7) + "@example.com>, archive@example.com\r\n";
    m += "Subject: Benchmark message " + n(i) + " about topic " + n(i % 31) + "\r\n";
    m += "Date: Mon, 25 Jun 2012 10:" + two(i % 60) + ":00 +0400\r\n";
    m += "Message-ID: <bench-" + n(i) + "@example.org>\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=us-ascii\r\n";
    m += "\r\n";
    for (int line = 0; line < 8; ++line)
        m += "Line " + n(line) + " of message " + n(i) + ": the quick brown fox jumps over the lazy dog.\r\n";
    if (i % 100 == 0) m += "This one has a needle in it.\r\n";
    m += "-- \r\nSender " + n(i % 97) + "\r\n";
    return m;
}

}  // namespace imaplab::bench
