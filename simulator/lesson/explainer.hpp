#pragma once
// The line explainer: any client command or server response line split into its tokens (tag,
// command or status, arguments, response codes, FETCH and SEARCH items, flags, ...), each with a
// one-sentence meaning in Russian and English and the RFC section that defines it.
//
// The meanings are data, not code: `lessons/explain/explain.json` (format below). The splitting follows
// the grammar of RFC 9051 §9 loosely: it never fails, whatever the line — an unknown word is
// explained as what it looks like (an atom, a number, a quoted string).
//
// explain.json: {"format": 1, "<section>": {"<KEY>": {"rfc": "RFC 9051 §6.3.2", "en": "...",
// "ru": "..."}, ...}, ...} with the sections
//   tokens      the syntax itself: tag, untagged, continuation, atom, number, quoted, literal,
//               sequence-set, mailbox, list, text, date, capability, keyword, uid-prefix, silent
//   commands    command names, upper case, "UID FETCH" style for the UID variants
//   responses   status responses (OK NO BAD PREAUTH BYE) and data responses (CAPABILITY, FETCH,
//               EXISTS, ...)
//   codes       response codes (ALERT, UIDVALIDITY, COPYUID, ...)
//   fetch_items FETCH data items as named in commands and responses ("BODY[]" stands for every
//               BODY[section]<partial>, "BODY.PEEK[]", "BINARY[]", "BINARY.PEEK[]", "BINARY.SIZE[]")
//   search_keys SEARCH keys (ALL, FROM, SINCE, ...)
//   store_items FLAGS, +FLAGS, -FLAGS
//   flags       system flags (\Seen ...) and \* (in PERMANENTFLAGS)
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lesson/lesson.hpp"
#include "lesson/lesson_loader.hpp"
#include "types/result.hpp"

namespace imaplab {

/// One meaning: the RFC section and a sentence in each language.
struct Meaning {
    std::string rfc;  ///< e.g. "RFC 9051 §6.3.2"
    std::string en;
    std::string ru;
    const std::string& text(Language lang) const { return lang == Language::Ru ? ru : en; }
};

/// A token of an explained line.
struct ExplainedToken {
    std::string text;     ///< the token as it appears in the line (a literal's data is "{n}" + its first bytes)
    std::string section;  ///< where its meaning comes from: "tokens", "commands", "codes", ...
    std::string key;      ///< its key in that section, e.g. "SELECT", "tag", "UIDVALIDITY"
    const Meaning* meaning = nullptr;  ///< null when the data has no entry (see Explainer::missing)
};

/// Which side sent the line. Auto: server when it starts with "*" or "+", or with a tag followed
/// by OK, NO, BAD, PREAUTH or BYE; client otherwise.
enum class LineSide { Auto, Client, Server };

class Explainer {
public:
    /// Reads explain.json. Errors name the file, line and JSON path ("explain.json:12:
    /// /codes/ALERT/ru: expected a non-empty string").
    static Result<Explainer, LessonError> load_file(const std::string& path);
    static Result<Explainer, LessonError> parse(std::string_view json_text, const std::string& file);

    /// The meaning of `key` in `section`, or null.
    const Meaning* find(std::string_view section, std::string_view key) const;
    /// Every key of a section (sorted).
    std::vector<std::string> keys(std::string_view section) const;

    /// Splits one protocol line (without its CRLF; a literal's data may follow "{n}" CRLF) into
    /// explained tokens, left to right.
    std::vector<ExplainedToken> explain(std::string_view line, LineSide side = LineSide::Auto) const;

private:
    std::map<std::string, std::map<std::string, Meaning, std::less<>>, std::less<>> sections_;
};

/// The client side of "A0003 SELECT INBOX" or the server side of "* 3 EXISTS": Auto's guess.
LineSide guess_side(std::string_view line);

}  // namespace imaplab
