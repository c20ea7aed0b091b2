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
#include <openssl/evp.h>

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

namespace {

std::string sha256_of(const std::string& bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
    return hex_bytes(std::string(reinterpret_cast<const char*>(md), len));
}

/// The files a clean save of `store` leaves: index.json and one file per distinct message text.
std::set<std::string> expected_tree(const MailStore& store) {
    std::set<std::string> out{"index.json", "messages"};
    for (const Account* a : store.accounts())
        for (const Mailbox* mb : a->mailboxes())
            for (const Message& m : mb->messages()) out.insert("messages/" + sha256_of(*m.text));
    return out;
}

}  // namespace

TEST_CASE("persist: message files are named by SHA-256, written once, removed when no message has them", "[persist]") {
    TempDir tmp;
    const fs::path dir = tmp.path / "data";  // created by save_store, with mode 0700
    Harness h;
    auto first = save_store(h.store, dir);
    REQUIRE(first.ok());
    CHECK(first->messages_written == 5);
    CHECK(tree(dir) == expected_tree(h.store));
    CHECK(tree(dir).count("messages/" + sha256_of(imaplab::test::make_message(1))) == 1);
    CHECK((fs::status(dir / "index.json").permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK((fs::status(dir).permissions() & fs::perms::all) == fs::perms::owner_all);

    h.select();
    REQUIRE(h.send("s1 STORE 1 +FLAGS.SILENT (\\Flagged)").back() == "s1 OK Store completed.");
    auto second = save_store(h.store, dir);
    REQUIRE(second.ok());
    CHECK(second->generation == 2);
    CHECK(second->messages_written == 0);
    CHECK(second->messages_reused == 5);

    REQUIRE(h.send("s2 STORE 2 +FLAGS.SILENT (\\Deleted)").back() == "s2 OK Store completed.");
    REQUIRE(h.send("s3 EXPUNGE").back() == "s3 OK Expunge completed.");
    REQUIRE(h.send("s4 APPEND INBOX {12+}\r\nSubject: 6\r\n").back() == "s4 OK [APPENDUID 1340776425 20] Append completed.");
    auto third = save_store(h.store, dir);
    REQUIRE(third.ok());
    CHECK(third->generation == 3);
    CHECK(third->messages_written == 1);
    CHECK(third->messages_reused == 4);
    CHECK(third->files_removed == 1);
    CHECK(tree(dir) == expected_tree(h.store));
    CHECK(tree(dir).count("messages/" + sha256_of(imaplab::test::make_message(2))) == 0);
    auto loaded = load_store(dir);
    REQUIRE(loaded.ok());
    CHECK(loaded->generation == 3);
    CHECK(describe(*loaded->store) == describe(h.store));

    // last_index_body: an unchanged state writes nothing.
    std::string body;
    SaveOptions o;
    o.last_index_body = &body;
    REQUIRE(save_store(h.store, dir, o)->written);
    auto same = save_store(h.store, dir, o);
    REQUIRE(same.ok());
    CHECK_FALSE(same->written);
    CHECK(same->generation == 4);
    CHECK(load_store(dir)->generation == 4);
}

TEST_CASE("persist: a save stopped after any file operation leaves exactly the old or the new state", "[persist]") {
    Harness old_h;
    Harness new_h;
    change_through_engine(new_h);
    const std::string old_state = describe(old_h.store);
    const std::string new_state = describe(new_h.store);
    REQUIRE(old_state != new_state);

    // The steps of saving the new state over the old one.
    std::vector<std::string> steps;
    {
        TempDir dir;
        REQUIRE(save_store(old_h.store, dir.path).ok());
        SaveOptions record;
        record.after_step = [&](std::string_view s) {
            steps.emplace_back(s);
            return true;
        };
        REQUIRE(save_store(new_h.store, dir.path, record).ok());
    }
    const auto commit = std::find(steps.begin(), steps.end(), "rename index.json.tmp index.json");
    REQUIRE(commit != steps.end());
    const auto commit_index = static_cast<std::size_t>(commit - steps.begin());
    // Message files first (each written aside, then renamed), the index last, old files after it.
    CHECK(steps.size() == commit_index + 3);  // fsync DIR, then remove the file only the old state had
    CHECK(steps[commit_index - 1] == "write index.json.tmp");
    CHECK(steps[commit_index - 2] == "fsync messages");
    CHECK(steps[commit_index + 1] == "fsync DIR");
    CHECK(steps[0].rfind("write messages/", 0) == 0);
    CHECK(steps[1].rfind("rename messages/", 0) == 0);
    CHECK(steps.back().rfind("remove messages/", 0) == 0);

    for (std::size_t k = 0; k < steps.size(); ++k) {
        CAPTURE(k, steps[k]);
        TempDir dir;
        REQUIRE(save_store(old_h.store, dir.path).ok());
        SaveOptions stop;
        std::size_t seen = 0;
        stop.after_step = [&](std::string_view) { return seen++ < k; };
        auto r = save_store(new_h.store, dir.path, stop);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error() == "save stopped after \"" + steps[k] + "\" (after_step hook)");
        auto loaded = load_store(dir.path);
        REQUIRE(loaded.ok());
        CHECK(describe(*loaded->store) == (k < commit_index ? old_state : new_state));
        CHECK(loaded->generation == (k < commit_index ? 1u : 2u));
        // The next save cleans up whatever the stopped one left.
        REQUIRE(save_store(new_h.store, dir.path).ok());
        CHECK(tree(dir.path) == expected_tree(new_h.store));
    }

    // The very first save, stopped: no state at all until its commit point.
    std::vector<std::string> first_steps;
    {
        TempDir dir;
        SaveOptions record;
        record.after_step = [&](std::string_view s) {
            first_steps.emplace_back(s);
            return true;
        };
        REQUIRE(save_store(new_h.store, dir.path / "data", record).ok());
    }
    CHECK(first_steps[0] == "mkdir DIR");
    CHECK(first_steps[1] == "fsync DIR/..");
    CHECK(first_steps[2] == "mkdir messages");
    CHECK(first_steps[3] == "fsync messages/..");
    for (std::size_t k = 0; k < first_steps.size(); ++k) {
        CAPTURE(k, first_steps[k]);
        TempDir dir;
        SaveOptions stop;
        std::size_t seen = 0;
        stop.after_step = [&](std::string_view) { return seen++ < k; };
        REQUIRE_FALSE(save_store(new_h.store, dir.path / "data", stop).ok());
        const bool committed = first_steps[k] == "rename index.json.tmp index.json" || first_steps[k] == "fsync DIR";
        CHECK(imaplab::persist::has_saved_state(dir.path / "data") == committed);
        auto loaded = load_store(dir.path / "data");
        if (committed) {
            REQUIRE(loaded.ok());
            CHECK(describe(*loaded->store) == new_state);
        } else {
            CHECK(loaded.error() == (dir.path / "data" / "index.json").string() + ": no saved state (file missing)");
        }
    }
}

TEST_CASE("persist: leftovers of a killed writer are ignored by load and removed by the next save", "[persist]") {
    TempDir dir;
    Harness h;
    REQUIRE(save_store(h.store, dir.path).ok());
    const std::string state = describe(h.store);
    write_all(dir.path / "index.json.tmp", "{\"format\": \"imaplab-st");
    write_all(dir.path / "messages" / (std::string(64, 'a') + ".tmp"), "Subject: half");
    write_all(dir.path / "messages" / std::string(64, 'b'), "Subject: orphan\r\n");
    write_all(dir.path / "notes.txt", "not ours");
    write_all(dir.path / "messages" / "notes.txt", "not ours either");
    auto loaded = load_store(dir.path);
    REQUIRE(loaded.ok());
    CHECK(describe(*loaded->store) == state);
    auto saved = save_store(h.store, dir.path);
    REQUIRE(saved.ok());
    CHECK(saved->files_removed == 3);
    std::set<std::string> expected = expected_tree(h.store);
    expected.insert({"notes.txt", "messages/notes.txt"});
    CHECK(tree(dir.path) == expected);
}

TEST_CASE("persist: a corrupted state gives an error naming the file and the field", "[persist]") {
    TempDir base;
    Harness h;
    const fs::path good = base.path / "good";
    REQUIRE(save_store(h.store, good).ok());
    const std::string first_sha = sha256_of(imaplab::test::make_message(1));
    const std::string first_size = std::to_string(imaplab::test::make_message(1).size());
    using Json = nlohmann::json;
    struct Case {
        const char* what;
        std::function<void(const fs::path& dir, Json& index)> corrupt;  // edits the files or the parsed index
        std::string expected;  // "@" stands for the directory
    };
    const std::string inbox = "/accounts/0/mailboxes/1";  // Archive/2024 sorts before INBOX
    const std::vector<Case> cases = {
        {"not an object", [](const fs::path&, Json& j) { j = Json::array(); }, "@/index.json: expected a JSON object"},
        {"not the format", [](const fs::path&, Json& j) { j["format"] = "mbox"; }, "@/index.json: /format: expected \"imaplab-state\""},
        {"newer format", [](const fs::path&, Json& j) { j["format_version"] = 2; },
         "@/index.json: format_version 2 is newer than this program reads (1)"},
        {"unknown field", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["messages"][0]["color"] = "red"; },
         "@/index.json: " + inbox + "/messages/0/color: unknown field \"color\""},
        {"missing field", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["messages"][0].erase("sha256"); },
         "@/index.json: " + inbox + "/messages/0/sha256: missing"},
        {"UIDs not ascending", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["messages"][1]["uid"] = 10; },
         "@/index.json: " + inbox + "/messages/1/uid: 10 does not ascend (the message before has UID 10)"},
        {"UIDNEXT 0", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["uidnext"] = 0; },
         "@/index.json: " + inbox + "/uidnext: expected an integer from 1 to 4294967295"},
        {"UIDNEXT not a number", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["uidnext"] = "20"; },
         "@/index.json: " + inbox + "/uidnext: expected an integer from 1 to 4294967295"},
        {"UIDNEXT below a UID", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["uidnext"] = 12; },
         "@/index.json: " + inbox + "/uidnext: 12 is not above the last UID 14"},
        {"\\Recent stored", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["messages"][0]["flags"] = {"\\Recent"}; },
         "@/index.json: " + inbox + "/messages/0/flags/0: \"\\Recent\" is not a system flag (\\Answered \\Flagged \\Deleted \\Seen \\Draft)"},
        {"undefined keyword", [&](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][1]["messages"][0]["keywords"] = {"$Nope"}; },
         "@/index.json: " + inbox + "/messages/0/keywords/0: keyword \"$Nope\" is not in the mailbox's keywords"},
        {"duplicate mailbox", [](const fs::path&, Json& j) { j["accounts"][0]["mailboxes"][2]["name"] = "inbox"; },
         "@/index.json: /accounts/0/mailboxes/2/name: duplicate mailbox \"inbox\""},
        {"UIDVALIDITY counter too low", [](const fs::path&, Json& j) { j["accounts"][0]["uidvalidity_counter"] = 5; },
         "@/index.json: /accounts/0/uidvalidity_counter: 5 is below a mailbox's UIDVALIDITY 1340776428"},
        {"bad base64", [](const fs::path&, Json& j) { j["accounts"][0]["password"] = {{"base64", "!!!!"}}; },
         "@/index.json: /accounts/0/password/base64: not valid base64"},
        {"message file missing", [&](const fs::path& d, Json&) { fs::remove(d / "messages" / first_sha); },
         "@/messages/" + first_sha + ": missing (named by " + inbox + "/messages/0/sha256)"},
        {"message file truncated", [&](const fs::path& d, Json&) { write_all(d / "messages" / first_sha, "From: Bob"); },
         "@/messages/" + first_sha + ": 9 bytes, but " + inbox + "/messages/0/size says " + first_size},
        {"message file altered",
         [&](const fs::path& d, Json&) {
             std::string text = imaplab::test::make_message(1);
             text[0] = 'f';
             write_all(d / "messages" / first_sha, text);
         },
         "@/messages/" + first_sha + ": content does not match its SHA-256 name (named by " + inbox + "/messages/0/sha256)"},
    };
    int n = 0;
    for (const auto& c : cases) {
        CAPTURE(c.what);
        const fs::path dir = base.path / ("case" + std::to_string(n++));
        fs::copy(good, dir, fs::copy_options::recursive);
        Json index = Json::parse(read_all(dir / "index.json"));
        c.corrupt(dir, index);
        write_all(dir / "index.json", index.dump(1));
        auto loaded = load_store(dir);
        REQUIRE_FALSE(loaded.ok());
        std::string expected = c.expected;
        expected.replace(expected.find('@'), 1, dir.string());
        CHECK(loaded.error() == expected);
    }

    const fs::path truncated = base.path / "truncated";
    fs::copy(good, truncated, fs::copy_options::recursive);
    write_all(truncated / "index.json", read_all(good / "index.json").substr(0, 40));
    auto loaded = load_store(truncated);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().rfind((truncated / "index.json").string() + ": not valid JSON: [json.exception.parse_error.101] parse error at line", 0) == 0);
    CHECK(load_store(base.path / "nothing").error() == (base.path / "nothing" / "index.json").string() + ": no saved state (file missing)");
}

