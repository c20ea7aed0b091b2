#include "store/persist/snapshot.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "engine/sasl/base64.hpp"
#include "store/acl.hpp"
#include "types/flags.hpp"

namespace imaplab::persist {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

/// Rights as the letters of RFC 4314 §2.1 in its order, without the obsolete "c" / "d", so that
/// parse_acl_rights() reads back exactly these rights.
std::string acl_letters(AclRights rights) {
    using namespace acl;
    static constexpr std::pair<AclRights, char> kLetters[] = {
        {kLookup, 'l'}, {kRead, 'r'},   {kWriteSeen, 's'}, {kWrite, 'w'},  {kInsert, 'i'}, {kPost, 'p'},
        {kCreate, 'k'}, {kDelete, 'x'}, {kWriteDeleted, 't'}, {kExpunge, 'e'}, {kAdmin, 'a'}};
    std::string out;
    for (const auto& [bit, letter] : kLetters)
        if (rights & bit) out += letter;
    return out;
}


constexpr const char* kIndexName = "index.json";
constexpr const char* kIndexTmpName = "index.json.tmp";
constexpr const char* kMessagesDir = "messages";
constexpr const char* kFormatName = "imaplab-state";

/// An error inside save_store / load_store, turned into a Result at the API boundary.
struct PersistError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string sys_error(const fs::path& p, const std::string& what) {
    const int saved = errno;
    return p.string() + ": " + what + ": " + std::strerror(saved);
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1) throw PersistError("SHA-256 failed (OpenSSL)");
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 0xF];
    }
    return out;
}

