#include "store/formats/eml_dir.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "store/formats/file_io.hpp"
#include "store/mime/line_endings.hpp"
#include "types/flags.hpp"

namespace imaplab::formats {
namespace {

namespace fs = std::filesystem;

bool is_eml_name(const std::string& name) {
    return name.size() > 4 && name[0] != '.' && iequals(std::string_view(name).substr(name.size() - 4), ".eml");
}

}  // namespace

bool has_eml_files(const std::string& dir) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (is_eml_name(it->path().filename().string())) return true;
    return false;
}

Result<FixtureMailbox> read_eml_dir(const std::string& dir, const std::string& mailbox, const ImportOptions& options) {
    using R = Result<FixtureMailbox>;
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (is_eml_name(it->path().filename().string())) names.push_back(it->path().filename().string());
    if (ec) return R::failure(dir + ": cannot read directory: " + ec.message());
    std::sort(names.begin(), names.end());
    FixtureMailbox box;
    box.name = mailbox;
    box.uidvalidity = options.uidvalidity;
    std::uint32_t uid = 0;
    for (const auto& name : names) {
        const std::string path = dir + "/" + name;
        if (!fs::is_regular_file(fs::status(path, ec))) return R::failure(path + ": not a regular file");
        auto text = read_whole_file(path);
        if (!text) return R::failure(text.error());
        auto mtime = modification_time(path);
        if (!mtime) return R::failure(mtime.error());
        FixtureMessage m;
        m.uid = ++uid;
        m.internal_date = utc_internal_date(*mtime);
        m.text = normalize_line_endings(*text);
        box.messages.push_back(std::move(m));
    }
    return box;
}

Result<std::size_t> write_eml_dir(const Mailbox& mailbox, const std::string& dir) {
    using R = Result<std::size_t>;
    auto prepared = prepare_empty_directory(dir);
    if (!prepared) return R::failure(prepared.error());
    std::size_t n = 0;
    for (const Message& m : mailbox.messages()) {
        ++n;
        const std::string name = fmt::format("{:04}.eml", n);
        auto ok = write_file_atomically(dir + "/.imaplab-tmp-" + name, dir + "/" + name, m.text ? crlf_to_lf(*m.text) : "", true,
                                        m.internal_date);
        if (!ok) return R::failure(ok.error());
    }
    return n;
}

}  // namespace imaplab::formats
