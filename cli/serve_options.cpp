#include "serve_options.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>

#include <fmt/core.h>

#include "lesson/fixture_file.hpp"
#include "net/accounts.hpp"
#include "net/tls_context.hpp"
#include "store/formats/mail_formats.hpp"
#include "store/persist/snapshot.hpp"

namespace imaplab::cli {
namespace {

ProtocolVersions protocol_versions(const std::string& p) {
    if (p == "rev2") return ProtocolVersions::Rev2;
    if (p == "both") return ProtocolVersions::Both;
    return ProtocolVersions::Rev1;
}

}  // namespace

Result<ServeSetup, std::string> prepare_serve(const ServeArgs& a, const std::function<void(std::string_view)>& log) {
    using R = Result<ServeSetup, std::string>;
    if (a.users.empty() && !a.classroom)
        return R::failure("no accounts: give --users FILE or --classroom --password PW");

    // --data DIR: the sandbox's state lives there (store/persist): loaded at start when saved
    // before, saved (atomically, at most once a second) while the server runs, and at shutdown.
    const bool persistent = !a.data.empty();
    auto store_owner = std::make_unique<MailStore>();
    std::uint64_t generation = 0;
    bool resumed = false;
    if (persistent && persist::has_saved_state(a.data)) {
        auto loaded = persist::load_store(a.data);
        if (!loaded) return R::failure(loaded.error());
        store_owner = std::move(loaded.value().store);
        generation = loaded.value().generation;
        resumed = true;
    }
    MailStore& store = *store_owner;
    // A fresh UIDVALIDITY per start (as Dovecot takes the time): UIDs of an earlier run are not valid.
    const auto uidvalidity = static_cast<std::uint32_t>(std::time(nullptr));
    Fixture fixture = net::empty_inbox_fixture(uidvalidity);
    if (!a.fixture.empty()) {
        // A lesson or fixture file, an mbox file, a Maildir, a folder of .eml files, an mbox tree.
        auto loaded = formats::load_mail_fixture(a.fixture);
        if (!loaded) return R::failure(loaded.error());
        fixture = std::move(loaded.value());
    }
    auto accounts = std::make_shared<net::AccountOrigins>();  // for `admin reset` (control socket)
    if (!a.users.empty()) {
        auto users = net::load_users_file(a.users);
        if (!users) return R::failure(users.error());
        if (!a.fixture.empty())
            for (auto& u : users.value())
                if (u.fixture.empty()) u.fixture = a.fixture;
        // Users the saved state has already keep what they did (AccountOrigins skips them); only
        // new ones start afresh. Every user's fixture is remembered for `imaplab-cli admin reset`.
        auto added = accounts->add_users(store, users.value(), uidvalidity, nullptr);
        if (!added) return R::failure(added.error());
    }
    if (a.classroom) accounts->enable_classroom(store, fixture, a.password, nullptr);
    std::unique_ptr<persist::Persister> persister;
    if (persistent) {
        persister = std::make_unique<persist::Persister>(store, a.data, std::chrono::seconds(1), generation);
        persister->mark_dirty();
        if (auto saved = persister->flush(); !saved) return R::failure(saved.error());
        log(fmt::format("state in {} ({}, {} accounts)", a.data, resumed ? "resumed" : "new", store.accounts().size()));
    }

    net::ServerOptions options;
    options.config.versions = protocol_versions(a.protocol);
    options.idle_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(a.idle_timeout * 1000));
    options.write_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(a.write_timeout * 1000));
    options.max_output_bytes = a.max_output;
    options.max_connections = a.max_connections;
    options.config.login_disabled = a.require_tls;
    if (persister) options.after_input = [p = persister.get()] { p->mark_dirty(); };
    options.accounts = accounts;
    if (!a.stdio) {
        // No address given: both defaults. Only one kind given: only that kind.
        const bool defaults = a.listen.empty() && a.tls_listen.empty();
        std::vector<std::string> listen = a.listen, tls_listen = a.tls_listen;
        if (defaults) {
            listen.emplace_back(net::kDefaultListen);
            if (!a.no_tls) tls_listen.emplace_back(net::kDefaultTlsListen);
        }
        for (const auto& l : listen) {
            auto parsed = net::parse_listen_address(l);
            if (!parsed) return R::failure("--listen " + parsed.error());
            options.listen.push_back(parsed.value());
        }
        for (const auto& l : tls_listen) {
            auto parsed = net::parse_listen_address(l);
            if (!parsed) return R::failure("--tls-listen " + parsed.error());
            options.tls_listen.push_back(parsed.value());
        }
        for (const auto& l : a.pop3_listen) {  // never a default: POP3 only when asked for
            auto parsed = net::parse_listen_address(l);
            if (!parsed) return R::failure("--pop3-listen " + parsed.error());
            options.pop3_listen.push_back(parsed.value());
        }
    }
    bool generated = false;
    if (!a.stdio && !a.no_tls) {
        auto tls = a.cert.empty()
                       ? net::TlsContext::load_or_generate(
                             (std::filesystem::path(a.data.empty() ? net::default_data_directory() : a.data) / "tls").string(),
                             &generated)
                       : net::TlsContext::load(a.cert, a.key);
        if (!tls) return R::failure(tls.error());
        options.tls = tls.value();
    }


    ServeSetup out;
    out.store = std::move(store_owner);
    out.persister = std::move(persister);
    out.options = std::move(options);
    out.generated_certificate = generated;
    return out;
}

}  // namespace imaplab::cli
