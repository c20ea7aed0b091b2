// SEARCH and UID SEARCH — RFC 9051 §6.4.4 / RFC 3501 §6.4.4, with ESEARCH (RFC 4731) and
// SEARCHRES (RFC 5182). Parse the criteria (engine/search/search_parser), run them over the
// selected mailbox (engine/search/search_evaluator), answer with SEARCH or ESEARCH
// (engine/search/search_result). A search changes nothing in the store.
#include "engine/commands/commands.hpp"
#include "engine/search/search_evaluator.hpp"
#include "engine/search/search_parser.hpp"
#include "engine/search/search_result.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

CommandResult search(CommandContext& ctx) {
    Session& s = ctx.session;
    SelectedMailbox& sel = *s.selected();
    auto program = search::parse_search_program(ctx.command.args, s.imap4rev2());
    if (!program) {
        const search::SearchParseError& e = program.error();
        if (!e.no) return CommandResult::bad_args(e.text);
        // A SEARCH ... RETURN (SAVE) that fails leaves "$" empty (RFC 5182 §2.1; Dovecot does
        // so on NO, while a BAD about the syntax leaves it alone).
        if (e.save) sel.saved_search.clear();
        return CommandResult::no(e.text, e.code);
    }
    const search::ReturnOptions& ret = program->ret;
    const std::vector<search::SearchMatch> matches = search::run_search(sel, program->key);

    std::vector<std::uint32_t> numbers;
    numbers.reserve(matches.size());
    for (const auto& m : matches) numbers.push_back(ctx.uid ? m.uid : m.seq);

    if (ret.save) {
        // RFC 5182 §2.1: with MIN and/or MAX alone only those are saved; otherwise all matches.
        sel.saved_search.clear();
        if ((ret.min || ret.max) && !ret.all && !ret.count) {
            if (!matches.empty()) {
                if (ret.min) sel.saved_search.push_back(matches.front().uid);
                if (ret.max && (!ret.min || matches.size() > 1)) sel.saved_search.push_back(matches.back().uid);
            }
        } else {
            for (const auto& m : matches) sel.saved_search.push_back(m.uid);
        }
    }

    if (!ret.esearch) s.untagged(search::search_response(numbers));
    else if (ret.min || ret.max || ret.all || ret.count) s.untagged(search::esearch_response(ctx.command.tag, ctx.uid, ret, numbers));
    return CommandResult::ok("Search completed.");
}

}  // namespace imaplab::commands
