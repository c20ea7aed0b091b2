// Persistence of the sandbox's state (store/persist/): save/load round trips through the engine,
// saves stopped after every file operation, leftovers of killed writers, corrupted files, hostile
// mailbox names, the Persister's pacing, and a real kill -9 of a process that saves in a loop.
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "session_harness.hpp"
#include "store/persist/persister.hpp"
#include "store/persist/snapshot.hpp"

namespace fs = std::filesystem;
using imaplab::Account;
using imaplab::MailStore;
using imaplab::Mailbox;
using imaplab::Message;
using imaplab::Session;
using imaplab::ServerConfig;
using imaplab::Uid;
using imaplab::test::Harness;
using imaplab::persist::load_store;
using imaplab::persist::save_store;
using imaplab::persist::SaveOptions;
using Lines = std::vector<std::string>;

namespace {

/// A fresh empty directory under the system's temp directory, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};
        path = fs::temp_directory_path() / ("imaplab_persist_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string hex_bytes(const std::string& s) {
    std::ostringstream o;
    for (unsigned char c : s) o << "0123456789abcdef"[c >> 4] << "0123456789abcdef"[c & 15];
    return o.str();
}

/// Everything a session can see (and the counters behind it), as one text: equal texts, equal states.
std::string describe(const MailStore& store) {
    std::ostringstream o;
    for (const Account* a : store.accounts()) {
        o << "account " << hex_bytes(a->user()) << " password " << hex_bytes(a->password()) << " highest_uidvalidity "
          << a->highest_uidvalidity() << "\n";
        for (const auto& s : a->subscriptions()) o << " subscribed " << hex_bytes(s) << "\n";
        for (const auto& [name, attrs] : a->special_uses()) {
            o << " special-use " << hex_bytes(name);
            for (const auto& at : attrs) o << " " << at;
            o << "\n";
        }
        for (const Mailbox* mb : a->mailboxes()) {
            o << " mailbox " << hex_bytes(mb->name()) << " uidvalidity " << mb->uidvalidity() << " uidnext " << mb->uidnext()
              << " first_recent " << mb->first_recent_uid() << " keywords";
            for (const auto& k : mb->keywords()) o << " " << k;
            o << "\n";
            for (const Message& m : mb->messages()) {
                o << "  uid " << m.uid.value << " sys " << int(m.system_flags) << " kw";
                for (auto k : m.keywords) o << " " << k;
                o << " date " << m.internal_date << " tz " << m.tz_minutes << " text " << (m.text ? hex_bytes(*m.text) : "null") << "\n";
            }
        }
    }
    return o.str();
}

/// What a new session sees, read-only: LIST, LSUB, STATUS and EXAMINE + FETCH of every mailbox.
std::string session_view(MailStore& store) {
    imaplab::Timeline timeline;
    Session s(store, ServerConfig{}, &timeline, 7);
    (void)s.greeting();
    std::string out = s.feed("v1 LOGIN alice secret\r\n");
    out += s.feed("v2 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\nv3 LSUB \"\" \"*\"\r\n");
    for (const Mailbox* mb : store.find_account("alice")->mailboxes()) {
        out += s.feed("v4 STATUS \"" + mb->name() + "\" (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)\r\n");
        out += s.feed("v5 EXAMINE \"" + mb->name() + "\"\r\n");
        out += s.feed("v6 FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])\r\n");
    }
    return out;
}

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_all(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Every path below `root` (files and directories), relative to it.
std::set<std::string> tree(const fs::path& root) {
    std::set<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) out.insert(fs::relative(e.path(), root).string());
    return out;
}

/// The harness's store after a session has changed it in every way that must survive a restart.
void change_through_engine(Harness& h) {
    h.login();
    REQUIRE(h.send("c1 CREATE Work") == Lines{"c1 OK Create completed."});
    REQUIRE(h.send("c2 CREATE Bin (USE (\\Trash))") == Lines{"c2 OK Create completed."});
    REQUIRE(h.send("c3 CREATE Gone") == Lines{"c3 OK Create completed."});
    REQUIRE(h.send("c7 SUBSCRIBE Gone") == Lines{"c7 OK Subscribe completed."});  // stays after DELETE
    REQUIRE(h.send("c4 DELETE Gone") == Lines{"c4 OK Delete completed."});  // the counter stays above it
    REQUIRE(h.send("c5 RENAME INBOX/Drafts Drafts") == Lines{"c5 OK Rename completed."});
    REQUIRE(h.send("c6 SUBSCRIBE Work") == Lines{"c6 OK Subscribe completed."});
    const std::string body = "Subject: caf\xc3\xa9 \xff\r\n\r\n8-bit body\r\n";
    REQUIRE(h.send("c8 APPEND Work (\\Seen \\Draft $Important) \"05-Jul-1996 02:44:25 -0700\" {" + std::to_string(body.size()) + "+}\r\n" +
                   body) == Lines{"c8 OK [APPENDUID 1340776429 1] Append completed."});
    REQUIRE(h.send("c9 SELECT INBOX").back().rfind("c9 OK [READ-WRITE]", 0) == 0);
    REQUIRE(h.send("d1 STORE 1 +FLAGS.SILENT (\\Flagged $Label1)").back() == "d1 OK Store completed.");  // after * FLAGS
    REQUIRE(h.send("d2 STORE 2 +FLAGS.SILENT (\\Deleted)") == Lines{"d2 OK Store completed."});
    REQUIRE(h.send("d3 EXPUNGE") == Lines{"* 2 EXPUNGE", "d3 OK Expunge completed."});
    REQUIRE(h.send("d4 COPY 3 Work") == Lines{"d4 OK [COPYUID 1340776429 13 2] Copy completed."});
    REQUIRE(h.send("d5 LOGOUT").back() == "d5 OK Logout completed.");
    // Bytes the wire does not carry in these commands: NUL and every other byte, a password that
    // is not UTF-8, a second account.
    std::string all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes += static_cast<char>(i);
    Mailbox* drafts = h.store.find_account("alice")->find("Drafts");
    Message m;
    m.uid = Uid{drafts->uidnext()};
    m.internal_date = -86400;
    m.tz_minutes = -5999;
    m.text = std::make_shared<const std::string>(all_bytes);
    drafts->append(std::move(m));
    h.store.add_account("b\xc3\xb6rje", std::string("pass\xff\x00word", 10))->create("INBOX", 7);
}

}  // namespace

