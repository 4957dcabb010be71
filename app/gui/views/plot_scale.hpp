// plot_scale.hpp: the numbers of a plot's axes: tick steps, tick labels, the y range. No drawing
// here (and no ImGui), so the rules are tested on their own.
#pragma once
#include <string>
#include <vector>

namespace nnplay {

// A round tick step (1, 2 or 5 times a power of ten) giving about `ticks` ticks over `range`.
double NiceStep(double range, int ticks);

// A tick label: 3 to 4 significant digits, an exponent for very large or small values
// ("2.5e+06", "1e-300"); "" for a value that is not finite (those are drawn as marks).
std::string FormatTick(double v);

// Where an axis from lo to hi gets its ticks, about `count` of them: whole decades (every first,
// second, fifth... one) on a log axis, round steps on a linear one; 0 exactly, not 1e-17.
std::vector<double> AxisTicks(double lo, double hi, bool log, int count);

// The y range a plot shows for finite values between lo and hi (lo > 0 on a log axis): whole
// decades on a log axis, at least one, within what a double holds; padded and including 0 on a
// linear one.
struct YRange {
    double Min, Max;
};
YRange ChooseYRange(double lo, double hi, bool log);

} // namespace nnplay
