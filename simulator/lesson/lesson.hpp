#pragma once
// A lesson, as loaded from lessons/NN-name.json (format v1, docs/lesson-format.md): metadata,
// a fixture (the mail store at the start) and steps (narration in ru and en, client lines to
// send, expectations checked after the step).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/server_config.hpp"
#include "trace/trace_event.hpp"
#include "types/flags.hpp"
#include "types/session_state.hpp"

namespace imaplab {

enum class Language : std::uint8_t { En, Ru };

/// How many simulated clients a lesson may connect to its server (steps say which one sends).
constexpr std::uint32_t kMaxLessonClients = 9;

struct LocalizedText {
    std::string en;
    std::string ru;
    /// The text in `lang`, falling back to the other language when empty.
    const std::string& get(Language lang) const { return (lang == Language::Ru ? (ru.empty() ? en : ru) : (en.empty() ? ru : en)); }
};

/// Something that must be true after a step. RFC terms: a message is named by its UID or by its
/// message sequence number in the session's selected mailbox.
struct Expectation {
    enum class Kind : std::uint8_t {
        State,            ///< {"state": "Selected"}
        FlagPresent,      ///< {"message": {"seq": 180}, "has_flag": "\\Deleted"}
        FlagAbsent,       ///< {"message": {"uid": 29047}, "lacks_flag": "\\Seen"}
        ServerLine,       ///< {"server_line": "* 180 EXPUNGE"}: some server line of the step equals it
        ServerLineRegex,  ///< {"server_line_regex": "^\\* \\d+ EXISTS$"}: ECMAScript regex, whole line
        NoServerLineRegex,  ///< {"no_server_line_regex": "^\\* \\d+ FETCH"}: no server line of the step matches
        TaggedStatus,     ///< {"tagged": "OK"}: the step's last tagged response has this status
        MessageCount,     ///< {"exists": 179}: messages in the selected mailbox
        MailboxExists,    ///< {"mailbox_exists": "Архив/2024"}: the account has this mailbox
        MailboxAbsent,    ///< {"mailbox_absent": "Old"}: the account has no such mailbox
        SearchUids,       ///< {"search_uids": [10, 12]}: the step's SEARCH / ESEARCH result, as UIDs
        ClientLineRegex,  ///< {"command_regex": "BODY\\.PEEK"}: a client line of the step matches
                          ///< (case-insensitive, anywhere in the line); exercise feedback only
    };
    Kind kind = Kind::State;
    std::string json_path;  ///< where it was written, e.g. "/steps/5/expect/0"
    SessionState state = SessionState::NotAuthenticated;
    std::string mailbox;    ///< "" = the selected mailbox
    std::uint32_t uid = 0;  ///< message by UID, or
    std::uint32_t seq = 0;  ///< message by sequence number
    std::string text;       ///< flag, line or regex
    ResponseStatus status = ResponseStatus::None;
    std::uint32_t count = 0;
    std::vector<std::uint32_t> uids;  ///< SearchUids: the UIDs found, ascending
    std::uint32_t client = 0;  ///< whose session to check; 0 = the client of the step

