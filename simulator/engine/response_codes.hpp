#pragma once
// Response codes (the bracketed part of a status response), grouped by the RFC that defines them.
#include <string_view>

namespace imaplab::code {

// RFC 9051 §7.1 / RFC 3501 §7.1
inline constexpr std::string_view kAlert = "ALERT";
inline constexpr std::string_view kBadCharset = "BADCHARSET";
inline constexpr std::string_view kCapability = "CAPABILITY";
inline constexpr std::string_view kParse = "PARSE";
inline constexpr std::string_view kPermanentFlags = "PERMANENTFLAGS";
inline constexpr std::string_view kReadOnly = "READ-ONLY";
inline constexpr std::string_view kReadWrite = "READ-WRITE";
inline constexpr std::string_view kTryCreate = "TRYCREATE";
inline constexpr std::string_view kUidNext = "UIDNEXT";
inline constexpr std::string_view kUidValidity = "UIDVALIDITY";
inline constexpr std::string_view kUnseen = "UNSEEN";
inline constexpr std::string_view kClosed = "CLOSED";  // RFC 9051 §7.1 (from RFC 7162)

// RFC 4315 (UIDPLUS)
inline constexpr std::string_view kAppendUid = "APPENDUID";
inline constexpr std::string_view kCopyUid = "COPYUID";

// RFC 6154 (SPECIAL-USE)
inline constexpr std::string_view kUseAttr = "USEATTR";

// RFC 5530 (IMAP response codes)
inline constexpr std::string_view kNonExistent = "NONEXISTENT";
inline constexpr std::string_view kAlreadyExists = "ALREADYEXISTS";
inline constexpr std::string_view kAuthenticationFailed = "AUTHENTICATIONFAILED";
inline constexpr std::string_view kPrivacyRequired = "PRIVACYREQUIRED";
inline constexpr std::string_view kCannot = "CANNOT";
inline constexpr std::string_view kInUse = "INUSE";
inline constexpr std::string_view kServerBug = "SERVERBUG";
inline constexpr std::string_view kClientBug = "CLIENTBUG";
inline constexpr std::string_view kLimit = "LIMIT";
inline constexpr std::string_view kNoPerm = "NOPERM";  // RFC 5530 §3: the ACL does not permit it (RFC 4314)
inline constexpr std::string_view kTooBig = "TOOBIG";  // RFC 7889

}  // namespace imaplab::code
