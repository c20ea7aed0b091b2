#pragma once
// Persistence of the sandbox's state (`serve --data DIR`): save_store() writes a MailStore to a
// directory, load_store() reads it back, so every session's view survives a restart.
//
// Layout of DIR (nothing else is written; no file name ever comes from a mailbox, user or keyword):
//   DIR/index.json          the whole state except message bytes (nlohmann/json, mode 0600:
//                           it holds the passwords in clear, this is a classroom sandbox)
//   DIR/messages/<sha256>   each distinct message text, named by the lower-case hex SHA-256 of
//                           its bytes (OpenSSL EVP); immutable once in place
//
// Atomicity (a kill -9 at any moment leaves exactly the old or exactly the new state):
//   1. each new message file is written as messages/<sha256>.tmp, fsynced, renamed to its final
//      name; messages/ is fsynced. A text already on disk (same name, same size) is not rewritten,
//      so a save writes only the messages that are new since the last one.
//   2. index.json.tmp is written and fsynced, then renamed over index.json (rename(2) replaces
//      atomically: this is the commit point), then DIR is fsynced.
//   3. message files the new index does not name, and *.tmp left by a writer that was killed,
//      are removed. Until step 2 the old index.json is intact and every message file it names is
//      still there (step 1 only adds files); after it the new index is complete. A kill during
//      step 3 only leaves unreferenced files, removed by the next save.
//   One index file replaced by rename gives the same guarantee as generation directories plus a
//   `current` pointer, with one rename instead of two; the generation number is inside the index.
// load_store() reads only index.json and the files it names: it ignores *.tmp and unreferenced
// files and never writes to DIR.
//
// What is saved, per account: user name, password (as given), the UIDVALIDITY counter
// (highest_uidvalidity, so a mailbox deleted and created again after a restart still gets a new
// UIDVALIDITY), subscriptions, special-use attributes; per mailbox: name, UIDVALIDITY, UIDNEXT,
// keyword table in order of definition (what PERMANENTFLAGS and FLAGS list), the \Recent
// boundary; per message: UID, system flags, keywords, INTERNALDATE with its zone, exact bytes.
// \Recent: the per-session recent sets are session state and end with the sessions; the
// mailbox's boundary (first_recent_uid: messages that arrived since the last read-write SELECT)
// is saved, so the first session to select the mailbox after a restart gets them as \Recent, as
// Dovecot does with the first_recent_uid of its index. Tombstones (expunged messages other
// sessions still show) are session state and are not saved. The account factory (classroom
// mode) is configuration, not state: the server sets it again after loading.
//
// Strings that are not valid UTF-8 (a password or user name can be any bytes) are written as
// {"base64": "..."} instead of a JSON string, so every byte comes back.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "store/mail_store.hpp"
#include "types/result.hpp"

namespace imaplab::persist {

/// The index format this build writes and the newest it reads.
inline constexpr int kFormatVersion = 1;

/// SHA-256 of message texts already hashed, by text object (texts are immutable and shared
/// between messages, so one hash serves every copy). Keeps the texts it has seen alive until
/// prune() drops those no longer in the store. Optional: a Persister keeps one across saves.
class HashCache {
public:
    /// The lower-case hex SHA-256 of *text.
    const std::string& sha256(const std::shared_ptr<const std::string>& text);
    /// Forgets texts nobody but the cache holds any more.
    void prune();

private:
    std::map<const std::string*, std::pair<std::shared_ptr<const std::string>, std::string>> hashes_;
};

struct SaveOptions {
    /// Generation number written into the index (0: one more than the one DIR holds, or 1).
    std::uint64_t generation = 0;
    /// Test hook: called after every file operation in DIR (a file written and fsynced, a rename,
    /// a directory fsynced or created, a file removed) with a short description such as
    /// "rename index.json.tmp index.json". Returning false stops the save right there, as if the
    /// process had been killed: nothing is cleaned up, the result is an error.
    std::function<bool(std::string_view step)> after_step;
    /// Reuses SHA-256 results between saves (optional).
    HashCache* cache = nullptr;
    /// When set: the index body (all but the generation) of the last save. If the new body equals
    /// it, nothing is written (SaveReport::written is false); after a write it holds the new body.
    std::string* last_index_body = nullptr;
};

struct SaveReport {
    std::uint64_t generation = 0;       ///< the generation now in DIR
    bool written = false;               ///< false when the state equalled last_index_body
    std::size_t messages_written = 0;   ///< message files written by this save
    std::size_t messages_reused = 0;    ///< distinct texts already on disk
    std::size_t files_removed = 0;      ///< unreferenced message files and *.tmp removed
};

/// Saves `store` into `dir` (created with mode 0700 if missing, parents too) atomically as
/// described above. Errors (a file that cannot be created, written, fsynced or renamed, a full
/// disk) name the file and the system's reason; the state on disk is then the old one or the new
/// one, never a mix.
Result<SaveReport> save_store(const MailStore& store, const std::filesystem::path& dir, const SaveOptions& options = {});

/// True when `dir` holds a saved state (DIR/index.json exists). A DIR whose first save was killed
/// before its commit point has none.
bool has_saved_state(const std::filesystem::path& dir);

struct LoadedStore {
    std::unique_ptr<MailStore> store;  ///< never null on success
    std::uint64_t generation = 0;      ///< the generation read
};

/// Loads the state saved in `dir`. Everything is checked before the store is handed out (a store
/// is never half loaded): errors name the file and, for the index, the JSON pointer of the field,
/// e.g. "DIR/index.json: /accounts/0/mailboxes/1/uidnext: expected an integer from 1 to 4294967295",
/// "DIR/messages/<sha256>: missing (named by /accounts/0/mailboxes/0/messages/3/sha256)",
/// "DIR/messages/<sha256>: 120 bytes, but /accounts/0/mailboxes/0/messages/3/size says 130",
/// "DIR/index.json: format_version 2 is newer than this program reads (1)", and
/// "DIR/index.json: no saved state (file missing)" when there is none.
Result<LoadedStore> load_store(const std::filesystem::path& dir);

}  // namespace imaplab::persist
