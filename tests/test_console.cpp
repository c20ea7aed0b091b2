// The console's logic (simulator/console): the input box to the text SimulatedClient sends (tags,
// literals, the "+" round trip), the pre-send syntax check against the server's own BAD,
// highlighting, completion and history.
#include <catch2/catch.hpp>

#include "client/simulated_client.hpp"
#include "console/completion.hpp"
#include "console/console_input.hpp"
#include "console/highlight.hpp"
#include "console/history.hpp"
#include "console/vocabulary.hpp"
#include "engine/commands/fetch_items.hpp"
#include "engine/search/search_parser.hpp"
#include "session_harness.hpp"

using namespace imaplab;
using namespace imaplab::console;
using imaplab::test::Harness;
using Strings = std::vector<std::string>;

namespace {

std::vector<WirePart> parts(std::initializer_list<std::pair<const char*, bool>> l) {
    std::vector<WirePart> out;
    for (auto& [b, w] : l) out.push_back({b, w});
    return out;
}

/// "class@offset+length" for each span, so a failure prints readably.
Strings spans_text(std::string_view input, const CheckOptions& o = {}) {
    Strings out;
    for (const Span& s : highlight(input, prepare_input(input, "A0001", o)))
        out.push_back(std::string(to_string(s.cls)) + "@" + std::to_string(s.offset) + "+" + std::to_string(s.length) + " " +
                      std::string(input.substr(s.offset, s.length)));
    return out;
}

}  // namespace

namespace imaplab::console {
std::ostream& operator<<(std::ostream& os, const WirePart& p) { return os << "{" << p.bytes << "," << p.waits_for_continuation << "}"; }
}  // namespace imaplab::console

TEST_CASE("console input: a command without a tag gets the client's next automatic tag", "[console]") {
    PreparedCommand p = prepare_input("FETCH 1 FLAGS", "A0007");
    CHECK(p.status == InputStatus::Ready);
    CHECK_FALSE(p.tag_typed);
    CHECK(p.tag == "A0007");
    CHECK(p.text == "A0007 FETCH 1 FLAGS");
    CHECK(p.tag_prefix == 6);
    CHECK(p.parts == parts({{"A0007 FETCH 1 FLAGS\r\n", false}}));
    CHECK_FALSE(p.syntax);
    CHECK(p.input_offset(6) == 0);
    CHECK(p.input_offset(12) == 6);

    CHECK(prepare_input("uid fetch 1:* (FLAGS)", "A0001").text == "A0001 uid fetch 1:* (FLAGS)");
    CHECK(prepare_input("uid", "A0001").text == "A0001 uid");
    // The beginning of a command name, while it is the only word, is not taken as a tag.
    CHECK_FALSE(prepare_input("FETC", "A0001").tag_typed);
    // A trailing line end is ignored.
    CHECK(prepare_input("NOOP\n", "A0001").text == "A0001 NOOP");
}

TEST_CASE("console input: any other first word is the typed tag, even an invalid one", "[console]") {
    PreparedCommand p = prepare_input("a1 noop", "A0001");
    CHECK(p.tag_typed);
    CHECK(p.tag == "a1");
    CHECK(p.text == "a1 noop");
    CHECK(p.tag_prefix == 0);
    CHECK_FALSE(p.syntax);

    PreparedCommand bad = prepare_input("+ NOOP", "A0001");
    CHECK(bad.tag_typed);
    CHECK(bad.status == InputStatus::Ready);  // the learner may send it and see the BAD
    REQUIRE(bad.syntax);
    CHECK(bad.syntax->offset == 0);
    CHECK(bad.syntax->reason == "Invalid tag");
    CHECK(bad.syntax->server_line == "* BAD Error in IMAP tag: Invalid tag.");
}

