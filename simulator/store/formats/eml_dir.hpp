#pragma once
// A folder of .eml files: one message per file, as Thunderbird's "Save As" (and most mail
// clients' drag and drop) writes them, LF or CRLF line ends. Read in file-name order into one
// mailbox, UIDs 1, 2, ...; no flags; INTERNALDATE is the file's modification time (zone +0000).
// Written as 0001.eml, 0002.eml ... (LF line ends, modification time = INTERNALDATE).
#include <string>

#include "lesson/lesson.hpp"
#include "store/formats/format_options.hpp"
#include "store/mailbox.hpp"
#include "types/result.hpp"

namespace imaplab::formats {

/// Reads every regular "*.eml" file (any case of the extension) directly in `dir` into the mailbox
/// `mailbox`. Other files and dot files are skipped; a "*.eml" entry that is not a regular file
/// is an error naming it.
Result<FixtureMailbox> read_eml_dir(const std::string& dir, const std::string& mailbox = "INBOX",
                                    const ImportOptions& options = {});

/// True when `dir` holds at least one "*.eml" entry.
bool has_eml_files(const std::string& dir);

/// Writes the messages of `mailbox` to `dir` (new or empty) as NNNN.eml (at least 4 digits, in
/// UID order). Returns the number written.
Result<std::size_t> write_eml_dir(const Mailbox& mailbox, const std::string& dir);

}  // namespace imaplab::formats
