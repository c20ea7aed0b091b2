#include "bench.hpp"

#include <cstdio>
#include <numeric>

#include "bench_messages.hpp"

namespace imaplab::gui {

Lesson make_bench_lesson(std::size_t messages) {
    Lesson l;
    l.id = "bench-" + std::to_string(messages);
    l.title = {"Frame-time benchmark: " + std::to_string(messages) + " messages",
               "Замер кадров: " + std::to_string(messages) + " писем"};
    l.summary = {"LOGIN, SELECT INBOX, FETCH 1:* (FLAGS) on a large mailbox.",
                 "LOGIN, SELECT INBOX, FETCH 1:* (FLAGS) на большом ящике."};
    l.fixture.clock = 1340604900;  // 25-Jun-2012 10:15:00 +0400
    FixtureAccount account;
    account.user = "username";
    account.password = "password";
    FixtureMailbox inbox;
    inbox.name = "INBOX";
    inbox.messages.reserve(messages);
    for (std::size_t i = 1; i <= messages; ++i) {
        FixtureMessage m;
        m.uid = static_cast<std::uint32_t>(i);
        if (i % 3 == 0) m.flags.system |= kSeen;
        if (i % 10 == 0) m.flags.system |= kFlagged;
        if (i % 50 == 0) m.flags.system |= kAnswered;
        m.internal_date = "25-Jun-2012 10:15:00 +0400";
        m.text = bench::bench_message(static_cast<int>(i));
        inbox.messages.push_back(std::move(m));
    }
    account.mailboxes.push_back(std::move(inbox));
    l.fixture.accounts.push_back(std::move(account));
    auto step = [&](const char* en, const char* ru, std::string line) {
        LessonStep s;
        s.title = {en, ru};
        s.narration = {en, ru};
        s.send = {std::move(line)};
        l.steps.push_back(std::move(s));
    };
    step("Log in", "Вход", "a1 LOGIN username password");
    step("Select INBOX", "Выбор INBOX", "a2 SELECT INBOX");
    step("Fetch every message's flags", "Флаги всех писем", "a3 FETCH 1:* (FLAGS)");
    return l;
}

double BenchResult::mean() const {
    return frame_ms.empty() ? 0.0 : std::accumulate(frame_ms.begin(), frame_ms.end(), 0.0) / static_cast<double>(frame_ms.size());
}

std::string bench_report(const BenchResult& r, std::size_t messages, std::size_t log_lines, int warmup) {
    char buf[256];
    std::string out;
    std::snprintf(buf, sizeof buf, "setup: %.1f ms (%zu messages, %zu protocol lines)\n", r.setup_ms, messages, log_lines);
    out += buf;
    std::snprintf(buf, sizeof buf, "frames: %zu (after %d warm-up; %d vertices, %d draw lists a frame)\n", r.frame_ms.size(), warmup,
                  r.vertices, r.windows);
    out += buf;
    std::snprintf(buf, sizeof buf, "ms/frame: %.2f\n", r.mean());
    out += buf;
    return out;
}

}  // namespace imaplab::gui
