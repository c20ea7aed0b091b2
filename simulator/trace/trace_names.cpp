#include "trace/trace_event.hpp"

namespace imaplab {

std::string_view to_string(LineKind k) {
    switch (k) {
        case LineKind::ClientCommand: return "client_command";
        case LineKind::ClientContinuation: return "client_continuation";
        case LineKind::ServerTagged: return "server_tagged";
        case LineKind::ServerUntagged: return "server_untagged";
        case LineKind::ServerContinuation: return "server_continuation";
    }
    return "?";
}

std::string_view to_string(ResponseStatus s) {
    switch (s) {
        case ResponseStatus::None: return "";
        case ResponseStatus::Ok: return "OK";
        case ResponseStatus::No: return "NO";
        case ResponseStatus::Bad: return "BAD";
        case ResponseStatus::Bye: return "BYE";
        case ResponseStatus::Preauth: return "PREAUTH";
    }
    return "?";
}

}  // namespace imaplab
