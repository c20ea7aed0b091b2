#pragma once
// Configuration of the simulated server.
#include <cstddef>
#include <cstdint>
#include <string>

#include "codec/framer.hpp"

namespace imaplab {

struct ServerConfig {
    /// Text of the greeting after the response code: "* OK [CAPABILITY ...] <greeting_text>".
    std::string greeting_text = "IMAP Lab ready.";
    /// Line and literal limits for commands.
    FramerLimits limits;
};

}  // namespace imaplab
