// Mail formats: mbox (mutt-style mboxrd and Dovecot's own mbox), Dovecot Maildir++, folders of
// .eml files — import, export, round trips, hostile mailbox names and bad input.
// The samples in tests/data/formats/ were written by Dovecot 2.3.19 (doveadm save / flags add)
// or by hand following mutt's format; see tests/data/formats/README.md.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "store/formats/folder_names.hpp"
#include "store/formats/mail_formats.hpp"
#include "store/formats/maildir.hpp"
#include "store/formats/mbox.hpp"
#include "store/mime/line_endings.hpp"
#include "types/date_time.hpp"

using namespace imaplab;
using namespace imaplab::formats;
namespace fs = std::filesystem;

namespace {

const std::string kData = std::string(IMAPLAB_SOURCE_DIR) + "/tests/data/formats";

/// A fresh directory under the system's temp dir, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "imaplab-formats-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string str(const std::string& sub = "") const { return sub.empty() ? path.string() : (path / sub).string(); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spit(const fs::path& p, std::string_view data) {
    std::ofstream out(p, std::ios::binary);
    out << data;
}

void set_mtime(const fs::path& p, std::int64_t t) {
    const struct timespec times[2] = {{static_cast<time_t>(t), 0}, {static_cast<time_t>(t), 0}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

/// The Maildir sample copied to `dir`, every message file's mtime set to `t` + its UID-ordered index
/// (git does not keep mtimes; Dovecot sets a message's mtime to its received date).
void copy_maildir_sample(const fs::path& dir, std::int64_t t) {
    fs::copy(kData + "/maildir", dir, fs::copy_options::recursive);
    std::vector<fs::path> files;
    for (auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && (e.path().parent_path().filename() == "new" || e.path().parent_path().filename() == "cur") &&
            e.path().filename().string()[0] != '.')
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size(); ++i) set_mtime(files[i], t + static_cast<std::int64_t>(i));
}

/// Everything about an account a test compares, one line per mailbox and message.
std::string describe(const Account& a) {
    std::string out;
    for (const Mailbox* mb : a.mailboxes()) {
        out += fmt::format("mailbox \"{}\" uidvalidity={} uidnext={} first_recent={} subscribed={} keywords=[{}]\n", mb->name(),
                           mb->uidvalidity(), mb->uidnext(), mb->first_recent_uid(), a.is_subscribed(mb->name()),
                           fmt::join(mb->keywords(), " "));
        for (const Message& m : mb->messages())
            out += fmt::format("  uid={} flags=({}) date=\"{}\" size={} text={:?}\n", m.uid.value, fmt::join(mb->flag_names(m), " "),
                               format_imap_date_time(DateTime{m.internal_date, m.tz_minutes}), m.size(), *m.text);
    }
    return out;
}

std::unique_ptr<Account> load(const std::string& path) {
    auto a = load_account_from(path, "u", "p");
    INFO(path << ": " << (a ? "" : a.error()));
    REQUIRE(a.ok());
    return std::move(*a);
}

const Message& msg(const Account& a, std::string_view box, std::uint32_t uid) {
    const Mailbox* mb = a.find(box);
    REQUIRE(mb != nullptr);
    const Message* m = mb->find(Uid{uid});
    REQUIRE(m != nullptr);
    return *m;
}

std::string flags(const Account& a, std::string_view box, std::uint32_t uid) {
    return fmt::format("{}", fmt::join(a.find(box)->flag_names(msg(a, box, uid)), " "));
}

std::string date(const Account& a, std::string_view box, std::uint32_t uid) {
    const Message& m = msg(a, box, uid);
    return format_imap_date_time(DateTime{m.internal_date, m.tz_minutes});
}

std::string src(const std::string& name) { return normalize_line_endings(slurp(kData + "/src/" + name)); }

/// Every regular file below `dir`, relative path -> content.
std::map<std::string, std::string> tree(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
    return out;
}

}  // namespace

