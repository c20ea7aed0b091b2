#include "console/console_input.hpp"

#include <algorithm>
#include <cctype>

#include "client/simulated_client.hpp"
#include "codec/command_parser.hpp"
#include "codec/framer.hpp"
#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/command_table.hpp"
#include "engine/commands/fetch_items.hpp"
#include "engine/commands/mailbox_args.hpp"
#include "engine/search/search_parser.hpp"
#include "types/flags.hpp"

namespace imaplab::console {
namespace {

std::string upper(std::string_view s) {
    std::string u(s);
    for (auto& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

/// The text of the server's tagged BAD for an argument error (Session's argument_error_text).
std::string bad_line(std::string_view tag, std::string_view command, std::string_view reason) {
    std::string text = command.empty() ? std::string("Error in IMAP command: ") + std::string(reason)
                                       : "Error in IMAP command " + std::string(command) + ": " + std::string(reason);
    if (!text.empty() && text.back() != '.') text += '.';
    std::string line(tag);
    line += " BAD ";
    append_text(line, text);
    return line;
}

/// Walks a command's arguments with the engine's readers, in the order its handler reads them.
/// Returns false with `reason` and the offending argument's offset (or `end` when missing).
class ArgCheck {
public:
    ArgCheck(const ParsedCommand& cmd, std::size_t end, bool rev2) : cmd_(cmd), end_(end), rev2_(rev2), r_(cmd.args) {}

    bool run() {
        const std::string& n = cmd_.name;
        if (n == "CAPABILITY" || n == "NOOP" || n == "LOGOUT" || n == "CHECK" || n == "CLOSE" || n == "UNSELECT" ||
            n == "EXPUNGE" || n == "IDLE" || n == "NAMESPACE" || n == "STARTTLS")
            return reader(r_.end());
        std::string s, s2;
        SequenceSet set;
        if (n == "LOGIN") return reader(r_.astring(s) && r_.astring(s2) && r_.end());
        if (n == "SELECT" || n == "EXAMINE" || n == "DELETE" || n == "SUBSCRIBE" || n == "UNSUBSCRIBE" || n == "GETACL" ||
            n == "MYRIGHTS")
            return reader(r_.mailbox(s) && r_.end());
        if (n == "CREATE") return reader(r_.mailbox(s));  // CREATE's USE option is left to the server
        if (n == "RENAME") return reader(r_.mailbox(s) && r_.mailbox(s2) && r_.end());
        if (n == "DELETEACL" || n == "LISTRIGHTS") return reader(r_.mailbox(s) && r_.astring(s2) && r_.end());
        if (n == "SETACL") {
            std::string s3;
            return reader(r_.mailbox(s) && r_.astring(s2) && r_.astring(s3) && r_.end());
        }
        if (n == "COPY" || n == "MOVE" || n == "UID COPY" || n == "UID MOVE")
            return reader(r_.sequence_set(set) && r_.mailbox(s) && r_.end());
        if (n == "UID EXPUNGE") return reader(r_.sequence_set(set) && r_.end());
        if (n == "FETCH" || n == "UID FETCH") {
            const Arg* items = nullptr;
            if (!reader(r_.sequence_set(set) && r_.any(items) && r_.end())) return false;
            std::vector<FetchItem> parsed;
            std::string error;
            if (!parse_fetch_items(*items, parsed, error)) return fail(items->offset, error);
            return true;
        }
        if (n == "STORE" || n == "UID STORE") {
            std::string item;
            if (!reader(r_.sequence_set(set))) return false;
            const Arg* item_arg = r_.peek();
            if (!reader(r_.atom_upper(item))) return false;
            std::string base = item;
            if (!base.empty() && (base[0] == '+' || base[0] == '-')) base = base.substr(1);
            if (base.size() > 7 && base.compare(base.size() - 7, 7, ".SILENT") == 0) base.resize(base.size() - 7);
            // cmd_store.cpp's text (an agreement test compares them).
            if (base != "FLAGS")
                return fail(item_arg->offset, "Invalid arguments: expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT), got " + item);
            FlagNames flags;
            return reader(r_.flags(flags, /*allow_bare=*/true));
        }
        if (n == "SEARCH" || n == "UID SEARCH") {
            auto program = search::parse_search_program(cmd_.args, rev2_);
            if (program || program.error().no) return true;
            return fail(cmd_.args.empty() ? end_ : cmd_.args.front().offset, program.error().text);
        }
        if (n == "STATUS") {
            const Arg* list = nullptr;
            if (!reader(r_.mailbox(s) && r_.any(list))) return false;
            if (list->type != Arg::Type::List) return fail(list->offset, "Invalid arguments");  // cmd_status.cpp's text
            commands::StatusItems items;
            std::string error;
            if (!commands::parse_status_items(list->children, rev2_, items, error)) return fail(list->offset, error);
            return reader(r_.end());
        }
        if (n == "LIST" || n == "LSUB") {
            if (n == "LSUB" && rev2_) return fail(end_, "Unknown command");
            if (n == "LIST" && r_.peek() && r_.peek()->type == Arg::Type::List) {
                const Arg* selection = nullptr;
                r_.any(selection);  // selection options are left to the server
            }
            std::string reference, error;
            std::vector<std::string> patterns;
            bool pattern_list = false;
            if (!commands::read_list_reference_patterns(r_, reference, patterns, pattern_list, error))
                return fail(r_.peek() ? r_.peek()->offset : end_, error);
            return true;  // RETURN options are left to the server
        }
        if (n == "APPEND") {
            FlagNames flags;
            if (!reader(r_.mailbox(s))) return false;
            if (r_.peek() && r_.peek()->type == Arg::Type::List) return reader(r_.flags(flags, /*allow_bare=*/false));
            return true;
        }
        if (n == "AUTHENTICATE") return reader(r_.atom_upper(s));
        return true;  // ID, ENABLE: left to the server
    }

    std::size_t offset = 0;
    std::string reason;

private:
    const ParsedCommand& cmd_;
    std::size_t end_;
    bool rev2_;
    ArgReader r_;

    bool reader(bool ok) {
        if (ok) return true;
        return fail(r_.peek() ? r_.peek()->offset : end_, r_.error());
    }
    bool fail(std::size_t at, std::string why) {
        offset = at;
        reason = std::move(why);
        return false;
    }
};

/// Offset of the command name in a parsed command's wire text.
std::size_t name_offset(std::string_view wire) {
    std::size_t sp = wire.find(' ');
    return sp == std::string_view::npos ? wire.size() : sp + 1;
}

/// Literal headers found the way codec/framer.cpp finds them: a line (outside a quoted string)
/// ending in "{n}" / "{n+}", "~" before "{" for literal8.
struct ScannedLiteral {
    std::size_t header = 0, header_length = 0, data = 0, announced = 0;
    bool sync = true;
};
struct Scan {
    std::vector<ScannedLiteral> literals;
    bool complete = false;     // the command ended (at a line end or at the end of the text)
    std::size_t end = 0;       // offset of the line end that ends the command (or the text size)
    std::size_t missing = 0;   // octets the last literal still wants
};

/// Does `line` (starting at `line_start` in the text) end with a literal announcement? As
/// codec/framer.cpp's literal_announcement(): "{digits}" or "{digits+}", at most 19 digits.
bool literal_header(std::string_view line, std::size_t line_start, ScannedLiteral& lit) {
    std::size_t open = line.rfind('{');
    if (line.empty() || line.back() != '}' || open == std::string_view::npos) return false;
    std::string_view inside = line.substr(open + 1, line.size() - open - 2);
    lit.sync = true;
    if (!inside.empty() && inside.back() == '+') {
        lit.sync = false;
        inside.remove_suffix(1);
    }
    if (inside.empty() || inside.size() > 19 || !std::all_of(inside.begin(), inside.end(), [](char d) { return d >= '0' && d <= '9'; }))
        return false;
    lit.announced = 0;
    for (char d : inside) lit.announced = lit.announced * 10 + static_cast<std::size_t>(d - '0');
    lit.header = line_start + open;
    if (open > 0 && line[open - 1] == '~') --lit.header;
    lit.header_length = line_start + line.size() - lit.header;
    return true;
}

Scan scan(std::string_view w) {
    Scan s;
    std::size_t pos = 0, line_start = 0;
    bool in_quote = false, escape = false;
    while (pos < w.size()) {
        char c = w[pos];
        if (c != '\n') {
            if (in_quote) {
                if (escape) escape = false;
                else if (c == '\\') escape = true;
                else if (c == '"') in_quote = false;
            } else if (c == '"') {
                in_quote = true;
            }
            ++pos;
            continue;
        }
        std::size_t line_end = pos;
        if (line_end > line_start && w[line_end - 1] == '\r') --line_end;
        std::string_view line = w.substr(line_start, line_end - line_start);
        ScannedLiteral lit;
        const bool is_literal = !in_quote && literal_header(line, line_start, lit);
        if (!is_literal) {
            s.complete = true;
            s.end = line_end;
            return s;
        }
        lit.data = pos + 1;
        s.literals.push_back(lit);
        in_quote = escape = false;
        if (lit.announced > w.size() - lit.data) {  // (no overflow with a 19-digit count)
            s.missing = lit.announced - (w.size() - lit.data);
            return s;
        }
        pos = line_start = lit.data + lit.announced;
    }
    // The end of the text is a line end too (SimulatedClient::send appends CRLF): a literal
    // announced there still wants all its octets.
    ScannedLiteral lit;
    if (!in_quote && literal_header(w.substr(line_start), line_start, lit)) {
        lit.data = w.size();
        s.literals.push_back(lit);
        s.missing = lit.announced;
        return s;
    }
    s.complete = true;
    s.end = w.size();
    return s;
}

}  // namespace

bool is_command_word(std::string_view word) {
    const std::string u = upper(word);
    return u == "UID" || find_command(u) != nullptr;
}

std::optional<SyntaxError> check_command(std::string_view wire, const CheckOptions& options) {
    Framer framer(FramerLimits{std::size_t(1) << 30, std::size_t(1) << 40});
    framer.feed(wire);
    framer.feed("\r\n");
    Frame frame;
    do frame = framer.next();
    while (frame.kind == Frame::Kind::LiteralAnnounced);
    if (frame.kind != Frame::Kind::Complete) return std::nullopt;  // unterminated: prepare_input says so
    auto parsed = parse_command(frame.bytes, frame.literals);
    SyntaxError e;
    if (!parsed) {
        const ParseError& p = parsed.error();
        e.offset = p.offset;
        e.reason = p.reason;
        if (p.stage == ParseError::Stage::Tag) {
            e.reason = "Invalid tag";
            e.server_line = "* BAD Error in IMAP tag: Invalid tag.";
        } else if (p.stage == ParseError::Stage::Name) {
            e.server_line = bad_line(p.tag, "", "Invalid command name");
        } else if (!find_command(p.name)) {
            e.offset = name_offset(frame.bytes);
            e.reason = "Unknown command";
            e.server_line = bad_line(p.tag, p.name, e.reason);
        } else {
            e.server_line = bad_line(p.tag, p.name, p.reason);
        }
        return e;
    }
    const ParsedCommand& cmd = parsed.value();
    if (!find_command(cmd.name)) {
        e.offset = name_offset(frame.bytes);
        e.reason = "Unknown command";
        e.server_line = bad_line(cmd.tag, cmd.name, e.reason);
        return e;
    }
    ArgCheck check(cmd, frame.bytes.size(), options.imap4rev2);
    if (check.run()) return std::nullopt;
    e.offset = check.offset;
    e.reason = check.reason;
    e.server_line = bad_line(cmd.tag, cmd.name, check.reason);
    return e;
}

std::size_t PreparedCommand::input_offset(std::size_t text_offset) const {
    if (text_offset < tag_prefix) return 0;
    std::size_t crs = static_cast<std::size_t>(std::lower_bound(inserted_cr.begin(), inserted_cr.end(), text_offset) - inserted_cr.begin());
    return text_offset - tag_prefix - crs;
}

PreparedCommand prepare_input(std::string_view input, std::string_view next_tag, const CheckOptions& options) {
    PreparedCommand p;
    if (options.continuation_line) {
        // IDLE's DONE or a SASL response (an empty one too): sent as it is, one line.
        p.tag_typed = true;
        p.continuation_line = true;
        const std::size_t eol = input.find_first_of("\r\n");
        p.text = std::string(input.substr(0, eol));
        const std::string_view rest = eol == std::string_view::npos ? std::string_view() : input.substr(eol);
        if (!std::all_of(rest.begin(), rest.end(), [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; })) {
            p.status = InputStatus::ExtraLines;
            p.command_end = eol;
            return p;
        }
        p.status = InputStatus::Ready;
        p.parts.push_back({p.text + "\r\n", false});
        return p;
    }
    if (std::all_of(input.begin(), input.end(), [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; }))
        return p;
    // The first word: a command name (or the beginning of one, while it is the only word) means
    // "no tag typed".
    const std::size_t first_end = std::min(input.find_first_of(" \r\n"), input.size());
    const std::string_view first = input.substr(0, first_end);
    bool is_command = is_command_word(first);
    if (!is_command && first_end == input.size()) {
        const std::string u = upper(first);
        for (const auto& spec : command_table())
            if (!u.empty() && spec.name.substr(0, u.size()) == u) is_command = true;
    }
    p.tag_typed = !is_command;
    if (p.tag_typed) {
        p.tag = std::string(first);
    } else {
        p.tag = std::string(next_tag);
        p.text = p.tag + " ";
        p.tag_prefix = p.text.size();
    }
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (input[i] == '\n' && (i == 0 || input[i - 1] != '\r')) {
            p.inserted_cr.push_back(p.text.size());
            p.text += '\r';
        }
        p.text += input[i];
    }
    // Offsets in `text` -> the input box.
    auto in = [&](std::size_t o) { return p.input_offset(o); };
    Scan s = scan(p.text);
    for (const auto& l : s.literals) {
        InputLiteral il;
        il.header_offset = in(l.header);
        il.header_length = in(l.header + l.header_length) - il.header_offset;
        il.data_offset = in(std::min(l.data, p.text.size()));
        const std::size_t data_end = l.announced > p.text.size() - l.data ? p.text.size() : l.data + l.announced;
        il.data_length = in(data_end) - il.data_offset;
        il.announced = l.announced;
        il.present = data_end - std::min(l.data, p.text.size());
        il.synchronizing = l.sync;
        p.literals.push_back(il);
    }
    if (!s.complete) {
        p.status = InputStatus::NeedsLiteralData;
        p.missing = s.missing;
        return p;
    }
    // A trailing line end is ignored; anything else after the command's end is another command.
    std::string_view rest = std::string_view(p.text).substr(s.end);
    if (!std::all_of(rest.begin(), rest.end(), [](char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; })) {
        p.status = InputStatus::ExtraLines;
        p.command_end = in(s.end);
        return p;
    }
    p.text.resize(s.end);
    p.status = InputStatus::Ready;
    // The round trip, as the simulated client will make it: the server is assumed to answer "+".
    SimulatedClient client;
    client.send(p.text);
    while (true) {
        std::string chunk = client.take_output();
        if (chunk.empty()) break;
        const bool waits = client.waiting_for_continuation();
        p.parts.push_back({std::move(chunk), waits});
        if (!waits) break;
        client.receive("+ OK\r\n");
    }
    if (auto e = check_command(p.text, options)) {
        e->offset = in(e->offset);
        while (e->offset > 0 && e->offset < input.size() && (static_cast<unsigned char>(input[e->offset]) & 0xC0) == 0x80)
            --e->offset;  // never inside a UTF-8 sequence
        p.syntax = std::move(e);
    }
    return p;
}

std::optional<std::string> submit(SimulatedClient& client, std::string_view input, const CheckOptions& options) {
    PreparedCommand p = prepare_input(input, client.next_tag(), options);
    if (p.status != InputStatus::Ready) return std::nullopt;
    if (p.tag_typed) {
        client.send(p.text);
        return p.tag;
    }
    return client.send_tagged(std::string_view(p.text).substr(p.tag_prefix));
}

}  // namespace imaplab::console
