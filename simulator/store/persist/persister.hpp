#pragma once
// Keeps a saved state (store/persist/snapshot.hpp) up to date while the server runs.
//
// How the server uses it: after every Session::feed (any command may change the state: FETCH
// BODY[] sets \Seen, SELECT moves the \Recent boundary, LOGIN in classroom mode adds an account),
// call mark_dirty(); from the poll loop call flush_if_due(now), using time_until_due(now) as the
// longest poll timeout; on SIGINT/SIGTERM call flush() after sending "* BYE" and before exiting.
// Marking too often costs little: a flush builds the index in memory and writes nothing when it
// equals the last one written, and message texts already on disk are never rewritten.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "store/mail_store.hpp"
#include "store/persist/snapshot.hpp"
#include "types/result.hpp"

namespace imaplab::persist {

class Persister {
public:
    using Clock = std::chrono::steady_clock;

    /// Saves `store` (which must outlive the Persister) into `dir`, at most once per
    /// `min_interval` through flush_if_due(). `generation`: the one load_store() returned (0 when
    /// DIR has none yet, or to read it from DIR at the first save).
    Persister(const MailStore& store, std::filesystem::path dir, std::chrono::milliseconds min_interval = std::chrono::seconds(1),
              std::uint64_t generation = 0)
        : store_(store), dir_(std::move(dir)), min_interval_(min_interval), generation_(generation) {}

    /// The store may have changed since the last save.
    void mark_dirty() { dirty_ = true; }
    bool dirty() const { return dirty_; }

    /// Saves when dirty and no save happened in the last min_interval before `now`. Returns true
    /// when it wrote a new generation, false when nothing was due or nothing had changed; an error
    /// (the state on disk is then unchanged and the Persister stays dirty, to try again later).
    Result<bool> flush_if_due(Clock::time_point now);
    /// Saves now if dirty (shutdown). Same results as flush_if_due().
    Result<bool> flush();
    /// How long until flush_if_due() would save (zero when due now); nullopt when not dirty.
    std::optional<std::chrono::milliseconds> time_until_due(Clock::time_point now) const;

    /// The generation on disk after the last save (the one given to the constructor before).
    std::uint64_t generation() const { return generation_; }

private:
    Result<bool> save(Clock::time_point now);

    const MailStore& store_;
    std::filesystem::path dir_;
    std::chrono::milliseconds min_interval_;
    std::uint64_t generation_;
    bool dirty_ = false;
    std::optional<Clock::time_point> last_save_;
    std::string last_index_body_;
    HashCache cache_;
};

}  // namespace imaplab::persist
