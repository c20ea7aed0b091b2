#include "lesson/progress.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace imaplab {

namespace fs = std::filesystem;

std::string Progress::default_path() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') return std::string(x) + "/imaplab/progress.json";
    if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.local/share/imaplab/progress.json";
    return "";
}

Result<Progress, std::string> Progress::load(const std::string& path) {
    using R = Result<Progress, std::string>;
    Progress p;
    std::error_code ec;
    if (!fs::exists(path, ec)) return p;
    std::ifstream in(path, std::ios::binary);
    if (!in) return R::failure(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    const auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", 0) != 1 || !doc.contains("lessons") ||
        !doc["lessons"].is_object())
        return R::failure(path + ": not an IMAP Lab progress file (expected {\"format\": 1, \"lessons\": {...}})");
    for (const auto& [lesson, steps] : doc["lessons"].items()) {
        if (!steps.is_object()) return R::failure(path + ": /lessons/" + lesson + ": expected an object");
        for (const auto& [step, entry] : steps.items()) {
            char* end = nullptr;
            const unsigned long n = std::strtoul(step.c_str(), &end, 10);
            if (step.empty() || *end || n == 0 || n > 100000 || !entry.is_object() ||
                !entry.value("attempts", nlohmann::json(0)).is_number_unsigned() ||
                !entry.value("passed", nlohmann::json(false)).is_boolean())
                return R::failure(path + ": /lessons/" + lesson + "/" + step + ": expected {\"attempts\": n, \"passed\": bool}");
            ExerciseProgress e;
            e.attempts = entry.value("attempts", 0u);
            e.passed = entry.value("passed", false);
            p.lessons_[lesson][static_cast<std::uint32_t>(n)] = e;
        }
    }
    return p;
}

Result<bool, std::string> Progress::save(const std::string& path) const {
    using R = Result<bool, std::string>;
    nlohmann::json doc = {{"format", 1}, {"lessons", nlohmann::json::object()}};
    for (const auto& [lesson, steps] : lessons_)
        for (const auto& [step, e] : steps) doc["lessons"][lesson][std::to_string(step)] = {{"attempts", e.attempts}, {"passed", e.passed}};
    std::error_code ec;
    const fs::path target(path);
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    if (ec) return R::failure(path + ": cannot create the directory: " + ec.message());
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << doc.dump(2) << "\n";
        out.flush();
        if (!out) return R::failure(tmp + ": cannot write: " + std::strerror(errno));
    }
    fs::rename(tmp, target, ec);
    if (ec) return R::failure(path + ": cannot replace: " + ec.message());
    return true;
}

const ExerciseProgress* Progress::find(const std::string& lesson_id, std::uint32_t step) const {
    auto l = lessons_.find(lesson_id);
    if (l == lessons_.end()) return nullptr;
    auto s = l->second.find(step);
    return s == l->second.end() ? nullptr : &s->second;
}

ExerciseProgress& Progress::record(const std::string& lesson_id, std::uint32_t step, bool passed) {
    ExerciseProgress& e = lessons_[lesson_id][step];
    ++e.attempts;
    e.passed = e.passed || passed;
    return e;
}

}  // namespace imaplab
