#include "lesson/open_lesson.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lesson/lesson_loader.hpp"
#include "lesson/transcript.hpp"
#include "lesson/transcript_lesson.hpp"
#include "store/formats/mail_formats.hpp"

namespace imaplab {

namespace {

namespace fs = std::filesystem;

/// The user of the transcript's first LOGIN command, unquoted, or "".
std::string login_user(const Transcript& t) {
    for (const auto& l : t.lines) {
        if (!l.is_client()) continue;
        std::istringstream in(l.text);
        std::string tag, command, user;
        in >> tag >> command >> user;
        for (auto& c : command) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (command != "LOGIN" || user.empty()) continue;
        if (user.size() >= 2 && user.front() == '"' && user.back() == '"') user = user.substr(1, user.size() - 2);
        return user;
    }
    return "";
}

}  // namespace

Result<Lesson, std::string> open_lesson(const std::string& path, const Explainer* explainer) {
    using R = Result<Lesson, std::string>;
    if (fs::path(path).extension() != ".txt") {
        auto l = load_lesson_file(path);
        if (!l) return R::failure(l.error().to_string());
        return std::move(l).value();
    }
    auto t = load_transcript_file(path);
    if (!t) return R::failure(t.error().to_string());

    std::string fixture_path;
    {
        std::ifstream in(path, std::ios::binary);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.rfind(kTranscriptFixturePrefix, 0) == 0) {
                fixture_path = line.substr(kTranscriptFixturePrefix.size());
                break;
            }
        }
    }
    Fixture fixture;
    if (fixture_path.empty()) {
        fixture.uidvalidity = 1;
        FixtureAccount a;
        a.user = "username";
        a.password = "password";
        a.mailboxes.push_back(FixtureMailbox{});
        a.mailboxes.back().name = "INBOX";
        fixture.accounts.push_back(std::move(a));
    } else {
        std::error_code ec;
        if (!fs::exists(fixture_path, ec)) {
            const fs::path beside = fs::path(path).parent_path() / fixture_path;
            if (fs::exists(beside, ec)) fixture_path = beside.string();
        }
        auto f = formats::load_mail_fixture(fixture_path);
        if (!f) return R::failure(path + ": fixture " + fixture_path + ": " + f.error());
        fixture = std::move(f).value();
    }
    for (auto& a : fixture.accounts) {  // a mail store comes without a user name and password
        if (a.user.empty()) a.user = "username";
        if (a.password.empty()) a.password = "password";
    }
    const std::string user = login_user(t.value());
    if (!user.empty() && fixture.accounts.size() == 1) fixture.accounts.front().user = user;

    return lesson_from_transcript(t.value(), std::move(fixture), explainer, fs::path(path).stem().string(), path);
}

}  // namespace imaplab