bool is_sha256_name(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// ---- Strings: JSON strings when valid UTF-8, else {"base64": "..."} ----

json text_value(const std::string& s) {
    json j = s;
    try {
        (void)j.dump();  // throws type_error 316 on invalid UTF-8
        return j;
    } catch (const json::type_error&) {
        return json{{"base64", sasl::base64_encode(s)}};
    }
}

// ---- Building the index ----

struct Blob {
    std::shared_ptr<const std::string> text;
};

json build_index(const MailStore& store, HashCache& cache, std::map<std::string, Blob>& blobs) {
    json accounts = json::array();
    for (const Account* a : store.accounts()) {
        json mailboxes = json::array();
        for (const Mailbox* mb : a->mailboxes()) {
            json keywords = json::array();
            for (const auto& k : mb->keywords()) keywords.push_back(text_value(k));
            json messages = json::array();
            static const auto empty = std::make_shared<const std::string>();
            for (const Message& m : mb->messages()) {
                const auto& text = m.text ? m.text : empty;
                const std::string& sha = cache.sha256(text);
                blobs.emplace(sha, Blob{text});
                json flags = json::array();
                for (SystemFlag f : system_flags_in_order())
                    if (m.system_flags & f) flags.push_back(std::string(system_flag_name(f)));
                json kw = json::array();
                for (std::uint16_t id : m.keywords) kw.push_back(text_value(mb->keywords().at(id)));
                messages.push_back(json{{"uid", m.uid.value},
                                        {"flags", std::move(flags)},
                                        {"keywords", std::move(kw)},
                                        {"internal_date", m.internal_date},
                                        {"tz_minutes", m.tz_minutes},
                                        {"size", text->size()},
                                        {"sha256", sha}});
            }
            json box{{"name", text_value(mb->name())},
                     {"uidvalidity", mb->uidvalidity()},
                     {"uidnext", mb->uidnext()},
                     {"first_recent_uid", mb->first_recent_uid()},
                     {"keywords", std::move(keywords)},
                     {"messages", std::move(messages)}};
            if (!mb->acl().empty()) {  // RFC 4314 entries, in the ACL's own order
                json acl = json::array();
                for (const auto& e : mb->acl().entries()) {
                    json entry{{"identifier", text_value(e.identifier)}};
                    if (e.positive) entry["rights"] = acl_letters(*e.positive);
                    if (e.negative) entry["negative_rights"] = acl_letters(*e.negative);
                    acl.push_back(std::move(entry));
                }
                box["acl"] = std::move(acl);
            }
            mailboxes.push_back(std::move(box));
        }
        json subscriptions = json::array();
        for (const auto& s : a->subscriptions()) subscriptions.push_back(text_value(s));
        json special_use = json::array();
        for (const auto& [name, attrs] : a->special_uses()) special_use.push_back(json{{"mailbox", text_value(name)}, {"attributes", attrs}});
        accounts.push_back(json{{"user", text_value(a->user())},
                                {"password", text_value(a->password())},
                                {"uidvalidity_counter", a->highest_uidvalidity()},
                                {"subscriptions", std::move(subscriptions)},
                                {"special_use", std::move(special_use)},
                                {"mailboxes", std::move(mailboxes)}});
    }
    return json{{"format", kFormatName}, {"format_version", kFormatVersion}, {"accounts", std::move(accounts)}};
}

// ---- File operations (POSIX, so that every step can be fsynced) ----

class Writer {
public:
    explicit Writer(const SaveOptions& options) : options_(options) {}

    void step(const std::string& what) {
        if (options_.after_step && !options_.after_step(what))
            throw PersistError("save stopped after \"" + what + "\" (after_step hook)");
    }

    /// Creates `p` with mode 0700 unless it is a directory already; fsyncs its parent.
    void make_dir(const fs::path& p, const std::string& label) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode)) throw PersistError(p.string() + ": exists and is not a directory");
            return;
        }
        if (::mkdir(p.c_str(), 0700) != 0 && errno != EEXIST) throw PersistError(sys_error(p, "cannot create directory"));
        step("mkdir " + label);
        fs::path parent = p.parent_path();
        sync_dir(parent.empty() ? fs::path(".") : parent, label + "/..");
    }

    /// Writes `bytes` to a new file `p` (mode 0600) and fsyncs it.
    void write_file(const fs::path& p, std::string_view bytes, const std::string& label) {
        int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0) throw PersistError(sys_error(p, "cannot create"));
        std::size_t done = 0;
        while (done < bytes.size()) {
            ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const std::string err = sys_error(p, "cannot write");
                ::close(fd);
                ::unlink(p.c_str());
                throw PersistError(err);
            }
            done += static_cast<std::size_t>(n);
        }
        if (::fsync(fd) != 0) {
            const std::string err = sys_error(p, "cannot fsync");
            ::close(fd);
            ::unlink(p.c_str());
            throw PersistError(err);
        }
        if (::close(fd) != 0) throw PersistError(sys_error(p, "cannot close"));
        step("write " + label);
    }

    void rename_file(const fs::path& from, const fs::path& to, const std::string& label) {
        if (::rename(from.c_str(), to.c_str()) != 0) throw PersistError(sys_error(from, "cannot rename to " + to.string()));
        step("rename " + label);
    }

    void sync_dir(const fs::path& p, const std::string& label) {
        int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) throw PersistError(sys_error(p, "cannot open directory"));
        if (::fsync(fd) != 0) {
            const std::string err = sys_error(p, "cannot fsync directory");
            ::close(fd);
            throw PersistError(err);
        }
        ::close(fd);
        step("fsync " + label);
    }

    /// Removes a file; one that is gone already is fine.
    bool remove_file(const fs::path& p, const std::string& label) {
        if (::unlink(p.c_str()) != 0) {
            if (errno == ENOENT) return false;
            throw PersistError(sys_error(p, "cannot remove"));
        }
        step("remove " + label);
        return true;
    }

private:
    const SaveOptions& options_;
};

