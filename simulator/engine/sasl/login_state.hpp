#pragma once
// What one connection remembers about logging in, kept by Session (Session::login_state()) and
// used only by the commands of the Not Authenticated state (CAPABILITY, STARTTLS, LOGIN,
// AUTHENTICATE) and the capability list.
#include <cstdint>

namespace imaplab {

struct LoginState {
    /// The client sent CAPABILITY before logging in. Dovecot then assumes it ignores the
    /// [CAPABILITY ...] response code and answers a successful LOGIN / AUTHENTICATE with an
    /// untagged "* CAPABILITY ..." line and a plain "OK Logged in" instead.
    bool capability_requested = false;
    /// STARTTLS succeeded on this connection (RFC 9051 §6.2.1): it is encrypted from now on.
    bool tls_started = false;
};

}  // namespace imaplab