TEST_CASE("persist: hostile mailbox and user names never become file names", "[persist]") {
    TempDir base;
    const fs::path dir = base.path / "sandbox" / "data";
    MailStore store;
    const std::vector<std::string> names = {"../../x", "/etc/passwd", std::string("a\0b", 3), "back\\slash", "..", ".",
                                            "x/../../y", "\xff\xfe", "INBOX/../../../z", "messages", "index.json"};
    Account* a = store.add_account("../../root", "pw");
    Account* b = store.add_account("/etc/shadow", std::string("\0", 1));
    std::uint32_t v = 1;
    for (const auto& n : names) {
        Mailbox* mb = a->create(n, v++);
        REQUIRE(mb);
        Message m;
        m.uid = Uid{1};
        m.text = std::make_shared<const std::string>("Subject: " + n + "\r\n");
        mb->append(std::move(m));
        b->create(n, v++);
        a->subscribe(n);
        a->set_special_use(n, {"\\Junk"});
        mb->define_keyword(n == "." ? "$Dot" : "$K" + std::to_string(v));
    }
    REQUIRE(save_store(store, dir).ok());
    std::set<std::string> expected = expected_tree(store);
    std::set<std::string> all{"sandbox", "sandbox/data"};
    for (const auto& e : expected) all.insert("sandbox/data/" + e);
    CHECK(tree(base.path) == all);
    CHECK(expected.size() == 2 + names.size());
    auto loaded = load_store(dir);
    REQUIRE(loaded.ok());
    CHECK(describe(*loaded->store) == describe(store));
}

