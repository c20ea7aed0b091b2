#include "explain_model.hpp"

namespace imaplab::gui {

std::string printable_excerpt(const std::string& text, std::size_t max_chars) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) != 0x80) {  // a code point starts here
            if (chars == max_chars) {
                out += "…";
                return out;
            }
            ++chars;
        }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            out += ' ';
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            out += ' ';
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

ExplainModel build_explain_model(const Explainer* explainer, const std::string& load_error, const LogModel& log,
                                 std::optional<std::size_t> line, Language lang) {
    ExplainModel m;
    if (!line || *line >= log.lines().size()) return m;
    const LogLine& l = log.lines()[*line];
    const WireLine& wire = *l.wire;
    m.has_line = true;
    m.client = wire.is_client();
    m.step = l.step;
    std::string text = wire.text;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    m.line = printable_excerpt(text.substr(0, text.find("\r\n")), 160);
    if (!explainer) {
        m.error = load_error;
        return m;
    }
    for (const ExplainedToken& t : explainer->explain(text, m.client ? LineSide::Client : LineSide::Server)) {
        ExplainRow row;
        row.token = printable_excerpt(t.text, 36);
        if (t.meaning) {
            row.meaning = t.meaning->text(lang);
            row.rfc = t.meaning->rfc;
        } else {
            row.missing = t.section + "/" + t.key;
        }
        m.rows.push_back(std::move(row));
    }
    return m;
}

}  // namespace imaplab::gui
