// The malformed-input corpus (tests/corpus/malformed_commands.txt): every line, sent to a session
// that is logged in with INBOX selected, gets exactly one BAD (tagged with the line's tag, or
// untagged when no tag could be read), the session stays usable ("x NOOP" still completes), and
// nothing is half-applied (the mail store is unchanged). RFC 9051 §7.1.3: BAD for "a protocol-level
// error in the client's command".
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "codec/command_parser.hpp"
#include "codec/response_parser.hpp"
#include "session_harness.hpp"

namespace {

struct CorpusLine {
    int line_no = 0;
    std::string source;    ///< the line as written in the file (escapes not expanded)
    std::string bytes;     ///< what is sent (escapes expanded, without CRLF)
    std::string expect;    ///< a substring the BAD text must contain ("" when not given)
    bool untagged = false;  ///< "##untagged": the answer must be "* BAD ..."
};

/// Reads the corpus: "#" comments, \x{HH} escapes, "  ## text" / "  ##untagged" annotations.
std::vector<CorpusLine> load_corpus(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    REQUIRE(f.good());
    std::vector<CorpusLine> out;
    std::string raw;
    int n = 0;
    while (std::getline(f, raw)) {
        ++n;
        if (raw.empty() || raw[0] == '#') continue;
        CorpusLine c;
        c.line_no = n;
        std::string text = raw;
        const auto mark = text.rfind("  ##");
        if (mark != std::string::npos) {
            std::string note = text.substr(mark + 4);
            text.erase(mark);
            if (note == "untagged") {
                c.untagged = true;
            } else {
                REQUIRE(note.size() > 1);
                REQUIRE(note[0] == ' ');
                c.expect = note.substr(1);
            }
        }
        c.source = text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text.compare(i, 3, "\\x{") == 0 && i + 6 <= text.size() && text[i + 5] == '}') {
                c.bytes += static_cast<char>(std::stoi(text.substr(i + 3, 2), nullptr, 16));
                i += 5;
            } else {
                c.bytes += text[i];
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

/// Everything a command could change in the store, as text: mailboxes with UIDVALIDITY, UIDNEXT,
/// keywords, \Recent boundary, and every message's UID, flags, size and internal date.
std::string snapshot(const imaplab::MailStore& store) {
    std::ostringstream s;
    for (const imaplab::Account* a : store.accounts()) {
        s << "account " << a->user() << "\n";
        for (const imaplab::Mailbox* m : a->mailboxes()) {
            s << " mailbox " << m->name() << " uidvalidity " << m->uidvalidity() << " uidnext " << m->uidnext()
              << " first_recent " << m->first_recent_uid() << " keywords";
            for (const auto& k : m->keywords()) s << " " << k;
            s << "\n";
            for (const auto& msg : m->messages()) {
                s << "  uid " << msg.uid.value << " size " << msg.size() << " date " << msg.internal_date << " flags";
                for (const auto& f : m->flag_names(msg)) s << " " << f;
                s << "\n";
            }
        }
    }
    return s.str();
}

/// The tag the line starts with, as the command parser reads it ("" when none).
std::string tag_of(const std::string& bytes) {
    auto head = imaplab::parse_command_head(bytes);
    if (head) return head->tag;
    return head.error().tag;
}

}  // namespace

TEST_CASE("malformed-input corpus: every line gets one BAD and the session goes on", "[corpus][errors]") {
    const auto corpus = load_corpus(std::string(IMAPLAB_SOURCE_DIR) + "/tests/corpus/malformed_commands.txt");
    REQUIRE(corpus.size() >= 200);
    for (const auto& c : corpus) {
        INFO("tests/corpus/malformed_commands.txt:" << c.line_no << ": " << c.source);
        imaplab::test::Harness h;
        h.select();
        const std::string before = snapshot(h.store);
        const auto reply = h.send(c.bytes);
        INFO("reply: " << (reply.empty() ? std::string("(nothing)") : reply[0]));
        REQUIRE(reply.size() == 1);
        const std::string& line = reply[0];
        if (c.untagged) {
            CHECK(line.rfind("* BAD ", 0) == 0);
        } else {
            const std::string tag = tag_of(c.bytes);
            REQUIRE_FALSE(tag.empty());
            CHECK(line.rfind(tag + " BAD ", 0) == 0);
        }
        if (!c.expect.empty()) CHECK(line.find(c.expect) != std::string::npos);
        auto parsed = imaplab::resp::parse_response(line);  // the BAD itself is valid response syntax
        CHECK(parsed.ok());
        CHECK_FALSE(h.session->closed());
        const auto noop = h.send("x NOOP");
        CHECK(noop == std::vector<std::string>{"x OK NOOP completed."});
        CHECK(snapshot(h.store) == before);
        CHECK(h.session->state() == imaplab::SessionState::Selected);
    }
}

TEST_CASE("malformed-input corpus: the whole corpus in one session, pipelined", "[corpus][errors]") {
    // The same lines sent back to back in one connection: one BAD each, in order, then NOOP.
    const auto corpus = load_corpus(std::string(IMAPLAB_SOURCE_DIR) + "/tests/corpus/malformed_commands.txt");
    imaplab::test::Harness h;
    h.select();
    const std::string before = snapshot(h.store);
    std::string input;
    for (const auto& c : corpus) input += c.bytes + "\r\n";
    input += "x NOOP\r\n";
    const auto reply = imaplab::test::Harness::split(h.raw(input));
    REQUIRE(reply.size() == corpus.size() + 1);
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        INFO("tests/corpus/malformed_commands.txt:" << corpus[i].line_no << ": " << corpus[i].source);
        const std::string prefix = corpus[i].untagged ? std::string("* BAD ") : tag_of(corpus[i].bytes) + " BAD ";
        CHECK(reply[i].rfind(prefix, 0) == 0);
    }
    CHECK(reply.back() == "x OK NOOP completed.");
    CHECK(snapshot(h.store) == before);
}
