#pragma once
// Shared by the libFuzzer targets: a crash with a message (libFuzzer saves the input that
// caused it under the artifact prefix).
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace imaplab::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
    std::fprintf(stderr, "fuzz check failed: %s\n%.*s\n", what, static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()),
                 detail.data());
    std::abort();
}

}  // namespace imaplab::fuzz
