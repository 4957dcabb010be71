// pace.cpp: the named paces and the +/- ladder.
#include "core/train/pace.hpp"

#include "core/util/error.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {

namespace {
constexpr std::array<PacePreset, 4> kPresets = {{
    {"slow", 5.0, "5 updates per second: each update can be followed"},
    {"class", kClassPace, "250 updates per second: a small problem is learned over seconds"},
    {"fast", 5000.0, "5,000 updates per second: a harder problem over seconds"},
    {"max", 0.0, "as fast as the cores allow"},
}};
constexpr std::array<double, 16> kLadder = {1,   2,    5,    10,   25,    50,    100,   250,
                                            500, 1000, 2500, 5000, 10000, 25000, 50000, 100000};
} // namespace

std::span<const PacePreset> PacePresets() {
    return kPresets;
}

double FasterPace(double p) {
    if (p <= 0) return 0; // max stays max
    for (double step : kLadder)
        if (step > p * (1 + 1e-9)) return step;
    return 0;
}

double SlowerPace(double p) {
    if (p <= 0) return kLadder.back();
    for (auto it = kLadder.rbegin(); it != kLadder.rend(); ++it)
        if (*it < p * (1 - 1e-9)) return *it;
    return kLadder.front();
}

std::string_view PresetOf(double p) {
    for (const PacePreset& preset : kPresets)
        if (preset.UpdatesPerSecond == p || (preset.UpdatesPerSecond == 0 && p <= 0)) return preset.Name;
    return "";
}

std::string PaceName(double p) {
    if (p <= 0) return "max (as fast as possible)";
    char rate[48];
    std::snprintf(rate, sizeof rate, p < 10 && p != std::floor(p) ? "%.1f updates/s" : "%.0f updates/s", p);
    const std::string_view preset = PresetOf(p);
    return preset.empty() ? std::string(rate) : std::string(preset) + " (" + rate + ")";
}

double ParsePace(std::string_view text, const std::string& where) {
    for (const PacePreset& preset : kPresets)
        if (text == preset.Name) return preset.UpdatesPerSecond;
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    const bool decimal = !s.empty() && s.find_first_not_of("0123456789.eE+") == std::string::npos;
    if (!decimal || *end != '\0' || !std::isfinite(v) || v < 0 || v > kMaxPaceLimit)
        throw UserError(
            where +
            ": expected slow, class, fast, max or a number of updates per second from 0 (max) to 1e7, got " +
            Quoted(text));
    return v;
}

} // namespace nnplay