/// Names of the entries of a directory (no "." and ".."); empty when it does not exist.
std::vector<std::string> list_dir(const fs::path& p) {
    std::vector<std::string> names;
    DIR* d = ::opendir(p.c_str());
    if (!d) {
        if (errno == ENOENT) return names;
        throw PersistError(sys_error(p, "cannot list directory"));
    }
    while (const dirent* e = ::readdir(d)) {
        std::string n = e->d_name;
        if (n != "." && n != "..") names.push_back(std::move(n));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

/// Reads a whole file; nullopt with errno set when it cannot be opened.
std::optional<std::string> read_file(const fs::path& p, struct stat* info = nullptr) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const int saved = S_ISREG(st.st_mode) || st.st_mode == 0 ? errno : EISDIR;  // EISDIR: not a regular file
        ::close(fd);
        errno = saved;
        return std::nullopt;
    }
    if (info) *info = st;
    std::string out;
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    for (;;) {
        if (done == out.size()) out.resize(out.size() + 4096);  // the file may have grown
        ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            errno = saved;
            return std::nullopt;
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(done);
    return out;
}

/// The generation of the index in `dir`, 0 when there is none or it cannot be read.
std::uint64_t current_generation(const fs::path& dir) {
    auto text = read_file(dir / kIndexName);
    if (!text) return 0;
    try {
        json doc = json::parse(*text);
        if (doc.is_object() && doc.contains("generation") && doc["generation"].is_number_unsigned()) return doc["generation"].get<std::uint64_t>();
    } catch (const json::exception&) {
    }
    return 0;
}

// ---- Reading the index ----

class IndexReader {
public:
    explicit IndexReader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string& ptr, const std::string& why) const {
        throw PersistError(file_ + ": " + (ptr.empty() ? std::string() : ptr + ": ") + why);
    }

    static std::string child(const std::string& ptr, const std::string& key) { return ptr + "/" + key; }
    static std::string child(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

    /// Checks `v` is an object with exactly the keys `keys`.
    /// `v` must be an object with every one of `keys` and nothing but them and `optional_keys`.
    void object(const json& v, const std::string& ptr, std::initializer_list<const char*> keys,
                std::initializer_list<const char*> optional_keys = {}) const {
        if (!v.is_object()) fail(ptr, "expected an object");
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& key = it.key();  // not a structured binding: clang cannot capture those
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }) &&
                std::none_of(optional_keys.begin(), optional_keys.end(), [&](const char* k) { return key == k; }))
                fail(child(ptr, key), "unknown field \"" + key + "\"");
        }
        for (const char* k : keys)
            if (!v.contains(k)) fail(child(ptr, k), "missing");
    }

    const json& array(const json& v, const std::string& ptr) const {
        if (!v.is_array()) fail(ptr, "expected an array");
        return v;
    }

    std::uint64_t unsigned_number(const json& v, const std::string& ptr, std::uint64_t min, std::uint64_t max) const {
        const std::string range = "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
        if (!v.is_number_integer()) fail(ptr, range);
        if (v.is_number_unsigned()) {
            const auto n = v.get<std::uint64_t>();
            if (n < min || n > max) fail(ptr, range);
            return n;
        }
        const auto n = v.get<std::int64_t>();
        if (n < 0 || static_cast<std::uint64_t>(n) < min || static_cast<std::uint64_t>(n) > max) fail(ptr, range);
        return static_cast<std::uint64_t>(n);
    }

    std::uint32_t u32(const json& v, const std::string& ptr, std::uint32_t min) const {
        return static_cast<std::uint32_t>(unsigned_number(v, ptr, min, std::numeric_limits<std::uint32_t>::max()));
    }

    std::int64_t i64(const json& v, const std::string& ptr, std::int64_t min, std::int64_t max) const {
        const std::string range = "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
        if (!v.is_number_integer()) fail(ptr, range);
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) fail(ptr, range);
        const auto n = v.get<std::int64_t>();
        if (n < min || n > max) fail(ptr, range);
        return n;
    }

    std::string text(const json& v, const std::string& ptr) const {
        if (v.is_string()) return v.get<std::string>();
        if (v.is_object() && v.size() == 1 && v.contains("base64") && v["base64"].is_string()) {
            auto bytes = sasl::base64_decode(v["base64"].get<std::string>());
            if (!bytes) fail(child(ptr, "base64"), "not valid base64");
            return *bytes;
        }
        fail(ptr, "expected a string or {\"base64\": \"...\"}");
    }

    std::string nonempty_text(const json& v, const std::string& ptr) const {
        std::string s = text(v, ptr);
        if (s.empty()) fail(ptr, "expected a non-empty string");
        return s;
    }

private:
    std::string file_;
};