TEST_CASE("mbox as mutt writes it: From lines, >From un-quoting, Status and X-Status", "[formats][mbox]") {
    auto a = load(kData + "/mutt.mbox");
    const Mailbox* inbox = a->find("INBOX");
    REQUIRE(inbox);
    REQUIRE(inbox->messages().size() == 3);
    CHECK(inbox->uidvalidity() == 1);  // no X-IMAPbase: ImportOptions::uidvalidity
    CHECK(inbox->uidnext() == 4);
    CHECK(flags(*a, "INBOX", 1) == "\\Answered \\Seen");
    CHECK(flags(*a, "INBOX", 2) == "\\Flagged");
    CHECK(flags(*a, "INBOX", 3) == "");
    // Status O on 1 and 2; 3 has no Status: it is new, so \Recent.
    CHECK(inbox->first_recent_uid() == 3);
    CHECK(date(*a, "INBOX", 1) == "01-Jan-2024 10:00:05 +0000");
    CHECK(date(*a, "INBOX", 2) == "02-Jan-2024 08:30:07 +0000");
    CHECK(date(*a, "INBOX", 3) == "10-Jan-2024 09:15:00 +0000");
    // Status and X-Status are gone, ">From" lost one '>', CRLF line ends, no separator line.
    const std::string text1 =
        "Return-Path: <alice@example.org>\r\nFrom: Alice Example <alice@example.org>\r\nTo: Bob <bob@example.org>\r\n"
        "Subject: Welcome\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\nMessage-ID: <welcome@example.org>\r\n\r\n"
        "Hello Bob,\r\n\r\nFrom now on the lab server is up.\r\n>From the quoted line too.\r\nSee you.\r\n";
    CHECK(*msg(*a, "INBOX", 1).text == text1);
    CHECK(msg(*a, "INBOX", 1).size() == text1.size());
    CHECK(*msg(*a, "INBOX", 3).text ==
          "From: Bob <bob@example.org>\r\nTo: Alice Example <alice@example.org>\r\nSubject: Re: Welcome\r\n"
          "Date: Wed, 10 Jan 2024 09:15:00 +0000\r\nIn-Reply-To: <welcome@example.org>\r\n\r\nThanks!\r\n");
    CHECK(msg(*a, "INBOX", 2).size() == 319);
    // Dovecot 2.3 reading this file (doveadm fetch 'uid flags date.received size.virtual text')
    // gives the same UIDs, flags, \Recent, dates and sizes 285, 319, 176 — but it never un-quotes
    // ">From" (size 285 is ours + 2); with mboxrd_unquote off we read it as Dovecot does.
    ImportOptions dovecot_like;
    dovecot_like.mboxrd_unquote = false;
    auto d = read_mbox_file(kData + "/mutt.mbox", "INBOX", dovecot_like);
    REQUIRE(d.ok());
    REQUIRE(d->messages.size() == 3);
    CHECK(d->messages[0].text.size() == 285);
    CHECK(d->messages[0].text.find("\r\n>From now on the lab server is up.\r\n>>From the quoted line too.\r\n") != std::string::npos);
    CHECK(d->messages[1].text.size() == 319);
    CHECK(d->messages[2].text.size() == 176);
}

