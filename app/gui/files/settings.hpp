// settings.hpp: what the window remembers between runs, in the user's XDG config folder
// ($XDG_CONFIG_HOME/nnplay/settings.json, else ~/.config/nnplay/): theme, UI scale, window
// size, point size, pace, recent files and the last folder. The command line wins over it;
// `nnplay --reset-settings` deletes it.
#pragma once
#include "core/train/pace.hpp"

#include <string>
#include <vector>

namespace nnplay {

struct WindowSettings {
    bool Light = false;
    float Scale = 1.0f, PointRadius = 6.0f;
    int Width = 1280, Height = 720;
    double Pace = kClassPace;
    std::vector<std::string> Recent;
    std::string LastFolder;
    bool operator==(const WindowSettings&) const = default;
};

std::string SettingsPath(); // "" without a HOME

// The saved settings; the defaults when there are none. A file that is not valid (hand-edited,
// half-written by another program) gives the defaults and `problem` says why; values out of range
// are clamped into it (a scale of 1e300 does not make an unusable window).
WindowSettings LoadSettings(std::string* problem = nullptr);
// Written atomically; a failure is said on stderr (settings are never worth a crash).
void SaveSettings(const WindowSettings& s);
// Deletes the file; true if there was one.
bool ResetSettings();

} // namespace nnplay
