// Google Benchmark programs for the protocol engine (IMAPLAB_BENCH=ON; not part of CTest).
// See docs/BENCHMARKS.md for the numbers, the machine and how to reproduce them:
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DIMAPLAB_BENCH=ON -DIMAPLAB_BUILD_GUI=OFF
//   cmake --build build-bench -j2 --target imaplab_bench && build-bench/bench/imaplab_bench
// Each command benchmark feeds one command to an in-process Session (no sockets, no trace) that
// is logged in with INBOX selected, and consumes all the bytes it answers.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench_messages.hpp"
#include "codec/command_parser.hpp"
#include "codec/framer.hpp"
#include "codec/response_parser.hpp"
#include "engine/session.hpp"
#include "store/mail_store.hpp"
#include "types/flags.hpp"

using namespace imaplab;

namespace {

/// A store with one account ("bench") whose INBOX holds `count` benchmark messages, and a session
/// logged in with INBOX selected.
struct Fixture {
    MailStore store;
    std::unique_ptr<Session> session;
    Mailbox* inbox = nullptr;

    explicit Fixture(int count) {
        Account* a = store.add_account("bench", "bench");
        inbox = a->create("INBOX", 1340776425);
        for (int i = 1; i <= count; ++i) {
            Message m;
            m.uid = Uid{static_cast<std::uint32_t>(i)};
            m.internal_date = 1340604000 + i;
            m.tz_minutes = 240;
            m.text = std::make_shared<const std::string>(bench::bench_message(i));
            inbox->append(std::move(m));
        }
        inbox->raise_uidnext(static_cast<std::uint32_t>(count + 1));
        session = std::make_unique<Session>(store, ServerConfig{}, nullptr, 1);
        session->greeting();
        const std::string r = session->feed("a LOGIN bench bench\r\nb SELECT INBOX\r\n");
        if (r.find("b OK") == std::string::npos) throw std::runtime_error("SELECT failed: " + r);
    }

    /// Sends `command` and returns the size of the answer; fails the benchmark if it is not OK.
    std::size_t run(benchmark::State& state, const std::string& command) {
        const std::string out = session->feed(command);
        if (out.find("\r\nz OK") == std::string::npos && out.rfind("z OK", 0) != 0) {
            state.SkipWithError(("not OK: " + out.substr(out.size() > 300 ? out.size() - 300 : 0)).c_str());
            return 0;
        }
        return out.size();
    }
};

Fixture& fixture_100k() {
    static Fixture f(100000);
    return f;
}
Fixture& fixture_10k() {
    static Fixture f(10000);
    return f;
}

// ---- the command parser: framer + parse_command on a realistic mix ----
const std::string& command_mix() {
    static const std::string mix = [] {
        std::string s;
        for (int i = 0; i < 200; ++i) {
            const std::string t = "a" + std::to_string(i);
            s += t + " UID FETCH 1:*,4,17:42 (FLAGS UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (From To Subject Date)]<0.2048>)\r\n";
            s += t + "s UID STORE 10:20 +FLAGS.SILENT (\\Seen \\Flagged $Forwarded)\r\n";
            s += t + "x UID SEARCH OR (FROM \"bob@example.org\" SINCE 1-Jan-2024) (NOT SEEN LARGER 10000) HEADER Subject \"weekly report\"\r\n";
            s += t + "l LOGIN {5}\r\nalice \"pass \\\"word\\\"\"\r\n";
            s += t + "p APPEND INBOX (\\Seen) \"25-Jun-2012 10:00:00 +0400\" {850+}\r\n" + bench::bench_message(i).substr(0, 850) + "\r\n";
            s += t + "n NOOP\r\n";
        }
        return s;
    }();
    return mix;
}

void BM_CommandParser(benchmark::State& state) {
    const std::string& input = command_mix();
    std::size_t commands = 0;
    for (auto _ : state) {
        Framer framer;
        framer.feed(input);
        while (true) {
            Frame f = framer.next();
            if (f.kind == Frame::Kind::NeedMore) break;
            if (f.kind != Frame::Kind::Complete) continue;
            auto cmd = parse_command(f.bytes, f.literals);
            if (!cmd) state.SkipWithError(cmd.error().reason.c_str());
            benchmark::DoNotOptimize(cmd);
            ++commands;
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.counters["commands/s"] = benchmark::Counter(static_cast<double>(commands), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CommandParser)->Unit(benchmark::kMicrosecond);

void BM_ResponseParser(benchmark::State& state) {
    Fixture& f = fixture_10k();
    const std::string input = f.session->feed("z FETCH 1:2000 (FLAGS UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])\r\n");
    for (auto _ : state) {
        resp::ResponseParser p;
        p.feed(input);
        while (true) {
            auto ev = p.next();
            if (ev.kind == resp::ResponseEvent::Kind::NeedMore) break;
            if (ev.kind == resp::ResponseEvent::Kind::Failed) state.SkipWithError(ev.error.reason.c_str());
            benchmark::DoNotOptimize(ev);
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(BM_ResponseParser)->Unit(benchmark::kMillisecond);

// ---- commands on big mailboxes ----
void BM_Fetch_FlagsUidSize_100k(benchmark::State& state) {
    Fixture& f = fixture_100k();
    std::size_t bytes = 0;
    for (auto _ : state) bytes += f.run(state, "z FETCH 1:* (FLAGS UID RFC822.SIZE)\r\n");
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_Fetch_FlagsUidSize_100k)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_Fetch_Envelope_100k(benchmark::State& state) {
    Fixture& f = fixture_100k();
    std::size_t bytes = 0;
    for (auto _ : state) bytes += f.run(state, "z FETCH 1:* ENVELOPE\r\n");
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_Fetch_Envelope_100k)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_UidSearchText_10k(benchmark::State& state) {
    Fixture& f = fixture_10k();
    for (auto _ : state) f.run(state, "z UID SEARCH TEXT needle\r\n");
}
BENCHMARK(BM_UidSearchText_10k)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_UidStoreSeen_100k(benchmark::State& state) {
    // Each iteration adds \Seen to 100,000 messages that do not have it; the flags are taken off
    // again outside the timed region.
    Fixture& f = fixture_100k();
    for (auto _ : state) {
        f.run(state, "z UID STORE 1:* +FLAGS.SILENT (\\Seen)\r\n");
        state.PauseTiming();
        f.run(state, "z UID STORE 1:* -FLAGS.SILENT (\\Seen)\r\n");
        state.ResumeTiming();
    }
}
BENCHMARK(BM_UidStoreSeen_100k)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
