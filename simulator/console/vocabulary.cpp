#include "console/vocabulary.hpp"

namespace imaplab::console {

const std::vector<std::string_view>& fetch_item_names() {
    static const std::vector<std::string_view> names{
        "BINARY.PEEK[]", "BINARY.SIZE[]", "BINARY[]",      "BODY",         "BODY.PEEK[]",    "BODY.PEEK[HEADER]",
        "BODY.PEEK[TEXT]", "BODY[]",      "BODY[HEADER]",  "BODY.PEEK[HEADER.FIELDS (SUBJECT)]", "BODY[TEXT]", "BODYSTRUCTURE",
        "ENVELOPE",        "FLAGS",       "INTERNALDATE",  "RFC822",       "RFC822.HEADER",  "RFC822.SIZE",
        "RFC822.TEXT",     "UID",
    };
    return names;
}

const std::vector<std::string_view>& fetch_macro_names() {
    static const std::vector<std::string_view> names{"ALL", "FAST", "FULL"};
    return names;
}

const std::vector<std::string_view>& search_key_names() {
    static const std::vector<std::string_view> names{
        "ALL",     "ANSWERED",  "BCC",     "BEFORE",     "BODY",       "CC",        "DELETED",   "DRAFT",
        "FLAGGED", "FROM",      "HEADER",  "KEYWORD",    "LARGER",     "NEW",       "NOT",       "OLD",
        "ON",      "OR",        "RECENT",  "SEEN",       "SENTBEFORE", "SENTON",    "SENTSINCE", "SINCE",
        "SMALLER", "SUBJECT",   "TEXT",    "TO",         "UID",        "UNANSWERED", "UNDELETED", "UNDRAFT",
        "UNFLAGGED", "UNKEYWORD", "UNSEEN",
    };
    return names;
}

const std::vector<std::string_view>& store_item_names() {
    static const std::vector<std::string_view> names{"FLAGS", "+FLAGS", "-FLAGS", "FLAGS.SILENT", "+FLAGS.SILENT", "-FLAGS.SILENT"};
    return names;
}

std::vector<std::string_view> status_item_names(bool imap4rev2) {
    if (imap4rev2) return {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE"};
    return {"MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE"};
}

}  // namespace imaplab::console
