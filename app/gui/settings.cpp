// settings.cpp: the settings file, read defensively (it is the user's file) and written atomically.
#include "app/gui/settings.hpp"

#include "app/gui/xdg_paths.hpp"

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace nnplay {

namespace {
constexpr size_t kMaxRecentKept = 10;
} // namespace

std::string SettingsPath() {
    const std::string dir = ConfigDir();
    return dir.empty() ? "" : (std::filesystem::path(dir) / "settings.json").string();
}

WindowSettings LoadSettings(std::string* problem) {
    WindowSettings s;
    const std::string path = SettingsPath();
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) return s;
    try {
        const nlohmann::json j = ReadJsonFile(path);
        if (!j.is_object()) throw UserError(path + ": expected a JSON object");
        const auto number = [&](const char* key, double lo, double hi, double fallback) {
            if (!j.contains(key) || !j[key].is_number()) return fallback;
            const double v = j[key].get<double>();
            return std::isfinite(v) ? std::clamp(v, lo, hi) : fallback;
        };
        if (j.contains("light") && j["light"].is_boolean()) s.Light = j["light"].get<bool>();
        s.Scale = float(number("scale", 0.5, 4.0, s.Scale));
        s.PointRadius = float(number("point_radius", 3.0, 14.0, s.PointRadius));
        s.Width = int(number("width", 320, 7680, s.Width));
        s.Height = int(number("height", 240, 4320, s.Height));
        s.Pace = number("pace", 0.0, kMaxPaceLimit, s.Pace);
        if (j.contains("recent") && j["recent"].is_array())
            for (const auto& r : j["recent"])
                if (r.is_string() && s.Recent.size() < kMaxRecentKept && r.get<std::string>().size() < 4096)
                    s.Recent.push_back(r.get<std::string>());
        if (j.contains("last_folder") && j["last_folder"].is_string() &&
            j["last_folder"].get<std::string>().size() < 4096)
            s.LastFolder = j["last_folder"].get<std::string>();
    } catch (const UserError& e) {
        if (problem) *problem = std::string(e.what()) + " (the default settings are used)";
        return WindowSettings{};
    }
    return s;
}

void SaveSettings(const WindowSettings& s) {
    const std::string path = SettingsPath();
    if (path.empty()) return;
    const nlohmann::json j = {
        {"light", s.Light},   {"scale", s.Scale},           {"point_radius", s.PointRadius},
        {"width", s.Width},   {"height", s.Height},         {"pace", s.Pace},
        {"recent", s.Recent}, {"last_folder", s.LastFolder}};
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    try {
        WriteFileAtomically(path, j.dump(2) + "\n");
    } catch (const UserError& e) {
        std::cerr << "nnplay: the settings were not saved: " << e.what() << "\n";
    }
}

bool ResetSettings() {
    const std::string path = SettingsPath();
    std::error_code ec;
    return !path.empty() && std::filesystem::remove(path, ec);
}

} // namespace nnplay
