#pragma once
// mbox files (RFC 4155): each message starts with a "From sender date" line; messages are
// separated by an empty line. Read as mutt, Thunderbird, formail (mboxrd or mboxo) and Dovecot
// (Content-Length, X-UID, X-IMAPbase) write them; written as mboxrd.
//
// Reading, per message:
//   - a separator is a line "From " + sender + an asctime date ("Sun Nov 22 01:12:22 2026",
//     optionally a zone such as "+0200" after the year) at the start of the file or after an empty
//     line; the date is the INTERNALDATE (UTC unless a zone is given, RFC 4155 §2);
//   - a valid Content-Length (it ends the body exactly at the end of the file or at an empty line
//     before the next separator) delimits the body as Dovecot does, and the body is taken as it is;
//     otherwise ">From " lines are un-quoted one level (mboxrd: ">>From " -> ">From "), unless
//     ImportOptions::mboxrd_unquote is off (Dovecot 2.3 never un-quotes: it shows ">From");
//   - flags: Status R = \Seen, O = old (a message without O is \Recent); X-Status A \Answered,
//     F \Flagged, T \Draft, D \Deleted; X-Keywords: keywords (spaces or commas between them);
//     X-UID: the UID; X-IMAPbase (first message): "UIDVALIDITY last-UID keyword...";
//     a message with X-IMAP is the pseudo message of UW-IMAP/Pine and only gives those values;
//   - Dovecot's mbox driver hides Content-Length, Status, X-IMAP, X-IMAPbase, X-Keywords,
//     X-Status and X-UID from IMAP clients (mbox_hide_headers[]), so they are removed from the
//     stored text; line ends become CRLF (normalize_line_endings, as Dovecot saves).
// Writing: "From MAILER-DAEMON <asctime UTC>", the header with X-IMAPbase (first message),
// X-UID, Status, X-Status and X-Keywords added at its end, the body with mboxrd quoting, LF line
// ends, and an empty line after every message (as mutt writes). A canonical input (LF, those
// fields at the end of the header in that order, no Content-Length, bodies ending in LF) comes
// out byte-identical after import and export.
#include <string>
#include <string_view>

#include "lesson/lesson.hpp"
#include "store/formats/format_options.hpp"
#include "store/mailbox.hpp"
#include "types/result.hpp"

namespace imaplab {
class Account;
}

namespace imaplab::formats {

/// Parses mbox text into the mailbox `mailbox`. `file` names it in errors: "FILE:LINE: what".
/// An empty text is an empty mailbox. Errors: the first line is not a "From " line with a date,
/// a keyword that is not an atom.
Result<FixtureMailbox> parse_mbox(std::string_view text, const std::string& file, const std::string& mailbox,
                                  const ImportOptions& options = {});

/// Reads the mbox file at `path` into the mailbox `mailbox`.
Result<FixtureMailbox> read_mbox_file(const std::string& path, const std::string& mailbox, const ImportOptions& options = {});

/// True when `text` looks like an mbox: empty, or its first line is a "From " separator.
bool looks_like_mbox(std::string_view text);

/// One mailbox as mbox text (the writing rules above). Recent = UID >= the mailbox's \Recent boundary.
std::string write_mbox(const Mailbox& mailbox);

/// Reads a directory of mbox files: each regular file is a mailbox named after it (levels
/// unescaped, store/formats/folder_names.hpp), children in "NAME.sbd/" (Thunderbird) or "NAME/"
/// (Dovecot, mutt) directories; ".subscriptions" gives the subscriptions (none: all subscribed);
/// dot files and Thunderbird's "*.msf" indexes are skipped.
Result<FixtureAccount> read_mbox_tree(const std::string& dir, const ImportOptions& options = {});

/// Writes every mailbox of `account` as an mbox file under `dir` (new or empty): "INBOX",
/// "Sent", children of "Archive" in "Archive.sbd/" (Thunderbird's layout, so a mailbox may have
/// messages and children), plus ".subscriptions". Names are checked before anything is written.
/// Returns the number of messages written.
Result<std::size_t> export_mbox_tree(const Account& account, const std::string& dir);

}  // namespace imaplab::formats