    /// The expectation as a sentence in `lang`: English "message 180 has \Deleted", "state is
    /// Selected"; Russian "у письма 180 есть флаг \Deleted", "состояние — Selected" (RFC names of
    /// states, flags, statuses and protocol lines stay as they are).
    std::string describe(Language lang = Language::En) const;
};

/// Feedback for a wrong attempt: said when `when` holds after the learner's commands.
struct ExerciseFeedback {
    Expectation when;
    LocalizedText say;
};

/// A step that hands control to the learner: they type commands; the attempt passes when every
/// `goal` expectation holds afterwards (graded on state and responses, not on the text typed, so
/// every correct command passes). lesson/exercise.hpp grades attempts.
struct Exercise {
    LocalizedText task;                     ///< what to do ("Mark message 3 as read")
    std::vector<Expectation> goal;          ///< all must hold after the attempt
    std::vector<ExerciseFeedback> feedback; ///< for wrong attempts, first matching ones first
    LocalizedText hint;                     ///< shown after two wrong attempts
    std::vector<std::string> answer;        ///< a model answer: shown on request, played by `play`
};

/// The protocol a lesson client speaks, for the whole lesson: IMAP, or POP3 (RFC 1939) on the same
/// store, so a lesson can set a POP3 session that downloads and deletes beside an IMAP session.
enum class ClientProtocol : std::uint8_t { Imap, Pop3 };

struct LessonStep {
    LocalizedText title;
    LocalizedText narration;
    /// Client lines to send, each one whole command as typed (tag included, no CRLF). A command
    /// with a synchronising literal is written with "{n}" followed by "\r\n" and the literal bytes;
    /// the simulated client waits for the "+" before sending them.
    std::vector<std::string> send;
    std::vector<Expectation> expect;
    /// Which simulated client sends (1-based; its connection opens, with the greeting, at its first
    /// step). Other clients' sessions report changes when the RFC allows (e.g. during IDLE).
    std::uint32_t client = 1;
    /// The protocol of `client` ("protocol": "pop3"); every step of a client says the same.
    ClientProtocol protocol = ClientProtocol::Imap;
    /// Send all lines at once without waiting for responses (pipelining, RFC 9051 §5.5).
    bool pipeline = false;
    std::string highlight;  ///< panel to highlight: "state", "log", "mailboxes", "lesson" or ""
    /// How this step's lines differ from the recorded transcript, and why (ru/en); empty if they match.
    LocalizedText transcript_note;
    /// An exercise: the learner acts here. When the lesson is played (not by a learner), `send` is
    /// the exercise's answer and its goal is checked like `expect`.
    std::optional<Exercise> exercise;
};

struct FixtureMessage {
    std::uint32_t uid = 0;
    FlagNames flags;
    bool recent = false;        ///< \Recent: arrived since the last session selected the mailbox
    std::string internal_date;  ///< "25-Jun-2012 10:15:00 +0400"
    std::string text;           ///< the whole RFC 5322 message, CRLF line endings
};

struct FixtureMailbox {
    std::string name;  ///< full name with "/" delimiter; "INBOX" for the inbox
    bool subscribed = true;
    std::uint32_t uidvalidity = 0;  ///< 0 = the fixture default
    std::uint32_t uidnext = 0;      ///< 0 = highest UID + 1
    std::vector<std::string> keywords;  ///< keywords defined in the mailbox even if no message has them
    std::vector<std::string> special_use;  ///< RFC 6154 attributes: \Drafts, \Sent, \Trash, \Junk, \Archive, \All, \Flagged
    /// RFC 4314 access control list: identifier ("anyone", "authenticated", "owner", a user name;
    /// "-name" for a negative entry) -> rights letters ("lrswipkxtea", obsolete "c" "d"), validated.
    std::vector<std::pair<std::string, std::string>> acl;
    std::vector<FixtureMessage> messages;
};

struct FixtureAccount {
    std::string user;
    std::string password;
    std::vector<FixtureMailbox> mailboxes;
};

struct Fixture {
    std::uint32_t uidvalidity = 1;  ///< default UIDVALIDITY for mailboxes
    std::int64_t clock = 0;         ///< the injected clock: seconds since the Unix epoch
    std::vector<FixtureAccount> accounts;
};

/// How the lesson's simulated server is configured (engine/server_config.hpp), so a lesson can show
/// IMAP4rev2, a server without an extension, or STARTTLS and LOGINDISABLED.
struct LessonServer {
    ProtocolVersions versions = ProtocolVersions::Rev1;  ///< "rev1" (default), "rev2", "both"
    std::vector<std::string> disabled_extensions;         ///< capability names switched off, e.g. "LITERAL+"
    /// STARTTLS is offered (RFC 9051 §6.2.1). In a lesson the TLS layer itself is simulated: after
    /// "OK Begin TLS negotiation now." the session counts as encrypted and the lines go on in clear.
    bool starttls = false;
    bool login_disabled = false;  ///< LOGINDISABLED until STARTTLS (needs starttls)
};

struct Lesson {
    std::string id;         ///< e.g. "16-lecture-cyrus-session"
    std::string file;       ///< path it was loaded from
    LocalizedText title;
    LocalizedText summary;
    std::string transcript;  ///< path of the transcript it reproduces ("" if none), relative to the repo
    LessonServer server;
    Fixture fixture;
    std::vector<LessonStep> steps;  ///< steps[0] is step 1

    /// The protocol of client `client`: POP3 when its steps say so, else IMAP.
    ClientProtocol protocol_of(std::uint32_t client) const {
        for (const auto& s : steps)
            if (s.client == client) return s.protocol;
        return ClientProtocol::Imap;
    }
};

}  // namespace imaplab
