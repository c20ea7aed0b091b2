#include "engine/arg_reader.hpp"
#include "types/ascii.hpp"

namespace imaplab {

namespace {
/// The BAD text for a byte not allowed in an atom: the character itself when it is printable
/// ASCII, otherwise Dovecot's words ("8bit data in atom", "Invalid characters in atom"), so a
/// response text never carries the client's control or 8-bit bytes.
std::string invalid_char_text(char c, std::string_view where) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return "8bit data in " + std::string(where);
    if (u < 0x20 || u == 0x7f) return "Invalid characters in " + std::string(where);
    return "Invalid character '" + std::string(1, c) + "' in " + std::string(where);
}
}  // namespace

bool ArgReader::end() {
    if (!at_end()) return fail("Unexpected extra arguments");
    return true;
}

bool ArgReader::any(const Arg*& out) {
    if (at_end()) return fail("Missing arguments");
    out = &args_[pos_++];
    return true;
}

bool ArgReader::astring(std::string& out) {
    if (at_end()) return fail("Missing arguments");
    const Arg& a = args_[pos_];
    if (a.type == Arg::Type::List) return fail("Expected a string, got a list");
    if (a.type == Arg::Type::Atom) {
        for (char c : a.value)
            if (!(is_atom_char(c) || c == ']')) return fail(invalid_char_text(c, "atom"));
    }
    out = a.value;
    ++pos_;
    return true;
}

bool ArgReader::mailbox(std::string& out) { return astring(out); }

bool ArgReader::list_mailbox(std::string& out) {
    if (at_end()) return fail("Missing arguments");
    const Arg& a = args_[pos_];
    if (a.type == Arg::Type::List) return fail("Expected a mailbox pattern, got a list");
    if (a.type == Arg::Type::Atom) {
        for (char c : a.value)
            if (!(is_atom_char(c) || c == ']' || c == '%' || c == '*')) return fail(invalid_char_text(c, "mailbox pattern"));
    }
    out = a.value;
    ++pos_;
    return true;
}

bool ArgReader::atom_upper(std::string& out) {
    if (at_end()) return fail("Missing arguments");
    const Arg& a = args_[pos_];
    if (a.type != Arg::Type::Atom) return fail("Expected an atom");
    out = ascii_upper(a.value);
    ++pos_;
    return true;
}

bool ArgReader::sequence_set(SequenceSet& out) {
    if (at_end()) return fail("Missing arguments");
    const Arg& a = args_[pos_];
    if (a.type != Arg::Type::Atom) return fail("Invalid messageset");
    std::string why;
    auto s = SequenceSet::parse(a.value, &why);
    if (!s) return fail("Invalid messageset: " + why);
    out = *s;
    ++pos_;
    return true;
}

bool ArgReader::flags(FlagNames& out, bool allow_bare) {
    if (at_end()) return fail("Missing flags");
    auto add = [&](const Arg& f) {
        if (f.type != Arg::Type::Atom) return fail("Flags must be atoms");
        std::string why;
        auto parsed = parse_flag_token(f.value, &why);
        if (!parsed) return fail(why);
        out.system |= parsed->system;
        for (const auto& k : parsed->keywords) out.add_keyword(k);
        return true;
    };
    const Arg& a = args_[pos_];
    if (a.type == Arg::Type::List) {
        for (const auto& f : a.children)
            if (!add(f)) return false;
        ++pos_;
        return true;
    }
    if (!allow_bare) return fail("Expected a parenthesised flag list");
    while (!at_end()) {
        if (!add(args_[pos_])) return false;
        ++pos_;
    }
    return true;
}

}  // namespace imaplab