/// A message whose text is still to be read: where it is and which file holds it.
struct PendingText {
    Mailbox* mailbox;  // (mailbox, UID) rather than Message*: appends move the messages
    Uid uid;
    std::string sha256;
    std::uint64_t size;
    std::string ptr;
};

void load_mailbox(const IndexReader& r, const json& v, const std::string& ptr, Account& account, std::vector<PendingText>& pending) {
    r.object(v, ptr, {"name", "uidvalidity", "uidnext", "first_recent_uid", "keywords", "messages"}, {"acl"});
    const std::string name = r.nonempty_text(v["name"], IndexReader::child(ptr, "name"));
    const std::uint32_t uidvalidity = r.u32(v["uidvalidity"], IndexReader::child(ptr, "uidvalidity"), 1);
    const std::uint32_t uidnext = r.u32(v["uidnext"], IndexReader::child(ptr, "uidnext"), 1);
    const std::uint32_t first_recent = r.u32(v["first_recent_uid"], IndexReader::child(ptr, "first_recent_uid"), 1);
    Mailbox* mb = account.create(name, uidvalidity);
    if (!mb) r.fail(IndexReader::child(ptr, "name"), "duplicate mailbox \"" + name + "\"");

    const std::string kptr = IndexReader::child(ptr, "keywords");
    const json& keywords = r.array(v["keywords"], kptr);
    for (std::size_t i = 0; i < keywords.size(); ++i) {
        const std::string k = r.nonempty_text(keywords[i], IndexReader::child(kptr, i));
        if (mb->define_keyword(k) != i) r.fail(IndexReader::child(kptr, i), "duplicate keyword \"" + k + "\"");
    }

    const std::string mptr = IndexReader::child(ptr, "messages");
    const json& messages = r.array(v["messages"], mptr);
    std::uint32_t previous = 0;
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const std::string p = IndexReader::child(mptr, i);
        const json& mv = messages[i];
        r.object(mv, p, {"uid", "flags", "keywords", "internal_date", "tz_minutes", "size", "sha256"});
        Message m;
        m.uid = Uid{r.u32(mv["uid"], IndexReader::child(p, "uid"), 1)};
        if (m.uid.value <= previous)
            r.fail(IndexReader::child(p, "uid"), std::to_string(m.uid.value) + " does not ascend (the message before has UID " + std::to_string(previous) + ")");
        previous = m.uid.value;
        const std::string fptr = IndexReader::child(p, "flags");
        const json& flags = r.array(mv["flags"], fptr);
        for (std::size_t j = 0; j < flags.size(); ++j) {
            if (!flags[j].is_string()) r.fail(IndexReader::child(fptr, j), "expected a system flag name");
            const std::string f = flags[j].get<std::string>();
            std::uint8_t bit = 0;
            for (SystemFlag sf : system_flags_in_order())
                if (system_flag_name(sf) == f) bit = sf;
            if (!bit) r.fail(IndexReader::child(fptr, j), "\"" + f + "\" is not a system flag (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
            if (m.system_flags & bit) r.fail(IndexReader::child(fptr, j), "duplicate flag " + f);
            m.system_flags |= bit;
        }
        const std::string kwptr = IndexReader::child(p, "keywords");
        const json& kws = r.array(mv["keywords"], kwptr);
        for (std::size_t j = 0; j < kws.size(); ++j) {
            const std::string k = r.text(kws[j], IndexReader::child(kwptr, j));
            const auto& table = mb->keywords();
            auto it = std::find(table.begin(), table.end(), k);
            if (it == table.end()) r.fail(IndexReader::child(kwptr, j), "keyword \"" + k + "\" is not in the mailbox's keywords");
            const auto id = static_cast<std::uint16_t>(it - table.begin());
            if (std::find(m.keywords.begin(), m.keywords.end(), id) != m.keywords.end())
                r.fail(IndexReader::child(kwptr, j), "duplicate keyword \"" + k + "\"");
            m.keywords.push_back(id);
        }
        std::sort(m.keywords.begin(), m.keywords.end());
        m.internal_date = r.i64(mv["internal_date"], IndexReader::child(p, "internal_date"), std::numeric_limits<std::int64_t>::min(),
                                std::numeric_limits<std::int64_t>::max());
        m.tz_minutes = static_cast<int>(r.i64(mv["tz_minutes"], IndexReader::child(p, "tz_minutes"), -5999, 5999));
        const std::uint64_t size = r.unsigned_number(mv["size"], IndexReader::child(p, "size"), 0, std::numeric_limits<std::int64_t>::max());
        if (!mv["sha256"].is_string() || !is_sha256_name(mv["sha256"].get<std::string>()))
            r.fail(IndexReader::child(p, "sha256"), "expected 64 lower-case hex digits");
        const Uid uid = m.uid;
        mb->append(std::move(m));
        pending.push_back(PendingText{mb, uid, mv["sha256"].get<std::string>(), size, IndexReader::child(p, "sha256")});
    }
    if (v.contains("acl")) {
        const std::string aptr = IndexReader::child(ptr, "acl");
        const json& acl = r.array(v["acl"], aptr);
        for (std::size_t i = 0; i < acl.size(); ++i) {
            const std::string p = IndexReader::child(aptr, i);
            r.object(acl[i], p, {"identifier"}, {"rights", "negative_rights"});
            const std::string id = r.nonempty_text(acl[i]["identifier"], IndexReader::child(p, "identifier"));
            for (const char* field : {"rights", "negative_rights"}) {
                if (!acl[i].contains(field)) continue;
                const std::string fp = IndexReader::child(p, field);
                if (!acl[i][field].is_string()) r.fail(fp, "expected rights letters (lrswipkxtea)");
                char bad = 0;
                const std::string letters = acl[i][field].get<std::string>();
                auto rights = parse_acl_rights(letters, bad);
                if (!rights || letters.find_first_of("cd") != std::string::npos)
                    r.fail(fp, "\"" + letters + "\" are not rights letters (lrswipkxtea)");
                mb->acl().modify(id, std::string(field) == "negative_rights", AclModify::Replace, *rights);
            }
        }
    }
    mb->raise_uidnext(uidnext);
    if (mb->uidnext() != uidnext)
        r.fail(IndexReader::child(ptr, "uidnext"), std::to_string(uidnext) + " is not above the last UID " + std::to_string(previous));
    mb->set_first_recent_uid(first_recent);
}