TEST_CASE("console input: a synchronising literal typed naturally, and its round trip", "[console][literal]") {
    const std::string input = "A1 LOGIN {5}\nalice secret";
    PreparedCommand p = prepare_input(input, "A0001");
    CHECK(p.status == InputStatus::Ready);
    CHECK(p.text == "A1 LOGIN {5}\r\nalice secret");
    CHECK(p.inserted_cr == std::vector<std::size_t>{12});
    REQUIRE(p.literals.size() == 1);
    const InputLiteral& l = p.literals[0];
    CHECK(l.header_offset == 9);
    CHECK(l.header_length == 3);
    CHECK(l.data_offset == 13);
    CHECK(l.data_length == 5);
    CHECK(l.announced == 5);
    CHECK(l.present == 5);
    CHECK(l.synchronizing);
    CHECK(p.parts == parts({{"A1 LOGIN {5}\r\n", true}, {"alice secret\r\n", false}}));
    CHECK_FALSE(p.syntax);
    // The text offset of "alice" (14) is input offset 13: the CR the console added is not in the box.
    CHECK(p.input_offset(14) == 13);
    CHECK(p.input_offset(13) == 12);

    // The same through a real session: the server answers "+ OK", then the login completes.
    Harness h;
    SimulatedClient client;
    CHECK(submit(client, input) == "A1");
    CHECK(client.next_tag() == "A0001");  // a typed tag does not move the automatic ones
    std::string out = client.take_output();
    CHECK(out == "A1 LOGIN {5}\r\n");
    std::string reply = h.raw(out);
    CHECK(reply == "+ OK\r\n");
    client.receive(reply);
    out = client.take_output();
    CHECK(out == "alice secret\r\n");
    CHECK(h.raw(out) == "A1 OK [CAPABILITY " + imaplab::test::kCapsPostLogin + "] Logged in\r\n");
}

TEST_CASE("console input: LITERAL+ is sent without waiting; literal8 is a literal too", "[console][literal]") {
    PreparedCommand p = prepare_input("LOGIN {5+}\nalice secret", "A0001");
    CHECK(p.status == InputStatus::Ready);
    REQUIRE(p.literals.size() == 1);
    CHECK_FALSE(p.literals[0].synchronizing);
    CHECK(p.literals[0].header_offset == 6);
    CHECK(p.literals[0].header_length == 4);
    CHECK(p.parts == parts({{"A0001 LOGIN {5+}\r\nalice secret\r\n", false}}));
    Harness h;
    CHECK(Harness::split(h.raw(p.parts[0].bytes)) == Strings{"A0001 OK [CAPABILITY " + imaplab::test::kCapsPostLogin + "] Logged in"});

    PreparedCommand b = prepare_input("APPEND INBOX ~{2}\nhi", "A0001");
    REQUIRE(b.literals.size() == 1);
    CHECK(b.literals[0].header_offset == 13);
    CHECK(b.literals[0].header_length == 4);
    CHECK(b.literals[0].data_offset == 18);
}

TEST_CASE("console input: a literal not yet complete waits for more octets; line ends count 2", "[console][literal]") {
    PreparedCommand p = prepare_input("A1 LOGIN {10}\nalice", "A0001");
    CHECK(p.status == InputStatus::NeedsLiteralData);
    CHECK(p.missing == 5);
    REQUIRE(p.literals.size() == 1);
    CHECK(p.literals[0].present == 5);
    CHECK(p.literals[0].data_length == 5);
    CHECK(p.parts.empty());

    // "Subject: x" and a line end are 10 + 2 octets on the wire.
    PreparedCommand q = prepare_input("APPEND INBOX {12}\nSubject: x", "A0001");
    CHECK(q.status == InputStatus::NeedsLiteralData);
    CHECK(q.missing == 2);
    PreparedCommand r = prepare_input("APPEND INBOX {12}\nSubject: x\n", "A0001");
    CHECK(r.status == InputStatus::Ready);
    CHECK(r.text == "A0001 APPEND INBOX {12}\r\nSubject: x\r\n");
    CHECK(r.literals[0].present == 12);
    CHECK(r.literals[0].data_length == 11);
    CHECK(r.parts == parts({{"A0001 APPEND INBOX {12}\r\n", true}, {"Subject: x\r\n\r\n", false}}));

    // A literal announced at the very end: nothing typed yet.
    PreparedCommand s = prepare_input("LOGIN {5}", "A0001");
    CHECK(s.status == InputStatus::NeedsLiteralData);
    CHECK(s.missing == 5);
    // "{5}" inside a quoted string is no literal.
    CHECK(prepare_input("LOGIN \"{5}\" x", "A0001").literals.empty());

    // SimulatedClient gets nothing from submit() while a literal is incomplete.
    SimulatedClient client;
    CHECK(submit(client, "A1 LOGIN {10}\nalice") == std::nullopt);
    CHECK(client.take_output() == "");
}

