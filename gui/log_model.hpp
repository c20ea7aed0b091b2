#pragma once
// The protocol log, prepared for drawing: every WireLine of the timeline, classified, and split
// into fixed-height display rows (wrapped to the panel's width in monospace columns, literals
// collapsed or expanded). Built once per timeline; rows are rebuilt only when the width or the
// set of expanded literals changes, never per frame.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "trace/timeline.hpp"
#include "ui_state.hpp"

namespace imaplab::gui {

struct LogLine {
    std::size_t event = 0;        ///< index of the event in the timeline
    std::uint32_t step = 0;
    std::uint32_t connection = 0;
    const WireLine* wire = nullptr;  ///< points into the timeline, which outlives the model
    std::string tag;              ///< the command's tag; continuations inherit their command's tag
};

enum class LogRowKind : std::uint8_t {
    StepHeader,     ///< separator before the first line of a step
    Text,           ///< protocol text (first row of a line carries the C:/S: prefix)
    LiteralToggle,  ///< "▸ 7077 bytes" (click to expand); may carry the text after the literal
    LiteralData,    ///< one row of an expanded literal
};

struct LogRow {
    LogRowKind kind = LogRowKind::Text;
    bool first = false;         ///< first row of its line
    std::uint32_t step = 0;
    std::uint32_t line = 0;     ///< index into LogModel::lines()
    std::uint32_t literal = 0;  ///< LiteralToggle / LiteralData: which literal of the line
    std::uint32_t begin = 0;    ///< byte range of wire->text shown in this row
    std::uint32_t end = 0;      ///< (LiteralToggle: text after the literal, shown when collapsed)
};

class LogModel {
public:
    explicit LogModel(const Timeline& timeline);

    /// Re-splits the lines into rows `columns` monospace characters wide (prefix included).
    void rebuild_rows(const std::set<LiteralKey>& expanded, int columns);

    const std::vector<LogLine>& lines() const { return lines_; }
    const std::vector<LogRow>& rows() const { return rows_; }
    int columns() const { return columns_; }
    bool many_connections() const { return many_connections_; }

    /// Number of rows whose step is <= `step` (the rows shown at that step).
    std::size_t rows_until_step(std::uint32_t step) const;
    /// Index of the first row of `step` (== rows_until_step(step - 1)).
    std::size_t first_row_of_step(std::uint32_t step) const;
    /// The row that starts line `line`.
    std::size_t first_row_of_line(std::size_t line) const;

private:
    void add_text_rows(LogRowKind kind, std::uint32_t step, std::uint32_t line, std::uint32_t literal,
                       std::uint32_t begin, std::uint32_t end, int width, bool& first);

    std::vector<LogLine> lines_;
    std::vector<LogRow> rows_;
    std::vector<std::size_t> line_first_row_;
    int columns_ = 0;
    bool many_connections_ = false;
};

/// Width of the "C: " / "S: " prefix, in columns.
constexpr int kLogPrefixColumns = 3;

/// Number of UTF-8 code points in [begin, end).
std::size_t utf8_length(const char* begin, const char* end);

}  // namespace imaplab::gui
