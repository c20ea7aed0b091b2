#include "engine/capabilities.hpp"

#include "engine/session.hpp"
#include "types/flags.hpp"

namespace imaplab {

namespace {
using P = CapabilityPhase;
using C = CapabilityCondition;
}  // namespace

// One row per capability, in the order Dovecot 2.3 lists them (imap-login before login, imap
// after: "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT ... LITERAL+"). `implemented`
// becomes true in the commit that makes the named commands work: a command that still answers
// "Not implemented yet" must not be announced (tests/test_capabilities.cpp checks it).
const std::vector<CapabilityRow>& capability_table() {
    static const std::vector<CapabilityRow> rows{
        // name            phase         condition         impl.  rfc                  implemented by
        {"IMAP4rev1",      P::Always,    C::Rev1,          true,  "RFC 3501",          "the IMAP4rev1 command set"},
        {"IMAP4rev2",      P::Always,    C::Rev2,          true,  "RFC 9051",          "the IMAP4rev2 command set; ENABLE IMAP4rev2 when both are offered"},
        {"SASL-IR",        P::Always,    C::None,          true,  "RFC 4959",          "AUTHENTICATE with an initial response (cmd_authenticate.cpp)"},
        {"ID",             P::Always,    C::None,          true,  "RFC 2971",          "ID (cmd_id.cpp)"},
        {"ENABLE",         P::Always,    C::None,          true,  "RFC 5161",          "ENABLE (cmd_enable.cpp)"},
        {"IDLE",           P::Always,    C::None,          true,  "RFC 2177",          "IDLE ... DONE (cmd_idle.cpp)"},
        {"UNSELECT",       P::PostLogin, C::None,          true,  "RFC 3691",          "UNSELECT (cmd_unselect.cpp)"},
        {"CHILDREN",       P::PostLogin, C::None,          true,  "RFC 3348",          "LIST \\HasChildren / \\HasNoChildren (cmd_list.cpp)"},
        {"NAMESPACE",      P::PostLogin, C::None,          true,  "RFC 2342",          "NAMESPACE (cmd_namespace.cpp)"},
        {"UIDPLUS",        P::PostLogin, C::None,          true,  "RFC 4315",          "UID EXPUNGE, APPENDUID, COPYUID (cmd_uid_expunge.cpp, cmd_append.cpp, cmd_copy.cpp)"},
        {"LIST-EXTENDED",  P::PostLogin, C::None,          true,  "RFC 5258",          "LIST selection and return options (cmd_list.cpp)"},
        {"ESEARCH",        P::PostLogin, C::None,          true,  "RFC 4731",          "SEARCH RETURN (MIN MAX ALL COUNT) (cmd_search.cpp)"},
        {"SEARCHRES",      P::PostLogin, C::None,          true,  "RFC 5182",          "SEARCH RETURN (SAVE) and \"$\" (cmd_search.cpp)"},
        {"LIST-STATUS",    P::PostLogin, C::None,          true,  "RFC 5819",          "LIST ... RETURN (STATUS (...)) (cmd_list.cpp)"},
        {"BINARY",         P::PostLogin, C::None,          true,  "RFC 3516",          "FETCH BINARY[] / BINARY.SIZE[] (fetch_items.cpp), APPEND ~{n} (cmd_append.cpp)"},
        {"MOVE",           P::PostLogin, C::None,          true,  "RFC 6851",          "MOVE, UID MOVE (cmd_copy.cpp)"},
        {"STATUS=SIZE",    P::PostLogin, C::None,          true,  "RFC 8438",          "STATUS ... (SIZE) (cmd_status.cpp)"},
        {"LITERAL+",       P::Always,    C::LiteralPlus,   true,  "RFC 7888",          "non-synchronising literals {n+} (codec/framer.cpp)"},
        {"LITERAL-",       P::Always,    C::LiteralMinus,  true,  "RFC 7888",          "non-synchronising literals {n+} (codec/framer.cpp)"},
        {"SPECIAL-USE",    P::PostLogin, C::None,          true,  "RFC 6154",          "LIST \\Drafts \\Sent \\Trash \\Junk \\Archive (cmd_list.cpp)"},
        {"CREATE-SPECIAL-USE", P::PostLogin, C::None,      true,  "RFC 6154 §3",       "CREATE name (USE (\\Drafts ...)) (cmd_create.cpp)"},
        {"ACL",            P::PostLogin, C::None,          true,  "RFC 4314",          "GETACL SETACL DELETEACL LISTRIGHTS MYRIGHTS (cmd_*acl.cpp, cmd_*rights.cpp), rights enforced by every mailbox command, the shared/ namespace"},
        {"RIGHTS=texk",    P::PostLogin, C::Acl,           true,  "RFC 4314 §2.1.1",   "the rights t, e, x, k (store/acl.cpp); with ACL"},
        {"STARTTLS",       P::PreLogin,  C::StartTls,      true,  "RFC 9051 §6.2.1",   "STARTTLS (cmd_starttls.cpp; TLS itself: config.starttls_hook)"},
        {"LOGINDISABLED",  P::PreLogin,  C::LoginDisabled, true,  "RFC 9051 §6.2.3",   "LOGIN / AUTHENTICATE refusing plaintext (cmd_login.cpp, cmd_authenticate.cpp)"},
        {"AUTH=PLAIN",     P::PreLogin,  C::PlaintextAuth, true,  "RFC 4616",          "AUTHENTICATE PLAIN (cmd_authenticate.cpp, sasl/mechanism.cpp)"},
        {"AUTH=LOGIN",     P::PreLogin,  C::PlaintextAuth, true,  "draft-murchison-sasl-login", "AUTHENTICATE LOGIN (cmd_authenticate.cpp, sasl/mechanism.cpp)"},
    };
    return rows;
}

namespace {

bool holds(CapabilityCondition c, const CapabilityContext& ctx) {
    const ServerConfig& cfg = ctx.config;
    switch (c) {
        case C::None: return true;
        case C::Rev1: return cfg.versions != ProtocolVersions::Rev2;
        case C::Rev2: return cfg.versions != ProtocolVersions::Rev1;
        case C::LiteralPlus: return !cfg.literal_minus;
        case C::LiteralMinus: return cfg.literal_minus;
        case C::StartTls: return cfg.tls_available && !ctx.tls_active;
        case C::LoginDisabled: return cfg.login_disabled && !ctx.tls_active;
        case C::PlaintextAuth: return !cfg.login_disabled || ctx.tls_active;
        case C::Acl: return !extension_disabled(cfg, "ACL");
    }
    return false;
}

}  // namespace

std::string capability_string(const CapabilityContext& ctx) {
    std::string caps;
    for (const CapabilityRow& row : capability_table()) {
        if (!row.implemented || !holds(row.condition, ctx)) continue;
        if (row.phase == P::PreLogin && ctx.logged_in) continue;
        if (row.phase == P::PostLogin && !ctx.logged_in) continue;
        if (extension_disabled(ctx.config, row.name)) continue;
        if (!caps.empty()) caps += ' ';
        caps += row.name;
    }
    return caps;
}

std::string capability_string(const Session& session) {
    return capability_string(CapabilityContext{session.config(), session.state() != SessionState::NotAuthenticated,
                                               tls_active(session)});
}

bool extension_disabled(const ServerConfig& config, std::string_view name) {
    for (const std::string& d : config.disabled_extensions)
        if (iequals(d, name)) return true;
    return false;
}

bool tls_active(const Session& session) { return session.config().tls_active || session.login_state().tls_started; }

bool plaintext_auth_allowed(const Session& session) { return !session.config().login_disabled || tls_active(session); }

}  // namespace imaplab
