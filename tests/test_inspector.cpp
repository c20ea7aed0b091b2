// The message inspector (simulator/inspect/message_inspector.hpp): raw source lines, header table,
// MIME tree with BODY[] part numbers, decoded text (QP, base64, UTF-8 / KOI8-R / windows-1251),
// and FETCH previews that must equal what a real session's FETCH sends.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "engine/session.hpp"
#include "inspect/message_inspector.hpp"
#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"
#include "store/mail_store.hpp"
#include "store/mime/line_endings.hpp"

using namespace imaplab;

namespace {

/// A test message from tests/data/inspect/, saved the way Dovecot saves it (CRLF line ends).
std::string read_message(const std::string& name) {
    std::ifstream f(std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/inspect/" + name, std::ios::binary);
    REQUIRE(f.good());
    std::stringstream ss;
    ss << f.rdbuf();
    return normalize_line_endings(ss.str());
}

Message make_message(const std::string& text, std::uint32_t uid = 42) {
    Message m;
    m.uid = Uid{uid};
    m.system_flags = kSeen;
    m.internal_date = 1382335200;  // 21-Oct-2013 06:00:00 +0000
    m.tz_minutes = 240;
    m.text = std::make_shared<const std::string>(text);
    return m;
}

const MimeNode& node(const MimeNode& root, const std::string& number) {
    const MimeNode* n = find_mime_node(root, number);
    INFO("part " << number);
    REQUIRE(n != nullptr);
    return *n;
}

/// A real server session with the message as sequence number 3 of a selected (read-write) INBOX,
/// after two other messages, and a keyword defined.
struct Server {
    MailStore store;
    std::unique_ptr<Session> session;
    Mailbox* inbox = nullptr;
    int tag = 0;

    explicit Server(const std::string& text, bool recent = false) {
        Account* a = store.add_account("alice", "secret");
        inbox = a->create("INBOX", 1382335000);
        inbox->define_keyword("$Forwarded");
        const std::uint16_t label = inbox->define_keyword("$Label1");
        for (std::uint32_t uid : {3u, 7u}) inbox->append(make_message("Subject: other\r\n\r\nx\r\n", uid));
        Message m = make_message(text);
        m.keywords = {label};
        inbox->append(std::move(m));
        inbox->set_first_recent_uid(recent ? 42 : 43);
        session = std::make_unique<Session>(store, ServerConfig{}, nullptr, 1);
        session->greeting();
        session->feed("a LOGIN alice secret\r\n");
        session->feed("b SELECT INBOX\r\n");
    }

    /// The untagged part of the answer to "FETCH 3 item".
    std::string fetch_untagged(const std::string& item) {
        const std::string t = "t" + std::to_string(++tag);
        const std::string out = session->feed(t + " FETCH 3 " + item + "\r\n");
        const std::size_t k = out.rfind("\r\n" + t + " ");
        REQUIRE(k != std::string::npos);
        INFO(out.substr(k + 2));
        CHECK(out.compare(k + 2, t.size() + 3, t + " OK") == 0);
        return out.substr(0, k + 2);
    }
};

/// Every suggested item's preview equals the server's own FETCH line (RFC 9051 §7.5.2 msg-att).
void check_previews_match_server(const std::string& text, bool recent) {
    Server server(text, recent);
    const Message& stored = server.inbox->messages().back();
    FetchPreviewer previewer(stored, server.inbox, recent);
    const MessageInspection in = inspect_message(stored);
    REQUIRE(in.fetch_items.size() > 15);
    for (const std::string& item : in.fetch_items) {
        INFO("item " << item);
        const FetchPreview p = previewer.fetch(item);
        CHECK(p.ok);
        CHECK(p.response == "* 1 FETCH (" + p.value + ")\r\n");
        CHECK(server.fetch_untagged(item) == "* 3 FETCH (" + p.value + ")\r\n");
    }
}

}  // namespace

TEST_CASE("inspector: source lines carry 1-based numbers, octet offsets and line ends", "[inspector]") {
    const auto lines = source_lines("A: b\r\nc\nd\r\n\r\nend");
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].number == 1);
    CHECK(lines[0].offset == 0);
    CHECK(lines[0].text == "A: b");
    CHECK(lines[0].end == LineEnd::CrLf);
    CHECK(lines[1].offset == 6);
    CHECK(lines[1].text == "c");
    CHECK(lines[1].end == LineEnd::Lf);
    CHECK(lines[2].offset == 8);
    CHECK(lines[2].end == LineEnd::CrLf);
    CHECK(lines[3].text.empty());
    CHECK(lines[3].offset == 11);
    CHECK(lines[4].number == 5);
    CHECK(lines[4].offset == 13);
    CHECK(lines[4].text == "end");
    CHECK(lines[4].end == LineEnd::None);
    CHECK(source_lines("").empty());
}