void load_account(const IndexReader& r, const json& v, const std::string& ptr, MailStore& store, std::vector<PendingText>& pending) {
    r.object(v, ptr, {"user", "password", "uidvalidity_counter", "subscriptions", "special_use", "mailboxes"});
    const std::string user = r.nonempty_text(v["user"], IndexReader::child(ptr, "user"));
    std::string password = r.text(v["password"], IndexReader::child(ptr, "password"));
    const std::uint32_t counter = r.u32(v["uidvalidity_counter"], IndexReader::child(ptr, "uidvalidity_counter"), 0);
    Account* a = store.add_account(user, std::move(password));
    if (!a) r.fail(IndexReader::child(ptr, "user"), "duplicate user \"" + user + "\"");

    const std::string mptr = IndexReader::child(ptr, "mailboxes");
    const json& mailboxes = r.array(v["mailboxes"], mptr);
    for (std::size_t i = 0; i < mailboxes.size(); ++i) load_mailbox(r, mailboxes[i], IndexReader::child(mptr, i), *a, pending);
    if (counter < a->highest_uidvalidity())
        r.fail(IndexReader::child(ptr, "uidvalidity_counter"),
               std::to_string(counter) + " is below a mailbox's UIDVALIDITY " + std::to_string(a->highest_uidvalidity()));
    a->raise_highest_uidvalidity(counter);

    const std::string sptr = IndexReader::child(ptr, "subscriptions");
    const json& subs = r.array(v["subscriptions"], sptr);
    for (std::size_t i = 0; i < subs.size(); ++i) a->subscribe(r.nonempty_text(subs[i], IndexReader::child(sptr, i)));

    const std::string uptr = IndexReader::child(ptr, "special_use");
    const json& uses = r.array(v["special_use"], uptr);
    for (std::size_t i = 0; i < uses.size(); ++i) {
        const std::string p = IndexReader::child(uptr, i);
        r.object(uses[i], p, {"mailbox", "attributes"});
        const std::string name = r.nonempty_text(uses[i]["mailbox"], IndexReader::child(p, "mailbox"));
        const std::string aptr = IndexReader::child(p, "attributes");
        const json& attrs = r.array(uses[i]["attributes"], aptr);
        std::vector<std::string> list;
        for (std::size_t j = 0; j < attrs.size(); ++j) {
            if (!attrs[j].is_string() ||
                std::find(std::begin(kSpecialUseAttributes), std::end(kSpecialUseAttributes), attrs[j].get<std::string>()) == std::end(kSpecialUseAttributes))
                r.fail(IndexReader::child(aptr, j), "expected a special-use attribute (\\All \\Archive \\Drafts \\Flagged \\Junk \\Sent \\Trash)");
            list.push_back(attrs[j].get<std::string>());
        }
        if (list.empty()) r.fail(aptr, "expected at least one attribute");
        if (!a->special_use(name).empty()) r.fail(IndexReader::child(p, "mailbox"), "duplicate entry for \"" + name + "\"");
        a->set_special_use(name, std::move(list));
    }
}

}  // namespace

