#include "store/formats/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "types/date_time.hpp"
#include "types/flags.hpp"

namespace imaplab::formats {

namespace fs = std::filesystem;

Result<std::string> read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<std::string>::failure(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Result<std::string>::failure(path + ": cannot read: " + std::strerror(errno));
    return ss.str();
}

Result<bool> write_file_atomically(const std::string& tmp_path, const std::string& final_path, std::string_view data,
                                   bool set_mtime, std::int64_t mtime) {
    using R = Result<bool>;
    auto fail = [&](const std::string& path, const char* what) {
        const std::string reason = std::strerror(errno);
        ::unlink(tmp_path.c_str());
        return R::failure(path + ": cannot " + what + ": " + reason);
    };
    const int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return R::failure(tmp_path + ": cannot create: " + std::strerror(errno));
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            return fail(tmp_path, "write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return fail(tmp_path, "write");
    if (set_mtime) {
        const struct timespec times[2] = {{static_cast<time_t>(mtime), 0}, {static_cast<time_t>(mtime), 0}};
        if (::utimensat(AT_FDCWD, tmp_path.c_str(), times, 0) != 0) return fail(tmp_path, "set the modification time of");
    }
    if (::rename(tmp_path.c_str(), final_path.c_str()) != 0) return fail(final_path, "rename a temporary file to");
    return true;
}

Result<bool> make_directory(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
        return Result<bool>::failure(path + ": cannot create directory: " + std::strerror(errno));
    return true;
}

Result<bool> prepare_empty_directory(const std::string& dir) {
    using R = Result<bool>;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dir, ec))) {
        if (!fs::is_directory(dir, ec)) return R::failure(dir + ": exists and is not a directory");
        if (!fs::is_empty(dir, ec)) return R::failure(dir + ": is not empty (an export writes into a new or empty directory)");
        return true;
    }
    fs::create_directories(dir, ec);
    if (ec) return R::failure(dir + ": cannot create directory: " + ec.message());
    return true;
}

std::string crlf_to_lf(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        out += text[i];
    }
    return out;
}

Result<std::int64_t> modification_time(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Result<std::int64_t>::failure(path + ": cannot stat: " + std::strerror(errno));
    return static_cast<std::int64_t>(st.st_mtime);
}

std::string utc_internal_date(std::int64_t unix_seconds) { return format_imap_date_time(DateTime{unix_seconds, 0}); }

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace imaplab::formats
