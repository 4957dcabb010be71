// plot.cpp: line plots with bands, log axes, legend, markers and hover readout.
#include "app/gui/plot.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

struct Axis {
    double Min = 0, Max = 1;
    bool Log = false;
    double Norm(double v) const { // 0..1 along the axis
        if (Log) return (std::log10(std::max(v, 1e-300)) - std::log10(Min)) / (std::log10(Max) - std::log10(Min));
        return (v - Min) / (Max - Min);
    }
};

std::string Format(double v) {
    char buf[32];
    if (v != 0 && (std::abs(v) >= 1e5 || std::abs(v) < 1e-3))
        std::snprintf(buf, sizeof buf, "%.0e", v);
    else
        std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

const SeriesBucket* Nearest(const std::vector<SeriesBucket>& b, double x, double scale) {
    if (b.empty()) return nullptr;
    auto it = std::lower_bound(b.begin(), b.end(), x, [&](const SeriesBucket& s, double v) { return double(s.LastX) * scale < v; });
    if (it == b.end()) --it;
    return &*it;
}
} // namespace

double NiceStep(double range, int ticks) {
    const double raw = range / ticks, mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * mag) return m * mag;
    return 10 * mag;
}

void DrawPlot(const char* id, ImVec2 size, const std::vector<PlotSeries>& series, const std::vector<PlotMarker>& markers,
              const PlotOptions& options) {
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_Text, 0.15f);
    const float line_h = ImGui::GetTextLineHeight();
    const bool right_axis = options.RightLabel != nullptr;
    const ImVec2 pmin{origin.x + ImGui::CalcTextSize("1e-05").x + 8, origin.y + 4};
    const ImVec2 pmax{origin.x + size.x - (right_axis ? ImGui::CalcTextSize("100%").x + 8 : 6), origin.y + size.y - line_h - 6};

    // Ranges from the data.
    double x0 = DBL_MAX, x1 = -DBL_MAX, y0 = DBL_MAX, y1 = -DBL_MAX;
    for (const PlotSeries& s : series) {
        for (const SeriesBucket& b : *s.Buckets) {
            x0 = std::min(x0, double(b.FirstX) * s.XScale);
            x1 = std::max(x1, double(b.LastX) * s.XScale);
            if (s.RightAxis) continue;
            if (std::isfinite(b.Min) && (!options.LogY || b.Min > 0)) y0 = std::min(y0, b.Min);
            if (std::isfinite(b.Max)) y1 = std::max(y1, b.Max);
        }
    }
    dl->AddRect(pmin, pmax, faint);
    if (options.LogY && y0 > y1 && y1 > 0) y0 = y1 * 1e-4; // values that reached exactly 0 (a solved perceptron)
    if (x0 > x1 || y0 > y1) {
        const bool zeros = x0 <= x1 && options.LogY && y1 == 0.0;
        dl->AddText({pmin.x + 8, pmin.y + 8}, text,
                    zeros ? "every value is 0: nothing to draw on a log scale" : "no data yet: press Space (play) or Right (step)");
        ImGui::PopID();
        return;
    }
    if (x1 <= x0) x1 = x0 + 1;
    Axis xa{x0, x1, false}, ya{y0, y1, options.LogY}, ra{0.0, 1.0, false};
    if (ya.Log) {
        ya.Min = std::pow(10.0, std::floor(std::log10(std::max(y0, 1e-12))));
        ya.Max = std::pow(10.0, std::ceil(std::log10(std::max(y1, ya.Min * 10))));
    } else {
        const double pad = (y1 - y0) * 0.05 + 1e-12;
        ya.Min = std::min(0.0, y0 - pad);
        ya.Max = y1 + pad;
    }
    const auto sx = [&](double x) { return float(pmin.x + xa.Norm(x) * (pmax.x - pmin.x)); };
    const auto sy = [&](const Axis& a, double y) { return float(pmax.y - std::clamp(a.Norm(y), -0.02, 1.02) * (pmax.y - pmin.y)); };

    // Grid and tick labels.
    if (ya.Log) {
        // Every decade gets a grid line; labels only as many as fit with a line of space between.
        const int decades = int(std::lround(std::log10(ya.Max / ya.Min)));
        const int room = std::max(1, int((pmax.y - pmin.y) / (2.2f * line_h)));
        const int every = std::max(1, (decades + room - 1) / room);
        int k = 0;
        for (double d = ya.Max; d >= ya.Min * 0.999; d /= 10, ++k) {
            const float y = sy(ya, d);
            dl->AddLine({pmin.x, y}, {pmax.x, y}, faint);
            if (k % every != 0) continue;
            const std::string t = Format(d);
            dl->AddText({pmin.x - ImGui::CalcTextSize(t.c_str()).x - 4, y - line_h / 2}, text, t.c_str());
        }
    } else {
        const double step = NiceStep(ya.Max - ya.Min, 4);
        for (double v = std::ceil(ya.Min / step) * step; v <= ya.Max; v += step) {
            const float y = sy(ya, v);
            dl->AddLine({pmin.x, y}, {pmax.x, y}, faint);
            const std::string t = Format(std::abs(v) < step * 1e-9 ? 0.0 : v);
            dl->AddText({pmin.x - ImGui::CalcTextSize(t.c_str()).x - 4, y - line_h / 2}, text, t.c_str());
        }
    }
    const double xstep = NiceStep(xa.Max - xa.Min, 5);
    for (double v = std::ceil(xa.Min / xstep) * xstep; v <= xa.Max; v += xstep) {
        if (sx(v) - pmin.x < 20) continue; // leave the corner to the axis name
        const std::string t = Format(v);
        dl->AddText({sx(v) - ImGui::CalcTextSize(t.c_str()).x / 2, pmax.y + 2}, text, t.c_str());
    }
    // The axis name sits under the y labels, where no x tick label can collide with it.
    dl->AddText({origin.x, pmax.y + 2}, ImGui::GetColorU32(ImGuiCol_TextDisabled), options.XLabel);
    if (right_axis) {
        for (double v : {0.0, 0.5, 1.0}) {
            char t[8];
            std::snprintf(t, sizeof t, "%.0f%%", v * 100);
            dl->AddText({pmax.x + 4, sy(ra, v) - line_h / 2}, text, t);
        }
    }

    // Markers: where a setting changed.
    dl->PushClipRect(pmin, pmax, true);
    for (const PlotMarker& m : markers) {
        if (m.X < xa.Min || m.X > xa.Max) continue;
        const float x = sx(m.X);
        for (float y = pmin.y; y < pmax.y; y += 8) dl->AddLine({x, y}, {x, std::min(y + 4, pmax.y)}, text, 1.0f);
        dl->AddText({x + 3, pmin.y + 2}, text, m.Text.c_str());
    }
    // Series: a band for merged buckets, the mean as a line; at most ~2 points per pixel.
    for (const PlotSeries& s : series) {
        const Axis& a = s.RightAxis ? ra : ya;
        const std::vector<SeriesBucket>& b = *s.Buckets;
        const size_t stride = std::max<size_t>(1, b.size() / size_t(std::max(1.0f, 2 * (pmax.x - pmin.x))));
        ImVec2 prev;
        bool have_prev = false;
        const ImU32 band = (s.Color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 50);
        for (size_t k = 0; k < b.size(); k += stride) {
            const SeriesBucket& bk = b[k];
            const double mean = bk.Mean();
            if (!std::isfinite(mean) || (a.Log && mean <= 0)) {
                have_prev = false;
                continue;
            }
            const ImVec2 p{sx(0.5 * double(bk.FirstX + bk.LastX) * s.XScale), sy(a, mean)};
            if (bk.Count > 1 && bk.Max > bk.Min) dl->AddLine({p.x, sy(a, bk.Min)}, {p.x, sy(a, bk.Max)}, band, 2.0f);
            if (have_prev) dl->AddLine(prev, p, s.Color, s.Thickness);
            prev = p;
            have_prev = true;
        }
    }
    dl->PopClipRect();

    // Legend.
    float ly = pmin.y + 4;
    for (const PlotSeries& s : series) {
        const float w = ImGui::CalcTextSize(s.Label.c_str()).x;
        const float lx = pmax.x - w - 24;
        dl->AddLine({lx, ly + line_h / 2}, {lx + 14, ly + line_h / 2}, s.Color, 3.0f);
        dl->AddText({lx + 18, ly}, text, s.Label.c_str());
        ly += line_h;
    }

    if (hovered) {
        const double mx = xa.Min + (ImGui::GetIO().MousePos.x - pmin.x) / (pmax.x - pmin.x) * (xa.Max - xa.Min);
        dl->AddLine({ImGui::GetIO().MousePos.x, pmin.y}, {ImGui::GetIO().MousePos.x, pmax.y}, faint);
        ImGui::BeginTooltip();
        ImGui::Text("%s %.0f", options.XLabel, mx);
        for (const PlotSeries& s : series) {
            const SeriesBucket* b = Nearest(*s.Buckets, mx, s.XScale);
            if (!b) continue;
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.Color), "%s: %.5g", s.Label.c_str(), b->Mean());
            if (b->Count > 1) {
                ImGui::SameLine();
                ImGui::TextDisabled("(%ld points, %.4g..%.4g)", b->Count, b->Min, b->Max);
            }
        }
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

} // namespace nnplay
