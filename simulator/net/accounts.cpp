#include "net/accounts.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lesson/fixture_builder.hpp"
#include "lesson/fixture_file.hpp"
#include "store/formats/mail_formats.hpp"

namespace imaplab::net {
namespace {

/// Compares without an early exit on the first difference.
bool same_secret(std::string_view a, std::string_view b) {
    unsigned diff = a.size() != b.size() ? 1u : 0u;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(i < b.size() ? b[i] : 0));
    return diff == 0;
}

bool valid_user_name(std::string_view user) {
    if (user.empty() || user.size() > 64) return false;
    for (char ch : user) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) return false;
    }
    return true;
}

/// add_account_from_fixture; with `floor` > 0 every mailbox gets a UIDVALIDITY above it.
Account* build_account(MailStore& store, const Fixture& fixture, const std::string& user, const std::string& password,
                       TraceSink* trace, std::uint32_t floor) {
    if (store.find_account(user) || fixture.accounts.empty()) return nullptr;
    const FixtureAccount* source = &fixture.accounts.front();
    for (const auto& a : fixture.accounts)
        if (a.user == user) source = &a;
    Fixture one;
    one.uidvalidity = fixture.uidvalidity;
    one.clock = fixture.clock;
    one.accounts.push_back(*source);
    one.accounts.front().user = user;
    one.accounts.front().password = password;
    if (floor > 0) {
        std::uint32_t next = floor;
        for (auto& m : one.accounts.front().mailboxes) m.uidvalidity = ++next;
        one.uidvalidity = next;
    }
    build_fixture(one, store, trace);
    return store.find_account(user);
}

Result<const Fixture*, std::string> load_fixture_once(std::map<std::string, std::shared_ptr<const Fixture>>& cache,
                                                      const std::string& path) {
    auto it = cache.find(path);
    if (it == cache.end()) {
        auto loaded = formats::load_mail_fixture(path);
        if (!loaded) return Result<const Fixture*, std::string>::failure(loaded.error());
        it = cache.emplace(path, std::make_shared<const Fixture>(std::move(loaded.value()))).first;
    }
    return it->second.get();
}

}  // namespace

Result<std::vector<UserEntry>, std::string> load_users_file(const std::string& path) {
    using R = Result<std::vector<UserEntry>, std::string>;
    std::ifstream in(path, std::ios::binary);
    if (!in) return R::failure(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(ss.str());
    } catch (const nlohmann::json::parse_error& e) {
        return R::failure(path + ": not valid JSON: " + e.what());
    }
    auto fail = [&](const std::string& ptr, const std::string& why) { return R::failure(path + ": " + ptr + ": " + why); };
    if (!doc.is_array()) return fail("", "expected an array of {\"user\", \"password\", \"fixture\"} objects");
    std::string dir;
    if (auto slash = path.find_last_of('/'); slash != std::string::npos) dir = path.substr(0, slash + 1);
    std::vector<UserEntry> users;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const auto& v = doc[i];
        const std::string ptr = "/" + std::to_string(i);
        if (!v.is_object()) return fail(ptr, "expected an object with \"user\", \"password\" and optionally \"fixture\"");
        for (const auto& [key, _] : v.items())
            if (key != "user" && key != "password" && key != "fixture")
                return fail(ptr + "/" + key, "unknown key \"" + key + "\" (allowed here: user password fixture)");
        UserEntry e;
        if (!v.contains("user") || !v["user"].is_string() || v["user"].get<std::string>().empty())
            return fail(ptr + "/user", "expected a non-empty string");
        e.user = v["user"].get<std::string>();
        if (!valid_user_name(e.user)) return fail(ptr + "/user", "a user name has 1 to 64 characters and no control characters");
        if (!v.contains("password") || !v["password"].is_string()) return fail(ptr + "/password", "expected a string");
        e.password = v["password"].get<std::string>();
        if (v.contains("fixture")) {
            if (!v["fixture"].is_string() || v["fixture"].get<std::string>().empty())
                return fail(ptr + "/fixture", "expected the path of a lesson or fixture file");
            e.fixture = v["fixture"].get<std::string>();
            if (e.fixture.front() != '/') e.fixture = dir + e.fixture;
        }
        if (!seen.insert(e.user).second) return fail(ptr + "/user", "duplicate user \"" + e.user + "\"");
        users.push_back(std::move(e));
    }
    return users;
}

Fixture empty_inbox_fixture(std::uint32_t uidvalidity) {
    Fixture f;
    f.uidvalidity = uidvalidity;
    FixtureAccount a;
    a.user = "-";
    FixtureMailbox inbox;
    inbox.name = "INBOX";
    a.mailboxes.push_back(std::move(inbox));
    f.accounts.push_back(std::move(a));
    return f;
}

Account* add_account_from_fixture(MailStore& store, const Fixture& fixture, const std::string& user,
                                  const std::string& password, TraceSink* trace) {
    return build_account(store, fixture, user, password, trace, 0);
}