TEST_CASE("persist: a saved store loads back equal, and sessions see what they saw before", "[persist]") {
    TempDir dir;
    Harness h;
    change_through_engine(h);
    const std::string before = describe(h.store);
    auto saved = save_store(h.store, dir.path / "state");
    REQUIRE(saved.ok());
    CHECK(saved->generation == 1);
    CHECK(saved->written);
    CHECK(saved->messages_written == 6);  // 4 left in INBOX, 1 APPENDed, 1 in Drafts; the COPY shares its file
    auto loaded = load_store(dir.path / "state");
    REQUIRE(loaded.ok());
    CHECK(loaded->generation == 1);
    CHECK(describe(*loaded->store) == before);
    const std::string view = session_view(*loaded->store);
    CHECK(view == session_view(h.store));
    CHECK(view.find("* LIST (\\Trash) \"/\" Bin\r\n") != std::string::npos);
    CHECK(view.find("* LSUB () \"/\" Gone\r\n") != std::string::npos);
    CHECK(view.find("INTERNALDATE \"05-Jul-1996 02:44:25 -0700\"") != std::string::npos);

    // The same commands on the original and on the reloaded store answer the same, byte for byte:
    // the next UID, the UIDVALIDITY of a new mailbox (the counter survived DELETE), \Recent.
    const std::string commands =
        "e1 LOGIN alice secret\r\ne2 APPEND Work {10+}\r\nSubject:\r\n\r\n"
        "e3 CREATE Fresh\r\ne4 STATUS Fresh (UIDVALIDITY)\r\ne5 SELECT Work\r\ne6 FETCH 1:* (FLAGS)\r\n";
    auto run = [&](MailStore& store) {
        imaplab::Timeline t;
        Session s(store, ServerConfig{}, &t, 9);
        (void)s.greeting();
        return Harness::split(s.feed(commands));
    };
    const Lines after_reload = run(*loaded->store);
    CHECK(after_reload == run(h.store));
    auto has = [&](const std::string& line) { return std::find(after_reload.begin(), after_reload.end(), line) != after_reload.end(); };
    CHECK(has("e2 OK [APPENDUID 1340776429 3] Append completed."));
    CHECK(has("* STATUS Fresh (UIDVALIDITY 1340776432)"));
    CHECK(has("* 3 RECENT"));
    CHECK(has("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important \\*)] Flags permitted."));
    CHECK(has("* 1 FETCH (FLAGS (\\Seen \\Draft \\Recent $Important))"));
    CHECK(has("* 2 FETCH (FLAGS (\\Recent))"));  // the COPY of UID 13, which had no flags
    CHECK(has("* 3 FETCH (FLAGS (\\Recent))"));
}
