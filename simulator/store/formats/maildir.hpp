#pragma once
// Maildir++ as Dovecot 2.3 writes it (https://cr.yp.to/proto/maildir.html, Dovecot's
// "Maildir Mailbox Format"). The root directory is INBOX; every other mailbox is a directory
// ".Level.Level" at the top (names as in store/formats/folder_names.hpp: mUTF-7, escaped).
// Each mailbox directory has cur/, new/ and tmp/ (tmp/ is ignored when reading).
//
// Reading a message file "BASE:2,INFO" (or "BASE" without info):
//   - INFO letters: D \Draft, F \Flagged, P $Forwarded (Passed), R \Answered (Replied), S \Seen,
//     T \Deleted (Trashed); lower-case a..z are keywords by their index in `dovecot-keywords`
//     ("0 $Forwarded" lines); other upper-case letters (experimental flags) are ignored;
//   - files in new/ are \Recent (as many as form the newest UIDs: a \Recent message is never
//     older than one that is not); Dovecot leaves flagged files in new/ with an info too;
//   - ",S=<octets>" in BASE is the file's size: a file of another size is an error;
//   - the text is the file with each LF made CRLF (Dovecot keeps LF on disk, ",W=" is the CRLF size);
//   - INTERNALDATE is the file's modification time (Dovecot's received date), zone +0000;
//   - UIDs from `dovecot-uidlist` ("3 V<uidvalidity> N<uidnext> G<guid>" then "<uid> [fields] :BASE",
//     or version 1 "<uid> BASE"); files not listed get UIDs from N on, in file-name order;
//   - subscriptions from the root's `subscriptions` (no file: nothing subscribed, as Dovecot).
// Files whose names start with "." are skipped (Dovecot does too); any other entry of cur/ or new/
// that is not a regular file is an error naming it.
#include <string>

#include "lesson/lesson.hpp"
#include "store/formats/format_options.hpp"
#include "types/result.hpp"

namespace imaplab {
class Account;
}

namespace imaplab::formats {

/// Reads the Maildir++ tree at `dir` into one account (user and password empty). Errors name the
/// file (and line of dovecot-uidlist / dovecot-keywords / subscriptions) and what is wrong.
Result<FixtureAccount> read_maildir(const std::string& dir, const ImportOptions& options = {});

/// Writes `account` as a Maildir++ tree under `dir` (new or empty), as Dovecot would: for each
/// mailbox cur/ new/ tmp/ (and an empty "maildirfolder" in folders), each message written to tmp/
/// then renamed into new/ (\Recent) or cur/ with ":2," and its flags (letters in ASCII order,
/// keywords as dovecot-keywords letters: at most 26 keywords per mailbox), LF line ends, the
/// modification time set to INTERNALDATE; `dovecot-uidlist` (version 3), `dovecot-keywords`,
/// and the root's `subscriptions`. Names and keyword counts are checked before anything is
/// written. Returns the number of messages written.
Result<std::size_t> write_maildir(const Account& account, const std::string& dir, const ExportOptions& options = {});

}  // namespace imaplab::formats