TEST_CASE("persist: the Persister saves at most once per interval, only what changed, and on flush", "[persist]") {
    using namespace std::chrono_literals;
    using imaplab::persist::Persister;
    TempDir dir;
    Harness h;
    Persister p(h.store, dir.path, 1000ms);
    const auto t0 = Persister::Clock::time_point{} + 1h;
    CHECK_FALSE(p.time_until_due(t0));
    CHECK(p.flush_if_due(t0).value() == false);
    CHECK_FALSE(imaplab::persist::has_saved_state(dir.path));

    p.mark_dirty();
    CHECK(p.time_until_due(t0) == 0ms);
    CHECK(p.flush_if_due(t0).value() == true);
    CHECK(p.generation() == 1);
    CHECK_FALSE(p.dirty());

    h.select();
    REQUIRE(h.send("p1 STORE 1 +FLAGS.SILENT (\\Flagged)").back() == "p1 OK Store completed.");
    p.mark_dirty();
    CHECK(p.time_until_due(t0 + 400ms) == 600ms);
    CHECK(p.flush_if_due(t0 + 400ms).value() == false);
    CHECK(p.dirty());
    CHECK(load_store(dir.path)->generation == 1);
    CHECK(p.flush_if_due(t0 + 1000ms).value() == true);
    CHECK(p.generation() == 2);
    CHECK(describe(*load_store(dir.path)->store) == describe(h.store));

    // Marked, but nothing changed (a read-only command): nothing is written.
    p.mark_dirty();
    CHECK(p.flush_if_due(t0 + 5s).value() == false);
    CHECK_FALSE(p.dirty());
    CHECK(load_store(dir.path)->generation == 2);

    // Shutdown: flush() saves at once, whatever the interval.
    REQUIRE(h.send("p2 CREATE Late") == Lines{"p2 OK Create completed."});
    p.mark_dirty();
    CHECK(p.flush().value() == true);
    CHECK(p.generation() == 3);
    CHECK(describe(*load_store(dir.path)->store) == describe(h.store));
    CHECK(p.flush().value() == false);

    // A directory that cannot be written: an error, and the Persister stays dirty to try again.
    write_all(dir.path / "blocked", "a file, not a directory");
    Persister q(h.store, dir.path / "blocked");
    q.mark_dirty();
    auto r = q.flush();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == (dir.path / "blocked").string() + ": exists and is not a directory");
    CHECK(q.dirty());
}

