#pragma once
// Classifying server responses (server -> client) for the trace and the simulated client.
// RFC 9051 §7: tagged status (tag SP OK/NO/BAD), untagged "* ..." (status or data),
// continuation request "+ ...".
#include <string>
#include <string_view>

#include "trace/trace_event.hpp"

namespace imaplab {

struct ResponseClass {
    LineKind kind = LineKind::ServerUntagged;
    std::string tag;                               ///< tagged responses only
    ResponseStatus status = ResponseStatus::None;  ///< OK/NO/BAD/BYE/PREAUTH when a status response
};

/// Classifies one whole server response (first line is enough).
ResponseClass classify_response(std::string_view response);

}  // namespace imaplab