TEST_CASE("console input: too small a byte count ends the literal early, and the check says where", "[console][literal]") {
    const std::string input = "A1 LOGIN {3}\nalice secret";
    PreparedCommand p = prepare_input(input, "A0001");
    CHECK(p.status == InputStatus::Ready);
    CHECK(p.literals[0].data_length == 3);
    REQUIRE(p.syntax);
    CHECK(p.syntax->offset == 16);  // "ce secret": the literal ended after "ali"
    CHECK(p.syntax->reason == "Expected a space between arguments");
    CHECK(p.syntax->server_line == "A1 BAD Error in IMAP command LOGIN: Expected a space between arguments.");
    // The server says the same after its "+ OK".
    Harness h;
    CHECK(Harness::split(h.raw(p.text + "\r\n")) == Strings{"+ OK", p.syntax->server_line});
}

TEST_CASE("console input: text after the command's end, and an empty box", "[console]") {
    PreparedCommand p = prepare_input("NOOP\nNOOP", "A0001");
    CHECK(p.status == InputStatus::ExtraLines);
    CHECK(p.command_end == 4);
    CHECK(prepare_input("", "A0001").status == InputStatus::Empty);
    CHECK(prepare_input(" \n ", "A0001").status == InputStatus::Empty);
    SimulatedClient client;
    CHECK(submit(client, "NOOP\nNOOP") == std::nullopt);
}

TEST_CASE("console submit: automatic tags move on like send_tagged", "[console]") {
    SimulatedClient client;
    CHECK(submit(client, "NOOP") == "A0001");
    CHECK(submit(client, "x NOOP") == "x");
    CHECK(submit(client, "CAPABILITY") == "A0002");
    CHECK(client.take_output() == "A0001 NOOP\r\nx NOOP\r\nA0002 CAPABILITY\r\n");
}

TEST_CASE("console check: the pre-send BAD is the server's BAD, word for word", "[console][syntax]") {
    struct Case {
        std::string input;
        std::size_t offset;
        std::string reason;
    };
    // Selected state, IMAP4rev1: every command here is valid in it, so the server's BAD is about syntax.
    const std::vector<Case> cases{
        {"FETCH 1 (FLAGS", 14, "Missing ')'"},
        {"FETCH 1 FLAGS)", 13, "Unexpected ')'"},
        {"FETCH 1 BODDY", 8, "Unknown parameter: BODDY"},
        {"FETCH 1 (FLAGS BODY[HEADER.FIELDS])", 8, "Invalid BODY[..] section"},
        {"FETCH x FLAGS", 6, "Invalid messageset: invalid character 'x' in sequence set"},
        {"FETCH 1", 7, "Missing arguments"},
        {"STORE 1 FLAG (\\Seen)", 8, "Invalid arguments: expected FLAGS, +FLAGS or -FLAGS (optionally .SILENT), got FLAG"},
        {"STORE 1 +FLAGS (\\Bogus)", 15, "Invalid system flag \\BOGUS"},
        {"SEARCH FOO", 7, "Unknown argument FOO"},
        {"SEARCH SINCE yesterday", 7, "Invalid search date parameter"},
        {"NOOP now", 5, "Unexpected extra arguments"},
        {"SELECT", 6, "Missing arguments"},
        {"STATUS INBOX MESSAGES", 13, "Invalid arguments"},
        {"STATUS INBOX (MESSAGES FOO)", 13, "Invalid status item FOO"},
        {"LIST \"\"", 7, "Invalid pattern"},
        {"COPY 1 \"Archive", 15, "Missing '\"'"},  // the parser stops at the end
        {"COPY 1:2", 8, "Missing arguments"},
        {"RENAME a", 8, "Missing arguments"},
        {"SELECT Привет", 7, "8bit data in atom"},
        {"t1 FROB 1", 3, "Unknown command"},
    };
    for (const Case& c : cases) {
        INFO(c.input);
        Harness h;
        h.select();
        PreparedCommand p = prepare_input(c.input, "A0001");
        REQUIRE(p.status == InputStatus::Ready);
        REQUIRE(p.syntax);
        CHECK(p.syntax->offset == c.offset);
        CHECK(p.syntax->reason == c.reason);
        const Strings reply = h.send(p.text);
        REQUIRE_FALSE(reply.empty());
        CHECK(reply.back() == p.syntax->server_line);
        CHECK(p.syntax->server_line.find(" BAD Error in IMAP command ") != std::string::npos);
    }
}

