#include "log_model.hpp"

#include <algorithm>
#include <variant>

namespace imaplab::gui {

std::size_t utf8_length(const char* begin, const char* end) {
    std::size_t n = 0;
    for (const char* p = begin; p < end; ++p) {
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++n;
    }
    return n;
}

namespace {

/// Byte offset after advancing `columns` code points from `begin` (not past `end`).
std::uint32_t advance_columns(const std::string& text, std::uint32_t begin, std::uint32_t end, int columns) {
    std::uint32_t p = begin;
    int n = 0;
    while (p < end) {
        if ((static_cast<unsigned char>(text[p]) & 0xC0) != 0x80) {
            if (n == columns) break;
            ++n;
        }
        ++p;
    }
    return p;
}

}  // namespace

LogModel::LogModel(const Timeline& timeline) {
    std::vector<std::string> last_command_tag;  // per connection
    std::uint32_t first_connection = 0;
    for (const TraceEvent& e : timeline.events()) {
        const auto* wire = std::get_if<WireLine>(&e.data);
        if (!wire) continue;
        if (first_connection == 0) first_connection = e.connection;
        if (e.connection != first_connection) many_connections_ = true;
        if (last_command_tag.size() <= e.connection) last_command_tag.resize(e.connection + 1);
        LogLine line;
        line.event = static_cast<std::size_t>(e.index);
        line.step = e.step;
        line.connection = e.connection;
        line.wire = wire;
        switch (wire->kind) {
            case LineKind::ClientCommand:
                line.tag = wire->tag;
                last_command_tag[e.connection] = wire->tag;
                break;
            case LineKind::ClientContinuation:
            case LineKind::ServerContinuation:
                line.tag = last_command_tag[e.connection];
                break;
            case LineKind::ServerTagged:
                line.tag = wire->tag;
                break;
            case LineKind::ServerUntagged:
                break;
        }
        lines_.push_back(std::move(line));
    }
}

void LogModel::add_text_rows(LogRowKind kind, std::uint32_t step, std::uint32_t line, std::uint32_t literal,
                             std::uint32_t begin, std::uint32_t end, int width, bool& first) {
    const std::string& text = lines_[line].wire->text;
    // Split at line breaks (CRLF or a lone LF), then wrap each piece at `width` columns.
    std::uint32_t p = begin;
    while (true) {
        std::uint32_t nl = p;
        while (nl < end && text[nl] != '\n') ++nl;
        std::uint32_t piece_end = nl;
        if (piece_end > p && text[piece_end - 1] == '\r') --piece_end;
        std::uint32_t q = p;
        do {
            std::uint32_t r = advance_columns(text, q, piece_end, width);
            if (r < piece_end) {
                // Break after the last space of the row when it is not too far back; the bytes
                // stay exact (the space ends the row), only the reading gets easier.
                std::uint32_t sp = r;
                while (sp > q && text[sp - 1] != ' ') --sp;
                if (sp > q && utf8_length(text.data() + q, text.data() + sp) * 2 >= static_cast<std::size_t>(width)) r = sp;
            }
            LogRow row;
            row.kind = kind;
            row.first = first;
            row.step = step;
            row.line = line;
            row.literal = literal;
            row.begin = q;
            row.end = r;
            rows_.push_back(row);
            first = false;
            q = r;
        } while (q < piece_end);
        if (nl >= end) break;
        p = nl + 1;
        if (p >= end) break;  // a trailing line break starts no new row
    }
}

void LogModel::rebuild_rows(const std::set<LiteralKey>& expanded, int columns) {
    columns_ = std::max(columns, kLogPrefixColumns + 16);
    const int width = columns_ - kLogPrefixColumns;
    rows_.clear();
    line_first_row_.assign(lines_.size(), 0);
    std::uint32_t header_step = UINT32_MAX;
    for (std::uint32_t i = 0; i < lines_.size(); ++i) {
        const LogLine& line = lines_[i];
        const WireLine& wire = *line.wire;
        if (line.step != header_step) {
            header_step = line.step;
            LogRow header;
            header.kind = LogRowKind::StepHeader;
            header.step = line.step;
            header.line = i;
            rows_.push_back(header);
        }
        line_first_row_[i] = rows_.size();
        bool first = true;
        const auto size = static_cast<std::uint32_t>(wire.text.size());
        std::uint32_t pos = 0;
        for (std::uint32_t l = 0; l < wire.literals.size(); ++l) {
            const LiteralSpan& span = wire.literals[l];
            auto lit_begin = static_cast<std::uint32_t>(std::min<std::size_t>(span.offset, size));
            auto lit_end = static_cast<std::uint32_t>(std::min<std::size_t>(span.offset + span.length, size));
            // Text before the literal, without the CRLF that ends "{n}".
            std::uint32_t text_end = lit_begin;
            if (text_end > pos && wire.text[text_end - 1] == '\n') --text_end;
            if (text_end > pos && wire.text[text_end - 1] == '\r') --text_end;
            if (text_end > pos) add_text_rows(LogRowKind::Text, line.step, i, 0, pos, text_end, width, first);

            // Text after the literal, up to the next line break or literal.
            std::uint32_t next_lit = l + 1 < wire.literals.size()
                                         ? static_cast<std::uint32_t>(std::min<std::size_t>(wire.literals[l + 1].offset, size))
                                         : size;
            std::uint32_t tail_end = lit_end;
            while (tail_end < next_lit && wire.text[tail_end] != '\r' && wire.text[tail_end] != '\n') ++tail_end;

            LogRow toggle;
            toggle.kind = LogRowKind::LiteralToggle;
            toggle.step = line.step;
            toggle.line = i;
            toggle.literal = l;
            toggle.first = first;  // a line that starts with literal bytes (a client continuation)
            first = false;
            const bool open = expanded.count(LiteralKey{line.event, l}) > 0;
            // "▸ 7077 bytes " takes about 16 columns; a short tail rides on the toggle row when collapsed.
            const bool tail_fits = utf8_length(wire.text.data() + lit_end, wire.text.data() + tail_end) + 18 <=
                                   static_cast<std::size_t>(width);
            if (!open && tail_fits) {
                toggle.begin = lit_end;
                toggle.end = tail_end;
                pos = tail_end;
            } else {
                toggle.begin = toggle.end = lit_end;
                pos = lit_end;
            }
            rows_.push_back(toggle);
            if (open && lit_end > lit_begin) {
                bool data_first = false;
                add_text_rows(LogRowKind::LiteralData, line.step, i, l, lit_begin, lit_end, width, data_first);
            }
            // Skip the line break that may follow a collapsed tail.
            if (pos < size && wire.text[pos] == '\r') ++pos;
            if (pos < size && wire.text[pos] == '\n') ++pos;
        }
        if (pos < size || first) add_text_rows(LogRowKind::Text, line.step, i, 0, pos, size, width, first);
    }
}

std::size_t LogModel::rows_until_step(std::uint32_t step) const {
    auto it = std::upper_bound(rows_.begin(), rows_.end(), step,
                               [](std::uint32_t s, const LogRow& r) { return s < r.step; });
    return static_cast<std::size_t>(it - rows_.begin());
}

std::size_t LogModel::first_row_of_step(std::uint32_t step) const {
    auto it = std::lower_bound(rows_.begin(), rows_.end(), step,
                               [](const LogRow& r, std::uint32_t s) { return r.step < s; });
    return static_cast<std::size_t>(it - rows_.begin());
}

std::size_t LogModel::first_row_of_line(std::size_t line) const {
    return line < line_first_row_.size() ? line_first_row_[line] : 0;
}

}  // namespace imaplab::gui
