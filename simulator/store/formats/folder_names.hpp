#pragma once
// Mailbox names as file names. A mailbox name comes from an IMAP client and may hold any bytes
// ("../x", "a/../../b", NUL, leading dots or "~", 5000 octets): it must never name a path outside
// the directory being written. Each hierarchy level ("/"-separated) is written as one file-name
// component, Dovecot-like:
//   1. the bytes '%', '.', '/', '\\', '~', the controls 0x00-0x1f and 0x7f, and every byte that is
//      not part of well-formed UTF-8 become "%XX" (two upper-case hex digits);
//   2. the result (now valid UTF-8) is written in modified UTF-7 (RFC 3501 §5.1.3), as Dovecot
//      names Maildir++ folders: "Архив" -> "&BBAEQARFBDgEMg-", "Tom & Jerry" -> "Tom &- Jerry".
// So a level never contains '/', '.' or a control, is never "" / "." / "..", and ordinary names
// ("Sent", "Archive", Cyrillic) come out exactly as Dovecot writes them. Reading undoes both steps;
// a "%" not followed by two hex digits stays a "%" (Dovecot never writes "%XX" itself).
#include <string>
#include <string_view>
#include <vector>

#include "types/result.hpp"

namespace imaplab::formats {

/// The longest file-name component written (NAME_MAX of Linux file systems), in octets.
constexpr std::size_t kMaxFileNameOctets = 255;

/// One hierarchy level -> one file-name component (the scheme above). Errors: the level is empty
/// ("mailbox name \"a//b\" has an empty level"), or its component is longer than
/// kMaxFileNameOctets. `mailbox` is the whole name, for the message.
Result<std::string> escape_level(std::string_view level, std::string_view mailbox);

/// A component -> the level it stands for. Error: the component is not valid modified UTF-7.
Result<std::string> unescape_level(std::string_view component);

/// The levels of a (stored, "/"-delimited) mailbox name, each escaped. Errors as escape_level().
Result<std::vector<std::string>> escaped_levels(std::string_view mailbox);

/// Maildir++ folder directory of a mailbox: "" for INBOX (the root), else "." + levels joined by
/// "." (".Archive.2024", ".INBOX.Lists"). Errors as escape_level(), and a directory name longer
/// than kMaxFileNameOctets.
Result<std::string> maildir_folder_dir(std::string_view mailbox);

/// The mailbox a Maildir++ folder directory stands for (".Archive.2024" -> "Archive/2024").
/// Errors: not starting with ".", an empty level (".a..b"), a level that is not valid mUTF-7.
Result<std::string> mailbox_of_maildir_folder(std::string_view dir_name);

/// True when `component` is safe to append to a directory path: not empty, not "." or "..",
/// no '/' and no NUL. Every path this library writes is checked with it (defence in depth).
bool is_safe_component(std::string_view component);

}  // namespace imaplab::formats

namespace imaplab {
class Account;
}

namespace imaplab::formats {

/// Dovecot 2.3's subscriptions file (Maildir "subscriptions", mbox ".subscriptions"): "V\t2",
/// an empty line, then one name per line with its levels separated by TAB, each level escaped as
/// above. Subscribed names are written in hierarchy order.
std::string write_subscriptions(const Account& account);

/// Reads a subscriptions file: version 2 as above, or version 1 (no "V" header: one name per
/// line, levels separated by "."). Errors name the file and line.
Result<std::vector<std::string>> parse_subscriptions(std::string_view text, const std::string& file);

}  // namespace imaplab::formats