TEST_CASE("console check: well-formed commands pass, whatever the server then answers", "[console][syntax]") {
    for (const char* ok : {"FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100>)", "FETCH 1 ALL", "UID FETCH 10:* FAST",
                           "STORE 1:2 -FLAGS.SILENT (\\Seen $Forwarded)", "STORE 1 FLAGS \\Seen", "SEARCH OR SEEN FROM bob NOT 1:3",
                           "UID SEARCH RETURN (MIN COUNT) UNSEEN", "SELECT \"INBOX\"", "STATUS INBOX (MESSAGES UIDNEXT)",
                           "LIST \"\" *", "LIST (SUBSCRIBED) \"\" %", "COPY 1:2 Archive", "UID MOVE 10 INBOX/Sent", "CREATE \"Новое\"",
                           "NOOP", "ENABLE IMAP4rev2", "ID NIL", "APPEND INBOX (\\Seen) {2}\nhi", "SELECT NoSuchBox",
                           "FETCH 99 FLAGS", "LOGIN {5}\nalice secret"}) {
        INFO(ok);
        PreparedCommand p = prepare_input(ok, "A0001");
        CHECK(p.status == InputStatus::Ready);
        CHECK_FALSE(p.syntax);
    }
}

TEST_CASE("console check: IMAP4rev2 rules where the server applies them", "[console][syntax][rev2]") {
    CheckOptions rev2{true};
    auto lsub = prepare_input("LSUB \"\" *", "A0001", rev2);
    REQUIRE(lsub.syntax);
    CHECK(lsub.syntax->server_line == "A0001 BAD Error in IMAP command LSUB: Unknown command.");
    CHECK_FALSE(prepare_input("LSUB \"\" *", "A0001").syntax);
    auto recent = prepare_input("STATUS INBOX (RECENT)", "A0001", rev2);
    REQUIRE(recent.syntax);
    CHECK(recent.syntax->reason == "Invalid status item RECENT");
    CHECK_FALSE(prepare_input("STATUS INBOX (DELETED)", "A0001", rev2).syntax);

    Harness h;
    h.login();
    h.session->set_imap4rev2(true);
    CHECK(h.send(lsub.text).back() == lsub.syntax->server_line);
    CHECK(h.send(recent.text).back() == recent.syntax->server_line);
}

TEST_CASE("console highlight: classes and byte offsets", "[console][highlight]") {
    CHECK(spans_text("a1 UID FETCH 1:3,5 (FLAGS BODY.PEEK[HEADER])") ==
          Strings{"tag@0+2 a1", "command@3+9 UID FETCH", "sequence-set@13+5 1:3,5", "bracket@19+1 (", "atom@20+5 FLAGS",
                  "atom@26+9 BODY.PEEK", "bracket@35+1 [", "atom@36+6 HEADER", "bracket@42+1 ]", "bracket@43+1 )"});
    CHECK(spans_text("STORE 2 +FLAGS (\\Seen $Work)") ==
          Strings{"command@0+5 STORE", "sequence-set@6+1 2", "atom@8+6 +FLAGS", "bracket@15+1 (", "flag@16+5 \\Seen",
                  "flag@22+5 $Work", "bracket@27+1 )"});
    CHECK(spans_text("A1 LOGIN {5}\nalice \"pw\"") ==
          Strings{"tag@0+2 A1", "command@3+5 LOGIN", "literal-header@9+3 {5}", "literal-data@13+5 alice", "quoted@19+4 \"pw\""});
    CHECK(spans_text("SEARCH LARGER 100 1:5 KEYWORD $Work") ==
          Strings{"command@0+6 SEARCH", "atom@7+6 LARGER", "number@14+3 100", "sequence-set@18+3 1:5", "atom@22+7 KEYWORD",
                  "flag@30+5 $Work"});
}