TEST_CASE("mbox as Dovecot writes it: X-IMAPbase, X-UID, X-Keywords, Content-Length, no quoting", "[formats][mbox]") {
    auto a = load(kData + "/dovecot.mbox");
    const Mailbox* inbox = a->find("INBOX");
    REQUIRE(inbox);
    REQUIRE(inbox->messages().size() == 4);
    CHECK(inbox->uidvalidity() == 1795309942u);
    CHECK(inbox->uidnext() == 5);
    CHECK(inbox->keywords() == std::vector<std::string>{"$Forwarded", "Work", "Later"});
    CHECK(flags(*a, "INBOX", 1) == "\\Answered \\Seen $Forwarded Work");
    CHECK(flags(*a, "INBOX", 2) == "\\Flagged Later");
    CHECK(flags(*a, "INBOX", 3) == "\\Seen \\Draft");
    CHECK(flags(*a, "INBOX", 4) == "");
    CHECK(inbox->first_recent_uid() == 1);  // no message has Status O: nobody has seen them
    CHECK(date(*a, "INBOX", 4) == "22-Nov-2026 01:12:22 +0000");
    // The hidden headers are gone and the body is as saved: Content-Length delimits it, so the
    // unquoted "From now on" line is body text and ">From" keeps its '>' (Dovecot shows it so).
    CHECK(*msg(*a, "INBOX", 1).text == src("1-welcome.eml"));
    CHECK(*msg(*a, "INBOX", 2).text == src("2-report.eml"));
    CHECK(*msg(*a, "INBOX", 3).text == src("3-draft.eml"));
    CHECK(*msg(*a, "INBOX", 4).text == src("5-archive.eml"));
    CHECK(msg(*a, "INBOX", 2).size() == 285);  // Dovecot's W= for the same message in the Maildir
    CHECK(msg(*a, "INBOX", 1).size() == 249);  // doveadm fetch size.virtual on this mbox: 249
}

TEST_CASE("Maildir as Dovecot writes it: uidlist, keywords, folders, mUTF-7, subscriptions", "[formats][maildir]") {
    TempDir tmp;
    copy_maildir_sample(tmp.path / "m", 1704103200);
    auto a = load(tmp.str("m"));
    std::vector<std::string> names;
    for (const Mailbox* mb : a->mailboxes()) names.push_back(mb->name());
    CHECK(names == std::vector<std::string>{"Archive/2024", "INBOX", "Sent", "Архив"});
    CHECK_FALSE(a->find("Archive"));  // a level only, as in Dovecot (LIST shows it \Noselect)
    const Mailbox* inbox = a->find("INBOX");
    CHECK(inbox->uidvalidity() == 1795309937u);
    CHECK(inbox->uidnext() == 5);
    CHECK(inbox->keywords() == std::vector<std::string>{"$Forwarded", "Work", "Later"});
    CHECK(flags(*a, "INBOX", 1) == "\\Answered \\Seen $Forwarded Work");
    CHECK(flags(*a, "INBOX", 2) == "\\Flagged Later");
    CHECK(flags(*a, "INBOX", 3) == "\\Seen \\Draft");
    CHECK(flags(*a, "INBOX", 4) == "");
    CHECK(inbox->first_recent_uid() == 1);  // all in new/
    // RFC822.SIZE is the CRLF size: Dovecot's W= in the file names.
    CHECK(msg(*a, "INBOX", 1).size() == 249);
    CHECK(msg(*a, "INBOX", 2).size() == 285);
    CHECK(msg(*a, "INBOX", 3).size() == 176);
    CHECK(msg(*a, "INBOX", 4).size() == 136);
    CHECK(*msg(*a, "INBOX", 1).text == src("1-welcome.eml"));
    // Internal dates are the files' mtimes (files sorted by path: Архив, Archive, Sent, then INBOX).
    CHECK(date(*a, "INBOX", 1) == format_imap_date_time(DateTime{1704103200 + 3, 0}));
    CHECK(date(*a, "INBOX", 4) == format_imap_date_time(DateTime{1704103200 + 6, 0}));
    CHECK(flags(*a, "Sent", 1) == "\\Seen");
    CHECK(flags(*a, "Archive/2024", 1) == "\\Deleted \\Seen");
    CHECK(a->find("Sent")->uidvalidity() == 1795309938u);
    // uidlist says N1 for these (Dovecot updates the header lazily): UIDNEXT is above the highest UID.
    CHECK(a->find("Sent")->uidnext() == 2);
    CHECK(*msg(*a, "Архив", 1).text == src("2-report.eml"));
    for (const char* n : {"INBOX", "Sent", "Archive/2024", "Архив"}) CHECK(a->is_subscribed(n));
}

