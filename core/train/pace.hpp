// pace.hpp: how fast the playground trains, in updates per second; 0 is as fast as the cores
// allow ("max"). A class has to see a network learn: the default is a pace it can watch.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace nnplay {

struct PacePreset {
    const char* Name;
    double UpdatesPerSecond; // 0: max
    const char* About;
};

// The four named paces, slowest first. "class" is the window's default: XOR (500 points, batch
// 10) is learned over a few seconds, a plateau stays on screen long enough to be pointed at.
std::span<const PacePreset> PacePresets();
inline constexpr double kClassPace = 250.0;
inline constexpr double kMaxPaceLimit = 1e7; // the largest finite pace a file may ask for

// The next pace up or down the +/- ladder (1, 2, 5, 10, 25, 50, 100, 250, ... 100000, max).
// Faster than the top is max; slower than max is the top; nothing is slower than 1.
double FasterPace(double updates_per_second);
double SlowerPace(double updates_per_second);

// "class (250 updates/s)", "max (as fast as possible)", "40 updates/s".
std::string PaceName(double updates_per_second);
// The preset a pace is, if it is one ("class"), else "".
std::string_view PresetOf(double updates_per_second);

// "slow", "class", "fast", "max" or a number of updates per second (0 is max); throws UserError
// naming `where` for anything else.
double ParsePace(std::string_view text, const std::string& where);

} // namespace nnplay
