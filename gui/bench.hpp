#pragma once
// `imaplab --bench-frames N --messages M`: the frame-time benchmark (docs/BENCHMARKS.md). A lesson
// built in memory (deterministic): an INBOX of M messages (bench/bench_messages.hpp, the messages
// of the protocol benchmarks) and three steps, LOGIN, SELECT INBOX, FETCH 1:* (FLAGS), so the
// protocol log has about M lines and the mailbox table M rows. The window opens at the last step.
#include <cstddef>
#include <string>
#include <vector>

#include "lesson/lesson.hpp"

namespace imaplab::gui {

/// The benchmark lesson with `messages` messages in INBOX (UIDs 1..messages; every 3rd \Seen,
/// every 10th \Flagged, every 50th \Answered).
Lesson make_bench_lesson(std::size_t messages);

/// Frame times of a benchmark run, in milliseconds.
struct BenchResult {
    double setup_ms = 0;           ///< building and playing the lesson, preparing the window's models
    std::vector<double> frame_ms;  ///< each measured frame (warm-up frames excluded)
    int vertices = 0;              ///< ImGui vertices of the last frame (what the GPU draws)
    int windows = 0;               ///< ImGui draw lists of the last frame
    double mean() const;
};

/// The report's lines: "setup: X ms (M messages, L protocol lines)", "frames: N (after W warm-up,
/// V vertices and D draw lists a frame)",
/// and last "ms/frame: X" (the mean, two decimals).
std::string bench_report(const BenchResult& result, std::size_t messages, std::size_t log_lines, int warmup);

}  // namespace imaplab::gui
