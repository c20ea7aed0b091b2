#pragma once
// Options shared by the mail format readers and writers.
#include <cstdint>
#include <string>

namespace imaplab::formats {

struct ImportOptions {
    /// UIDVALIDITY of a mailbox whose files do not record one (an mbox without X-IMAPbase, a
    /// Maildir folder without dovecot-uidlist, a folder of .eml files). Dovecot takes the time;
    /// we take this value so an import is deterministic.
    std::uint32_t uidvalidity = 1;
    /// mbox: un-quote ">From " lines (mboxrd: ">>From " -> ">From ") in messages not delimited by
    /// Content-Length. Dovecot 2.3 never un-quotes (checked with doveadm fetch on mutt.mbox: it
    /// shows ">From now on"); false reads as Dovecot does.
    bool mboxrd_unquote = true;
};

struct ExportOptions {
    /// Maildir unique names are "<internal date>.M<uid>P<pid>.<host>,S=<size>,W=<vsize>" (the form
    /// Dovecot 2.3 writes): fixed values make an export byte-for-byte reproducible.
    std::uint32_t pid = 1;
    std::string host = "imaplab";
    /// The mailbox a folder of .eml files is written from.
    std::string eml_mailbox = "INBOX";
};

}  // namespace imaplab::formats
