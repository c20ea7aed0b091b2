// Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) both ways, strict decoding as
// Dovecot 2.3's imap_utf7_to_utf8 (each refused case below was checked against Dovecot: CREATE
// answers "NO Mailbox name is not valid mUTF-7."), UTF-8 names for IMAP4rev2, name checks.
#include <catch2/catch.hpp>

#include "codec/mailbox_name.hpp"

using namespace imaplab;

namespace {
std::string decoded(std::string_view mutf7) {
    auto r = mutf7_to_utf8(mutf7);
    return r ? *r : "<error: " + r.error() + ">";
}
}  // namespace

TEST_CASE("mUTF-7: the examples of RFC 3501 §5.1.3 and the course's Cyrillic folder", "[mailbox-name][mutf7]") {
    // RFC 3501 §5.1.3: "~peter/mail/台北/日本語" is "~peter/mail/&U,BTFw-/&ZeVnLIqe-".
    CHECK(utf8_to_mutf7("~peter/mail/台北/日本語") == "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    CHECK(decoded("~peter/mail/&U,BTFw-/&ZeVnLIqe-") == "~peter/mail/台北/日本語");
    CHECK(utf8_to_mutf7("Архив/2024") == "&BBAEQARFBDgEMg-/2024");
    CHECK(decoded("&BBAEQARFBDgEMg-/2024") == "Архив/2024");
    // "&" is written "&-"; printable US-ASCII stands for itself.
    CHECK(utf8_to_mutf7("Tom & Jerry") == "Tom &- Jerry");
    CHECK(decoded("Tom &- Jerry") == "Tom & Jerry");
    CHECK(decoded("&-") == "&");
    CHECK(utf8_to_mutf7("plain ASCII ~!@#$%^*()") == "plain ASCII ~!@#$%^*()");
    // Characters outside the BMP go as UTF-16 surrogate pairs (checked on Dovecot: "&2D3cAA-").
    CHECK(utf8_to_mutf7("🐀") == "&2D3cAA-");
    CHECK(decoded("&2D3cAA-") == "🐀");
    // A run ends at the first printable character, and a new one starts after it.
    CHECK(utf8_to_mutf7("Привет, мир") == "&BB8EQAQ4BDIENQRC-, &BDwEOARA-");
    CHECK(decoded("&BB8EQAQ4BDIENQRC-, &BDwEOARA-") == "Привет, мир");
    // Control characters and DEL are not printable: they are encoded too.
    CHECK(utf8_to_mutf7("a\tb\x7f") == "a&AAk-b&AH8-");
    CHECK(decoded("a&AAk-b&AH8-") == "a\tb\x7f");
}

TEST_CASE("mUTF-7 round trips for every kind of character", "[mailbox-name][mutf7]") {
    for (std::string s : {"", "INBOX", "&", "&&", "a&b", "Ä", "日本語テキスト", "Ωmega/βeta", "x🐀y🐁z", "Входящие/Спам", "ab&cd&-ef"}) {
        const std::string wire = utf8_to_mutf7(s);
        for (char c : wire) CHECK((c >= 0x20 && c <= 0x7e));
        CHECK(decoded(wire) == s);
        CHECK(utf8_to_mutf7(decoded(wire)) == wire);  // the encoding is the minimal one
    }
}

TEST_CASE("mUTF-7 decoding refuses what Dovecot refuses", "[mailbox-name][mutf7]") {
    const std::string error = "<error: Mailbox name is not valid mUTF-7>";
    CHECK(decoded("mbx&AGE-") == error);        // encoded "a": printable ASCII must stand for itself
    CHECK(decoded("&ACY-") == error);           // encoded "&" must be "&-"
    CHECK(decoded("mbx&BBA") == error);         // the run never ends
    CHECK(decoded("mbx&") == error);
    CHECK(decoded("mbx&BBAE-") == error);       // 24 bits: one and a half UTF-16 units
    CHECK(decoded("mbx&B-") == error);          // one BASE64 character is not a whole octet
    CHECK(decoded("&Jjo-&ImA-") == error);      // two runs in a row: must be "&JjoiYA-"
    CHECK(decoded("&2D0-") == error);           // a high surrogate alone
    CHECK(decoded("&3AA-") == error);           // a low surrogate alone
    CHECK(decoded("&3ADYPQ-") == error);        // surrogates in the wrong order
    CHECK(decoded("&AAA-") == error);           // an encoded NUL
    CHECK(decoded("&A=-") == error);            // "=" padding is not in the alphabet
    CHECK(decoded("&BB/-") == error);           // "/" is not in the modified alphabet ("," is)
    CHECK(decoded("mb\txa") == error);          // a control character sent as it is
    CHECK(decoded("mbx\xc3\xa9") == error);     // 8-bit UTF-8 sent as it is (IMAP4rev1)
    // Accepted, as Dovecot accepts them:
    CHECK(decoded("mbx&-x") == "mbx&x");
    CHECK(decoded("&BBA-&-") == "А&");           // a run followed by "&-" is fine
    CHECK(decoded("&BBB-") == "А");              // unused low bits of the last character are ignored
    CHECK(decoded("&JjoiYA-") == "☺≠");        // U+263A U+2260 joined in one run
}

TEST_CASE("UTF-8 validation and IMAP4rev2 names", "[mailbox-name][utf8]") {
    CHECK(is_valid_utf8("Архив/2024"));
    CHECK(is_valid_utf8("🐀"));
    CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong "/"
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // a surrogate
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xff"));

    auto rev2 = decode_mailbox_name("Архив/2024", true);
    REQUIRE(rev2);
    CHECK(*rev2 == "Архив/2024");
    auto amp = decode_mailbox_name("&BBA-", true);  // in IMAP4rev2 "&" is an ordinary character
    REQUIRE(amp);
    CHECK(*amp == "&BBA-");
    auto bad = decode_mailbox_name("\xc3(", true);
    REQUIRE_FALSE(bad);
    CHECK(bad.error() == "Mailbox name is not valid UTF-8");
    auto rev1 = decode_mailbox_name("&BBAEQARFBDgEMg-/2024", false);
    REQUIRE(rev1);
    CHECK(*rev1 == "Архив/2024");

    CHECK(encode_mailbox_name("Архив/2024", false) == "&BBAEQARFBDgEMg-/2024");
    CHECK(encode_mailbox_name("Архив/2024", true) == "Архив/2024");
    // Invalid UTF-8 in a stored name still encodes (as U+FFFD).
    CHECK(utf8_to_mutf7("a\xffz") == "a&,,0-z");
}

TEST_CASE("mailbox names in responses: atom, quoted (UTF-8 too in IMAP4rev2), literal", "[mailbox-name][encode]") {
    auto enc = [](std::string_view name, bool utf8) {
        std::string out;
        append_mailbox_name(out, name, utf8);
        return out;
    };
    CHECK(enc("INBOX/Drafts", false) == "INBOX/Drafts");
    CHECK(enc("Архив/2024", false) == "&BBAEQARFBDgEMg-/2024");
    CHECK(enc("Архив/2024", true) == "\"Архив/2024\"");
    CHECK(enc("mbx b", false) == "\"mbx b\"");
    CHECK(enc("mbx]x", false) == "mbx]x");          // "]" is an ASTRING-CHAR (Dovecot writes it bare)
    CHECK(enc("mbx%a", false) == "\"mbx%a\"");
    CHECK(enc("mbx\\a", false) == "\"mbx\\\\a\"");
    CHECK(enc("mbx\"q", false) == "\"mbx\\\"q\"");
    CHECK(enc("NIL", false) == "\"NIL\"");          // never the atom NIL
    CHECK(enc("", false) == "\"\"");
    CHECK(enc("Tom & Jerry", true) == "\"Tom & Jerry\"");
    CHECK(enc("Tom&Jerry", false) == "Tom&-Jerry");
}

TEST_CASE("mailbox name checks in Dovecot's words", "[mailbox-name][validate]") {
    CHECK_FALSE(mailbox_name_problem("INBOX"));
    CHECK_FALSE(mailbox_name_problem("inbox"));
    CHECK_FALSE(mailbox_name_problem("Archive/2024"));
    CHECK_FALSE(mailbox_name_problem("Архив"));
    CHECK_FALSE(mailbox_name_problem("mbx~a"));
    CHECK(mailbox_name_problem("") == "Invalid mailbox name: Name is empty");
    CHECK(mailbox_name_problem("/x") == "Invalid mailbox name: Begins with hierarchy separator");
    CHECK(mailbox_name_problem("/") == "Invalid mailbox name: Begins with hierarchy separator");
    CHECK(mailbox_name_problem("a//b") == "Invalid mailbox name: Has adjacent hierarchy separators");
    CHECK(mailbox_name_problem("a/") == "Invalid mailbox name: Ends with hierarchy separator");
    CHECK(mailbox_name_problem("~x") == "Invalid mailbox name: Begins with '~'");
    CHECK(mailbox_name_problem("a.b") == "Character not allowed in mailbox name: '.'");
    CHECK(mailbox_name_problem("INBOX/a.b") == "Character not allowed in mailbox name: '.'");

    CHECK_FALSE(new_mailbox_name_problem("x"));
    CHECK(new_mailbox_name_problem("a\x01" "b") == "Control characters not allowed in new mailbox names");
    CHECK(new_mailbox_name_problem(std::string(256, 'a')) == "Mailbox name too long");
    CHECK_FALSE(new_mailbox_name_problem(std::string(255, 'a')));
    std::string deep;
    for (int i = 0; i < 25; ++i) deep += (i ? "/" : "") + std::string(200, 'x');
    CHECK(new_mailbox_name_problem(deep) == "Mailbox name too long");
    CHECK(new_mailbox_name_problem("a/") == "Invalid mailbox name: Ends with hierarchy separator");
}
