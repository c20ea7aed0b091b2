#pragma once
// Syntax highlighting of the console's input box as the learner types: the input cut into spans,
// each with a class (tag, command name, sequence set, quoted string, literal, flag, ...). Spans
// are byte ranges of the input, in order, not overlapping; spaces and line ends outside tokens
// belong to no span. Cuts fall only on ASCII bytes, so a span never splits a UTF-8 sequence.
// RFC 9051 §4 (data formats) and §9 (formal syntax) give the classes.
#include <cstddef>
#include <string_view>
#include <vector>

#include "console/console_input.hpp"

namespace imaplab::console {

enum class SpanClass {
    Tag,            ///< the typed tag
    CommandName,    ///< "FETCH", "UID FETCH" (both words)
    Atom,           ///< any other atom: FETCH items, SEARCH keys, mailbox names, LOGIN user names
    Number,         ///< digits only (outside a sequence-set position)
    SequenceSet,    ///< "1:3,5", "*", "$" where a sequence set is expected
    QuotedString,   ///< "..." with its quotes (to the line end when unterminated)
    LiteralHeader,  ///< "{5}", "{5+}", "~{5}"
    LiteralData,    ///< the literal's octets (as far as typed)
    Flag,           ///< "\Seen", or a keyword where flags are expected (STORE, APPEND, KEYWORD)
    Bracket,        ///< ( ) [ ]
    Error,          ///< from the syntax check's offset to the end, or text after the command's end
};

struct Span {
    std::size_t offset = 0;  ///< bytes from the start of the input
    std::size_t length = 0;
    SpanClass cls = SpanClass::Atom;
    bool operator==(const Span& o) const { return offset == o.offset && length == o.length && cls == o.cls; }
};

/// The spans of `input`, analysed as `prepared` (prepare_input() of the same input). A
/// continuation line has no spans (only an Error span for text after its end).
std::vector<Span> highlight(std::string_view input, const PreparedCommand& prepared);

/// A short lowercase name for a class ("tag", "command", "sequence-set", ...), for tests and
/// theme files.
std::string_view to_string(SpanClass c);

}  // namespace imaplab::console