TEST_CASE("a folder of .eml files with LF line ends", "[formats][eml]") {
    TempDir tmp;
    fs::copy(kData + "/eml", tmp.path / "e");
    set_mtime(tmp.path / "e/1-welcome.eml", 1704103200);
    set_mtime(tmp.path / "e/2-report.eml", 1704184200);
    set_mtime(tmp.path / "e/3-draft.eml", 1704273300);
    auto a = load(tmp.str("e"));
    const Mailbox* inbox = a->find("INBOX");
    REQUIRE(inbox->messages().size() == 3);
    CHECK(*msg(*a, "INBOX", 1).text == src("1-welcome.eml"));
    CHECK(*msg(*a, "INBOX", 2).text == src("2-report.eml"));
    CHECK(*msg(*a, "INBOX", 3).text == src("3-draft.eml"));
    CHECK(date(*a, "INBOX", 2) == "02-Jan-2024 08:30:00 +0000");
    CHECK(flags(*a, "INBOX", 1) == "");
    CHECK(inbox->first_recent_uid() == 4);
    // export writes NNNN.eml, byte-identical to the LF originals, mtime = INTERNALDATE
    auto n = export_account(*a, tmp.str("out"), MailFormat::EmlDir);
    REQUIRE(n.ok());
    CHECK(*n == 3);
    CHECK(slurp(tmp.path / "out/0001.eml") == slurp(kData + "/eml/1-welcome.eml"));
    CHECK(slurp(tmp.path / "out/0003.eml") == slurp(kData + "/eml/3-draft.eml"));
    CHECK(describe(*load(tmp.str("out"))) == describe(*a));
}

TEST_CASE("Maildir round trip: import, export, import gives the same account and Dovecot's message bytes", "[formats][maildir]") {
    TempDir tmp;
    copy_maildir_sample(tmp.path / "m", 1704103200);
    auto a = load(tmp.str("m"));
    auto n = export_account(*a, tmp.str("out"), MailFormat::Maildir);
    REQUIRE(n.ok());
    CHECK(*n == 7);
    auto b = load(tmp.str("out"));
    CHECK(describe(*b) == describe(*a));
    // Message files keep Dovecot's bytes (LF); names carry S=/W= and the flags; recent ones in new/.
    const auto files = tree(tmp.path / "out");
    CHECK(files.at("new/1704103203.M1P1.imaplab,S=238,W=249:2,RSab") ==
          slurp(kData + "/maildir/new/1795309937.M486133P6149.vm,S=238,W=249:2,RSab"));
    CHECK(files.at("new/1704103206.M4P1.imaplab,S=130,W=136") == slurp(kData + "/maildir/new/1795309937.M560397P6175.vm,S=130,W=136"));
    CHECK(files.at("dovecot-keywords") == "0 $Forwarded\n1 Work\n2 Later\n");
    CHECK(files.at(".Sent/dovecot-uidlist") == "3 V1795309938 N2\n1 :1704103202.M1P1.imaplab,S=141,W=147\n");
    CHECK(files.at("subscriptions") == "V\t2\n\nINBOX\nArchive\t2024\nSent\n&BBAEQARFBDgEMg-\n");
    CHECK(files.count(".&BBAEQARFBDgEMg-/maildirfolder") == 1);
    struct stat st {};
    REQUIRE(::stat((tmp.path / "out/new/1704103203.M1P1.imaplab,S=238,W=249:2,RSab").c_str(), &st) == 0);
    CHECK(st.st_mtime == 1704103203);
    // A second export is byte-identical.
    REQUIRE(export_account(*b, tmp.str("out2"), MailFormat::Maildir).ok());
    CHECK(tree(tmp.path / "out2") == files);
}