Result<std::size_t, std::string> add_users(MailStore& store, const std::vector<UserEntry>& users,
                                           std::uint32_t default_uidvalidity, TraceSink* trace) {
    using R = Result<std::size_t, std::string>;
    std::map<std::string, Fixture> fixtures;
    const Fixture empty = empty_inbox_fixture(default_uidvalidity);
    std::size_t added = 0;
    for (const auto& u : users) {
        const Fixture* f = &empty;
        if (!u.fixture.empty()) {
            auto it = fixtures.find(u.fixture);
            if (it == fixtures.end()) {
                auto loaded = formats::load_mail_fixture(u.fixture);
                if (!loaded) return R::failure(loaded.error());
                it = fixtures.emplace(u.fixture, std::move(loaded.value())).first;
            }
            f = &it->second;
        }
        try {
            if (!add_account_from_fixture(store, *f, u.user, u.password, trace))
                return R::failure("user \"" + u.user + "\" exists already");
        } catch (const std::exception& e) {
            return R::failure(u.fixture + ": " + e.what());
        }
        ++added;
    }
    return added;
}

void enable_classroom(MailStore& store, Fixture fixture, std::string password, TraceSink* trace, std::size_t max_accounts) {
    store.set_account_factory([&store, fixture = std::move(fixture), password = std::move(password), trace,
                               max_accounts](std::string_view user, std::string_view given) -> Account* {
        if (!same_secret(given, password) || !valid_user_name(user)) return nullptr;
        if (store.accounts().size() >= max_accounts) return nullptr;
        try {
            return add_account_from_fixture(store, fixture, std::string(user), password, trace);
        } catch (const std::exception&) {
            return nullptr;
        }
    });
}

Result<std::size_t, std::string> AccountOrigins::add_users(MailStore& store, const std::vector<UserEntry>& users,
                                                           std::uint32_t default_uidvalidity, TraceSink* trace) {
    using R = Result<std::size_t, std::string>;
    std::map<std::string, std::shared_ptr<const Fixture>> fixtures;
    auto empty = std::make_shared<const Fixture>(empty_inbox_fixture(default_uidvalidity));
    std::map<std::string, Entry, std::less<>> entries;
    for (const auto& u : users) {
        std::shared_ptr<const Fixture> f = empty;
        if (!u.fixture.empty()) {
            auto loaded = load_fixture_once(fixtures, u.fixture);
            if (!loaded) return R::failure(loaded.error());
            f = fixtures.at(u.fixture);
        }
        entries[u.user] = Entry{u.password, f};
    }
    std::size_t added = 0;
    for (const auto& u : users) {
        if (store.find_account(u.user)) continue;
        try {
            if (!add_account_from_fixture(store, *entries.at(u.user).fixture, u.user, u.password, trace))
                return R::failure("user \"" + u.user + "\" exists already");
        } catch (const std::exception& e) {
            return R::failure(u.fixture + ": " + e.what());
        }
        ++added;
    }
    for (auto& [user, e] : entries) users_[user] = std::move(e);
    return added;
}

void AccountOrigins::enable_classroom(MailStore& store, Fixture fixture, std::string password, TraceSink* trace,
                                      std::size_t max_accounts) {
    classroom_ = true;
    store.set_account_factory([&store, fixture = std::move(fixture), password = std::move(password), trace, max_accounts,
                               floors = floors_](std::string_view user, std::string_view given) -> Account* {
        if (!same_secret(given, password) || !valid_user_name(user)) return nullptr;
        if (store.accounts().size() >= max_accounts) return nullptr;
        auto floor = floors->find(user);
        try {
            return build_account(store, fixture, std::string(user), password, trace, floor == floors->end() ? 0 : floor->second);
        } catch (const std::exception&) {
            return nullptr;
        }
    });
}

bool AccountOrigins::can_reset(MailStore& store, std::string_view user) const {
    return users_.count(user) > 0 || (classroom_ && store.find_account(user) != nullptr);
}

bool AccountOrigins::reset(MailStore& store, const std::string& user, TraceSink* trace) {
    if (!can_reset(store, user)) return false;
    std::uint32_t floor = 0;
    if (auto f = floors_->find(user); f != floors_->end()) floor = f->second;
    if (const Account* old = store.find_account(user)) {
        floor = std::max(floor, old->highest_uidvalidity());
        for (const Mailbox* m : old->mailboxes()) floor = std::max(floor, m->uidvalidity());
    }
    auto entry = users_.find(user);
    if (entry != users_.end()) {
        // Build the copy in a scratch store first, so a failure leaves the old account in place.
        MailStore scratch;
        try {
            build_account(scratch, *entry->second.fixture, user, entry->second.password, nullptr, floor);
        } catch (const std::exception&) {
            return false;
        }
    }
    store.remove_account(user);
    if (floor > 0) (*floors_)[user] = floor;
    if (entry == users_.end()) return true;  // classroom: the next login makes a fresh copy
    try {
        return build_account(store, *entry->second.fixture, user, entry->second.password, trace, floor) != nullptr;
    } catch (const std::exception&) {
        return false;  // built once in the scratch store: not expected
    }
}

}  // namespace imaplab::net
