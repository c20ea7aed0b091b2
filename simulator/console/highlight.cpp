#include "console/highlight.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace imaplab::console {
namespace {

std::string upper(std::string_view s) {
    std::string u(s);
    for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

bool is_space(char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; }
bool ends_atom(char c) { return is_space(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '"'; }

bool takes_sequence_set(std::string_view name) {
    return name == "FETCH" || name == "STORE" || name == "COPY" || name == "MOVE" || name == "UID FETCH" ||
           name == "UID STORE" || name == "UID COPY" || name == "UID MOVE" || name == "UID EXPUNGE";
}

bool looks_like_sequence_set(std::string_view w) {
    if (w.empty()) return false;
    bool digit_or_star = false;
    for (char c : w) {
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '*' || c == '$') digit_or_star = true;
        else if (c != ':' && c != ',') return false;
    }
    return digit_or_star;
}

}  // namespace

std::string_view to_string(SpanClass c) {
    switch (c) {
        case SpanClass::Tag: return "tag";
        case SpanClass::CommandName: return "command";
        case SpanClass::Atom: return "atom";
        case SpanClass::Number: return "number";
        case SpanClass::SequenceSet: return "sequence-set";
        case SpanClass::QuotedString: return "quoted";
        case SpanClass::LiteralHeader: return "literal-header";
        case SpanClass::LiteralData: return "literal-data";
        case SpanClass::Flag: return "flag";
        case SpanClass::Bracket: return "bracket";
        case SpanClass::Error: return "error";
    }
    return "?";
}

std::vector<Span> highlight(std::string_view in, const PreparedCommand& p) {
    std::vector<Span> spans;
    if (p.continuation_line) {  // DONE or a SASL response: no command syntax
        if (p.status == InputStatus::ExtraLines) spans.push_back({p.command_end, in.size() - p.command_end, SpanClass::Error});
        return spans;
    }
    auto add = [&](std::size_t off, std::size_t len, SpanClass c) {
        if (len) spans.push_back({off, len, c});
    };
    std::size_t pos = 0;
    auto skip_spaces = [&] {
        while (pos < in.size() && is_space(in[pos])) ++pos;
    };
    auto word = [&] {
        std::size_t start = pos;
        while (pos < in.size() && !is_space(in[pos])) ++pos;
        return in.substr(start, pos - start);
    };
    skip_spaces();
    if (p.tag_typed) {
        const std::size_t start = pos;
        add(start, word().size(), SpanClass::Tag);
        skip_spaces();
    }
    // The command name: one word, two for "UID x".
    std::string name;
    {
        const std::size_t start = pos;
        name = upper(word());
        std::size_t end = pos;
        if (name == "UID" && pos < in.size() && in[pos] == ' ') {
            std::size_t save = pos;
            ++pos;
            std::string_view second = word();
            if (!second.empty()) {
                name += " " + upper(second);
                end = pos;
            } else {
                pos = save;
            }
        }
        add(start, end - start, SpanClass::CommandName);
    }
    // Arguments.
    int depth = 0;
    std::size_t arg_index = 0;  // top-level argument being read
    std::string previous;       // the previous atom, upper-cased (SEARCH KEYWORD x)
    auto literal_at = [&](std::size_t off) -> const InputLiteral* {
        for (const auto& l : p.literals)
            if (l.header_offset == off) return &l;
        return nullptr;
    };
    auto flag_context = [&] {
        if (name == "STORE" || name == "UID STORE") return arg_index >= 2;
        if (name == "APPEND") return depth > 0 && arg_index == 1;
        return false;
    };
    while (pos < in.size()) {
        char c = in[pos];
        if (is_space(c)) {
            ++pos;
            continue;
        }
        const std::size_t start = pos;
        bool finished_arg = depth == 0;
        if (const InputLiteral* l = literal_at(pos)) {
            add(l->header_offset, l->header_length, SpanClass::LiteralHeader);
            add(l->data_offset, l->data_length, SpanClass::LiteralData);
            pos = std::max(l->header_offset + l->header_length, l->data_offset + l->data_length);
            previous.clear();
        } else if (c == '(' || c == ')' || c == '[' || c == ']') {
            add(pos, 1, SpanClass::Bracket);
            ++pos;
            if (c == '(') {
                ++depth;
                finished_arg = false;
            } else if (c == ')') {
                if (depth > 0) --depth;
                finished_arg = depth == 0;
            } else {
                finished_arg = c == ']' && depth == 0;
            }
        } else if (c == '"') {
            ++pos;
            bool escape = false;
            while (pos < in.size() && in[pos] != '\n' && in[pos] != '\r') {
                char q = in[pos++];
                if (escape) escape = false;
                else if (q == '\\') escape = true;
                else if (q == '"') break;
            }
            add(start, pos - start, SpanClass::QuotedString);
            previous.clear();
        } else {
            while (pos < in.size() && !ends_atom(in[pos])) ++pos;
            std::string_view w = in.substr(start, pos - start);
            SpanClass cls = SpanClass::Atom;
            const bool search = name == "SEARCH" || name == "UID SEARCH";
            if (w[0] == '\\') cls = SpanClass::Flag;
            else if (flag_context()) cls = SpanClass::Flag;
            else if (search && (previous == "KEYWORD" || previous == "UNKEYWORD")) cls = SpanClass::Flag;
            else if (takes_sequence_set(name) && arg_index == 0 && depth == 0) cls = SpanClass::SequenceSet;
            else if (std::all_of(w.begin(), w.end(), [](char d) { return std::isdigit(static_cast<unsigned char>(d)); }))
                cls = SpanClass::Number;
            else if (search && looks_like_sequence_set(w)) cls = SpanClass::SequenceSet;
            add(start, w.size(), cls);
            previous = upper(w);
            // An atom followed by "[" continues the same argument (BODY[TEXT]).
            if (pos < in.size() && in[pos] == '[') finished_arg = false;
        }
        if (finished_arg && depth == 0 && (pos >= in.size() || in[pos] == ' ' || in[pos] == '\r' || in[pos] == '\n'))
            ++arg_index;
    }
    // The error: everything from the failing offset on.
    std::size_t error_at = in.size();
    if (p.status == InputStatus::Ready && p.syntax) error_at = p.syntax->offset;
    if (p.status == InputStatus::ExtraLines) error_at = p.command_end;
    if (error_at < in.size()) {
        std::vector<Span> cut;
        for (Span s : spans) {
            if (s.offset >= error_at) continue;
            s.length = std::min(s.length, error_at - s.offset);
            cut.push_back(s);
        }
        cut.push_back({error_at, in.size() - error_at, SpanClass::Error});
        spans = std::move(cut);
    }
    return spans;
}

}  // namespace imaplab::console