TEST_CASE("mbox round trip: mutt mbox -> account -> mbox -> account, and canonical mbox is byte-identical", "[formats][mbox]") {
    TempDir tmp;
    auto a = load(kData + "/mutt.mbox");
    auto n = export_account(*a, tmp.str("out"), MailFormat::Mbox);
    REQUIRE(n.ok());
    CHECK(*n == 3);
    const std::string written = slurp(tmp.path / "out/INBOX");
    CHECK(written.substr(0, written.find("Return-Path")) == "From MAILER-DAEMON Mon Jan  1 10:00:05 2024\n");
    CHECK(written.find("Message-ID: <welcome@example.org>\nX-IMAPbase: 1 0000000003\nX-UID: 1\nStatus: RO\nX-Status: A\n\n"
                       "Hello Bob,\n\n>From now on the lab server is up.\n>>From the quoted line too.\nSee you.\n\nFrom ") !=
          std::string::npos);
    auto b = load(tmp.str("out/INBOX"));
    CHECK(describe(*b) == describe(*a));
    // the export is in canonical form: import + export gives the same bytes
    REQUIRE(export_account(*b, tmp.str("out2"), MailFormat::Mbox).ok());
    CHECK(slurp(tmp.path / "out2/INBOX") == written);
    // Dovecot's mbox: same account after a round trip too
    auto d = load(kData + "/dovecot.mbox");
    REQUIRE(export_account(*d, tmp.str("out3"), MailFormat::Mbox).ok());
    CHECK(describe(*load(tmp.str("out3/INBOX"))) == describe(*d));
}

TEST_CASE("a whole account through an mbox tree and back to Maildir", "[formats][mbox][maildir]") {
    TempDir tmp;
    copy_maildir_sample(tmp.path / "m", 1704103200);
    auto a = load(tmp.str("m"));
    REQUIRE(export_account(*a, tmp.str("tree"), MailFormat::MboxTree).ok());
    const auto files = tree(tmp.path / "tree");
    std::vector<std::string> paths;
    for (const auto& [p, _] : files) paths.push_back(p);
    CHECK(paths == std::vector<std::string>{"&BBAEQARFBDgEMg-", ".subscriptions", "Archive.sbd/2024", "INBOX", "Sent"});
    auto b = load(tmp.str("tree"));
    CHECK(describe(*b) == describe(*a));
    REQUIRE(export_account(*b, tmp.str("m2"), MailFormat::Maildir).ok());
    CHECK(describe(*load(tmp.str("m2"))) == describe(*a));
}

TEST_CASE("hostile mailbox names never leave the export directory", "[formats][safety]") {
    TempDir tmp;
    Account acc("u", "p");
    const std::vector<std::string> hostile = {"INBOX", "../x", "a/../../b", std::string("nul\0byte", 8), ".hidden", "~root",
                                              "..", "a/./b", "%41", "Tom & Jerry", "Архив/2024", "back\\slash", "x.sbd",
                                              "bad\xff\xfe utf8", "tab\there", std::string(200, 'l')};
    std::uint32_t uv = 1;
    for (const auto& name : hostile) {
        Mailbox* mb = acc.create(name, uv++);
        REQUIRE(mb);
        Message m;
        m.internal_date = 1704103200;
        m.text = std::make_shared<const std::string>("Subject: " + std::to_string(uv) + "\r\n\r\nbody\r\n");
        mb->append_next(std::move(m));
        acc.subscribe(name);
    }
    const fs::path jail = tmp.path / "jail";
    fs::create_directory(jail);
    for (auto format : {MailFormat::Maildir, MailFormat::MboxTree}) {
        const fs::path out = jail / std::string(format_name(format));
        auto n = export_account(acc, out.string(), format);
        INFO(format_name(format) << ": " << (n ? "" : n.error()));
        REQUIRE(n.ok());
        // nothing outside jail/<format>, and nothing next to the jail
        for (auto& e : fs::recursive_directory_iterator(tmp.path)) {
            const std::string rel = fs::relative(e.path(), jail).string();
            INFO(e.path());
            CHECK((e.path() == jail || rel.rfind(std::string(format_name(format)), 0) == 0 || rel.rfind("maildir", 0) == 0));
        }
        for (auto& e : fs::recursive_directory_iterator(out)) {
            const std::string f = e.path().filename().string();
            CHECK(f != "..");
            CHECK(f.find('\0') == std::string::npos);
        }
        // and the names come back (the invalid UTF-8 too: it was %-escaped, not replaced)
        auto back = load(out.string());
        std::vector<std::string> got, want;
        for (const Mailbox* mb : back->mailboxes()) got.push_back(mb->name());
        for (const Mailbox* mb : acc.mailboxes()) want.push_back(mb->name());
        CHECK(got == want);
        CHECK(describe(*back) == describe(acc));
    }
    CHECK(maildir_folder_dir("../x").value() == ".%2E%2E.x");
    CHECK(maildir_folder_dir("a/../../b").value() == ".a.%2E%2E.%2E%2E.b");
    CHECK(maildir_folder_dir("Архив/2024").value() == ".&BBAEQARFBDgEMg-.2024");
    CHECK(escaped_levels("~root/.hidden").value() == std::vector<std::string>{"%7Eroot", "%2Ehidden"});
}

