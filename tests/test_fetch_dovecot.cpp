// FETCH of body sections, partial ranges, BINARY, the item macros and FETCH errors, through a
// whole session. Every expected response was recorded from Dovecot 2.3 (Debian 12): the same
// messages (tests/data/mime/, APPENDed unchanged with (\\Seen) and INTERNALDATE
// "01-Jun-2024 12:00:00 +0300") and the same command lines; only Dovecot's timing suffix
// "(0.001 + 0.000 secs)" was removed from the tagged responses.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "session_harness.hpp"

using namespace imaplab;
using namespace imaplab::test;
using namespace std::string_literals;

namespace {

std::string read_eml(const std::string& name) {
    std::ifstream f(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/mime/" + name, std::ios::binary);
    REQUIRE(f.good());
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Mailbox "Mime" with the messages below as UIDs 1.., all \\Seen, selected.
void select_mime(Harness& h) {
    const char* files[] = {"nested_rfc822.eml", "binary_nul.eml", "plain.eml", "russian_utf8.eml", "uppercase.eml", "no_mime_version.eml", "header_only.eml", "alternative.eml", "unknown_cte.eml", "bad_base64.eml", "bad_qp.eml", "nul_body.eml", "russian_koi8r.eml", "mixed_attachment.eml"};
    Account* a = h.store.find_account("alice");
    REQUIRE(a);
    Mailbox* mb = a->create("Mime", 1717000000);
    std::uint32_t uid = 1;
    for (const char* f : files) {
        Message m;
        m.uid = Uid{uid++};
        m.system_flags = kSeen;
        m.internal_date = 1717232400;  // 01-Jun-2024 12:00:00 +0300, which Dovecot keeps as
        m.tz_minutes = 0;              // 01-Jun-2024 09:00:00 +0000
        m.text = std::make_shared<const std::string>(read_eml(f));
        mb->append(std::move(m));
    }
    h.login();
    h.send("s SELECT Mime");
}

struct Case {
    std::string command, response;
};

// clang-format off
const Case kCases[] = {
    {"f1 FETCH 1 (BODY.PEEK[1] BODY.PEEK[2] BODY.PEEK[2.HEADER] BODY.PEEK[2.TEXT] BODY.PEEK[2.MIME] BODY.PEEK[2.1] BODY.PEEK[2.1.1] BODY.PEEK[2.1.2.MIME])\r\n"s,
     "* 1 FETCH (BODY[1] {34}\r\nSee the forwarded message below.\r\n BODY[2] {399}\r\nDate: Tue, 4 Jun 2024 14:30:00 +0000\r\nFrom: \"Carol Q. Public\" <carol@example.net>\r\nTo: dave@example.com\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain notes.\r\n\r\n--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML notes.</p>\r\n\r\n--inner--\r\n BODY[2.HEADER] {241}\r\nDate: Tue, 4 Jun 2024 14:30:00 +0000\r\nFrom: \"Carol Q. Public\" <carol@example.net>\r\nTo: dave@example.com\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n BODY[2.TEXT] {158}\r\n--inner\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain notes.\r\n\r\n--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML notes.</p>\r\n\r\n--inner--\r\n BODY[2.MIME] {61}\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n BODY[2.1] {14}\r\nPlain notes.\r\n BODY[2.1.1] {14}\r\nPlain notes.\r\n BODY[2.1.2.MIME] {0}\r\n)\r\nf1 OK Fetch completed.\r\n"s},
    {"f2 FETCH 1 (BODY.PEEK[3] BODY.PEEK[3.MIME] BODY.PEEK[4] BODY.PEEK[1.HEADER] BODY.PEEK[1.TEXT] BODY.PEEK[0] BODY.PEEK[1.0] BODY.PEEK[3.1] BODY.PEEK[2.1.1.TEXT] BODY.PEEK[2.2] BODY.PEEK[01] BODY.PEEK[4294967297])\r\n"s,
     "* 1 FETCH (BODY[3] {98}\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA\r\n60e6kgAAAABJRU5ErkJggg== BODY[3.MIME] {76}\r\nContent-Type: image/png; name=dot.png\r\nContent-Transfer-Encoding: base64\r\n\r\n BODY[4] {0}\r\n BODY[1.HEADER] {0}\r\n BODY[1.TEXT] {0}\r\n BODY[0] {34}\r\nSee the forwarded message below.\r\n BODY[1.0] {0}\r\n BODY[3.1] {98}\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA\r\n60e6kgAAAABJRU5ErkJggg== BODY[2.1.1.TEXT] {0}\r\n BODY[2.2] {20}\r\n<p>HTML notes.</p>\r\n BODY[01] {34}\r\nSee the forwarded message below.\r\n BODY[4294967297] {34}\r\nSee the forwarded message below.\r\n)\r\nf2 OK Fetch completed.\r\n"s},
    {"f3 FETCH 1 (BODY.PEEK[HEADER.FIELDS (from subject)] BODY.PEEK[2.HEADER.FIELDS (subject \"message-id\")] BODY.PEEK[HEADER.FIELDS (from \"x y\" subject)] BODY.PEEK[1.HEADER.FIELDS (FROM)])\r\n"s,
     "* 1 FETCH (BODY[HEADER.FIELDS (FROM SUBJECT)] {61}\r\nFrom: Ivan <ivan@example.ru>\r\nSubject: Fwd: Meeting notes\r\n\r\n BODY[2.HEADER.FIELDS (SUBJECT \"MESSAGE-ID\")] {62}\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\n\r\n BODY[HEADER.FIELDS (FROM \"X Y\" SUBJECT)] {61}\r\nFrom: Ivan <ivan@example.ru>\r\nSubject: Fwd: Meeting notes\r\n\r\n BODY[1.HEADER.FIELDS (FROM)] {0}\r\n)\r\nf3 OK Fetch completed.\r\n"s},
    {"f4 FETCH 1 (BODY.PEEK[2.HEADER.FIELDS.NOT (subject from date to message-id)]<5.20> BODY.PEEK[]<980.100> BODY.PEEK[]<990.5> BODY.PEEK[TEXT]<0.10> BODY.PEEK[1]<4.4>)\r\n"s,
     "* 1 FETCH (BODY[2.HEADER.FIELDS.NOT (SUBJECT FROM DATE TO MESSAGE-ID)]<5> {20}\r\nVersion: 1.0\r\nConten BODY[]<980> {6}\r\ner--\r\n BODY[]<990> {0}\r\n BODY[TEXT]<0> {10}\r\n--outer\r\nC BODY[1]<4> {4}\r\nthe )\r\nf4 OK Fetch completed.\r\n"s},
    {"f5 FETCH 3 (BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[2] BODY.PEEK[1.1] BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[MIME.NOT])\r\n"s,
     "f5 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f6 FETCH 3 (RFC822.SIZE RFC822.HEADER UID RFC822.TEXT ENVELOPE RFC822 BODY BODYSTRUCTURE INTERNALDATE)\r\n"s,
     "* 3 FETCH (RFC822.SIZE 368 UID 3 INTERNALDATE \"01-Jun-2024 09:00:00 +0000\" RFC822.HEADER {298}\r\nReturn-Path: <alice@example.com>\r\nReceived: from mx.example.com by imap.example.com; Mon, 3 Jun 2024 10:00:00 +0300\r\nDate: Mon, 3 Jun 2024 09:59:58 +0300\r\nFrom: Alice Example <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Lunch tomorrow?\r\nMessage-ID: <20240603095958.1234@example.com>\r\n\r\n RFC822.TEXT {70}\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n ENVELOPE (\"Mon, 3 Jun 2024 09:59:58 +0300\" \"Lunch tomorrow?\" ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL \"<20240603095958.1234@example.com>\") RFC822 {368}\r\nReturn-Path: <alice@example.com>\r\nReceived: from mx.example.com by imap.example.com; Mon, 3 Jun 2024 10:00:00 +0300\r\nDate: Mon, 3 Jun 2024 09:59:58 +0300\r\nFrom: Alice Example <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Lunch tomorrow?\r\nMessage-ID: <20240603095958.1234@example.com>\r\n\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 70 6) BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 70 6 NIL NIL NIL NIL))\r\nf6 OK Fetch completed.\r\n"s},
    {"f7 FETCH 3 (ENVELOPE ENVELOPE BODY BODY.PEEK[TEXT] BODY.PEEK[TEXT] UID uid BODYSTRUCTURE[1] ENVELOPE.X)\r\n"s,
     "* 3 FETCH (UID 3 ENVELOPE (\"Mon, 3 Jun 2024 09:59:58 +0300\" \"Lunch tomorrow?\" ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL \"<20240603095958.1234@example.com>\") BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 70 6) BODY[TEXT] {70}\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n BODY[TEXT] {70}\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 70 6 NIL NIL NIL NIL))\r\nf7 OK Fetch completed.\r\n"s},
    {"f8 FETCH 3 FULL\r\n"s,
     "* 3 FETCH (FLAGS (\\Seen \\Recent) INTERNALDATE \"01-Jun-2024 09:00:00 +0000\" RFC822.SIZE 368 ENVELOPE (\"Mon, 3 Jun 2024 09:59:58 +0300\" \"Lunch tomorrow?\" ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL \"<20240603095958.1234@example.com>\") BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 70 6))\r\nf8 OK Fetch completed.\r\n"s},
    {"f9 FETCH 3 ALL\r\n"s,
     "* 3 FETCH (FLAGS (\\Seen \\Recent) INTERNALDATE \"01-Jun-2024 09:00:00 +0000\" RFC822.SIZE 368 ENVELOPE (\"Mon, 3 Jun 2024 09:59:58 +0300\" \"Lunch tomorrow?\" ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Alice Example\" NIL \"alice\" \"example.com\")) ((\"Bob\" NIL \"bob\" \"example.org\")) NIL NIL NIL \"<20240603095958.1234@example.com>\"))\r\nf9 OK Fetch completed.\r\n"s},
    {"f10 FETCH 3 FAST\r\n"s,
     "* 3 FETCH (FLAGS (\\Seen \\Recent) INTERNALDATE \"01-Jun-2024 09:00:00 +0000\" RFC822.SIZE 368)\r\nf10 OK Fetch completed.\r\n"s},
    {"f11 FETCH 14 BODY\r\n"s,
     "* 14 FETCH (BODY ((\"text\" \"plain\" (\"charset\" \"us-ascii\" \"format\" \"flowed\") NIL NIL \"7bit\" 34 1)(\"application\" \"pdf\" (\"name\" \"report.pdf\") \"<part1.report@example.com>\" \"Quarterly report\" \"base64\" 114) \"mixed\"))\r\nf11 OK Fetch completed.\r\n"s},
    {"f12 FETCH 1:2 BODYSTRUCTURE\r\n"s,
     "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 34 1 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 399 (\"Tue, 4 Jun 2024 14:30:00 +0000\" \"Meeting notes\" ((\"Carol Q. Public\" NIL \"carol\" \"example.net\")) ((\"Carol Q. Public\" NIL \"carol\" \"example.net\")) ((\"Carol Q. Public\" NIL \"carol\" \"example.net\")) ((NIL NIL \"dave\" \"example.com\")) NIL NIL NIL \"<notes-42@example.net>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 1 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 20 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"inner\") NIL NIL NIL) 19 NIL (\"inline\" NIL) NIL NIL)(\"image\" \"png\" (\"name\" \"dot.png\") NIL NIL \"base64\" 98 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"outer\") NIL NIL NIL))\r\n* 2 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 0 NIL NIL NIL NIL)(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 24 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 37 1 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"bb\") NIL NIL NIL))\r\nf12 OK Fetch completed.\r\n"s},
    {"f13 UID FETCH 3 (BODY.PEEK[1] FLAGS)\r\n"s,
     "* 3 FETCH (UID 3 FLAGS (\\Seen \\Recent) BODY[1] {70}\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n)\r\nf13 OK Fetch completed.\r\n"s},
    {"f14 FETCH 7 (BODY.PEEK[HEADER] BODY.PEEK[TEXT] BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[HEADER.FIELDS (FROM)] BODY.PEEK[HEADER.FIELDS.NOT (FROM)])\r\n"s,
     "* 7 FETCH (BODY[HEADER] {41}\r\nFrom: a@example.com\r\nSubject: header only BODY[TEXT] {0}\r\n BODY[1] {0}\r\n BODY[1.MIME] {41}\r\nFrom: a@example.com\r\nSubject: header only BODY[HEADER.FIELDS (FROM)] {23}\r\nFrom: a@example.com\r\n\r\n BODY[HEADER.FIELDS.NOT (FROM)] {20}\r\nSubject: header only)\r\nf14 OK Fetch completed.\r\n"s},
    {"f15 FETCH 2 (BINARY.PEEK[1] BINARY.PEEK[2] BINARY.PEEK[3] BINARY.SIZE[2] BINARY.SIZE[3] BINARY.PEEK[2]<3.4> BINARY.PEEK[TEXT])\r\n"s,
     "* 2 FETCH (BINARY[1] {14}\r\nsee attachment BINARY[2] ~{16}\r\n\x00\x01\x02" "binary\x00\xff\r\nend BINARY[3] ~{28}\r\nsoft break and = sign, caf\xc3\xa9 BINARY.SIZE[2] 16 BINARY.SIZE[3] 28 BINARY[2]<3> ~{4}\r\nbina BINARY[TEXT] ~{273}\r\n--bb\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--bb\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\x00\x01\x02" "binary\x00\xff\r\nend\r\n--bb\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\nsoft break and = sign, caf\xc3\xa9\r\n--bb--\r\n)\r\nf15 OK Fetch completed.\r\n"s},
    {"f16 FETCH 2 (BINARY.PEEK[] BINARY.SIZE[])\r\n"s,
     "* 2 FETCH (BINARY[] ~{376}\r\nFrom: a@example.com\r\nSubject: binary\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=bb\r\n\r\n--bb\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--bb\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n\x00\x01\x02" "binary\x00\xff\r\nend\r\n--bb\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\nsoft break and = sign, caf\xc3\xa9\r\n--bb--\r\n BINARY.SIZE[] 376)\r\nf16 OK Fetch completed.\r\n"s},
    {"f17 FETCH 1 (BINARY.PEEK[] BINARY.PEEK[2] BINARY.PEEK[2.MIME] BINARY.PEEK[HEADER] BINARY.PEEK[5] BINARY.SIZE[5] BINARY.PEEK[1.2])\r\n"s,
     "* 1 FETCH (BINARY[] ~{958}\r\nDate: Thu, 6 Jun 2024 12:00:00 +0200\r\nFrom: Ivan <ivan@example.ru>\r\nTo: Judy <judy@example.com>\r\nSubject: Fwd: Meeting notes\r\nMessage-ID: <fwd-7@example.ru>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n--outer\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee the forwarded message below.\r\n\r\n--outer\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\nDate: Tue, 4 Jun 2024 14:30:00 +0000\r\nFrom: \"Carol Q. Public\" <carol@example.net>\r\nTo: dave@example.com\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain notes.\r\n\r\n--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML notes.</p>\r\n\r\n--inner--\r\n\r\n--outer\r\nContent-Type: image/png; name=dot.png\r\nContent-Transfer-Encoding: binary\r\n\r\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xda" "cd`\xf8_\x0f\x00\x02\x87\x01\x80\xebG\xba\x92\x00\x00\x00\x00IEND\xae" "B`\x82\r\n--outer--\r\n BINARY[2] {399}\r\nDate: Tue, 4 Jun 2024 14:30:00 +0000\r\nFrom: \"Carol Q. Public\" <carol@example.net>\r\nTo: dave@example.com\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n--inner\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nPlain notes.\r\n\r\n--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>HTML notes.</p>\r\n\r\n--inner--\r\n BINARY[2.MIME] {61}\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n BINARY[HEADER] {228}\r\nDate: Thu, 6 Jun 2024 12:00:00 +0200\r\nFrom: Ivan <ivan@example.ru>\r\nTo: Judy <judy@example.com>\r\nSubject: Fwd: Meeting notes\r\nMessage-ID: <fwd-7@example.ru>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n BINARY[5] {0}\r\n BINARY.SIZE[5] 0 BINARY[1.2] {0}\r\n)\r\nf17 OK Fetch completed.\r\n"s},
    {"f18 FETCH 4:6 (BINARY.PEEK[1] BINARY.PEEK[TEXT] BINARY.SIZE[1] BODY.PEEK[1])\r\n"s,
     "* 4 FETCH (BINARY[1] ~{104}\r\n\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c \xd0\xb6\xd0\xb5 \xd0\xb5\xd1\x89\xd1\x91 \xd1\x8d\xd1\x82\xd0\xb8\xd1\x85 \xd0\xbc\xd1\x8f\xd0\xb3\xd0\xba\xd0\xb8\xd1\x85 \xd1\x84\xd1\x80\xd0\xb0\xd0\xbd\xd1\x86\xd1\x83\xd0\xb7\xd1\x81\xd0\xba\xd0\xb8\xd1\x85 \xd0\xb1\xd1\x83\xd0\xbb\xd0\xbe\xd0\xba, \xd0\xb4\xd0\xb0 \xd0\xb2\xd1\x8b\xd0\xbf\xd0\xb5\xd0\xb9 \xd1\x87\xd0\xb0\xd1\x8e.\n BINARY[TEXT] ~{104}\r\n\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c \xd0\xb6\xd0\xb5 \xd0\xb5\xd1\x89\xd1\x91 \xd1\x8d\xd1\x82\xd0\xb8\xd1\x85 \xd0\xbc\xd1\x8f\xd0\xb3\xd0\xba\xd0\xb8\xd1\x85 \xd1\x84\xd1\x80\xd0\xb0\xd0\xbd\xd1\x86\xd1\x83\xd0\xb7\xd1\x81\xd0\xba\xd0\xb8\xd1\x85 \xd0\xb1\xd1\x83\xd0\xbb\xd0\xbe\xd0\xba, \xd0\xb4\xd0\xb0 \xd0\xb2\xd1\x8b\xd0\xbf\xd0\xb5\xd0\xb9 \xd1\x87\xd0\xb0\xd1\x8e.\n BINARY.SIZE[1] 104 BODY[1] {144}\r\n0KHRitC10YjRjCDQttC1INC10YnRkSDRjdGC0LjRhSDQvNGP0LPQutC40YUg0YTRgNCw0L3RhtGD\r\n0LfRgdC60LjRhSDQsdGD0LvQvtC6LCDQtNCwINCy0YvQv9C10Lkg0YfQsNGOLgo=\r\n)\r\n* 5 FETCH (BINARY[1] ~{15}\r\nCaf\xe9 au lait.\r\n BINARY[TEXT] ~{15}\r\nCaf\xe9 au lait.\r\n BINARY.SIZE[1] 15 BODY[1] {17}\r\nCaf=E9 au lait.\r\n)\r\n* 6 FETCH (BINARY[1] ~{5}\r\na=b\r\n BINARY[TEXT] ~{5}\r\na=b\r\n BINARY.SIZE[1] 5 BODY[1] {7}\r\na=3Db\r\n)\r\nf18 OK Fetch completed.\r\n"s},
    {"f19 FETCH 4:6 BINARY.PEEK[]\r\n"s,
     "* 4 FETCH (BINARY[] ~{402}\r\nDate: Sun, 9 Jun 2024 11:11:11 +0500\r\nFrom: \xd0\x9f\xd1\x91\xd1\x82\xd1\x80 <petr@example.ru>\r\nTo: \"\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0 \\\"\xd0\x90\xd0\xbd\xd1\x8f\\\" \xd0\xa1\xd0\xbc\xd0\xb8\xd1\x80\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0\" <anna@example.ru>\r\nSubject: \xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xd0\xb8\xd0\xb7 UTF-8\r\nMessage-ID: <utf8-1@example.ru>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: binary\r\n\r\n\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c \xd0\xb6\xd0\xb5 \xd0\xb5\xd1\x89\xd1\x91 \xd1\x8d\xd1\x82\xd0\xb8\xd1\x85 \xd0\xbc\xd1\x8f\xd0\xb3\xd0\xba\xd0\xb8\xd1\x85 \xd1\x84\xd1\x80\xd0\xb0\xd0\xbd\xd1\x86\xd1\x83\xd0\xb7\xd1\x81\xd0\xba\xd0\xb8\xd1\x85 \xd0\xb1\xd1\x83\xd0\xbb\xd0\xbe\xd0\xba, \xd0\xb4\xd0\xb0 \xd0\xb2\xd1\x8b\xd0\xbf\xd0\xb5\xd0\xb9 \xd1\x87\xd0\xb0\xd1\x8e.\n)\r\n* 5 FETCH (BINARY[] ~{244}\r\nFROM: UPPER@EXAMPLE.COM\r\nSUBJECT: Upper case headers\r\nMIME-VERSION: 1.0\r\nCONTENT-TYPE: TEXT/PLAIN; CHARSET=\"ISO-8859-1\"; Format=Flowed\r\nCONTENT-DISPOSITION: INLINE\r\nCONTENT-ID: <ID1@EXAMPLE>\r\nContent-Transfer-Encoding: binary\r\n\r\nCaf\xe9 au lait.\r\n)\r\n* 6 FETCH (BINARY[] ~{110}\r\nFrom: a@example.com\r\nSubject: no mime\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: binary\r\n\r\na=b\r\n)\r\nf19 OK Fetch completed.\r\n"s},
    {"f20 FETCH 8 (BINARY.PEEK[] BINARY.SIZE[1] BINARY.SIZE[2])\r\n"s,
     "* 8 FETCH (BINARY[] ~{868}\r\nDate: Tue, 4 Jun 2024 14:30:00 +0000\r\nFrom: \"Carol Q. Public\" <carol@example.net>\r\nTo: dave@example.com, \"Eve (work)\" <eve@work.example>\r\nCc: frank@example.com\r\nSubject: Meeting notes\r\nMessage-ID: <notes-42@example.net>\r\nIn-Reply-To: <agenda-41@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"=_alt_boundary_1\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n--=_alt_boundary_1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\nNotes from today's meeting: \r\n* caf\xc3\xa9 budget approved\r\n* next meeting on Friday, a very long line that is soft-wrapped by the quoted-printable encoder\r\n--=_alt_boundary_1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: binary\r\n\r\n<html><body><p>Notes from today's meeting:</p>\r\n<ul><li>caf\xc3\xa9 budget approved</li></ul></body></html>\r\n\r\n--=_alt_boundary_1--\r\n BINARY.SIZE[1] 150 BINARY.SIZE[2] 103)\r\nf20 OK Fetch completed.\r\n"s},
    {"f21 FETCH 3 (BINARY.PEEK[] BINARY.PEEK[1] BINARY.SIZE[1]<0.5>)\r\n"s,
     "* 3 FETCH (BINARY[] {368}\r\nReturn-Path: <alice@example.com>\r\nReceived: from mx.example.com by imap.example.com; Mon, 3 Jun 2024 10:00:00 +0300\r\nDate: Mon, 3 Jun 2024 09:59:58 +0300\r\nFrom: Alice Example <alice@example.com>\r\nTo: Bob <bob@example.org>\r\nSubject: Lunch tomorrow?\r\nMessage-ID: <20240603095958.1234@example.com>\r\n\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n BINARY[1] {70}\r\nHi Bob,\r\n\r\nAre we still on for lunch tomorrow at noon?\r\n\r\n-- \r\nAlice\r\n BINARY.SIZE[1] 70)\r\nf21 OK Fetch completed.\r\n"s},
    {"f22 FETCH 12 (BODYSTRUCTURE BODY.PEEK[] BINARY.PEEK[] BINARY.PEEK[1] BODY.PEEK[1])\r\n"s,
     "* 12 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL) BODY[] {24}\r\nSubject: n\r\n\r\nnul\x80here\r\n BINARY[] ~{24}\r\nSubject: n\r\n\r\nnul\x00here\r\n BINARY[1] ~{10}\r\nnul\x00here\r\n BODY[1] {10}\r\nnul\x80here\r\n)\r\nf22 OK Fetch completed.\r\n"s},
    {"f23 FETCH 13 (BODY.PEEK[TEXT] BINARY.PEEK[1] ENVELOPE)\r\n"s,
     "* 13 FETCH (BODY[TEXT] {46}\r\n\xf0\xd2\xc9\xd7\xc5\xd4, \xe2\xcf\xc2!\r\n\xfc\xd4\xcf \xd0\xc9\xd3\xd8\xcd\xcf \xd7 \xcb\xcf\xc4\xc9\xd2\xcf\xd7\xcb\xc5 KOI8-R.\r\n BINARY[1] {46}\r\n\xf0\xd2\xc9\xd7\xc5\xd4, \xe2\xcf\xc2!\r\n\xfc\xd4\xcf \xd0\xc9\xd3\xd8\xcd\xcf \xd7 \xcb\xcf\xc4\xc9\xd2\xcf\xd7\xcb\xc5 KOI8-R.\r\n ENVELOPE (\"Fri, 7 Jun 2024 18:45:00 +0300\" \"=?KOI8-R?B?9MXNwSDQydPYzcE=?=\" ((\"=?koi8-r?Q?=E9=D7=C1=CE_=F0=C5=D4=D2=CF=D7?=\" NIL \"ivan\" \"example.ru\")) ((\"=?koi8-r?Q?=E9=D7=C1=CE_=F0=C5=D4=D2=CF=D7?=\" NIL \"ivan\" \"example.ru\")) ((\"=?koi8-r?Q?=E9=D7=C1=CE_=F0=C5=D4=D2=CF=D7?=\" NIL \"ivan\" \"example.ru\")) ((\"=?KOI8-R?B?4s/C?=\" NIL \"bob\" \"example.org\")) NIL NIL NIL \"<koi8-1@example.ru>\"))\r\nf23 OK Fetch completed.\r\n"s},
    {"f24 FETCH 14 (BINARY.PEEK[2] BINARY.SIZE[2] BODY.PEEK[2.MIME])\r\n"s,
     "* 14 FETCH (BINARY[2] ~{83}\r\n%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n BINARY.SIZE[2] 83 BODY[2.MIME] {319}\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <part1.report@example.com>\r\nContent-Description: Quarterly report\r\nContent-Disposition: attachment; filename=\"report.pdf\"; size=83\r\nContent-MD5: Q+ex8VQXtqXEKDJchcA8KA==\r\nContent-Location: http://example.com/report.pdf\r\n\r\n)\r\nf24 OK Fetch completed.\r\n"s},
    {"f25 FETCH 1 BODY.PEEK[MIME]\r\n"s,
     "f25 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f26 FETCH 1 BODY.PEEK[1.]\r\n"s,
     "f26 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f27 FETCH 1 BODY.PEEK[HEADER.FIELDS ()]\r\n"s,
     "f27 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f28 FETCH 1 BODY.PEEK[TEXT.MIME]\r\n"s,
     "f28 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f29 FETCH 1 BODY.PEEK[1.HEADER.FIELDS]\r\n"s,
     "f29 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f30 FETCH 1 BODY.PEEK[HEADERX]\r\n"s,
     "f30 BAD Error in IMAP command FETCH: Invalid BODY[..] section.\r\n"s},
    {"f31 FETCH 1 BODY.PEEK[]x\r\n"s,
     "f31 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Unexpected data after ']'.\r\n"s},
    {"f32 FETCH 1 BODY.PEEK\r\n"s,
     "f32 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Missing '['.\r\n"s},
    {"f33 FETCH 1 BODY.FOO[]\r\n"s,
     "f33 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Missing '['.\r\n"s},
    {"f34 FETCH 1 BINARY\r\n"s,
     "f34 BAD Error in IMAP command FETCH: Invalid BINARY[..] parameter: Missing '['.\r\n"s},
    {"f35 FETCH 1 BINARY.SIZE\r\n"s,
     "f35 BAD Error in IMAP command FETCH: Invalid BINARY[..] parameter: Missing '['.\r\n"s},
    {"f36 FETCH 1 BINARY[1.X]\r\n"s,
     "f36 BAD Error in IMAP command FETCH: Invalid BINARY[..] section.\r\n"s},
    {"f37 FETCH 1 BODY.PEEK[]<1.2>.x\r\n"s,
     "f37 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Unexpected data after '>'.\r\n"s},
    {"f38 FETCH 1 BODY.PEEK[1]<>\r\n"s,
     "f38 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Too big partial start.\r\n"s},
    {"f39 FETCH 1 BODY.PEEK[1]<2.>\r\n"s,
     "f39 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Too big partial end.\r\n"s},
    {"f40 FETCH 1 BODY.PEEK[1]<2.3\r\n"s,
     "f40 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Missing '>' in partial.\r\n"s},
    {"f41 FETCH 1 BODY.PEEK[1]<99999999999999999999.1>\r\n"s,
     "f41 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Too big partial start.\r\n"s},
    {"f42 FETCH 1 BINARY.PEEK[1]<1.x>\r\n"s,
     "f42 BAD Error in IMAP command FETCH: Invalid BINARY[..] parameter: Too big partial end.\r\n"s},
    {"f43 FETCH 1 BODY.PEEK[HEADER.FIELDS (NIL)]\r\n"s,
     "* 1 FETCH (BODY[HEADER.FIELDS (\"NIL\")] {2}\r\n\r\n)\r\nf43 OK Fetch completed.\r\n"s},
    {"f44 FETCH 1 BODY.PEEK[HEADER.FIELDS (FROM (X))]\r\n"s,
     "f44 BAD Error in IMAP command FETCH: Invalid BODY[..] parameter: Header list contains non-strings.\r\n"s},
    {"f45 FETCH 1 FLAGSX\r\n"s,
     "f45 BAD Error in IMAP command FETCH: Unknown parameter: FLAGSX.\r\n"s},
    {"f46 FETCH 1 RFC822.SIZEX\r\n"s,
     "f46 BAD Error in IMAP command FETCH: Unknown parameter RFC822.SIZEX.\r\n"s},
    {"f47 FETCH 1 BODDY\r\n"s,
     "f47 BAD Error in IMAP command FETCH: Unknown parameter: BODDY.\r\n"s},
    {"f48 FETCH 1 (FLAGS BODDY)\r\n"s,
     "f48 BAD Error in IMAP command FETCH: Unknown parameter: BODDY.\r\n"s},
    {"f49 FETCH 1 ()\r\n"s,
     "f49 BAD Error in IMAP command FETCH: FETCH list is empty.\r\n"s},
    {"f50 FETCH 1 (FLAGS (UID))\r\n"s,
     "f50 BAD Error in IMAP command FETCH: FETCH list contains non-atoms.\r\n"s},
    {"f51 FETCH 1 \"FLAGS\"\r\n"s,
     "f51 BAD Error in IMAP command FETCH: Invalid arguments.\r\n"s},
    {"f52 FETCH 1 (ALL)\r\n"s,
     "f52 BAD Error in IMAP command FETCH: Unknown parameter: ALL.\r\n"s},
    {"f53 FETCH 1 (fast)\r\n"s,
     "f53 BAD Error in IMAP command FETCH: Unknown parameter: FAST.\r\n"s},
    {"f54 FETCH 1 MODSEQX\r\n"s,
     "f54 BAD Error in IMAP command FETCH: Unknown parameter: MODSEQX.\r\n"s},
    {"f55 FETCH 1 BODYX\r\n"s,
     "f55 BAD Error in IMAP command FETCH: Unknown parameter: BODYX.\r\n"s},
};
// clang-format on

}  // namespace

TEST_CASE("FETCH sections, partials, BINARY, macros and errors match Dovecot byte for byte", "[fetch][dovecot]") {
    Harness h;
    select_mime(h);
    for (const auto& c : kCases) {
        INFO(c.command);
        CHECK(h.raw(c.command) == c.response);
    }
}
