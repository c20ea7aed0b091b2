#include "console/completion.hpp"

#include <algorithm>
#include <cctype>

#include "codec/mailbox_name.hpp"
#include "console/console_input.hpp"
#include "console/vocabulary.hpp"
#include "engine/command_table.hpp"
#include "types/flags.hpp"

namespace imaplab::console {
namespace {

std::string upper(std::string_view s) {
    std::string u(s);
    for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_separator(char c) { return c == ' ' || c == '(' || c == ')' || c == '\r' || c == '\n' || c == '\t'; }

struct Token {
    std::string text;  // upper-cased
    int depth = 0;     // parentheses open before it
};

/// Splits `s` into words and parentheses; a quoted string is one word.
std::vector<Token> tokens(std::string_view s) {
    std::vector<Token> out;
    int depth = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == ' ' || c == '\r' || c == '\n' || c == '\t') {
            ++i;
        } else if (c == '(' || c == ')') {
            if (c == ')' && depth > 0) --depth;
            out.push_back({std::string(1, c), depth});
            if (c == '(') ++depth;
            ++i;
        } else {
            std::size_t start = i;
            if (c == '"') {
                ++i;
                while (i < s.size() && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
                i = std::min(i + 1, s.size());
            } else {
                while (i < s.size() && !is_separator(s[i])) ++i;
            }
            out.push_back({upper(s.substr(start, i - start)), depth});
        }
    }
    return out;
}

void add_matching(std::vector<std::string>& out, std::string_view candidate, std::string_view typed) {
    if (!starts_with_ci(candidate, typed)) return;
    if (std::find(out.begin(), out.end(), candidate) == out.end()) out.emplace_back(candidate);
}

}  // namespace

Completion complete(std::string_view input, std::size_t cursor, const CompletionContext& ctx) {
    cursor = std::min(cursor, input.size());
    while (cursor > 0 && cursor < input.size() && (static_cast<unsigned char>(input[cursor]) & 0xC0) == 0x80) --cursor;
    Completion c;
    // Inside literal data or a quoted string nothing is completed (a mailbox's opening quote is
    // part of the word, see below).
    const PreparedCommand prepared = prepare_input(input, "A0001");
    for (const auto& l : prepared.literals)
        if (cursor > l.header_offset + l.header_length && cursor <= l.data_offset + l.data_length) return c;
    std::size_t start = cursor;
    while (start > 0 && !is_separator(input[start - 1])) --start;
    std::size_t end = cursor;
    while (end < input.size() && !is_separator(input[end])) ++end;
    const std::string_view typed = input.substr(start, cursor - start);
    c.offset = start;
    c.length = end - start;

    std::vector<Token> before = tokens(input.substr(0, start));
    if (!before.empty() && !is_command_word(before.front().text)) before.erase(before.begin());  // the tag
    if (before.empty()) {
        // The command name: valid in the state first, then the rest; each alphabetical.
        std::vector<std::string> valid, other;
        for (const auto& spec : command_table()) {
            bool ok = (spec.valid_in & state_bit(ctx.state)) != 0;
            if (spec.name == "LSUB" && ctx.imap4rev2) ok = false;
            add_matching(ok ? valid : other, spec.name, typed);
        }
        std::sort(valid.begin(), valid.end());
        std::sort(other.begin(), other.end());
        c.kind = CompletionKind::CommandName;
        c.candidates = std::move(valid);
        c.candidates.insert(c.candidates.end(), other.begin(), other.end());
        return c;
    }
    std::string name = before.front().text;
    std::size_t first_arg = 1;
    if (name == "UID") {
        if (before.size() == 1) {
            // The second word of a UID command.
            for (const auto& spec : command_table())
                if (spec.name.rfind("UID ", 0) == 0) add_matching(c.candidates, spec.name.substr(4), typed);
            std::sort(c.candidates.begin(), c.candidates.end());
            c.kind = CompletionKind::CommandName;
            return c;
        }
        name += " " + before[1].text;
        first_arg = 2;
    }
    // Which top-level argument the cursor is in, and how deep in parentheses.
    std::size_t arg = 0;
    int depth = 0;
    for (std::size_t i = first_arg; i < before.size(); ++i) {
        const Token& t = before[i];
        if (t.text == "(") {
            if (depth == 0) ++arg;
            ++depth;
        } else if (t.text == ")") {
            if (depth > 0) --depth;
        } else if (depth == 0) {
            ++arg;
        }
    }
    const std::size_t index = depth > 0 ? arg - 1 : arg;  // the argument the cursor is in
    const std::string previous = before.size() > first_arg ? before.back().text : "";

    auto flags = [&] {
        c.kind = CompletionKind::Flag;
        for (SystemFlag f : system_flags_in_order()) add_matching(c.candidates, system_flag_name(f), typed);
        for (const auto& k : ctx.keywords) add_matching(c.candidates, k, typed);
    };
    auto mailboxes = [&] {
        c.kind = CompletionKind::Mailbox;
        const std::string_view bare = !typed.empty() && typed[0] == '"' ? typed.substr(1) : typed;
        std::vector<std::string> found;
        for (const auto& m : ctx.mailboxes) {
            std::string wire;
            append_mailbox_name(wire, m, ctx.imap4rev2);
            const std::string_view wire_bare = !wire.empty() && wire[0] == '"' ? std::string_view(wire).substr(1) : std::string_view(wire);
            if (starts_with_ci(wire_bare, bare) || starts_with_ci(m, bare))
                if (std::find(found.begin(), found.end(), wire) == found.end()) found.push_back(wire);
        }
        std::sort(found.begin(), found.end());
        c.candidates = std::move(found);
    };

    if (name == "FETCH" || name == "UID FETCH") {
        if (index != 1) return c;
        c.kind = CompletionKind::FetchItem;
        for (auto n : fetch_item_names()) add_matching(c.candidates, n, typed);
        if (depth == 0)
            for (auto n : fetch_macro_names()) add_matching(c.candidates, n, typed);
        std::sort(c.candidates.begin(), c.candidates.end());
    } else if (name == "SEARCH" || name == "UID SEARCH") {
        if (previous == "KEYWORD" || previous == "UNKEYWORD") {
            c.kind = CompletionKind::Flag;
            for (const auto& k : ctx.keywords) add_matching(c.candidates, k, typed);
            return c;
        }
        c.kind = CompletionKind::SearchKey;
        for (auto n : search_key_names()) {
            if (ctx.imap4rev2 && (n == "RECENT" || n == "NEW" || n == "OLD")) continue;  // no \Recent in IMAP4rev2
            add_matching(c.candidates, n, typed);
        }
    } else if (name == "STORE" || name == "UID STORE") {
        if (index == 1 && depth == 0) {
            c.kind = CompletionKind::StoreItem;
            for (auto n : store_item_names()) add_matching(c.candidates, n, typed);
        } else if (index >= 2) {
            flags();
        }
    } else if (name == "APPEND") {
        if (index == 0) mailboxes();
        else if (index == 1 && depth > 0) flags();
    } else if (name == "STATUS") {
        if (index == 0) mailboxes();
        else if (index == 1 && depth > 0) {
            c.kind = CompletionKind::StatusItem;
            for (auto n : status_item_names(ctx.imap4rev2)) add_matching(c.candidates, n, typed);
        }
    } else if (name == "SELECT" || name == "EXAMINE" || name == "CREATE" || name == "DELETE" || name == "SUBSCRIBE" ||
               name == "UNSUBSCRIBE") {
        if (index == 0 && depth == 0) mailboxes();
    } else if (name == "RENAME") {
        if (index <= 1 && depth == 0) mailboxes();
    } else if (name == "COPY" || name == "MOVE" || name == "UID COPY" || name == "UID MOVE") {
        if (index == 1 && depth == 0) mailboxes();
    } else if (name == "LIST" || name == "LSUB") {
        if (index == 1 && depth == 0) mailboxes();
    }
    return c;
}

}  // namespace imaplab::console