TEST_CASE("names that cannot be files are refused before anything is written", "[formats][safety]") {
    TempDir tmp;
    for (const std::string& name : {std::string(300, 'x'), std::string("a//b"), std::string("/lead"), std::string(40, 'y') + "/" + std::string(240, 'z')}) {
        Account acc("u", "p");
        acc.create("INBOX", 1);
        acc.create(name, 2);
        const std::string out = tmp.str("out");
        auto maildir = export_account(acc, out, MailFormat::Maildir);
        REQUIRE_FALSE(maildir.ok());
        CHECK(maildir.error().rfind("mailbox name \"", 0) == 0);
        CHECK_FALSE(fs::exists(out));  // nothing half-written
        if (name.find("//") != std::string::npos) CHECK(maildir.error() == "mailbox name \"a//b\" has an empty level");
    }
    Account acc("u", "p");
    acc.create(std::string(300, 'x'), 1);
    auto r = export_account(acc, tmp.str("out"), MailFormat::MboxTree);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "mailbox name \"" + std::string(64, 'x') + "...\" is too long for a file name (300 octets, at most 255)");
    // an export never writes into a directory that has files already
    fs::create_directory(tmp.path / "full");
    spit(tmp.path / "full/x", "x");
    Account ok("u", "p");
    ok.create("INBOX", 1);
    auto full = export_account(ok, tmp.str("full"), MailFormat::Maildir);
    REQUIRE_FALSE(full.ok());
    CHECK(full.error() == tmp.str("full") + ": is not empty (an export writes into a new or empty directory)");
}