// ---- HashCache ----

const std::string& HashCache::sha256(const std::shared_ptr<const std::string>& text) {
    auto it = hashes_.find(text.get());
    if (it == hashes_.end()) it = hashes_.emplace(text.get(), std::make_pair(text, sha256_hex(*text))).first;
    return it->second.second;
}

void HashCache::prune() {
    for (auto it = hashes_.begin(); it != hashes_.end();) {
        if (it->second.first.use_count() == 1) it = hashes_.erase(it);
        else ++it;
    }
}

// ---- save ----

Result<SaveReport> save_store(const MailStore& store, const fs::path& dir, const SaveOptions& options) {
    using R = Result<SaveReport>;
    try {
        HashCache local_cache;
        HashCache& cache = options.cache ? *options.cache : local_cache;
        std::map<std::string, Blob> blobs;
        json doc = build_index(store, cache, blobs);
        SaveReport report;
        const std::string body = doc.dump();
        if (options.last_index_body && *options.last_index_body == body) {
            report.generation = options.generation ? options.generation - 1 : current_generation(dir);
            return report;
        }
        report.generation = options.generation ? options.generation : current_generation(dir) + 1;
        doc["generation"] = report.generation;

        Writer w(options);
        const fs::path messages = dir / kMessagesDir;
        if (!dir.parent_path().empty()) {
            std::error_code ec;
            fs::create_directories(dir.parent_path(), ec);
            if (ec) throw PersistError(dir.parent_path().string() + ": cannot create directory: " + ec.message());
        }
        w.make_dir(dir, "DIR");
        w.make_dir(messages, "messages");

        // Leftovers of a writer that was killed: never named by index.json.
        for (const auto& n : list_dir(dir))
            if (n == kIndexTmpName && w.remove_file(dir / n, n)) ++report.files_removed;
        for (const auto& n : list_dir(messages))
            if (n.size() == 68 && n.compare(64, 4, ".tmp") == 0 && is_sha256_name(n.substr(0, 64)) &&
                w.remove_file(messages / n, std::string(kMessagesDir) + "/" + n))
                ++report.files_removed;

        // 1. Message files, each complete before it gets its final name.
        for (const auto& [sha, blob] : blobs) {
            const fs::path final_path = messages / sha;
            struct stat st {};
            if (::lstat(final_path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) == blob.text->size()) {
                ++report.messages_reused;
                continue;
            }
            const std::string label = std::string(kMessagesDir) + "/" + sha;
            fs::path tmp = final_path;
            tmp += ".tmp";
            w.write_file(tmp, *blob.text, label + ".tmp");
            w.rename_file(tmp, final_path, label + ".tmp " + label);
            ++report.messages_written;
        }
        if (report.messages_written) w.sync_dir(messages, "messages");

        // 2. The index: written aside, then renamed over the old one (the commit point).
        w.write_file(dir / kIndexTmpName, doc.dump(1) + "\n", kIndexTmpName);
        w.rename_file(dir / kIndexTmpName, dir / kIndexName, std::string(kIndexTmpName) + " " + kIndexName);
        w.sync_dir(dir, "DIR");
        report.written = true;
        if (options.last_index_body) *options.last_index_body = body;

        // 3. Message files no longer named.
        for (const auto& n : list_dir(messages))
            if (is_sha256_name(n) && !blobs.count(n) && w.remove_file(messages / n, std::string(kMessagesDir) + "/" + n)) ++report.files_removed;
        cache.prune();
        return report;
    } catch (const PersistError& e) {
        return R::failure(e.what());
    } catch (const std::exception& e) {
        return R::failure(dir.string() + ": cannot save: " + e.what());
    }
}

