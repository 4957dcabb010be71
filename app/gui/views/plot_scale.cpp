// plot_scale.cpp: axis numbers.
#include "app/gui/views/plot_scale.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace nnplay {

double NiceStep(double range, int ticks) {
    const double raw = range / ticks, mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}

std::string FormatTick(double v) {
    if (!std::isfinite(v)) return "";
    char buf[32];
    if (v != 0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3))
        std::snprintf(buf, sizeof buf, "%.3g", v);
    else
        std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::vector<double> AxisTicks(double lo, double hi, bool log, int count) {
    std::vector<double> out;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || count < 1) return out;
    if (log) {
        if (!(lo > 0)) return out;
        const int d0 = int(std::ceil(std::log10(lo) - 1e-9)), d1 = int(std::floor(std::log10(hi) + 1e-9));
        const int every = std::max(1, (d1 - d0 + count - 1) / count);
        for (int d = d0; d <= d1; d += every)
            out.push_back(std::pow(10.0, d));
        return out;
    }
    const double step = NiceStep(hi - lo, count);
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        out.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
    return out;
}

YRange ChooseYRange(double lo, double hi, bool log) {
    if (log) {
        lo = std::max(lo, DBL_MIN);
        hi = std::max(hi, lo);
        const double a = std::floor(std::log10(lo)), b = std::max(std::ceil(std::log10(hi)), a + 1);
        return {std::pow(10.0, std::max(a, -307.0)), std::pow(10.0, std::min(b, 308.0))};
    }
    const double pad = (hi - lo) * 0.05 + std::max(1e-12, std::abs(hi) * 1e-9);
    return {std::min(0.0, lo - pad), hi + pad};
}

} // namespace nnplay
