#pragma once
// Words the console completes that the engine has no list of: FETCH data items and SEARCH keys.
// The engine recognises them inside its parsers (engine/commands/fetch_items.cpp,
// engine/search/search_parser.cpp) without a table, so the lists are kept here, and a unit test
// runs every word through those parsers, so a word the server would refuse cannot creep in.
// Command names come from the command table (engine/command_table.hpp), system flags from
// types/flags.hpp.
#include <string_view>
#include <vector>

namespace imaplab::console {

/// FETCH data items without and with a section, RFC 9051 §6.4.5 and RFC 3516 (BINARY), e.g.
/// "FLAGS", "BODY.PEEK[]", "BINARY.SIZE[]", in upper case.
const std::vector<std::string_view>& fetch_item_names();
/// The FETCH macros ALL, FAST, FULL (valid only as the whole argument, not inside a list).
const std::vector<std::string_view>& fetch_macro_names();

/// SEARCH keys, RFC 9051 §6.4.4 (with IMAP4rev1's RECENT, NEW, OLD), in upper case.
const std::vector<std::string_view>& search_key_names();

/// STORE's data items, RFC 9051 §6.4.6: FLAGS, +FLAGS, -FLAGS and their .SILENT forms.
const std::vector<std::string_view>& store_item_names();

/// STATUS data items, RFC 9051 §6.3.11: the IMAP4rev2 set or (rev1) RECENT instead of DELETED.
std::vector<std::string_view> status_item_names(bool imap4rev2);

}  // namespace imaplab::console