TEST_CASE("bad mail files give an error naming the file and line", "[formats][errors]") {
    TempDir tmp;
    auto error_of = [](const std::string& path) {
        auto f = load_mail_fixture(path);
        REQUIRE_FALSE(f.ok());
        return f.error();
    };
    spit(tmp.path / "not.mbox", "Subject: hi\n\nno From line\n");
    CHECK(error_of(tmp.str("not.mbox")) == tmp.str("not.mbox") +
                                               ":1: not an mbox file (the first line does not start with \"From \"), a JSON fixture, a Maildir or a folder of .eml files");
    auto direct = read_mbox_file(tmp.str("not.mbox"), "INBOX");
    REQUIRE_FALSE(direct.ok());
    CHECK(direct.error() == tmp.str("not.mbox") + ":1: not an mbox file: the first line does not start with \"From \" (RFC 4155 §2)");
    spit(tmp.path / "nodate.mbox", "From someone yesterday\nSubject: x\n\nbody\n");
    CHECK(error_of(tmp.str("nodate.mbox")) ==
          tmp.str("nodate.mbox") + ":1: \"From \" line without a date (RFC 4155 §2: \"From sender Www Mmm dd hh:mm:ss yyyy\")");
    spit(tmp.path / "kw.mbox", "From a@b Mon Jan  1 10:00:00 2024\nSubject: x\n\nbody\n\nFrom a@b Mon Jan  1 10:00:00 2024\nSubject: y\nX-Keywords: ok (bad)\n\nbody\n");
    CHECK(error_of(tmp.str("kw.mbox")) == tmp.str("kw.mbox") + ":8: X-Keywords: \"(bad)\" is not a keyword: Invalid flag name: (bad)");
    CHECK(error_of(tmp.str("missing.mbox")) == tmp.str("missing.mbox") + ": cannot read: No such file or directory");

    copy_maildir_sample(tmp.path / "m1", 1704103200);
    fs::create_directory(tmp.path / "m1/.Sent/cur/subdir");
    CHECK(error_of(tmp.str("m1")) == tmp.str("m1") + "/.Sent/cur/subdir: not a regular file");

    copy_maildir_sample(tmp.path / "m2", 1704103200);
    fs::create_symlink("/nonexistent/file", tmp.path / "m2/cur/dangling:2,S");
    CHECK(error_of(tmp.str("m2")) == tmp.str("m2") + "/cur/dangling:2,S: not a regular file");

    copy_maildir_sample(tmp.path / "m3", 1704103200);
    spit(tmp.path / "m3/dovecot-uidlist", "3 V1 N5\n2 :a\n1 :b\n");
    CHECK(error_of(tmp.str("m3")) == tmp.str("m3") + "/dovecot-uidlist:3: UID 1 is not greater than the previous UID 2");

    copy_maildir_sample(tmp.path / "m4", 1704103200);
    fs::remove(tmp.path / "m4/dovecot-keywords");
    CHECK(error_of(tmp.str("m4")) == tmp.str("m4") + "/new/1795309937.M486133P6149.vm,S=238,W=249:2,RSab: keyword letter 'a' is not in " +
                                         tmp.str("m4") + "/dovecot-keywords");

    copy_maildir_sample(tmp.path / "m5", 1704103200);
    spit(tmp.path / "m5/.Sent/new/1795309937.M681958P6186.vm,S=141,W=147:2,S", "truncated\n");
    CHECK(error_of(tmp.str("m5")) == tmp.str("m5") + "/.Sent/new/1795309937.M681958P6186.vm,S=141,W=147:2,S: the name says S=141 "
                                                     "octets but the file has 10");
    copy_maildir_sample(tmp.path / "m6", 1704103200);
    spit(tmp.path / "m6/dovecot-keywords", "0 $Forwarded\n1 \\Seen\n");
    CHECK(error_of(tmp.str("m6")) == tmp.str("m6") + "/dovecot-keywords:2: \"\\Seen\" is not a keyword");
}

TEST_CASE("the kind of a path is detected; JSON fixtures load through the lesson loader", "[formats]") {
    TempDir tmp;
    copy_maildir_sample(tmp.path / "m", 1);
    CHECK(detect_mail_format(tmp.str("m")).value() == MailFormat::Maildir);
    CHECK(detect_mail_format(kData + "/eml").value() == MailFormat::EmlDir);
    CHECK(detect_mail_format(kData + "/mutt.mbox").value() == MailFormat::Mbox);
    CHECK(detect_mail_format(std::string(IMAPLAB_SOURCE_DIR) + "/lessons/16-lecture-cyrus-session.json").value() == MailFormat::Json);
    fs::create_directory(tmp.path / "empty");
    CHECK(detect_mail_format(tmp.str("empty")).value() == MailFormat::MboxTree);
    auto lesson = load_account_from(std::string(IMAPLAB_SOURCE_DIR) + "/lessons/16-lecture-cyrus-session.json", "u", "p");
    REQUIRE(lesson.ok());
    CHECK((*lesson)->find("INBOX") != nullptr);
    CHECK(parse_format_name("maildir").value() == MailFormat::Maildir);
    CHECK(parse_format_name("mh").error() == "unknown mail format \"mh\" (json, mbox, mbox-tree, maildir, eml)");
}
