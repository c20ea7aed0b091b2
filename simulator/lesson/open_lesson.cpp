#include "lesson/open_lesson.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "lesson/lesson_loader.hpp"
#include "lesson/transcript.hpp"
#include "lesson/transcript_lesson.hpp"
#include "store/formats/mail_formats.hpp"

namespace imaplab {

namespace {

namespace fs = std::filesystem;

std::string unquote(std::string s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

/// The user and password of the transcript's first LOGIN command, unquoted ("" when none; the
/// password "" when it was redacted).
std::pair<std::string, std::string> login_of(const Transcript& t) {
    for (const auto& l : t.lines) {
        if (!l.is_client()) continue;
        std::istringstream in(l.text);
        std::string tag, command, user, password;
        in >> tag >> command >> user >> password;
        for (auto& c : command) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (command != "LOGIN" || user.empty()) continue;
        password = unquote(password);
        return {unquote(user), password == "<redacted>" || password.find('{') == 0 ? "" : password};
    }
    return {};
}

}  // namespace

std::string find_lesson_for_transcript(const std::string& transcript) {
    std::error_code ec;
    const fs::path t = fs::weakly_canonical(transcript, ec);
    const fs::path root = t.parent_path().parent_path();
    std::vector<fs::path> lessons;
    for (const auto& e : fs::directory_iterator(root / "lessons", ec))
        if (e.path().extension() == ".json") lessons.push_back(e.path());
    std::sort(lessons.begin(), lessons.end());
    for (const auto& l : lessons) {
        auto lesson = load_lesson_file(l.string());
        if (lesson && !lesson->transcript.empty() && fs::weakly_canonical(root / lesson->transcript, ec) == t) return l.string();
    }
    return "";
}

Result<Lesson, std::string> open_lesson(const std::string& path, const Explainer* explainer) {
    using R = Result<Lesson, std::string>;
    if (fs::path(path).extension() != ".txt") {
        auto l = load_lesson_file(path);
        if (!l) return R::failure(l.error().to_string());
        return std::move(l).value();
    }
    // A seed transcript has its own lesson, with narration and the differences explained.
    if (const std::string reproducing = find_lesson_for_transcript(path); !reproducing.empty()) {
        auto l = load_lesson_file(reproducing);
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
    const auto [user, password] = login_of(t.value());
    Fixture fixture;
    if (fixture_path.empty()) {
        fixture.uidvalidity = 1;
        FixtureAccount a;
        a.user = "username";
        a.password = password.empty() ? "password" : password;
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
    // As `serve --fixture` gives a user the fixture's account of that name, else its first one.
    const bool named = std::any_of(fixture.accounts.begin(), fixture.accounts.end(), [&, &wanted = user](const FixtureAccount& a) { return a.user == wanted; });
    if (!user.empty() && !named) fixture.accounts.front().user = user;

    return lesson_from_transcript(t.value(), std::move(fixture), explainer, fs::path(path).stem().string(), path);
}

}  // namespace imaplab
