#pragma once
// The console's input box: from the text the learner typed (one command, possibly over several
// lines when it carries literals) to the exact text SimulatedClient::send gets, plus a pre-send
// syntax check made with the server's own parser and argument readers.
//
// How a command is typed (the model the console shows):
//   - With or without a tag. When the first word is a command name ("FETCH 1 FLAGS", also
//     "UID FETCH ..."), the console adds the client's next automatic tag ("A0001", as
//     SimulatedClient::send_tagged does). Any other first word is the tag ("a1 NOOP"), even an
//     invalid one ("+ NOOP"): the learner may send it and see the server's BAD.
//   - A literal is typed as on the wire: the line ends with "{n}" (synchronising), "{n+}" (LITERAL+,
//     RFC 7888) or "~{n}" (literal8, RFC 3516), Enter, then the n octets, then the rest of the
//     command on the same line: "A1 LOGIN {5}\nalice secret". Every line end in the box is sent
//     as CRLF (RFC 9051 §2.2), so inside literal data a line end counts as 2 octets.
//   - While a literal still wants octets the input is NeedsLiteralData (Enter should insert a new
//     line, not send); it cannot be sent, because the server would take the next command's bytes
//     as the rest of the literal. Too small a count ends the literal early: what follows is parsed
//     as arguments and the syntax check says where it breaks (e.g. "Expected a space between
//     arguments").
//   - The "+" round trip (RFC 9051 §4.3) is done by SimulatedClient; `parts` shows it ahead: the
//     chunks the client sends and where it waits for the server's "+".
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imaplab {
class SimulatedClient;
}

namespace imaplab::console {

/// A syntax problem found before sending: where and why, in the server's words.
struct SyntaxError {
    std::size_t offset = 0;   ///< byte offset in the input box (UTF-8 boundary; == size when at the end)
    std::string reason;       ///< the parser's or argument reader's reason, e.g. "Missing ')'"
    /// The whole response line the server will send (without CRLF), e.g.
    /// "A0001 BAD Error in IMAP command FETCH: Missing ')'." or "* BAD Error in IMAP tag: Invalid tag.".
    std::string server_line;
};

/// What is checked before sending and what the server would decide differently.
struct CheckOptions {
    /// IMAP4rev2 rules (SEARCH parsing, STATUS items, LSUB unknown): the session's imap4rev2().
    bool imap4rev2 = false;
    /// The server has asked for a continuation line (Session::in_continuation(): IDLE waits for
    /// "DONE", AUTHENTICATE for a SASL response, RFC 9051 §6.2.2 / RFC 2177): the input is that
    /// line, sent as it is, with no tag, literal or syntax check. `tag` stays empty.
    bool continuation_line = false;
};

/// Pre-send check of one whole command as the server receives it (`wire`: tag, name, arguments,
/// literals inline with their CRLF, no final CRLF). Runs the server's command parser
/// (codec/command_parser.hpp, after codec/framer.hpp found the literals), then the command's
/// argument reading with the engine's readers (engine/arg_reader.hpp, parse_fetch_items,
/// parse_search_program, parse_status_items, read_list_reference_patterns). Returns nullopt when
/// the server would not answer BAD for syntax; offsets are in `wire`. The session state is not
/// checked (that BAD is not about syntax), nor what only the handler knows (message numbers,
/// mailbox existence); LIST's selection and RETURN options, CREATE's USE, ID's parameters,
/// ENABLE, AUTHENTICATE, APPEND's date and the ACL rights are left to the server.
std::optional<SyntaxError> check_command(std::string_view wire, const CheckOptions& options = {});

/// One literal of the input. Offsets and lengths are in the input box.
struct InputLiteral {
    std::size_t header_offset = 0;  ///< where "{n}" (or "~{n}") starts
    std::size_t header_length = 0;  ///< its length, braces included
    std::size_t data_offset = 0;    ///< first data byte (after the line end)
    std::size_t data_length = 0;    ///< bytes of data present in the input
    std::size_t announced = 0;      ///< n: octets announced
    std::size_t present = 0;        ///< octets present on the wire (line ends count 2)
    bool synchronizing = true;      ///< {n}: the client waits for "+"; {n+}: it does not
};

/// One chunk the client writes: `bytes` (CRLF line ends), then, when `waits_for_continuation`,
/// it waits for the server's "+" before the next chunk (RFC 9051 §4.3).
struct WirePart {
    std::string bytes;
    bool waits_for_continuation = false;
    bool operator==(const WirePart& o) const { return bytes == o.bytes && waits_for_continuation == o.waits_for_continuation; }
};

enum class InputStatus {
    Empty,             ///< nothing but spaces and line ends
    Ready,             ///< one whole command: can be sent
    NeedsLiteralData,  ///< a literal still wants `missing` octets: Enter continues the literal
    ExtraLines,        ///< text after the command's end (a line end not announced by a literal)
};

/// The input box analysed.
struct PreparedCommand {
    InputStatus status = InputStatus::Empty;
    bool tag_typed = false;     ///< the first word is the tag
    bool continuation_line = false;  ///< prepared as a continuation line (CheckOptions)
    std::string tag;            ///< typed, or the automatic one
    /// The text for SimulatedClient::send: tag SP command, CRLF line ends, no final CRLF.
    std::string text;
    /// Bytes the automatic tag adds in front of the input in `text` ("A0001 ": 6); 0 when typed.
    std::size_t tag_prefix = 0;
    std::vector<InputLiteral> literals;
    std::size_t missing = 0;    ///< NeedsLiteralData: octets still to type
    std::size_t command_end = 0;  ///< ExtraLines: input offset of the line end that ends the command
    std::vector<WirePart> parts;  ///< Ready: the round trip the client will make
    std::optional<SyntaxError> syntax;  ///< Ready: the pre-send check (offset in the input)

    /// Input offset of a byte offset in `text` (bytes of the automatic tag map to 0; an inserted CR
    /// maps to its line end).
    std::size_t input_offset(std::size_t text_offset) const;
    /// Byte offsets in `text` where a CR was added before the input's bare LF.
    std::vector<std::size_t> inserted_cr;
};

/// Analyses the input box. `next_tag` is the tag an untagged command gets
/// (SimulatedClient::next_tag()). A trailing line end outside literal data is ignored. Never
/// fails: what cannot be sent is a status, what the server would refuse is `syntax`.
PreparedCommand prepare_input(std::string_view input, std::string_view next_tag, const CheckOptions& options = {});

/// Queues a Ready command on `client`: send_tagged() when the tag is automatic (so the client's
/// tag counter moves on), send() when typed (or a continuation line). Returns the tag used ("" for
/// a continuation line); nullopt, and sends nothing, when the input is not Ready.
std::optional<std::string> submit(SimulatedClient& client, std::string_view input, const CheckOptions& options = {});

/// True when `word` (any case) is a command name of the engine's command table, or "UID".
bool is_command_word(std::string_view word);

}  // namespace imaplab::console
