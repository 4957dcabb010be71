// xdg_paths.hpp: nnplay's folders under the XDG base directories, one rule for all three uses:
// $VARIABLE/nnplay when the variable is set and not empty, else ~/<fallback>/nnplay, else ""
// (no HOME: nothing is kept).
#pragma once
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace nnplay {

inline std::string XdgNnplayDir(const char* variable, const char* fallback_under_home) {
    const char* set = std::getenv(variable);
    const char* home = std::getenv("HOME");
    if (set && *set) return (std::filesystem::path(set) / "nnplay").string();
    if (home && *home) return (std::filesystem::path(home) / fallback_under_home / "nnplay").string();
    return "";
}

// $XDG_DATA_HOME (~/.local/share): the last session; $XDG_CONFIG_HOME (~/.config): settings;
// $XDG_STATE_HOME (~/.local/state): autosaves.
inline std::string DataDir() {
    return XdgNnplayDir("XDG_DATA_HOME", ".local/share");
}
inline std::string ConfigDir() {
    return XdgNnplayDir("XDG_CONFIG_HOME", ".config");
}
inline std::string StateDir() {
    return XdgNnplayDir("XDG_STATE_HOME", ".local/state");
}

// A file the window keeps for next time in DataDir() ("" without a HOME).
inline std::string DataFile(const char* name) {
    const std::string dir = DataDir();
    return dir.empty() ? "" : (std::filesystem::path(dir) / name).string();
}

// `save` writes `path` (its folder made first); a failure is said on stderr as not keeping
// `what` for next time: closing never fails for it.
template <class Save> void KeepForNextTime(const std::string& path, const char* what, Save save) {
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    try {
        save(path);
    } catch (const std::exception& e) {
        std::cerr << "nnplay: could not keep " << what << " for next time: " << e.what() << "\n";
    }
}

} // namespace nnplay
