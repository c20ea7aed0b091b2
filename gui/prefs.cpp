#include "prefs.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace imaplab::gui {

namespace {

using json = nlohmann::json;

constexpr struct {
    const char* name;
    std::uint32_t bit;
} kPanels[] = {{"state", kPanelState}, {"lesson", kPanelLesson}, {"log", kPanelLog}, {"explain", kPanelExplain}, {"mailboxes", kPanelMailboxes}};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// Reads number `key` of `obj` into `out` when present; the reason it is wrong otherwise.
std::string read_number(const json& obj, const char* key, const std::string& where, double lo, double hi, double& out) {
    if (!obj.contains(key)) return "";
    const json& v = obj.at(key);
    if (!v.is_number() || v.get<double>() < lo || v.get<double>() > hi) {
        std::ostringstream s;
        s << "\"" << where << key << "\" must be a number from " << lo << " to " << hi;
        return s.str();
    }
    out = v.get<double>();
    return "";
}

}  // namespace

Result<std::uint32_t, std::string> parse_panels(const std::string& list) {
    using R = Result<std::uint32_t, std::string>;
    std::uint32_t bits = 0;
    std::size_t pos = 0;
    while (pos <= list.size()) {
        const std::size_t comma = list.find(',', pos);
        const std::string name = trim(list.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        pos = comma == std::string::npos ? list.size() + 1 : comma + 1;
        if (name.empty()) continue;
        bool found = false;
        for (const auto& p : kPanels)
            if (name == p.name) {
                bits |= p.bit;
                found = true;
            }
        if (!found) return R::failure("unknown panel '" + name + "' (panels: state, lesson, log, explain, mailboxes)");
    }
    if (bits == 0) return R::failure("no panel given (panels: state, lesson, log, explain, mailboxes)");
    return bits;
}

std::string panels_to_string(std::uint32_t panels) {
    std::string out;
    for (const auto& p : kPanels)
        if (panels & p.bit) out += (out.empty() ? "" : ",") + std::string(p.name);
    return out;
}

std::string prefs_dir() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg == '/') return std::string(xdg) + "/imaplab";
    const char* home = std::getenv("HOME");
    if (home && *home) return std::string(home) + "/.config/imaplab";
    return "";
}

Result<Prefs, std::string> parse_prefs(const std::string& text, const std::string& path) {
    using R = Result<Prefs, std::string>;
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {  // nlohmann's message gives line and column
        return R::failure(path + ": not valid JSON: " + e.what());
    }
    if (!j.is_object()) return R::failure(path + ": must be a JSON object");
    Prefs p;
    auto fail = [&](const std::string& why) { return R::failure(path + ": " + why); };
    if (j.contains("language")) {
        const json& l = j["language"];
        if (!l.is_string() || (l != "ru" && l != "en")) return fail("\"language\" must be \"ru\" or \"en\"");
        p.language = l == "ru" ? Language::Ru : Language::En;
    }
    double d = p.zoom;
    if (auto why = read_number(j, "zoom", "", 0.6, 2.5, d); !why.empty()) return fail(why);
    p.zoom = static_cast<float>(d);
    if (j.contains("presenter")) {
        const json& pr = j["presenter"];
        if (!pr.is_object()) return fail("\"presenter\" must be an object");
        if (pr.contains("on")) {
            if (!pr["on"].is_boolean()) return fail("\"presenter.on\" must be true or false");
            p.presenter.on = pr["on"].get<bool>();
        }
        d = p.presenter.zoom;
        if (auto why = read_number(pr, "zoom", "presenter.", 1.0, 4.0, d); !why.empty()) return fail(why);
        p.presenter.zoom = static_cast<float>(d);
        if (pr.contains("panels")) {
            if (!pr["panels"].is_string()) return fail("\"presenter.panels\" must be a string such as \"lesson,log,state\"");
            auto bits = parse_panels(pr["panels"].get<std::string>());
            if (!bits) return fail("\"presenter.panels\": " + bits.error());
            p.presenter.panels = *bits;
        }
        if (pr.contains("theme")) {
            const json& t = pr["theme"];
            if (!t.is_string() || (t != "light" && t != "dark")) return fail("\"presenter.theme\" must be \"light\" or \"dark\"");
            p.presenter.light = t == "light";
        }
    }
    if (j.contains("window")) {
        const json& w = j["window"];
        if (!w.is_object()) return fail("\"window\" must be an object");
        WindowGeometry g;
        const struct {
            const char* key;
            int* out;
            int lo, hi;
        } fields[] = {{"x", &g.x, -100000, 100000}, {"y", &g.y, -100000, 100000}, {"width", &g.width, 320, 16384}, {"height", &g.height, 240, 16384}};
        for (const auto& f : fields) {
            if (!w.contains(f.key) || !w[f.key].is_number_integer() || w[f.key].get<long long>() < f.lo || w[f.key].get<long long>() > f.hi)
                return fail("\"window." + std::string(f.key) + "\" must be an integer from " + std::to_string(f.lo) + " to " +
                            std::to_string(f.hi));
            *f.out = static_cast<int>(w[f.key].get<long long>());
        }
        p.window = g;
    }
    return p;
}

Result<Prefs, std::string> load_prefs(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Prefs{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<Prefs, std::string>::failure(path + ": cannot read: " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_prefs(ss.str(), path);
}

std::string prefs_to_json(const Prefs& p) {
    json j = json::object();
    if (p.language) j["language"] = *p.language == Language::Ru ? "ru" : "en";
    j["zoom"] = p.zoom;
    j["presenter"] = {{"on", p.presenter.on},
                      {"zoom", p.presenter.zoom},
                      {"panels", panels_to_string(p.presenter.panels)},
                      {"theme", p.presenter.light ? "light" : "dark"}};
    if (p.window) j["window"] = {{"x", p.window->x}, {"y", p.window->y}, {"width", p.window->width}, {"height", p.window->height}};
    return j.dump(2) + "\n";
}

Result<bool, std::string> save_prefs(const std::string& path, const Prefs& prefs) {
    using R = Result<bool, std::string>;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return R::failure("cannot write " + path + ": " + ec.message());
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return R::failure("cannot write " + path + ": " + std::strerror(errno));
        out << prefs_to_json(prefs);
        out.flush();
        if (!out) {
            fs::remove(tmp, ec);
            return R::failure("cannot write " + path + ": write failed");
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignore;
        fs::remove(tmp, ignore);
        return R::failure("cannot write " + path + ": " + ec.message());
    }
    return true;
}

}  // namespace imaplab::gui