bool has_saved_state(const fs::path& dir) {
    struct stat st {};
    return ::stat((dir / kIndexName).c_str(), &st) == 0;
}

// ---- load ----

Result<LoadedStore> load_store(const fs::path& dir) {
    using R = Result<LoadedStore>;
    const fs::path index_path = dir / kIndexName;
    const std::string file = index_path.string();
    try {
        auto text = read_file(index_path);
        if (!text) {
            if (errno == ENOENT) return R::failure(file + ": no saved state (file missing)");
            return R::failure(sys_error(index_path, "cannot read"));
        }
        json doc;
        try {
            doc = json::parse(*text);
        } catch (const json::parse_error& e) {
            return R::failure(file + ": not valid JSON: " + e.what());
        }
        IndexReader r(file);
        if (!doc.is_object()) r.fail("", "expected a JSON object");
        if (!doc.contains("format") || doc["format"] != kFormatName) r.fail("/format", std::string("expected \"") + kFormatName + "\"");
        if (!doc.contains("format_version")) r.fail("/format_version", "missing");
        const std::uint64_t version = r.unsigned_number(doc["format_version"], "/format_version", 1, std::numeric_limits<std::uint32_t>::max());
        if (version > static_cast<std::uint64_t>(kFormatVersion))
            r.fail("", "format_version " + std::to_string(version) + " is newer than this program reads (" + std::to_string(kFormatVersion) + ")");
        r.object(doc, "", {"format", "format_version", "generation", "accounts"});
        LoadedStore loaded;
        loaded.generation = r.unsigned_number(doc["generation"], "/generation", 1, std::numeric_limits<std::int64_t>::max());
        loaded.store = std::make_unique<MailStore>();
        std::vector<PendingText> pending;
        const json& accounts = r.array(doc["accounts"], "/accounts");
        for (std::size_t i = 0; i < accounts.size(); ++i)
            load_account(r, accounts[i], IndexReader::child("/accounts", i), *loaded.store, pending);

        // Message texts: each file once, checked against its size and its name.
        const fs::path messages = dir / kMessagesDir;
        std::map<std::string, std::shared_ptr<const std::string>> texts;
        for (const auto& p : pending) {
            const fs::path path = messages / p.sha256;
            auto it = texts.find(p.sha256);
            if (it == texts.end()) {
                auto bytes = read_file(path);
                if (!bytes) {
                    if (errno == ENOENT) return R::failure(path.string() + ": missing (named by " + p.ptr + ")");
                    return R::failure(sys_error(path, "cannot read (named by " + p.ptr + ")"));
                }
                if (sha256_hex(*bytes) != p.sha256 && bytes->size() == p.size)
                    return R::failure(path.string() + ": content does not match its SHA-256 name (named by " + p.ptr + ")");
                it = texts.emplace(p.sha256, std::make_shared<const std::string>(std::move(*bytes))).first;
            }
            if (it->second->size() != p.size) {
                std::string size_ptr = p.ptr.substr(0, p.ptr.size() - 6) + "size";
                return R::failure(path.string() + ": " + std::to_string(it->second->size()) + " bytes, but " + size_ptr + " says " +
                                  std::to_string(p.size));
            }
            p.mailbox->find(p.uid)->text = it->second;
        }
        return loaded;
    } catch (const PersistError& e) {
        return R::failure(e.what());
    } catch (const std::exception& e) {
        return R::failure(file + ": cannot load: " + e.what());
    }
}

}  // namespace imaplab::persist
