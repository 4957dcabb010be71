// settings.cpp: the settings file, read defensively (it is the user's file) and written atomically.
#include "app/gui/files/settings.hpp"

#include "app/gui/platform/xdg_paths.hpp"

#include "core/io/atomic_file.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

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
        // A value that is the wrong type, out of range or not finite falls back, and is said:
        // "pace: -1" silently became the maximum speed once.
        std::vector<std::string> notes;
        const auto number = [&](const char* key, double lo, double hi, double fallback) {
            if (!j.contains(key)) return fallback;
            if (!j[key].is_number() || !std::isfinite(j[key].get<double>()) || j[key].get<double>() < lo ||
                j[key].get<double>() > hi) {
                notes.push_back(std::string(key) + " " + j[key].dump().substr(0, 40) +
                                " is not a number from " + NumberText(lo) + " to " + NumberText(hi) + ": " +
                                NumberText(fallback) + " is used");
                return fallback;
            }
            return j[key].get<double>();
        };
        const auto wrong_type = [&](const char* key, const char* expected) {
            notes.push_back(std::string(key) + " " + j[key].dump().substr(0, 40) + " is not " + expected +
                            ": ignored");
        };
        if (j.contains("light")) {
            if (j["light"].is_boolean())
                s.Light = j["light"].get<bool>();
            else
                wrong_type("light", "true or false");
        }
        s.Scale = float(number("scale", 0.5, 4.0, s.Scale));
        s.PointRadius = float(number("point_radius", 3.0, 14.0, s.PointRadius));
        s.Width = int(number("width", 320, 7680, s.Width));
        s.Height = int(number("height", 240, 4320, s.Height));
        s.Pace = number("pace", 0.0, kMaxPaceLimit, s.Pace);
        if (j.contains("recent")) {
            if (!j["recent"].is_array())
                wrong_type("recent", "a list of paths");
            else
                for (const auto& r : j["recent"])
                    if (r.is_string() && s.Recent.size() < kMaxRecentKept &&
                        r.get<std::string>().size() < 4096)
                        s.Recent.push_back(r.get<std::string>());
        }
        if (j.contains("last_folder")) {
            if (j["last_folder"].is_string() && j["last_folder"].get<std::string>().size() < 4096)
                s.LastFolder = j["last_folder"].get<std::string>();
            else
                wrong_type("last_folder", "a path");
        }
        if (problem && !notes.empty()) {
            *problem = path + ": ";
            for (size_t i = 0; i < notes.size(); ++i)
                *problem += (i ? "; " : "") + notes[i];
        }
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