TEST_CASE("inspector: 8-bit bytes that are not UTF-8 are shown as \\xNN", "[inspector]") {
    const std::string koi8 = read_message("koi8r.eml");
    const auto lines = source_lines(koi8);
    // Line 9 is the first body line, KOI8-R on the wire: "Занятие" starts with 0xFA 0xC1.
    REQUIRE(lines.size() == 10);
    CHECK(lines[8].shown.rfind("\\xFA\\xC1\\xCE\\xD1\\xD4\\xC9\\xC5 ", 0) == 0);
    CHECK(lines[7].text.empty());
    CHECK(lines[9].end == LineEnd::CrLf);
    CHECK(printable_utf8("ок\x01\tz\xC3") == "ок\\x01\tz\\xC3");
    CHECK(printable_utf8("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a UTF-16 surrogate is not UTF-8
}

TEST_CASE("inspector: the header table decodes RFC 2047 words and unfolds", "[inspector]") {
    const auto rows = header_rows("From: =?UTF-8?B?0JDQvdC90LAg0J/QtdGC0YDQvtCy0LA=?= <anna@example.org>\r\n"
                                  "Subject: =?UTF-8?Q?=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82?=\r\n =?UTF-8?Q?_=D0=BC=D0=B8=D1=80?= !\r\n"
                                  "X-Empty:\r\n\r\nbody: no\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "From");
    CHECK(rows[0].decoded == "Анна Петрова <anna@example.org>");
    CHECK(rows[1].raw == "=?UTF-8?Q?=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82?=\r\n =?UTF-8?Q?_=D0=BC=D0=B8=D1=80?= !");
    CHECK(rows[1].decoded == "Привет мир !");
    CHECK(rows[2].name == "X-Empty");
    CHECK(rows[2].decoded.empty());
}

TEST_CASE("inspector: multipart/alternative with quoted-printable UTF-8 and base64 HTML", "[inspector]") {
    const std::string text = read_message("alternative.eml");
    const MessageInspection in = inspect_message(make_message(text));
    CHECK(in.size == text.size());
    CHECK(in.source.size() == 26);
    REQUIRE(in.headers.size() == 7);
    CHECK(in.headers[0].decoded == "Анна Петрова <anna@example.org>");
    CHECK(in.headers[2].decoded == "Привет world");

    const MimeNode& root = in.tree;
    CHECK(root.part_number.empty());
    CHECK(root.section == "TEXT");
    CHECK(root.message_root);
    CHECK(root.content_type() == "multipart/alternative");
    REQUIRE(root.children.size() == 2);
    CHECK_FALSE(root.text);

    const MimeNode& plain = node(root, "1");
    CHECK(plain.content_type() == "text/plain");
    CHECK(plain.charset == "UTF-8");
    CHECK(plain.transfer_encoding == "quoted-printable");
    CHECK(plain.lines == 5);
    REQUIRE(plain.text);
    CHECK(plain.text->error.empty());
    CHECK(plain.text->utf8 == "Привет, мир! Это письмо в двух видах: текст и HTML.\r\nЦена: 100 € — без скидки.\r\n");
    REQUIRE(plain.headers.size() == 2);
    CHECK(plain.headers[1].name == "Content-Transfer-Encoding");

    const MimeNode& html = node(root, "2");
    CHECK(html.content_type() == "text/html");
    CHECK(html.transfer_encoding == "base64");
    REQUIRE(html.text);
    CHECK(html.text->error.empty());
    CHECK(html.text->utf8 == "<html><body><p>Привет, <b>мир</b>!</p></body></html>\n");

    // Sizes are BODYSTRUCTURE's: the octets BODY[n] returns.
    FetchPreviewer previewer(make_message(text), nullptr, false);
    CHECK(previewer.fetch("BODY.PEEK[2]").value.rfind("BODY[2] {" + std::to_string(html.size) + "}\r\nPGh0bWw+", 0) == 0);
    CHECK(previewer.fetch("BODY.PEEK[1]").value.rfind("BODY[1] {" + std::to_string(plain.size) + "}\r\n=D0=9F", 0) == 0);
    CHECK(previewer.fetch("BINARY.SIZE[2]").value ==
          "BINARY.SIZE[2] " + std::to_string(std::string("<html><body><p>Привет, <b>мир</b>!</p></body></html>\n").size()));
}

TEST_CASE("inspector: KOI8-R message with an RFC 2047 KOI8-R subject", "[inspector]") {
    const std::string text = read_message("koi8r.eml");
    const MessageInspection in = inspect_message(make_message(text));
    REQUIRE(in.headers.size() == 7);
    CHECK(in.headers[0].decoded == "Учебный офис <office@univ.example>");
    CHECK(in.headers[2].name == "Subject");
    CHECK(in.headers[2].raw == "=?KOI8-R?B?8sHT0MnTwc7JxSDawc7R1MnK?=");
    CHECK(in.headers[2].decoded == "Расписание занятий");
    // Not multipart: the message's body is part 1 (RFC 9051 §6.4.5).
    const MimeNode& root = in.tree;
    CHECK(root.part_number == "1");
    CHECK(root.section == "1");
    CHECK(root.message_root);
    CHECK(root.children.empty());
    CHECK(root.charset == "KOI8-R");
    CHECK(root.transfer_encoding == "8bit");
    CHECK(root.lines == 2);
    REQUIRE(root.text);
    CHECK(root.text->error.empty());
    CHECK(root.text->utf8 == "Занятие перенесено на четверг.\r\nАудитория 514.\r\n");
}

TEST_CASE("inspector: windows-1251 quoted-printable part and an attachment", "[inspector]") {
    const std::string text = read_message("cp1251_qp.eml");
    const MessageInspection in = inspect_message(make_message(text));
    CHECK(in.headers[2].decoded == "Отчёт");
    const MimeNode& root = in.tree;
    CHECK(root.content_type() == "multipart/mixed");
    const MimeNode& part1 = node(root, "1");
    CHECK(part1.charset == "windows-1251");
    CHECK(part1.transfer_encoding == "quoted-printable");
    REQUIRE(part1.text);
    CHECK(part1.text->error.empty());
    CHECK(part1.text->utf8 == "Здравствуйте!\r\nОтчёт по лабораторной работе во вложении.\r\n");
    const MimeNode& part2 = node(root, "2");
    CHECK(part2.content_type() == "application/octet-stream");
    CHECK(part2.disposition == "attachment");
    CHECK(part2.filename == "report.bin");
    CHECK(part2.size == 12);  // "AAECAwQFBgc=": the line break before a boundary is the boundary's
    CHECK_FALSE(part2.text);

    FetchPreviewer previewer(make_message(text), nullptr, false);
    CHECK(previewer.fetch("BINARY.SIZE[2]").value == "BINARY.SIZE[2] 8");
    CHECK(previewer.fetch("BINARY.PEEK[2]").value == std::string("BINARY[2] ~{8}\r\n\x00\x01\x02\x03\x04\x05\x06\x07", 24));
}

TEST_CASE("inspector: message/rfc822 parts nest their part numbers", "[inspector]") {
    const std::string text = read_message("forwarded.eml");
    const MessageInspection in = inspect_message(make_message(text));
    const MimeNode& root = in.tree;
    CHECK(root.part_number.empty());
    CHECK(root.content_type() == "multipart/mixed");
    REQUIRE(root.children.size() == 3);
    CHECK(node(root, "1").content_type() == "text/plain");
    CHECK(node(root, "1").charset == "us-ascii");
    CHECK(node(root, "1").text->utf8 == "See the two forwarded messages.");

    // Part 2 holds a multipart message: no number of its own (2.TEXT), its parts are 2.1 and 2.2.
    const MimeNode& fwd = node(root, "2");
    CHECK(fwd.content_type() == "message/rfc822");
    CHECK_FALSE(fwd.message_root);
    REQUIRE(fwd.children.size() == 1);
    const MimeNode& inner = fwd.children[0];
    CHECK(inner.message_root);
    CHECK(inner.part_number.empty());
    CHECK(inner.section == "2.TEXT");
    CHECK(inner.content_type() == "multipart/alternative");
    REQUIRE(inner.headers.size() == 4);
    CHECK(inner.headers[1].decoded == "Inner multipart");
    REQUIRE(inner.children.size() == 2);
    CHECK(inner.children[0].part_number == "2.1");
    CHECK(inner.children[1].part_number == "2.2");
    CHECK(node(root, "2.1").text->utf8 == "Внутреннее письмо.");
    CHECK(node(root, "2.2").text->utf8 == "<p>Внутреннее письмо.</p>");

    // Part 3 holds a non-multipart message: its body is 3.1.
    const MimeNode& plain_fwd = node(root, "3");
    CHECK(plain_fwd.filename == "plain.eml");
    REQUIRE(plain_fwd.children.size() == 1);
    CHECK(plain_fwd.children[0].part_number == "3.1");
    CHECK(plain_fwd.children[0].message_root);
    CHECK(plain_fwd.children[0].text->utf8 == "Just text.");
    CHECK(find_mime_node(root, "4") == nullptr);
    CHECK(find_mime_node(root, "2.3") == nullptr);

    const auto& items = in.fetch_items;
    for (const char* want : {"BODY[2.HEADER]", "BODY[2.TEXT]", "BODY[2.1]", "BINARY[2.2]", "BODY[3.1.MIME]", "BODY[]<0.100>"})
        CHECK(std::find(items.begin(), items.end(), want) != items.end());

    FetchPreviewer previewer(make_message(text), nullptr, false);
    CHECK(previewer.fetch("BODY.PEEK[3.1]").value == "BODY[3.1] {10}\r\nJust text.");
    CHECK(previewer.fetch("BODY.PEEK[2.HEADER.FIELDS (SUBJECT)]").value ==
          "BODY[2.HEADER.FIELDS (SUBJECT)] {28}\r\nSubject: Inner multipart\r\n\r\n");
}

TEST_CASE("inspector: unknown charsets and undecodable bytes give an error, not a crash", "[inspector]") {
    DecodedText d = decode_text_body("caf\xE9", "", "x-klingon");
    CHECK(d.error == "unknown charset \"x-klingon\" (bytes other than UTF-8 shown as \\xNN)");
    CHECK(d.utf8 == "caf\\xE9");
    d = decode_text_body("ok \xFF!", "8bit", "UTF-8");
    CHECK(d.error == "bytes not valid in UTF-8 (shown as U+FFFD)");
    CHECK(d.utf8 == "ok \xEF\xBF\xBD!");
    d = decode_text_body("caf\xE9", "", "");
    CHECK(d.charset == "us-ascii");
    CHECK(d.transfer_encoding == "7bit");
    CHECK(d.error == "8-bit bytes in a us-ascii part (shown as \\xNN)");
    CHECK(d.utf8 == "caf\\xE9");
    d = decode_text_body("кот", "", "");
    CHECK(d.error == "8-bit bytes in a us-ascii part (shown as UTF-8)");
    CHECK(d.utf8 == "кот");
    d = decode_text_body("\x98", "", "windows-1251");  // 0x98 is unassigned in windows-1251
    CHECK(d.error == "bytes not valid in windows-1251 (shown as U+FFFD)");
    d = decode_text_body("0JDQ!!", "base64", "utf-8");
    CHECK(d.error.rfind("invalid base64 (RFC 2045 §6.8)", 0) == 0);
    d = decode_text_body("a=ZZb", "Quoted-Printable", "utf-8");
    CHECK(d.error.rfind("invalid quoted-printable (RFC 2045 §6.7)", 0) == 0);
    CHECK(d.utf8 == "a=ZZb");
    d = decode_text_body("x", "x-uuencode", "");
    CHECK(d.error == "unknown Content-Transfer-Encoding \"x-uuencode\": body shown undecoded");
    // A whole message in an unknown charset still inspects; the part carries the error.
    const std::string odd = "Content-Type: text/plain; charset=x-klingon\r\n\r\n\xE9\r\n";
    const MessageInspection in = inspect_message(make_message(odd));
    REQUIRE(in.tree.text);
    CHECK(in.tree.text->error.rfind("unknown charset \"x-klingon\"", 0) == 0);
}

TEST_CASE("inspector: each suggested FETCH item is what the server's FETCH sends", "[inspector]") {
    for (const char* name : {"alternative.eml", "koi8r.eml", "cp1251_qp.eml", "forwarded.eml"}) {
        INFO(name);
        check_previews_match_server(read_message(name), false);
    }
    check_previews_match_server(read_message("forwarded.eml"), true);
}

TEST_CASE("inspector: FLAGS, UID and INTERNALDATE previews keep the message's attributes", "[inspector]") {
    Server server(read_message("koi8r.eml"), true);
    FetchPreviewer previewer(server.inbox->messages().back(), server.inbox, true);
    CHECK(previewer.fetch("FLAGS").value == "FLAGS (\\Seen \\Recent $Label1)");
    CHECK(previewer.fetch("UID").value == "UID 42");
    CHECK(previewer.fetch("INTERNALDATE").value == "INTERNALDATE \"21-Oct-2013 10:00:00 +0400\"");
    // The preview never sets \Seen or clears \Recent on the real mailbox: it works on a copy.
    Server unseen(read_message("koi8r.eml"));
    Message m = unseen.inbox->messages().back();
    m.system_flags = 0;
    FetchPreviewer p2(m, unseen.inbox, false);
    CHECK(p2.fetch("BODY[TEXT]").value.rfind("BODY[TEXT] {", 0) == 0);
    CHECK(p2.fetch("FLAGS").value == "FLAGS ($Label1)");
}

TEST_CASE("inspector: a bad FETCH item gets the server's BAD", "[inspector]") {
    FetchPreviewer previewer(make_message("Subject: x\r\n\r\nbody\r\n"), nullptr, false);
    FetchPreview p = previewer.fetch("BODDY");
    CHECK_FALSE(p.ok);
    CHECK(p.value.empty());
    CHECK(p.response.empty());
    CHECK(p.tagged == "f1 BAD Error in IMAP command FETCH: Unknown parameter: BODDY.");
    p = previewer.fetch("BODY[]\r\nx LOGOUT");
    CHECK_FALSE(p.ok);
    CHECK(p.tagged == "the item must be on one line (no CR or LF)");
    p = previewer.fetch("BODY[HEADER.FIELDS {4}");
    CHECK_FALSE(p.ok);
    CHECK(p.tagged == "literals ({n}) are not supported here: write the item without one");
    p = previewer.fetch("BODY.PEEK[]<0.4>");
    CHECK(p.ok);
    CHECK(p.value == "BODY[]<0> {4}\r\nSubj");
    CHECK(p.tagged == "f2 OK Fetch completed.");
}

TEST_CASE("inspector: a lesson's message at a step, found through the replayed store", "[inspector]") {
    auto lesson = load_lesson_file(std::string(IMAPLAB_SOURCE_DIR) + "/lessons/07-reading-a-message.json");
    REQUIRE(lesson.ok());
    bool visited = false;
    visit_store_at_step(*lesson, 3, 1, [&](const MailStore& store, const Account* account) {
        visited = true;
        REQUIRE(account != nullptr);
        CHECK(account->user() == "username");
        auto data = inspect_stored_message(store, account, "INBOX", 2, false);
        REQUIRE(data.ok());
        CHECK(data->mailbox == "INBOX");
        const MimeNode& tree = data->inspection.tree;
        CHECK(tree.content_type() == "multipart/mixed");
        CHECK(node(tree, "1").content_type() == "multipart/alternative");
        CHECK(node(tree, "1.1").text->utf8 == "Пример сеанса во вложении.");
        CHECK(node(tree, "1.2").content_type() == "text/html");
        CHECK(node(tree, "2").filename == "session.txt");
        CHECK(node(tree, "2").text->utf8.rfind("C: A0001 LOGIN username password\nS: A0001 OK", 0) == 0);
        REQUIRE(data->fetches.size() == data->inspection.fetch_items.size());
        for (const FetchPreview& p : data->fetches) CHECK(p.ok);
        // The lesson's own step 3 line is the same BODYSTRUCTURE.
        const auto it = std::find(data->inspection.fetch_items.begin(), data->inspection.fetch_items.end(), "BODYSTRUCTURE");
        REQUIRE(it != data->inspection.fetch_items.end());
        const std::string& value = data->fetches[static_cast<std::size_t>(it - data->inspection.fetch_items.begin())].value;
        LessonRun run(*lesson);
        bool found = false;
        for (const auto& ev : run.timeline().events())
            if (const auto* w = std::get_if<WireLine>(&ev.data); w && w->text == "* 2 FETCH (" + value + ")") found = true;
        CHECK(found);

        // Items beyond the suggested ones, after the store is gone too (checked below).
        const std::shared_ptr<FetchPreviewer> previewer = data->previewer;
        REQUIRE(previewer);
        CHECK(previewer->fetch("BODY.PEEK[2]<0.10>").value == "BODY[2]<0> {10}\r\nQzogQTAwMD");
        CHECK(inspect_stored_message(store, account, "INBOX", 9, false).error() == "mailbox \"INBOX\" has no message with UID 9");
        CHECK(inspect_stored_message(store, account, "Nope", 1, false).error() == "there is no mailbox \"Nope\"");
    });
    CHECK(visited);
}

TEST_CASE("inspector: an item the server cannot produce shows the server's NO", "[inspector]") {
    // RFC 3516 §4.3: BINARY of a part in an unknown Content-Transfer-Encoding is [UNKNOWN-CTE].
    const std::string text = "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n";
    FetchPreviewer previewer(make_message(text), nullptr, false);
    const FetchPreview p = previewer.fetch("BINARY.PEEK[1]");
    CHECK_FALSE(p.ok);
    CHECK(p.response == "* 1 FETCH (UID 42)\r\n");
    CHECK(p.value == "UID 42");
    CHECK(p.tagged == "f1 NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding.");
    Server server(text);
    const std::string out = server.session->feed("t FETCH 3 BINARY.PEEK[1]\r\n");
    CHECK(out == "* 3 FETCH (UID 42)\r\nt NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding.\r\n");
    const MimeNode tree = mime_tree(text);
    REQUIRE(tree.text);
    CHECK(tree.text->error == "unknown Content-Transfer-Encoding \"x-uuencode\": body shown undecoded");
    CHECK(tree.text->utf8 == "begin 644 a\r\n");
}
