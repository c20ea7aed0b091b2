// The line explainer (simulator/lesson/explainer.hpp) and its data, lessons/explain/explain.json: every
// command, response, response code, FETCH item and SEARCH key the engine supports has a meaning
// in both languages; lines are split into the right tokens; a broken data file is refused with
// file, line and field.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/command_table.hpp"
#include "engine/response_codes.hpp"
#include "lesson/explainer.hpp"
#include "session_harness.hpp"

using namespace imaplab;

namespace {

const Explainer& data() {
    static const Explainer e = [] {
        auto r = Explainer::load_file(std::string(IMAPLAB_SOURCE_DIR) + "/lessons/explain/explain.json");
        if (!r) FAIL(r.error().to_string());
        return std::move(r).value();
    }();
    return e;
}

void require_entry(const std::string& section, const std::string& key) {
    INFO(section << "/" << key);
    const Meaning* m = data().find(section, key);
    REQUIRE(m != nullptr);
    CHECK_FALSE(m->en.empty());
    CHECK_FALSE(m->ru.empty());
    CHECK(m->rfc.rfind("RFC ", 0) == 0);
}

/// "text=section/key" for each token, for compact comparisons.
std::vector<std::string> shape(std::string_view line, LineSide side = LineSide::Auto) {
    std::vector<std::string> out;
    for (const auto& t : data().explain(line, side)) out.push_back(t.text + "=" + t.section + "/" + t.key + (t.meaning ? "" : "!"));
    return out;
}

const std::vector<std::string> kFetchItems = {"ALL", "FAST", "FULL", "BODY", "BODYSTRUCTURE", "ENVELOPE", "FLAGS", "INTERNALDATE",
                                              "RFC822", "RFC822.HEADER", "RFC822.SIZE", "RFC822.TEXT", "UID", "BODY[]",
                                              "BODY.PEEK[]", "BINARY[1]", "BINARY.PEEK[1]", "BINARY.SIZE[1]"};
const std::vector<std::string> kSearchKeys = {
    "ALL", "ANSWERED", "BCC x", "BEFORE 1-Feb-1994", "BODY x", "CC x", "DELETED", "DRAFT", "FLAGGED", "FROM x", "HEADER Subject x",
    "KEYWORD $Forwarded", "LARGER 10", "NEW", "NOT SEEN", "OLD", "ON 1-Feb-1994", "OR SEEN DRAFT", "RECENT", "SEEN",
    "SENTBEFORE 1-Feb-1994", "SENTON 1-Feb-1994", "SENTSINCE 1-Feb-1994", "SINCE 1-Feb-1994", "SMALLER 10", "SUBJECT x",
    "TEXT x", "TO x", "UID 1:*", "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNKEYWORD $Forwarded", "UNSEEN",
    "CHARSET UTF-8 ALL", "RETURN (MIN) ALL"};

}  // namespace

TEST_CASE("explain.json: every command of the command table, in both languages", "[explainer]") {
    for (const CommandSpec& c : command_table()) require_entry("commands", std::string(c.name));
}

TEST_CASE("explain.json: every response code the engine names", "[explainer]") {
    for (std::string_view c : {code::kAlert, code::kBadCharset, code::kCapability, code::kParse, code::kPermanentFlags,
                               code::kReadOnly, code::kReadWrite, code::kTryCreate, code::kUidNext, code::kUidValidity,
                               code::kUnseen, code::kClosed, code::kAppendUid, code::kCopyUid, code::kUseAttr,
                               code::kNonExistent, code::kAlreadyExists, code::kAuthenticationFailed,
                               code::kPrivacyRequired, code::kCannot, code::kInUse, code::kServerBug, code::kClientBug,
                               code::kLimit, code::kTooBig})
        require_entry("codes", std::string(c));
    require_entry("codes", "UNKNOWN-CTE");  // FETCH BINARY (fetch_items.cpp)
    require_entry("codes", "NOPERM");
}

