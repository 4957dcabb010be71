// xdg_paths.hpp: nnplay's folders under the XDG base directories, one rule for all three uses:
// $VARIABLE/nnplay when the variable is set and not empty, else ~/<fallback>/nnplay, else ""
// (no HOME: nothing is kept).
#pragma once
#include <cstdlib>
#include <filesystem>
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

} // namespace nnplay
