#include "lesson/fixture_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace imaplab {
namespace {

// The wrappers put the file's text inside a minimal lesson. They contain no line break, so the
// loader's line numbers are the file's own; the JSON pointer prefix is removed from errors.
constexpr std::string_view kLessonHead =
    R"({"format": 1, "title": {"en": "", "ru": ""}, )"
    R"("steps": [{"title": {"en": "", "ru": ""}, "narration": {"en": "", "ru": ""}}], "fixture": )";

enum class Shape { Lesson, Fixture, Account };

/// Which shape the document has, from its top-level keys. Unparseable text is treated as a lesson,
/// so the loader reports the syntax error with the file's line.
Shape shape_of(std::string_view text) {
    auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return Shape::Lesson;
    if (doc.contains("steps") || doc.contains("format")) return Shape::Lesson;
    if (doc.contains("accounts")) return Shape::Fixture;
    if (doc.contains("mailboxes")) return Shape::Account;
    return Shape::Fixture;  // the loader names the missing "accounts"
}

std::string strip_prefix(std::string path, std::string_view prefix) {
    if (path.compare(0, prefix.size(), prefix) == 0) path.erase(0, prefix.size());
    return path;
}

}  // namespace

Result<Fixture, LessonError> parse_fixture(std::string_view json_text, const std::string& file, const std::string& base_dir) {
    using R = Result<Fixture, LessonError>;
    switch (shape_of(json_text)) {
        case Shape::Lesson: {
            auto lesson = parse_lesson(json_text, file, base_dir);
            if (!lesson) return R::failure(lesson.error());
            return std::move(lesson.value().fixture);
        }
        case Shape::Fixture: {
            std::string text = std::string(kLessonHead) + std::string(json_text) + "\n}";
            auto lesson = parse_lesson(text, file, base_dir);
            if (!lesson) {
                LessonError e = lesson.error();
                e.json_path = strip_prefix(e.json_path, "/fixture");
                return R::failure(std::move(e));
            }
            return std::move(lesson.value().fixture);
        }
        case Shape::Account: {
            // {"mailboxes": [...]} becomes the mailboxes of one account. Other keys are refused by
            // the loader's account check, so the document is re-read as that account's object.
            auto doc = nlohmann::json::parse(json_text);
            for (const auto& [key, _] : doc.items()) {
                if (key != "mailboxes")
                    return R::failure(LessonError{file, 1, "/" + key,
                                                  "unknown key \"" + key + "\" (a mailboxes-only fixture has just \"mailboxes\")"});
            }
            // Splice the file's text in as the account object's body: {"user":..,"password":.., <file's keys>}
            // (whitespace before the '{' is kept, so line numbers stay the file's own).
            std::size_t open = json_text.find('{');
            std::string text = std::string(kLessonHead) + std::string(json_text.substr(0, open)) +
                               R"({"accounts": [{"user": "-", "password": "", )" + std::string(json_text.substr(open + 1)) +
                               "]}\n}";
            auto lesson = parse_lesson(text, file, base_dir);
            if (!lesson) {
                LessonError e = lesson.error();
                e.json_path = strip_prefix(e.json_path, "/fixture/accounts/0");
                return R::failure(std::move(e));
            }
            Fixture f = std::move(lesson.value().fixture);
            f.accounts.front().user.clear();
            return f;
        }
    }
    return R::failure(LessonError{file, 0, "", "unreachable"});
}

Result<Fixture, LessonError> load_fixture_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Result<Fixture, LessonError>::failure(LessonError{path, 0, "", std::string("cannot read: ") + std::strerror(errno)});
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string dir;
    if (auto slash = path.find_last_of('/'); slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
    return parse_fixture(ss.str(), path, dir);
}

}  // namespace imaplab
