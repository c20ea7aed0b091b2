#include "store/formats/maildir.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "store/formats/file_io.hpp"
#include "store/formats/folder_names.hpp"
#include "store/mail_store.hpp"
#include "store/mime/line_endings.hpp"
#include "types/flags.hpp"

namespace imaplab::formats {
namespace {

namespace fs = std::filesystem;

std::optional<std::uint64_t> decimal(std::string_view s) {
    if (s.empty() || s.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

struct FoundFile {
    std::string path;
    std::string base;  // file name up to ':'
    std::string info;  // after ":2,"
    bool in_new = false;
};

struct Uidlist {
    std::uint32_t uidvalidity = 0;
    std::uint32_t uidnext = 0;
    std::map<std::string, std::uint32_t> uids;  // base -> UID
};

Result<Uidlist> read_uidlist(const std::string& path) {
    using R = Result<Uidlist>;
    auto text = read_whole_file(path);
    if (!text) return R::failure(text.error());
    Uidlist list;
    std::string_view t = *text;
    std::size_t pos = 0, line_no = 0;
    std::uint32_t last = 0;
    int version = 0;
    while (pos < t.size()) {
        ++line_no;
        std::size_t nl = t.find('\n', pos);
        if (nl == std::string_view::npos) nl = t.size();
        std::string_view line = t.substr(pos, nl - pos);
        pos = nl + 1;
        auto fail = [&](const std::string& what) { return R::failure(path + ":" + std::to_string(line_no) + ": " + what); };
        if (line_no == 1) {
            // "3 V<uidvalidity> N<uidnext> G<guid> ..." or version 1: "1 <uidvalidity> <uidnext>"
            std::vector<std::string_view> f;
            for (std::size_t i = 0; i < line.size();) {
                std::size_t j = line.find(' ', i);
                if (j == std::string_view::npos) j = line.size();
                if (j > i) f.push_back(line.substr(i, j - i));
                i = j + 1;
            }
            if (f.empty() || (f[0] != "1" && f[0] != "3")) return fail("not a dovecot-uidlist header (version 1 or 3)");
            version = f[0] == "3" ? 3 : 1;
            for (std::size_t i = 1; i < f.size(); ++i) {
                std::optional<std::uint64_t> v;
                if (version == 1) {
                    v = decimal(f[i]);
                    if (!v || *v > 0xffffffffu) return fail("bad number \"" + std::string(f[i]) + "\" in the header");
                    (i == 1 ? list.uidvalidity : list.uidnext) = static_cast<std::uint32_t>(*v);
                } else if (f[i][0] == 'V' || f[i][0] == 'N') {
                    v = decimal(f[i].substr(1));
                    if (!v || *v > 0xffffffffu) return fail("bad header field \"" + std::string(f[i]) + "\"");
                    (f[i][0] == 'V' ? list.uidvalidity : list.uidnext) = static_cast<std::uint32_t>(*v);
                }
            }
            continue;
        }
        if (line.empty()) continue;
        const std::size_t sp = line.find(' ');
        auto uid = decimal(line.substr(0, sp));
        if (!uid || *uid == 0 || *uid >= 0xffffffffu) return fail("bad UID \"" + std::string(line.substr(0, sp)) + "\"");
        if (*uid <= last) return fail("UID " + std::to_string(*uid) + " is not greater than the previous UID " + std::to_string(last));
        last = static_cast<std::uint32_t>(*uid);
        if (sp == std::string_view::npos) return fail("UID without a file name");
        std::string_view rest = line.substr(sp + 1);
        std::string_view name;
        if (version == 3) {
            const std::size_t colon = rest.find(':');
            if (colon == std::string_view::npos) return fail("no \":\" before the file name");
            name = rest.substr(colon + 1);
        } else {
            name = rest.substr(0, rest.find(' '));
        }
        if (name.empty()) return fail("empty file name");
        list.uids[std::string(name.substr(0, name.find(':')))] = last;
    }
    return list;
}

/// dovecot-keywords: "<index> <keyword>" lines, index 0..25 -> letters a..z.
Result<std::vector<std::optional<std::string>>> read_keywords(const std::string& path) {
    using R = Result<std::vector<std::optional<std::string>>>;
    auto text = read_whole_file(path);
    if (!text) return R::failure(text.error());
    std::vector<std::optional<std::string>> letters(26);
    std::string_view t = *text;
    std::size_t pos = 0, line_no = 0;
    while (pos < t.size()) {
        ++line_no;
        std::size_t nl = t.find('\n', pos);
        if (nl == std::string_view::npos) nl = t.size();
        std::string_view line = t.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty()) continue;
        auto fail = [&](const std::string& what) { return R::failure(path + ":" + std::to_string(line_no) + ": " + what); };
        const std::size_t sp = line.find(' ');
        auto idx = decimal(line.substr(0, sp));
        if (!idx || *idx > 25 || sp == std::string_view::npos) return fail("expected \"<0..25> <keyword>\"");
        const std::string_view kw = line.substr(sp + 1);
        std::string err;
        auto flag = parse_flag_token(kw, &err);
        if (!flag || flag->keywords.empty()) return fail("\"" + std::string(kw) + "\" is not a keyword" + (err.empty() ? "" : ": " + err));
        letters[*idx] = std::string(kw);
    }
    return letters;
}

Result<FixtureMailbox> read_folder(const std::string& dir, const std::string& name, const ImportOptions& options) {
    using R = Result<FixtureMailbox>;
    std::error_code ec;
    FixtureMailbox box;
    box.name = name;
    box.uidvalidity = options.uidvalidity;
    std::vector<std::optional<std::string>> letters(26);
    if (fs::exists(dir + "/dovecot-keywords", ec)) {
        auto k = read_keywords(dir + "/dovecot-keywords");
        if (!k) return R::failure(k.error());
        letters = std::move(*k);
        for (const auto& l : letters)
            if (l) box.keywords.push_back(*l);
    }
    Uidlist uidlist;
    if (fs::exists(dir + "/dovecot-uidlist", ec)) {
        auto u = read_uidlist(dir + "/dovecot-uidlist");
        if (!u) return R::failure(u.error());
        uidlist = std::move(*u);
        if (uidlist.uidvalidity) box.uidvalidity = uidlist.uidvalidity;
    }
    std::vector<FoundFile> files;
    for (const char* sub : {"cur", "new"}) {
        const std::string subdir = dir + "/" + sub;
        if (!fs::exists(fs::symlink_status(subdir, ec))) continue;
        std::vector<std::string> names;
        for (fs::directory_iterator it(subdir, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
        if (ec) return R::failure(subdir + ": cannot read directory: " + ec.message());
        for (const auto& fname : names) {
            if (fname.empty() || fname[0] == '.') continue;
            const std::string path = subdir + "/" + fname;
            if (!fs::is_regular_file(fs::status(path, ec))) return R::failure(path + ": not a regular file");
            FoundFile f{path, fname.substr(0, fname.find(':')), "", std::string(sub) == "new"};
            if (auto colon = fname.find(":2,"); colon != std::string::npos) f.info = fname.substr(colon + 3);
            files.push_back(std::move(f));
        }
    }
    std::sort(files.begin(), files.end(), [](const FoundFile& a, const FoundFile& b) { return a.base < b.base; });
    for (std::size_t i = 1; i < files.size(); ++i)
        if (files[i].base == files[i - 1].base) return R::failure(files[i].path + ": a second file for the message " + files[i].base);
    // UIDs: listed ones first, then the others from UIDNEXT on, in file-name order.
    std::uint32_t highest = 0;
    std::vector<std::pair<std::uint32_t, const FoundFile*>> numbered;
    for (const auto& f : files)
        if (auto it = uidlist.uids.find(f.base); it != uidlist.uids.end()) {
            numbered.emplace_back(it->second, &f);
            highest = std::max(highest, it->second);
        }
    std::uint32_t next = std::max(highest + 1, uidlist.uidnext);
    for (const auto& f : files)
        if (!uidlist.uids.count(f.base)) {
            if (next == 0xffffffffu) return R::failure(dir + ": too many messages for 32-bit UIDs");
            numbered.emplace_back(next++, &f);
        }
    std::sort(numbered.begin(), numbered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<bool> from_new;
    for (const auto& [uid, f] : numbered) {
        auto text = read_whole_file(f->path);
        if (!text) return R::failure(text.error());
        if (auto s = f->base.find(",S="); s != std::string::npos) {
            const std::size_t e = f->base.find_first_of(",:", s + 3);
            auto size = decimal(std::string_view(f->base).substr(s + 3, e == std::string::npos ? std::string::npos : e - s - 3));
            if (size && *size != text->size())
                return R::failure(f->path + ": the name says S=" + std::to_string(*size) + " octets but the file has " +
                                  std::to_string(text->size()));
        }
        FixtureMessage m;
        m.uid = uid;
        for (char c : f->info) {
            switch (c) {
                case 'D': m.flags.system |= kDraft; break;
                case 'F': m.flags.system |= kFlagged; break;
                case 'P': m.flags.add_keyword("$Forwarded"); break;
                case 'R': m.flags.system |= kAnswered; break;
                case 'S': m.flags.system |= kSeen; break;
                case 'T': m.flags.system |= kDeleted; break;
                default:
                    if (c >= 'a' && c <= 'z') {
                        const auto& kw = letters[static_cast<std::size_t>(c - 'a')];
                        if (!kw) return R::failure(f->path + ": keyword letter '" + std::string(1, c) + "' is not in " + dir + "/dovecot-keywords");
                        m.flags.add_keyword(*kw);
                    }
            }
        }
        auto mtime = modification_time(f->path);
        if (!mtime) return R::failure(mtime.error());
        m.internal_date = utc_internal_date(*mtime);
        m.text = normalize_line_endings(*text);
        box.messages.push_back(std::move(m));
        from_new.push_back(f->in_new);
    }
    for (std::size_t i = box.messages.size(); i-- > 0 && from_new[i];) box.messages[i].recent = true;
    const std::uint32_t after = box.messages.empty() ? 1 : box.messages.back().uid + 1;
    if (uidlist.uidnext > after) box.uidnext = uidlist.uidnext;
    return box;
}

bool has_maildir_subdirs(const std::string& dir) {
    std::error_code ec;
    return fs::is_directory(dir + "/cur", ec) || fs::is_directory(dir + "/new", ec);
}

std::string flag_letters(const Mailbox& mb, const Message& m) {
    std::string letters;
    if (m.system_flags & kDraft) letters += 'D';
    if (m.system_flags & kFlagged) letters += 'F';
    if (m.system_flags & kAnswered) letters += 'R';
    if (m.system_flags & kSeen) letters += 'S';
    if (m.system_flags & kDeleted) letters += 'T';
    for (auto id : m.keywords)
        if (id < mb.keywords().size() && id < 26) letters += static_cast<char>('a' + id);
    std::sort(letters.begin(), letters.end());
    return letters;
}

}  // namespace

Result<FixtureAccount> read_maildir(const std::string& dir, const ImportOptions& options) {
    using R = Result<FixtureAccount>;
    std::error_code ec;
    if (!has_maildir_subdirs(dir)) return R::failure(dir + ": not a Maildir (no cur/ or new/ directory)");
    FixtureAccount account;
    auto inbox = read_folder(dir, "INBOX", options);
    if (!inbox) return R::failure(inbox.error());
    account.mailboxes.push_back(std::move(*inbox));
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) names.push_back(it->path().filename().string());
    if (ec) return R::failure(dir + ": cannot read directory: " + ec.message());
    std::sort(names.begin(), names.end());
    for (const auto& fname : names) {
        if (fname.size() < 2 || fname[0] != '.' || fname == "..") continue;
        const std::string path = dir + "/" + fname;
        if (!fs::is_directory(path, ec) || !has_maildir_subdirs(path)) continue;  // .imap, .Trash without cur/...
        auto name = mailbox_of_maildir_folder(fname);
        if (!name) return R::failure(path + ": " + name.error());
        const std::string canonical = canonical_mailbox_name(*name);
        for (const auto& b : account.mailboxes)
            if (b.name == canonical) return R::failure(path + ": a second folder for the mailbox \"" + canonical + "\"");
        auto box = read_folder(path, canonical, options);
        if (!box) return R::failure(box.error());
        account.mailboxes.push_back(std::move(*box));
    }
    std::vector<std::string> subscribed;
    if (fs::exists(dir + "/subscriptions", ec)) {
        auto text = read_whole_file(dir + "/subscriptions");
        if (!text) return R::failure(text.error());
        auto subs = parse_subscriptions(*text, dir + "/subscriptions");
        if (!subs) return R::failure(subs.error());
        subscribed = std::move(*subs);
    }
    for (auto& b : account.mailboxes) b.subscribed = std::find(subscribed.begin(), subscribed.end(), b.name) != subscribed.end();
    std::sort(account.mailboxes.begin(), account.mailboxes.end(),
              [](const FixtureMailbox& a, const FixtureMailbox& b) { return mailbox_name_less(a.name, b.name); });
    return account;
}

Result<std::size_t> write_maildir(const Account& account, const std::string& dir, const ExportOptions& options) {
    using R = Result<std::size_t>;
    if (!is_safe_component(options.host) || options.host.find_first_of(":.,") != std::string::npos)
        return R::failure("host name \"" + options.host + "\" cannot be part of a Maildir file name");
    std::vector<std::pair<const Mailbox*, std::string>> plan;  // mailbox, folder directory ("" = root)
    bool has_inbox = false;
    for (const Mailbox* mb : account.mailboxes()) {
        auto folder = maildir_folder_dir(mb->name());
        if (!folder) return R::failure(folder.error());
        if (!folder->empty() && !is_safe_component(*folder)) return R::failure("mailbox name \"" + mb->name() + "\" gives an unsafe path");
        if (mb->keywords().size() > 26)
            return R::failure("mailbox \"" + mb->name() + "\" has " + std::to_string(mb->keywords().size()) +
                              " keywords; Maildir file names have letters for 26");
        if (folder->empty()) has_inbox = true;
        plan.emplace_back(mb, std::move(*folder));
    }
    auto prepared = prepare_empty_directory(dir);
    if (!prepared) return R::failure(prepared.error());
    auto make_subdirs = [](const std::string& d) -> Result<bool> {
        for (const char* sub : {"cur", "new", "tmp"}) {
            auto made = make_directory(d + "/" + sub);
            if (!made) return made;
        }
        return true;
    };
    if (!has_inbox) {
        auto made = make_subdirs(dir);
        if (!made) return R::failure(made.error());
    }
    std::size_t written = 0;
    for (const auto& [mb, folder] : plan) {
        const std::string box_dir = folder.empty() ? dir : dir + "/" + folder;
        if (!folder.empty()) {
            auto made = make_directory(box_dir);
            if (!made) return R::failure(made.error());
            auto marker = write_file_atomically(box_dir + "/.imaplab-tmp-maildirfolder", box_dir + "/maildirfolder", "");
            if (!marker) return R::failure(marker.error());
        }
        auto made = make_subdirs(box_dir);
        if (!made) return R::failure(made.error());
        std::string uidlist = fmt::format("3 V{} N{}\n", mb->uidvalidity(), mb->uidnext());
        for (const Message& m : mb->messages()) {
            const std::string lf = m.text ? crlf_to_lf(*m.text) : std::string();
            const std::string base = fmt::format("{}.M{}P{}.{},S={},W={}", m.internal_date, m.uid.value, options.pid, options.host,
                                                 lf.size(), m.size());
            const bool recent = m.uid.value >= mb->first_recent_uid();
            const std::string letters = flag_letters(*mb, m);
            std::string target = box_dir + (recent ? "/new/" : "/cur/") + base;
            if (!recent || !letters.empty()) target += ":2," + letters;
            auto ok = write_file_atomically(box_dir + "/tmp/" + base, target, lf, true, m.internal_date);
            if (!ok) return R::failure(ok.error());
            uidlist += fmt::format("{} :{}\n", m.uid.value, base);
            ++written;
        }
        auto ok = write_file_atomically(box_dir + "/tmp/dovecot-uidlist", box_dir + "/dovecot-uidlist", uidlist);
        if (!ok) return R::failure(ok.error());
        if (!mb->keywords().empty()) {
            std::string keywords;
            for (std::size_t i = 0; i < mb->keywords().size(); ++i) keywords += fmt::format("{} {}\n", i, mb->keywords()[i]);
            ok = write_file_atomically(box_dir + "/tmp/dovecot-keywords", box_dir + "/dovecot-keywords", keywords);
            if (!ok) return R::failure(ok.error());
        }
    }
    auto ok = write_file_atomically(dir + "/tmp/subscriptions", dir + "/subscriptions", write_subscriptions(account));
    if (!ok) return R::failure(ok.error());
    return written;
}

}  // namespace imaplab::formats
