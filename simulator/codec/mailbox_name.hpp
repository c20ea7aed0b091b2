#pragma once
// Mailbox names on the wire. Inside the store names are UTF-8 with "/" as hierarchy delimiter.
// IMAP4rev1 clients send and receive them in modified UTF-7 (RFC 3501 §5.1.3); IMAP4rev2 uses
// UTF-8 (RFC 9051 §5.1), where "&" is an ordinary character.
//
// Modified UTF-7, RFC 3501 §5.1.3: printable US-ASCII (0x20-0x7e) stands for itself except "&",
// which is written "&-"; every other character is a run of UTF-16 code units in modified BASE64
// (alphabet A-Z a-z 0-9 + ",", no "=" padding) between "&" and "-":
//   "Архив/2024"  <->  "&BBAEQARFBDgEMg-/2024"
// Decoding is as strict as Dovecot's imap_utf7_to_utf8(): a name is refused when it has a byte
// outside 0x20-0x7e, an "&" run that never ends with "-", a character that is not in the BASE64
// alphabet, a dangling BASE64 character or an odd number of octets, an encoded NUL, an encoded
// printable US-ASCII character (it must stand for itself), a lone or reversed UTF-16 surrogate,
// or two adjacent runs ("&Jjo-&ImA-" must be written "&JjoiYA-"). Like Dovecot it ignores the
// unused low bits of a run's last BASE64 character.
//
// The BASE64 here is written out (30 lines, tested in tests/test_mailbox_name.cpp) rather than
// OpenSSL's EVP_DecodeBlock with an alphabet swap: EVP needs "=" padding, accepts whitespace and
// works in 4-character blocks, so it would hide exactly the malformed runs this codec must reject.
#include <optional>
#include <string>
#include <string_view>

#include "types/result.hpp"

namespace imaplab {

/// Modified UTF-7 -> UTF-8 (RFC 3501 §5.1.3). Error: "Mailbox name is not valid mUTF-7".
Result<std::string> mutf7_to_utf8(std::string_view mutf7);

/// UTF-8 -> modified UTF-7. Bytes that are not valid UTF-8 are encoded as U+FFFD.
std::string utf8_to_mutf7(std::string_view utf8);

/// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view s);

/// Length in bytes (1 to 4) of the well-formed UTF-8 sequence starting at s[i] (RFC 3629 §4, as
/// is_valid_utf8), or 0 when none starts there. `i` < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

/// Decodes a mailbox name (or LIST pattern) as the client sent it. `utf8` selects IMAP4rev2
/// rules (the name is UTF-8 as it is). Errors, in Dovecot's words: "Mailbox name is not valid
/// mUTF-7", "Mailbox name is not valid UTF-8".
Result<std::string> decode_mailbox_name(std::string_view wire, bool utf8);

/// Encodes a stored (UTF-8) name for a response: modified UTF-7 in IMAP4rev1, as it is in
/// IMAP4rev2.
std::string encode_mailbox_name(std::string_view name, bool utf8);

/// Appends a stored name to a response as RFC 9051 `mailbox`: encoded, then an atom when every
/// character is an ASTRING-CHAR (and it is not NIL), else a quoted string (in IMAP4rev2 UTF-8 may
/// be quoted, RFC 9051 §9 QUOTED-CHAR), else a literal.
void append_mailbox_name(std::string& out, std::string_view name, bool utf8);

/// What is wrong with a (decoded, UTF-8) mailbox name that a command names, in Dovecot's words
/// (its mailbox_verify_name()); nullopt when the name is acceptable. The text goes after
/// "NO [CANNOT] ". INBOX in any case is always acceptable. Checks, in order:
///   "Character not allowed in mailbox name: '.'"  (Dovecot's Maildir++ layout: "." separates levels)
///   "Invalid mailbox name: Begins with hierarchy separator"
///   "Invalid mailbox name: Has adjacent hierarchy separators"
///   "Invalid mailbox name: Ends with hierarchy separator"
///   "Invalid mailbox name: Name is empty"
///   "Invalid mailbox name: Begins with '~'"
std::optional<std::string> mailbox_name_problem(std::string_view name);

/// As mailbox_name_problem(), plus the checks for a name being created (CREATE, RENAME's new
/// name): "Control characters not allowed in new mailbox names", "Mailbox name too long" (more
/// than 4096 octets in all or 255 in one level, Dovecot's limits).
std::optional<std::string> new_mailbox_name_problem(std::string_view name);

}  // namespace imaplab