TEST_CASE("console highlight: literal data with line ends, an unfinished literal", "[console][highlight]") {
    CHECK(spans_text("APPEND INBOX {12}\nSubject: x\n") ==
          Strings{"command@0+6 APPEND", "atom@7+5 INBOX", "literal-header@13+4 {12}", "literal-data@18+11 Subject: x\n"});
    CHECK(spans_text("LOGIN {10}\nali") == Strings{"command@0+5 LOGIN", "literal-header@6+4 {10}", "literal-data@11+3 ali"});
}

TEST_CASE("console highlight: everything after the failing offset is the error, UTF-8 kept whole", "[console][highlight]") {
    CHECK(spans_text("FETCH 1 (FLAGS BODDY)") ==
          Strings{"command@0+5 FETCH", "sequence-set@6+1 1", "error@8+13 (FLAGS BODDY)"});
    // "Привет" is 12 bytes; the reader refuses 8-bit atoms in IMAP4rev1 and IMAP4rev2 alike.
    CHECK(spans_text("SELECT Привет") == Strings{"command@0+6 SELECT", "error@7+12 Привет"});
    CHECK(spans_text("SELECT \"Привет\"") == Strings{"command@0+6 SELECT", "quoted@7+14 \"Привет\""});
    CHECK(spans_text("NOOP\nNOOP") == Strings{"command@0+4 NOOP", "error@4+5 \nNOOP"});
    // An unterminated quoted string stops at the line end.
    // The parser reports the missing quote at the end: no error span then, the view puts its caret
    // at SyntaxError::offset.
    CHECK(spans_text("COPY 1 \"Archive") == Strings{"command@0+4 COPY", "sequence-set@5+1 1", "quoted@7+8 \"Archive"});
}

TEST_CASE("console completion: command names, valid in the state first", "[console][completion]") {
    CompletionContext selected{SessionState::Selected, false, {}, {}};
    Completion c = complete("l", 1, selected);
    CHECK(c.kind == CompletionKind::CommandName);
    CHECK(c.offset == 0);
    CHECK(c.length == 1);
    CHECK(c.candidates == Strings{"LIST", "LISTRIGHTS", "LOGOUT", "LSUB", "LOGIN"});
    CompletionContext rev2{SessionState::Selected, true, {}, {}};
    CHECK(complete("l", 1, rev2).candidates == Strings{"LIST", "LISTRIGHTS", "LOGOUT", "LOGIN", "LSUB"});
    CompletionContext start{};
    CHECK(complete("", 0, start).candidates.front() == "AUTHENTICATE");
    CHECK(complete("a1 Fe", 5, selected).candidates == Strings{"FETCH"});
    CHECK(complete("a1 Fe", 5, selected).offset == 3);
    CHECK(complete("UID ", 4, selected).candidates == Strings{"COPY", "EXPUNGE", "FETCH", "MOVE", "SEARCH", "STORE"});
    // The whole word under the cursor is replaced.
    Completion mid = complete("NOxx", 2, selected);
    CHECK(mid.offset == 0);
    CHECK(mid.length == 4);
    CHECK(mid.candidates == Strings{"NOOP"});
}