TEST_CASE("explain.json: every response the server sends", "[explainer]") {
    for (const char* r : {"OK", "NO", "BAD", "PREAUTH", "BYE", "CAPABILITY", "ENABLED", "ID", "LIST", "LSUB", "NAMESPACE",
                          "STATUS", "ESEARCH", "SEARCH", "FLAGS", "EXISTS", "RECENT", "EXPUNGE", "FETCH"})
        require_entry("responses", r);
    for (const char* s : {"MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE"}) require_entry("status_items", s);
    for (const char* f : {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent", "\\*"}) require_entry("flags", f);
    for (const char* s : {"FLAGS", "+FLAGS", "-FLAGS"}) require_entry("store_items", s);
}

TEST_CASE("explain.json: every FETCH item the engine accepts, and the engine accepts each", "[explainer][fetch]") {
    test::Harness h;
    h.select();
    for (const std::string& item : kFetchItems) {
        INFO(item);
        const auto tokens = data().explain("a FETCH 1 " + item, LineSide::Client);
        REQUIRE(tokens.size() == 4);
        CHECK(tokens[3].section == "fetch_items");
        CHECK(tokens[3].meaning != nullptr);
        CHECK(h.send("f FETCH 1 " + item).back() == "f OK Fetch completed.");
    }
}

TEST_CASE("explain.json: every SEARCH key the engine accepts, and the engine accepts each", "[explainer][search]") {
    test::Harness h;
    h.select();
    for (const std::string& key : kSearchKeys) {
        INFO(key);
        const auto tokens = data().explain("a SEARCH " + key, LineSide::Client);
        REQUIRE(tokens.size() >= 3);
        CHECK(tokens[2].section == "search_keys");
        for (const auto& t : tokens) {
            INFO(t.text << " " << t.section << "/" << t.key);
            CHECK(t.meaning != nullptr);
        }
        CHECK(h.send("s SEARCH " + key).back().rfind("s OK", 0) == 0);
    }
}

TEST_CASE("explainer: client lines", "[explainer]") {
    CHECK(shape("A0003 SELECT INBOX") ==
          std::vector<std::string>{"A0003=tokens/tag", "SELECT=commands/SELECT", "INBOX=tokens/mailbox"});
    CHECK(shape("a1 uid fetch 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]<0.100>)") ==
          std::vector<std::string>{"a1=tokens/tag", "uid fetch=commands/UID FETCH", "1:*=tokens/sequence-set",
                                   "FLAGS=fetch_items/FLAGS", "BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]<0.100>=fetch_items/BODY.PEEK[]"});
    CHECK(shape("a2 STORE 2:4 +FLAGS.SILENT (\\Deleted $Junk)") ==
          std::vector<std::string>{"a2=tokens/tag", "STORE=commands/STORE", "2:4=tokens/sequence-set", "+FLAGS=store_items/+FLAGS",
                                   ".SILENT=tokens/silent", "\\Deleted=flags/\\Deleted", "$Junk=tokens/keyword"});
    CHECK(shape("a3 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"") ==
          std::vector<std::string>{"a3=tokens/tag", "SEARCH=commands/SEARCH", "FLAGGED=search_keys/FLAGGED",
                                   "SINCE=search_keys/SINCE", "1-Feb-1994=tokens/date", "NOT=search_keys/NOT",
                                   "FROM=search_keys/FROM", "\"Smith\"=tokens/search-string"});
    CHECK(shape("a4 APPEND Sent (\\Seen) \"07-Feb-1994 21:52:25 -0800\" {5}\r\nHello") ==
          std::vector<std::string>{"a4=tokens/tag", "APPEND=commands/APPEND", "Sent=tokens/mailbox", "\\Seen=flags/\\Seen",
                                   "\"07-Feb-1994 21:52:25 -0800\"=tokens/date-time", "{5}\r\nHello=tokens/message-literal"});
    CHECK(shape("a5 LOGIN alice secret") ==
          std::vector<std::string>{"a5=tokens/tag", "LOGIN=commands/LOGIN", "alice=tokens/user", "secret=tokens/password"});
    CHECK(shape("a6 STATUS INBOX (MESSAGES UNSEEN)") ==
          std::vector<std::string>{"a6=tokens/tag", "STATUS=commands/STATUS", "INBOX=tokens/mailbox",
                                   "MESSAGES=status_items/MESSAGES", "UNSEEN=status_items/UNSEEN"});
    // An unknown command is explained as far as it can be: its name has no entry.
    CHECK(shape("a7 XPIG-LATIN foo") == std::vector<std::string>{"a7=tokens/tag", "XPIG-LATIN=commands/XPIG-LATIN!", "foo=tokens/atom"});
}

TEST_CASE("explainer: server lines", "[explainer]") {
    CHECK(shape("* OK [UIDVALIDITY 1340776425] UIDs valid") ==
          std::vector<std::string>{"*=tokens/untagged", "OK=responses/OK", "[UIDVALIDITY 1340776425]=codes/UIDVALIDITY",
                                   "UIDs valid=tokens/text"});
    CHECK(shape("* 12 FETCH (FLAGS (\\Seen $Forwarded) UID 29047)") ==
          std::vector<std::string>{"*=tokens/untagged", "12=tokens/message-number", "FETCH=responses/FETCH",
                                   "FLAGS=fetch_items/FLAGS", "\\Seen=flags/\\Seen", "$Forwarded=tokens/keyword",
                                   "UID=fetch_items/UID", "29047=tokens/number"});
    CHECK(shape("* 3 EXISTS") == std::vector<std::string>{"*=tokens/untagged", "3=tokens/number", "EXISTS=responses/EXISTS"});
    CHECK(shape("+ OK") == std::vector<std::string>{"+=tokens/continuation", "OK=tokens/text"});
    CHECK(shape("a NO [TRYCREATE] Mailbox doesn't exist: x.") ==
          std::vector<std::string>{"a=tokens/tag", "NO=responses/NO", "[TRYCREATE]=codes/TRYCREATE",
                                   "Mailbox doesn't exist: x.=tokens/text"});
    CHECK(shape("* LIST (\\HasNoChildren \\Sent) \"/\" Sent") ==
          std::vector<std::string>{"*=tokens/untagged", "LIST=responses/LIST", "\\HasNoChildren=attributes/\\HasNoChildren",
                                   "\\Sent=attributes/\\Sent", "\"/\"=tokens/delimiter", "Sent=tokens/mailbox"});
    CHECK(shape("* ESEARCH (TAG \"A285\") MIN 2 COUNT 3") ==
          std::vector<std::string>{"*=tokens/untagged", "ESEARCH=responses/ESEARCH", "(TAG \"A285\")=tokens/search-correlator",
                                   "MIN=search_return/MIN", "2=tokens/number", "COUNT=search_return/COUNT", "3=tokens/number"});
    CHECK(shape("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited") ==
          std::vector<std::string>{"*=tokens/untagged", "OK=responses/OK", "[PERMANENTFLAGS (\\Deleted \\Seen \\*)]=codes/PERMANENTFLAGS",
                                   "\\Deleted=flags/\\Deleted", "\\Seen=flags/\\Seen", "\\*=flags/\\*", "Limited=tokens/text"});
}

TEST_CASE("explainer: whatever the line, no crash and every byte of a token comes from it", "[explainer]") {
    for (std::string_view line : {"", "*", "+", "a", "a (", "a )", "a [", "a \"unterminated", "a {99}\r\nshort",
                                  "* 1 FETCH (", "* OK [", "a FETCH 1 BODY[", "a SEARCH ((((", "a UID", "~{3}\r\nabc"}) {
        INFO(line);
        for (const auto& t : data().explain(line)) CHECK_FALSE(t.text.empty());
    }
}

TEST_CASE("explain.json errors name the file, line and field", "[explainer]") {
    auto bad = Explainer::parse("{\"format\": 1,\n \"codes\": {\n  \"ALERT\": {\"rfc\": \"RFC 9051 §7.1\", \"en\": \"x\"}\n }\n}", "e.json");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().to_string() == "e.json:3: /codes/ALERT: missing \"ru\"");
    auto syntax = Explainer::parse("{\"format\": 1,\n \"codes\": {\n  \"ALERT\": \n}", "e.json");
    REQUIRE_FALSE(syntax);
    CHECK(syntax.error().line == 4);
    auto version = Explainer::parse("{\"format\": 2}", "e.json");
    REQUIRE_FALSE(version);
    CHECK(version.error().to_string() == "e.json:1: /format: expected \"format\": 1");
}