namespace {

/// The state a killed writer has after `n` saves: INBOX of "alice" with messages 1..n.
void add_numbered_message(MailStore& store, std::uint32_t n) {
    Account* a = store.find_account("alice");
    if (!a) a = store.add_account("alice", "secret");
    Mailbox* inbox = a->find("INBOX");
    if (!inbox) inbox = a->create("INBOX", 42);
    Message m;
    m.uid = Uid{n};
    m.system_flags = n % 2 ? imaplab::kSeen : 0;
    m.internal_date = 1700000000 + n;
    m.text = std::make_shared<const std::string>("Subject: " + std::to_string(n) + "\r\n\r\n" + std::string(n * 37 % 700, 'x') + "\r\n");
    inbox->append(std::move(m));
    inbox->set_first_recent_uid(n / 2 + 1);
}

MailStore numbered_state(std::uint32_t n) {
    MailStore s;
    for (std::uint32_t i = 1; i <= n; ++i) add_numbered_message(s, i);
    return s;
}

}  // namespace

TEST_CASE("persist: kill -9 at random moments of a save loop leaves a state the writer completed or was writing", "[persist][kill]") {
    TempDir dir;
    std::mt19937 rng(4242);
    std::uint32_t on_disk = 0;  // messages in the state on disk
    int killed_mid_way = 0;
    for (int round = 0; round < 30; ++round) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // The writer: continues from what is on disk, one more message per save, and reports
            // each save that returned.
            ::close(fds[0]);
            MailStore store;
            if (imaplab::persist::has_saved_state(dir.path)) {
                auto loaded = load_store(dir.path);
                if (!loaded.ok()) ::_exit(3);
                store = std::move(*loaded->store);
            }
            const auto* a = store.find_account("alice");
            std::uint32_t n = a ? static_cast<std::uint32_t>(a->find("INBOX")->messages().size()) : 0;
            for (int i = 0; i < 5000; ++i) {
                add_numbered_message(store, ++n);
                if (!save_store(store, dir.path).ok()) ::_exit(4);
                if (::write(fds[1], &n, sizeof n) != sizeof n) ::_exit(5);
            }
            ::_exit(0);
        }
        ::close(fds[1]);
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 12000)(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFSIGNALED(status));
        std::uint32_t completed = on_disk, n = 0;
        while (::read(fds[0], &n, sizeof n) == sizeof n) completed = n;
        ::close(fds[0]);

        std::uint32_t now_on_disk = 0;
        if (imaplab::persist::has_saved_state(dir.path)) {
            auto loaded = load_store(dir.path);
            REQUIRE(loaded.ok());
            const Account* a = loaded->store->find_account("alice");
            REQUIRE(a);
            now_on_disk = static_cast<std::uint32_t>(a->find("INBOX")->messages().size());
            CAPTURE(round, completed, now_on_disk);
            REQUIRE((now_on_disk == completed || now_on_disk == completed + 1));
            CHECK(describe(*loaded->store) == describe(numbered_state(now_on_disk)));
        } else {
            REQUIRE(completed == 0);
        }
        if (now_on_disk != completed) ++killed_mid_way;
        on_disk = now_on_disk;
    }
    CHECK(on_disk > 0);
    INFO("rounds killed after the commit point but before save_store returned: " << killed_mid_way);
}

