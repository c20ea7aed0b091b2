#pragma once
// From `serve` options to a ready server configuration: the accounts in a MailStore (users file,
// classroom, fixture, state resumed from --data), the persister for --data, the listeners and TLS
// in ServerOptions. Shared by `imaplab-cli serve` (cmd_serve.cpp) and the window's `imaplab --serve`
// (gui/main.cpp), so both start the same server from the same options.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cmd_serve.hpp"
#include "net/server.hpp"
#include "store/mail_store.hpp"
#include "store/persist/persister.hpp"
#include "types/result.hpp"

namespace imaplab::cli {

struct ServeSetup {
    std::unique_ptr<MailStore> store;              ///< never null
    /// With --data: saves `store` (at most once a second; call flush_if_due and, at the end,
    /// flush). options.after_input marks it dirty. Null without --data.
    std::unique_ptr<persist::Persister> persister;
    net::ServerOptions options;                    ///< listeners (none with --stdio), TLS, limits
    bool generated_certificate = false;            ///< the self-signed certificate was made now
};

/// Builds the store, persister and server options from `args`. `log` gets "state in DIR (...)"
/// with --data. Errors (as text, for "imaplab-cli serve: ..."): no accounts, an unreadable users
/// file, fixture or saved state, a bad --listen/--tls-listen address, a certificate that cannot be
/// loaded or generated.
Result<ServeSetup, std::string> prepare_serve(const ServeArgs& args, const std::function<void(std::string_view)>& log);

}  // namespace imaplab::cli
