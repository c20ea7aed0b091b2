#include "store/formats/folder_names.hpp"

#include <algorithm>

#include "codec/mailbox_name.hpp"
#include "store/mail_store.hpp"

namespace imaplab::formats {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

Result<std::string> escape_level(std::string_view level, std::string_view mailbox) {
    using R = Result<std::string>;
    if (level.empty()) return R::failure("mailbox name \"" + std::string(mailbox) + "\" has an empty level");
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string escaped;
    for (std::size_t i = 0; i < level.size();) {
        const auto c = static_cast<unsigned char>(level[i]);
        const std::size_t n = utf8_sequence_length(level, i);
        const bool unsafe = n == 0 || c < 0x20 || c == 0x7f || c == '%' || c == '.' || c == '/' || c == '\\' || c == '~';
        if (unsafe) {
            escaped += '%';
            escaped += kHex[c >> 4];
            escaped += kHex[c & 0xf];
            ++i;
        } else {
            escaped.append(level.substr(i, n));
            i += n;
        }
    }
    std::string component = utf8_to_mutf7(escaped);
    if (component.size() > kMaxFileNameOctets)
        return R::failure("mailbox name \"" + std::string(mailbox.substr(0, 64)) + (mailbox.size() > 64 ? "..." : "") +
                          "\" is too long for a file name (" + std::to_string(component.size()) + " octets, at most " +
                          std::to_string(kMaxFileNameOctets) + ")");
    return component;
}

Result<std::string> unescape_level(std::string_view component) {
    auto utf8 = mutf7_to_utf8(component);
    if (!utf8) return Result<std::string>::failure("\"" + std::string(component) + "\": " + utf8.error());
    const std::string& s = *utf8;
    std::string level;
    for (std::size_t i = 0; i < s.size(); ++i) {
        int hi = 0, lo = 0;
        if (s[i] == '%' && i + 2 < s.size() && (hi = hex_value(s[i + 1])) >= 0 && (lo = hex_value(s[i + 2])) >= 0) {
            level += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            level += s[i];
        }
    }
    return level;
}

Result<std::vector<std::string>> escaped_levels(std::string_view mailbox) {
    using R = Result<std::vector<std::string>>;
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = mailbox.find('/', start);
        auto level = escape_level(mailbox.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start), mailbox);
        if (!level) return R::failure(level.error());
        out.push_back(std::move(*level));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return out;
}

Result<std::string> maildir_folder_dir(std::string_view mailbox) {
    using R = Result<std::string>;
    if (mailbox == "INBOX") return std::string();
    auto levels = escaped_levels(mailbox);
    if (!levels) return R::failure(levels.error());
    std::string dir;
    for (const auto& l : *levels) dir += "." + l;
    if (dir.size() > kMaxFileNameOctets)
        return R::failure("mailbox name \"" + std::string(mailbox.substr(0, 64)) + (mailbox.size() > 64 ? "..." : "") +
                          "\" is too long for a Maildir++ folder (" + std::to_string(dir.size()) + " octets, at most " +
                          std::to_string(kMaxFileNameOctets) + ")");
    return dir;
}

Result<std::string> mailbox_of_maildir_folder(std::string_view dir_name) {
    using R = Result<std::string>;
    if (dir_name.size() < 2 || dir_name[0] != '.') return R::failure("\"" + std::string(dir_name) + "\" is not a Maildir++ folder name");
    std::string name;
    std::size_t start = 1;
    while (true) {
        const std::size_t dot = dir_name.find('.', start);
        const std::string_view part = dir_name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (part.empty()) return R::failure("Maildir++ folder \"" + std::string(dir_name) + "\" has an empty level");
        auto level = unescape_level(part);
        if (!level) return R::failure("Maildir++ folder " + level.error());
        if (!name.empty()) name += '/';
        name += *level;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return name;
}

bool is_safe_component(std::string_view c) {
    return !c.empty() && c != "." && c != ".." && c.find('/') == std::string_view::npos && c.find('\0') == std::string_view::npos;
}

}  // namespace imaplab::formats


namespace imaplab::formats {

std::string write_subscriptions(const Account& account) {
    std::vector<std::string> names(account.subscriptions().begin(), account.subscriptions().end());
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return mailbox_name_less(a, b); });
    std::string out = "V\t2\n\n";
    for (const auto& name : names) {
        auto levels = escaped_levels(name);
        if (!levels) continue;  // a name no folder can have (an empty level): not written
        std::string line;
        for (const auto& l : *levels) line += (line.empty() ? "" : "\t") + l;
        out += line + "\n";
    }
    return out;
}

Result<std::vector<std::string>> parse_subscriptions(std::string_view text, const std::string& file) {
    using R = Result<std::vector<std::string>>;
    std::vector<std::string> names;
    bool v2 = text.substr(0, 4) == "V\t2\n";
    std::size_t pos = v2 ? 4 : 0;
    std::size_t line_no = v2 ? 2 : 1;
    for (; pos < text.size(); ++line_no) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty()) continue;
        std::string name;
        const char sep = v2 ? '\t' : '.';
        std::size_t start = 0;
        while (true) {
            const std::size_t s = line.find(sep, start);
            auto level = unescape_level(line.substr(start, s == std::string_view::npos ? std::string_view::npos : s - start));
            if (!level) return R::failure(file + ":" + std::to_string(line_no) + ": subscribed name " + level.error());
            if (!name.empty() || start > 0) name += '/';
            name += *level;
            if (s == std::string_view::npos) break;
            start = s + 1;
        }
        names.push_back(canonical_mailbox_name(name));
    }
    return names;
}

}  // namespace imaplab::formats
