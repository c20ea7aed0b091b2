#pragma once
// The line explainer's panel, prepared: the protocol-log line the learner clicked, split into its
// tokens with their meaning in the UI language and the RFC section (lesson/explainer.hpp). Built
// when the selection, the language or the shown log changes, never per frame.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lesson/explainer.hpp"
#include "log_model.hpp"

namespace imaplab::gui {

struct ExplainRow {
    std::string token;    ///< as it appears in the line, made printable and shortened ("…")
    std::string meaning;  ///< one sentence in the UI language; "" when the data has no entry
    std::string rfc;      ///< "RFC 9051 §6.3.2"
    std::string missing;  ///< "section/key" when the data has no entry
};

struct ExplainModel {
    bool has_line = false;
    bool client = false;       ///< the selected line was sent by the client
    std::uint32_t step = 0;    ///< the step the line belongs to
    std::string line;          ///< the selected line's first physical line, printable, shortened
    std::vector<ExplainRow> rows;
    std::string error;         ///< the explanations could not be loaded (shown instead of rows)
};

/// Explains line `line` (index into `log.lines()`) in `lang`. `explainer` null: `load_error` is
/// shown. No line (nullopt or out of range): an empty model.
ExplainModel build_explain_model(const Explainer* explainer, const std::string& load_error, const LogModel& log,
                                 std::optional<std::size_t> line, Language lang);

/// `text` with control characters and line breaks made visible as spaces, cut to `max_chars`
/// code points with "…".
std::string printable_excerpt(const std::string& text, std::size_t max_chars);

}  // namespace imaplab::gui
