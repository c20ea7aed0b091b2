// ID — RFC 2971: the client says who it is, the server answers who it is.
//   id ::= "ID" SPACE id_params_list
//   id_params_list ::= "(" #(string SPACE nstring) ")" / nil
// Field names at most 30 octets, values at most 1024, at most 30 pairs, no field twice (§3.3).
// The answer has Dovecot's form: * ID ("name" "IMAP Lab" "version" "0.1.0").
#include <set>

#include "codec/response_encoder.hpp"
#include "engine/arg_reader.hpp"
#include "engine/capabilities.hpp"
#include "engine/commands/commands.hpp"
#include "engine/session.hpp"

namespace imaplab::commands {

namespace {

/// "" when `params` is a valid id_params_list, else what is wrong with it.
std::string check_params(const Arg& params) {
    if (params.type == Arg::Type::Atom) return params.is_nil() ? "" : "expected NIL or a parenthesized list";
    if (params.type != Arg::Type::List) return "expected NIL or a parenthesized list";
    const auto& items = params.children;
    if (items.size() % 2 != 0) return "field " + std::to_string(items.size() / 2 + 1) + " has no value";
    if (items.size() / 2 > 30) return "more than 30 fields";
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); i += 2) {
        const Arg& field = items[i];
        const Arg& value = items[i + 1];
        const std::string n = "field " + std::to_string(i / 2 + 1);
        if (!field.is_string()) return n + " is not a string";
        if (field.value.size() > 30) return n + " is longer than 30 octets";
        if (!value.is_string() && !value.is_nil()) return n + " has a value that is neither a string nor NIL";
        if (value.is_string() && value.value.size() > 1024) return n + " has a value longer than 1024 octets";
        std::string key = field.value;
        for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!seen.insert(key).second) return "field \"" + field.value + "\" appears twice";
    }
    return "";
}

}  // namespace

CommandResult id(CommandContext& ctx) {
    Session& s = ctx.session;
    ArgReader args(ctx.command.args);
    const Arg* params = nullptr;
    if (!args.any(params) || !args.end()) return CommandResult::bad_args(args.error());
    if (std::string why = check_params(*params); !why.empty())
        return CommandResult::bad_args("Invalid ID parameters: " + why);

    std::string line = "ID ";
    std::string fields;
    auto add = [&](std::string_view name, std::string_view value) {
        if (value.empty()) return;
        fields += fields.empty() ? "(" : " ";
        append_string(fields, name);
        fields += ' ';
        append_string(fields, value);
    };
    add("name", s.config().id_name);
    add("version", s.config().id_version);
    line += fields.empty() ? "NIL" : fields + ")";
    s.untagged(line);
    return CommandResult::ok("ID completed.");
}

}  // namespace imaplab::commands