TEST_CASE("console completion: FETCH items, SEARCH keys, STORE items and flags", "[console][completion]") {
    CompletionContext ctx{SessionState::Selected, false, {}, {"$Forwarded", "$Work"}};
    Completion f = complete("FETCH 1 F", 9, ctx);
    CHECK(f.kind == CompletionKind::FetchItem);
    CHECK(f.offset == 8);
    CHECK(f.candidates == Strings{"FAST", "FLAGS", "FULL"});
    Completion in_list = complete("UID FETCH 1:* (FLAGS B", 22, ctx);
    CHECK(in_list.offset == 21);
    CHECK(in_list.candidates == Strings{"BINARY.PEEK[]", "BINARY.SIZE[]", "BINARY[]", "BODY", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]",
                                        "BODY.PEEK[HEADER]", "BODY.PEEK[TEXT]", "BODY.PEEK[]", "BODYSTRUCTURE", "BODY[HEADER]",
                                        "BODY[TEXT]", "BODY[]"});
    CHECK(complete("FETCH 1 (F", 10, ctx).candidates == Strings{"FLAGS"});  // no macros inside a list
    CHECK(complete("FETCH ", 6, ctx).kind == CompletionKind::None);         // the sequence set

    Completion s = complete("SEARCH UNSEEN un", 16, ctx);
    CHECK(s.kind == CompletionKind::SearchKey);
    CHECK(s.candidates == Strings{"UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNKEYWORD", "UNSEEN"});
    CHECK(complete("SEARCH KEYWORD $W", 17, ctx).candidates == Strings{"$Work"});
    CHECK(complete("SEARCH RE", 9, ctx).candidates == Strings{"RECENT"});
    CompletionContext rev2 = ctx;
    rev2.imap4rev2 = true;
    CHECK(complete("SEARCH RE", 9, rev2).candidates.empty());

    Completion st = complete("STORE 1 +F", 10, ctx);
    CHECK(st.kind == CompletionKind::StoreItem);
    CHECK(st.candidates == Strings{"+FLAGS", "+FLAGS.SILENT"});
    Completion fl = complete("UID STORE 1 +FLAGS (\\Seen \\", 27, ctx);
    CHECK(fl.kind == CompletionKind::Flag);
    CHECK(fl.offset == 26);
    CHECK(fl.candidates == Strings{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"});
    CHECK(complete("STORE 1 FLAGS $", 15, ctx).candidates == Strings{"$Forwarded", "$Work"});
    CHECK(complete("APPEND INBOX (\\s", 16, ctx).candidates == Strings{"\\Seen"});
    CHECK(complete("STATUS INBOX (UID", 17, ctx).candidates == Strings{"UIDNEXT", "UIDVALIDITY"});
}

TEST_CASE("console completion: mailbox names as they go on the wire", "[console][completion]") {
    CompletionContext rev1{SessionState::Authenticated, false, {"INBOX", "Привет", "Archive/2024", "My Box"}, {}};
    Completion all = complete("SELECT ", 7, rev1);
    CHECK(all.kind == CompletionKind::Mailbox);
    CHECK(all.candidates == Strings{"\"My Box\"", "&BB8EQAQ4BDIENQRC-", "Archive/2024", "INBOX"});
    CHECK(complete("EXAMINE Пр", 18, rev1).candidates == Strings{"&BB8EQAQ4BDIENQRC-"});  // matched by its UTF-8 name
    CHECK(complete("STATUS \"my", 10, rev1).candidates == Strings{"\"My Box\""});
    CHECK(complete("COPY 1:2 in", 11, rev1).candidates == Strings{"INBOX"});
    CHECK(complete("RENAME INBOX a", 14, rev1).candidates == Strings{"Archive/2024"});
    CHECK(complete("LIST \"\" A", 9, rev1).candidates == Strings{"Archive/2024"});
    CHECK(complete("COPY a", 6, rev1).kind == CompletionKind::None);  // the sequence set
    CompletionContext rev2 = rev1;
    rev2.imap4rev2 = true;
    CHECK(complete("SELECT П", 9, rev2).candidates == Strings{"\"Привет\""});
}

TEST_CASE("console completion: nothing inside literal data", "[console][completion]") {
    CompletionContext ctx{};
    CHECK(complete("LOGIN {5}\nal", 12, ctx).kind == CompletionKind::None);
}

TEST_CASE("console vocabulary: every FETCH item and SEARCH key is one the server's parsers accept", "[console]") {
    for (auto name : fetch_item_names()) {
        INFO(name);
        auto p = prepare_input("FETCH 1 " + std::string(name), "A0001");
        CHECK_FALSE(p.syntax);
    }
    for (auto name : fetch_macro_names()) CHECK_FALSE(prepare_input("FETCH 1 " + std::string(name), "A0001").syntax);
    for (auto name : search_key_names()) {
        INFO(name);
        // Alone the key is either complete or wants a parameter; never unknown.
        auto p = prepare_input("SEARCH " + std::string(name), "A0001");
        if (p.syntax) CHECK(p.syntax->reason.find("Unknown argument") == std::string::npos);
    }
    for (auto name : store_item_names()) CHECK_FALSE(prepare_input("STORE 1 " + std::string(name) + " \\Seen", "A0001").syntax);
    for (bool rev2 : {false, true})
        for (auto name : status_item_names(rev2))
            CHECK_FALSE(prepare_input("STATUS INBOX (" + std::string(name) + ")", "A0001", CheckOptions{rev2}).syntax);
}

TEST_CASE("console history: up and down like a shell, keeping the line being edited", "[console][history]") {
    History h;
    h.add("NOOP");
    h.add("FETCH 1 FLAGS");
    h.add("FETCH 1 FLAGS");  // a repeat is not recorded
    h.add("  ");             // nor an empty line
    h.add("LOGOUT");
    CHECK(h.entries() == std::deque<std::string>{"NOOP", "FETCH 1 FLAGS", "LOGOUT"});
    CHECK(h.down() == std::nullopt);
    CHECK(h.up("SEL") == "LOGOUT");
    CHECK(h.up("ignored") == "FETCH 1 FLAGS");
    CHECK(h.up("") == "NOOP");
    CHECK(h.up("") == std::nullopt);
    CHECK(h.position() == 0u);
    CHECK(h.down() == "FETCH 1 FLAGS");
    CHECK(h.down() == "LOGOUT");
    CHECK(h.down() == "SEL");  // the draft comes back
    CHECK(h.down() == std::nullopt);
    CHECK(h.position() == std::nullopt);
    // Sending ends the navigation; the next Up starts from the newest again.
    CHECK(h.up("x") == "LOGOUT");
    h.add("NOOP");
    CHECK(h.up("") == "NOOP");
    h.reset();
    CHECK(h.down() == std::nullopt);
}

TEST_CASE("console history: the oldest entries go beyond the limit", "[console][history]") {
    History h(2);
    h.add("a");
    h.add("b");
    h.add("c");
    CHECK(h.entries() == std::deque<std::string>{"b", "c"});
    CHECK(History(0).limit() == 1);
}

TEST_CASE("console input: a continuation line (IDLE's DONE, a SASL response) is sent as it is", "[console]") {
    CheckOptions cont;
    cont.continuation_line = true;
    PreparedCommand p = prepare_input("DONE", "A0002", cont);
    CHECK(p.status == InputStatus::Ready);
    CHECK(p.text == "DONE");
    CHECK(p.tag.empty());
    CHECK_FALSE(p.syntax);
    CHECK(prepare_input("", "A0002", cont).status == InputStatus::Ready);  // an empty SASL response
    CHECK(prepare_input("DONE\nNOOP", "A0002", cont).status == InputStatus::ExtraLines);
    CHECK(highlight("DONE", p).empty());
    CHECK(highlight("DONE\nNOOP", prepare_input("DONE\nNOOP", "A0002", cont)) == std::vector<Span>{{4, 5, SpanClass::Error}});
    // As a command "DONE" would be a tag without a command.
    REQUIRE(prepare_input("DONE", "A0002").syntax);
    CHECK(prepare_input("DONE", "A0002").syntax->server_line == "DONE BAD Error in IMAP command: Invalid command name.");

    // Against a session: IDLE, then DONE.
    Harness h;
    h.select();
    SimulatedClient client;
    CHECK(submit(client, "IDLE") == "A0001");
    const std::string idling = h.raw(client.take_output());
    CHECK(idling == "+ idling\r\n");
    client.receive(idling);
    CHECK(submit(client, "DONE", cont) == "");
    CHECK(client.take_output() == "DONE\r\n");
    CHECK(client.in_flight().size() == 1);  // DONE belongs to A0001, it is no command of its own
}

TEST_CASE("console input: a 19-digit literal count waits, without overflow", "[console][literal]") {
    PreparedCommand p = prepare_input("LOGIN {9999999999999999999}\nx", "A0001");
    CHECK(p.status == InputStatus::NeedsLiteralData);
    CHECK(p.missing == 9999999999999999999ull - 1);
    CHECK(p.literals.at(0).data_length == 1);
}