TEST_CASE("persist: access control lists (RFC 4314) survive a restart exactly", "[persist][acl]") {
    using imaplab::AclModify;
    using namespace imaplab::acl;
    TempDir dir;
    MailStore store;
    Account* teacher = store.add_account("teacher", "t");
    teacher->create("INBOX", 1);
    Mailbox* shared = teacher->create("Class/Notes", 2);
    shared->acl().modify("anyone", false, AclModify::Replace, kLookup | kRead);
    shared->acl().modify("bob", false, AclModify::Replace, kLookup | kRead | kWriteSeen | kInsert | kCreate);
    shared->acl().modify("carol", true, AclModify::Replace, kRead);
    shared->acl().modify("owner", false, AclModify::Replace, kAll);
    REQUIRE(save_store(store, dir.path));
    auto loaded = load_store(dir.path);
    REQUIRE(loaded);
    const Mailbox* back = loaded.value().store->find_account("teacher")->find("Class/Notes");
    REQUIRE(back);
    const auto a = shared->acl().entries(), b = back->acl().entries();
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO(a[i].identifier);
        CHECK(a[i].identifier == b[i].identifier);
        CHECK(a[i].positive == b[i].positive);
        CHECK(a[i].negative == b[i].negative);
    }
    CHECK(back->acl().effective_rights("carol", "teacher") == kLookup);
    CHECK(back->acl().effective_rights("bob", "teacher") == (kLookup | kRead | kWriteSeen | kInsert | kCreate));
    CHECK(loaded.value().store->find_account("teacher")->find("INBOX")->acl().empty());
}
