// plot.cpp: line plots with bands, log axes, legend, markers and hover readout.
#include "app/gui/views/plot.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <optional>

namespace nnplay {

namespace {

struct Axis {
    double Min = 0, Max = 1;
    bool Log = false;
    double Norm(double v) const { // 0..1 along the axis
        if (Log)
            return (std::log10(std::max(v, DBL_MIN)) - std::log10(Min)) / (std::log10(Max) - std::log10(Min));
        return (v - Min) / (Max - Min);
    }
    double At(double u) const { // the value at 0..1 along the axis
        if (Log) return std::pow(10.0, std::log10(Min) + u * (std::log10(Max) - std::log10(Min)));
        return Min + u * (Max - Min);
    }
};

// Tick labels under an x axis, with their grid lines: a label equal to its neighbour's, or one
// that would touch it, is left out, and the left corner is left to the axis name.
template <class ToScreen>
void DrawXTicks(ImDrawList* dl, const Axis& xa, ToScreen sx, ImVec2 pmin, ImVec2 pmax, int count) {
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_Text, 0.15f);
    std::string previous;
    float last_right = -FLT_MAX;
    for (double v : AxisTicks(xa.Min, xa.Max, xa.Log, count)) {
        const std::string t = FormatTick(v);
        const float w = ImGui::CalcTextSize(t.c_str()).x, x = std::clamp(sx(v) - w / 2, pmin.x, pmax.x - w);
        if (t == previous || x < last_right + 8 || sx(v) - pmin.x < 20) continue;
        previous = t;
        last_right = x + w;
        dl->AddLine({sx(v), pmin.y}, {sx(v), pmax.y}, faint);
        dl->AddText({x, pmax.y + 2}, text, t.c_str());
    }
}

const SeriesBucket* Nearest(const std::vector<SeriesBucket>& b, double x, double scale) {
    if (b.empty()) return nullptr;
    auto it = std::lower_bound(b.begin(), b.end(), x,
                               [&](const SeriesBucket& s, double v) { return double(s.LastX) * scale < v; });
    if (it == b.end()) --it;
    return &*it;
}

// An × of half-size r: where a run blew up, or a value that is not a number.
void DrawCross(ImDrawList* dl, ImVec2 c, float r, ImU32 color) {
    dl->AddLine({c.x - r, c.y - r}, {c.x + r, c.y + r}, color, 2.5f);
    dl->AddLine({c.x - r, c.y + r}, {c.x + r, c.y - r}, color, 2.5f);
}

void DashedLine(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float& phase) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    if (len <= 0) return;
    constexpr float kOn = 6, kPeriod = 10;
    for (float t = 0; t < len;) {
        const float in = std::fmod(phase + t, kPeriod),
                    run = in < kOn ? std::min(kOn - in, len - t) : std::min(kPeriod - in, len - t);
        if (in < kOn) {
            const float u0 = t / len, u1 = (t + run) / len;
            dl->AddLine({a.x + (b.x - a.x) * u0, a.y + (b.y - a.y) * u0},
                        {a.x + (b.x - a.x) * u1, a.y + (b.y - a.y) * u1}, color, thickness);
        }
        t += std::max(run, 0.01f);
    }
    phase = std::fmod(phase + len, kPeriod);
}

// The legend, in rows above the plot: it never covers a curve. Returns the height it took.
float DrawLegend(ImDrawList* dl, ImVec2 origin, float width, const std::vector<PlotSeries>& series,
                 bool draw) {
    const float line_h = ImGui::GetTextLineHeight(), swatch = 16, gap = 14;
    float x = 0, rows = series.empty() ? 0.0f : 1.0f;
    for (const PlotSeries& s : series) {
        const float w = swatch + 4 + ImGui::CalcTextSize(s.Label.c_str()).x;
        if (x > 0 && x + w > width) {
            x = 0;
            ++rows;
        }
        if (draw) {
            const ImVec2 p{origin.x + x, origin.y + (rows - 1) * line_h};
            float phase = 0;
            if (s.Dashed)
                DashedLine(dl, {p.x, p.y + line_h / 2}, {p.x + swatch, p.y + line_h / 2}, s.Color, 3.0f,
                           phase);
            else
                dl->AddLine({p.x, p.y + line_h / 2}, {p.x + swatch, p.y + line_h / 2}, s.Color, 3.0f);
            dl->AddText({p.x + swatch + 4, p.y}, ImGui::GetColorU32(ImGuiCol_Text), s.Label.c_str());
        }
        x += w + gap;
    }
    return rows * line_h;
}

} // namespace

void DrawXYPlot(const char* id, ImVec2 size, const std::vector<double>& xs, const std::vector<double>& ys,
                ImU32 color, bool log_x, bool log_y, const char* x_label, const std::vector<XYMark>& marks) {
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("xy", size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_Text, 0.15f);
    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 pmin{origin.x + ImGui::CalcTextSize("1e-300").x + 8, origin.y + 4};
    const ImVec2 pmax{origin.x + size.x - 6, origin.y + size.y - line_h - 6};
    dl->AddRect(pmin, pmax, faint);
    double x0 = DBL_MAX, x1 = -DBL_MAX, y0 = DBL_MAX, y1 = -DBL_MAX;
    const auto usable = [&](size_t k) {
        return std::isfinite(xs[k]) && std::isfinite(ys[k]) && (!log_x || xs[k] > 0) && (!log_y || ys[k] > 0);
    };
    for (size_t k = 0; k < std::min(xs.size(), ys.size()); ++k)
        if (usable(k))
            x0 = std::min(x0, xs[k]), x1 = std::max(x1, xs[k]), y0 = std::min(y0, ys[k]),
            y1 = std::max(y1, ys[k]);
    if (x0 >= x1 || y0 > y1) {
        dl->AddText({pmin.x + 8, pmin.y + 8}, text, "nothing to draw yet");
        ImGui::PopID();
        return;
    }
    const YRange yr = ChooseYRange(y0, y1, log_y);
    const Axis xa{x0, x1, log_x}, ya{yr.Min, yr.Max, log_y};
    const auto sx = [&](double x) {
        return float(pmin.x + std::clamp(xa.Norm(x), 0.0, 1.0) * (pmax.x - pmin.x));
    };
    const auto sy = [&](double y) {
        return float(pmax.y - std::clamp(ya.Norm(y), -0.02, 1.02) * (pmax.y - pmin.y));
    };
    std::string previous;
    for (double v : AxisTicks(ya.Min, ya.Max, ya.Log, 4)) {
        const std::string t = FormatTick(v);
        if (t == previous) continue;
        previous = t;
        dl->AddLine({pmin.x, sy(v)}, {pmax.x, sy(v)}, faint);
        dl->AddText({pmin.x - ImGui::CalcTextSize(t.c_str()).x - 4, sy(v) - line_h / 2}, text, t.c_str());
    }
    DrawXTicks(dl, xa, sx, pmin, pmax, 4);
    dl->AddText({origin.x, pmax.y + 2}, ImGui::GetColorU32(ImGuiCol_TextDisabled), x_label);
    dl->PushClipRect(pmin, pmax, true);
    std::vector<ImVec2> stretch;
    for (size_t k = 0; k < std::min(xs.size(), ys.size()); ++k) {
        if (!usable(k)) continue;
        stretch.push_back({sx(xs[k]), sy(ys[k])});
    }
    if (stretch.size() >= 2) dl->AddPolyline(stretch.data(), int(stretch.size()), color, 0, 2.5f);
    int row = 0;
    for (const XYMark& m : marks) {
        if (!std::isfinite(m.X) || (log_x && m.X <= 0)) continue;
        const float x = sx(m.X), w = ImGui::CalcTextSize(m.Text.c_str()).x;
        for (float y = pmin.y; y < pmax.y; y += 8)
            dl->AddLine({x, y}, {x, std::min(y + 4, pmax.y)}, m.Color, 2.0f);
        const float lx = x + 4 + w <= pmax.x ? x + 4 : x - 4 - w;
        const ImVec2 at{lx, pmin.y + 2 + float(row++) * line_h};
        dl->AddRectFilled({at.x - 1, at.y}, {at.x + w + 1, at.y + line_h},
                          ImGui::GetColorU32(ImGuiCol_WindowBg, 0.85f));
        dl->AddText(at, m.Color, m.Text.c_str());
    }
    dl->PopClipRect();
    if (hovered) {
        const double u = (ImGui::GetIO().MousePos.x - pmin.x) / (pmax.x - pmin.x);
        const double mx = xa.At(u);
        size_t best = 0;
        for (size_t k = 1; k < std::min(xs.size(), ys.size()); ++k)
            if (std::abs(xs[k] - mx) < std::abs(xs[best] - mx)) best = k;
        if (best < ys.size()) ImGui::SetTooltip("%s %.4g: %.5g", x_label, xs[best], ys[best]);
    }
    ImGui::PopID();
}

void DrawPlot(const char* id, ImVec2 size, const std::vector<PlotSeries>& series,
              const std::vector<PlotMarker>& markers, const PlotOptions& options) {
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), faint = ImGui::GetColorU32(ImGuiCol_Text, 0.15f);
    const float line_h = ImGui::GetTextLineHeight();
    const bool right_axis = options.RightLabel != nullptr;
    const float left = ImGui::CalcTextSize("1e-300").x + 8;
    const float legend_h = DrawLegend(dl, {origin.x + left, origin.y}, size.x - left, series, true);
    const ImVec2 pmin{origin.x + left, origin.y + legend_h + 6};
    const ImVec2 pmax{origin.x + size.x - (right_axis ? ImGui::CalcTextSize("100%").x + 8 : 6),
                      origin.y + size.y - line_h - 6};

    // Ranges from the finite data (values that are not numbers are marked, not scaled to).
    double x0 = DBL_MAX, x1 = -DBL_MAX, y0 = DBL_MAX, y1 = -DBL_MAX;
    // A diverged run's last values run to 1e300: scaled to them, every other curve would be a flat
    // line at the bottom. They are clipped at the top edge instead, unless nothing else is drawn.
    const bool all_blew_up =
        std::all_of(series.begin(), series.end(), [](const PlotSeries& s) { return s.BlewUpAtX >= 0; });
    for (const PlotSeries& s : series) {
        for (const SeriesBucket& b : *s.Buckets) {
            x0 = std::min(x0, double(b.FirstX) * s.XScale);
            x1 = std::max(x1, double(b.LastX) * s.XScale);
            if (s.RightAxis || (s.BlewUpAtX >= 0 && !all_blew_up)) continue;
            if (std::isfinite(b.Min) && (!options.LogY || b.Min > 0)) y0 = std::min(y0, b.Min);
            if (std::isfinite(b.Max)) y1 = std::max(y1, b.Max);
        }
        if (s.BlewUpAtX >= 0) x1 = std::max(x1, s.BlewUpAtX);
    }
    dl->AddRect(pmin, pmax, faint);
    if (options.LogY && y0 > y1 && y1 > 0)
        y0 = y1 * 1e-4; // values that reached exactly 0 (a solved perceptron)
    if (x0 > x1 || y0 > y1 || pmax.y - pmin.y < 2 * line_h) {
        const bool zeros = x0 <= x1 && options.LogY && y1 == 0.0, cramped = x0 <= x1 && y0 <= y1;
        dl->AddText({pmin.x + 8, pmin.y + 8}, text,
                    cramped ? "no room to draw the curves here"
                    : zeros ? "every value is 0: nothing to draw on a log scale"
                            : "no data yet: press Space (play) or Right (step)");
        ImGui::PopID();
        return;
    }
    if (options.LogX) x0 = std::max(x0, 1.0); // update 0 is the start, not a point at -infinity
    if (x1 <= x0) x1 = x0 + 1;
    const YRange yr = ChooseYRange(y0, y1, options.LogY);
    const Axis xa{x0, x1, options.LogX}, ya{yr.Min, yr.Max, options.LogY}, ra{0.0, 1.0, false};
    const auto sx = [&](double x) {
        return float(pmin.x + std::clamp(xa.Norm(x), -0.02, 1.02) * (pmax.x - pmin.x));
    };
    const auto sy = [&](const Axis& a, double y) {
        return float(pmax.y - std::clamp(a.Norm(y), -0.02, 1.02) * (pmax.y - pmin.y));
    };

    // Grid and tick labels (a label equal to its neighbour's is not repeated).
    std::string previous;
    const auto y_label = [&](double v, float y) {
        const std::string t = FormatTick(v);
        if (t == previous) return;
        // Not below the plot's bottom: the axis name sits there ("epoch" ran into "1e-05").
        if (y + line_h / 2 > pmax.y + 1) return;
        previous = t;
        dl->AddText({pmin.x - ImGui::CalcTextSize(t.c_str()).x - 4, y - line_h / 2}, text, t.c_str());
    };
    if (ya.Log) {
        // Every decade gets a grid line (at most ~40); labels only as many as fit with a line between.
        const int decades = int(std::lround(std::log10(ya.Max / ya.Min)));
        // At least the top and the bottom decade: one label alone gives no scale.
        const int room = std::max(2, int((pmax.y - pmin.y) / (2.2f * line_h)));
        int every = 1; // decades between labels: 1, 2, 5, 10, 20, 50, ...
        for (int k = 0; decades > room * every; ++k)
            every = k % 3 == 1 ? every * 5 / 2 : every * 2;
        const int grid_every = std::max(1, decades / 40);
        for (int k = 0; k <= decades; ++k) {
            const double d = ya.Max / std::pow(10.0, k);
            const float y = sy(ya, d);
            if (k % grid_every == 0) dl->AddLine({pmin.x, y}, {pmax.x, y}, faint);
            if (k % every == 0) y_label(d, y);
        }
    } else {
        const double step = NiceStep(ya.Max - ya.Min, 4);
        for (double v = std::ceil(ya.Min / step) * step; v <= ya.Max; v += step) {
            const float y = sy(ya, v);
            dl->AddLine({pmin.x, y}, {pmax.x, y}, faint);
            y_label(std::abs(v) < step * 1e-9 ? 0.0 : v, y);
        }
    }
    DrawXTicks(dl, xa, sx, pmin, pmax, 5);
    // The axis name sits under the y labels, where no x tick label can collide with it.
    dl->AddText({origin.x, pmax.y + 2}, ImGui::GetColorU32(ImGuiCol_TextDisabled), options.XLabel);
    if (right_axis) {
        for (double v : {0.0, 0.5, 1.0}) {
            char t[8];
            std::snprintf(t, sizeof t, "%.0f%%", v * 100);
            dl->AddText({pmax.x + 4, sy(ra, v) - line_h / 2}, text, t);
        }
    }

    // Markers: where a setting changed. A label goes left of its line when it would run past the
    // right edge, and one row lower when it would overlap the label before it.
    dl->PushClipRect(pmin, pmax, true);
    std::vector<float> row_end;
    for (const PlotMarker& m : markers) {
        if (m.X < xa.Min || m.X > xa.Max) continue;
        const float x = sx(m.X), w = ImGui::CalcTextSize(m.Text.c_str()).x;
        for (float y = pmin.y; y < pmax.y; y += 8)
            dl->AddLine({x, y}, {x, std::min(y + 4, pmax.y)}, text, 1.0f);
        const float lx = x + 3 + w <= pmax.x ? x + 3 : std::max(pmin.x + 2, x - 3 - w);
        size_t row = 0;
        while (row < row_end.size() && lx < row_end[row] + 6)
            ++row;
        if (row == row_end.size()) row_end.push_back(0);
        row_end[row] = lx + w;
        const ImVec2 at{lx, pmin.y + 2 + float(row) * line_h};
        dl->AddRectFilled({at.x - 1, at.y}, {at.x + w + 1, at.y + line_h},
                          ImGui::GetColorU32(ImGuiCol_WindowBg, 0.8f));
        dl->AddText(at, text, m.Text.c_str());
    }
    // Series: a band for merged buckets, the mean as a line; at most ~2 points per pixel. A value
    // that is not a finite number is an × at the top edge, never a point of the line.
    const float cross = 5.0f * (line_h / 17.0f);
    std::vector<ImVec4> notes; // the end notes placed so far
    for (const PlotSeries& s : series) {
        const Axis& a = s.RightAxis ? ra : ya;
        const std::vector<SeriesBucket>& b = *s.Buckets;
        float phase = 0;
        const ImU32 band = (s.Color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 50);
        // Each unbroken stretch of the line is one polyline: a path per series, not a draw call
        // per point (six runs' curves stay cheap).
        std::vector<ImVec2> stretch;
        const auto flush = [&] {
            if (stretch.size() >= 2 && !s.Dashed)
                dl->AddPolyline(stretch.data(), int(stretch.size()), s.Color, 0, s.Thickness);
            for (size_t i = 1; s.Dashed && i < stretch.size(); ++i)
                DashedLine(dl, stretch[i - 1], stretch[i], s.Color, s.Thickness, phase);
            stretch.clear();
        };
        std::optional<ImVec2> last;
        // Buckets that fall in the same half-pixel column are drawn as one (their counts, sums and
        // extremes merged): at most two points per pixel, and no spike dropped.
        const auto draw = [&](const SeriesBucket& bk) {
            const double mean = bk.Mean();
            const float x = sx(0.5 * double(bk.FirstX + bk.LastX) * s.XScale);
            if (!std::isfinite(mean)) {
                DrawCross(dl, {x, pmin.y + cross + 1}, cross, s.Color);
                flush();
                return;
            }
            if (a.Log && mean <= 0) {
                flush();
                return;
            }
            const ImVec2 p{x, sy(a, mean)};
            if (bk.Count > 1 && bk.Max > bk.Min && std::isfinite(bk.Max))
                dl->AddLine({p.x, sy(a, bk.Min)}, {p.x, sy(a, bk.Max)}, band, 2.0f);
            stretch.push_back(p);
            last = p;
        };
        std::optional<SeriesBucket> column;
        float column_x = 0;
        for (const SeriesBucket& bk : b) {
            const float x = sx(double(bk.FirstX) * s.XScale);
            const bool finite = std::isfinite(bk.Mean());
            if (column && finite && std::isfinite(column->Mean()) && x - column_x < 0.5f) {
                MergeBucket(*column, bk);
                continue;
            }
            if (column) draw(*column);
            column = bk;
            column_x = x;
        }
        if (column) draw(*column);
        flush();
        if (s.BlewUpAtX >= 0)
            DrawCross(dl, {sx(s.BlewUpAtX), last ? last->y : pmin.y + cross + 1}, cross * 1.4f, s.Color);
        if (last && !s.EndNote.empty()) { // left of the end, above the line, inside the plot
            const ImVec2 note = ImGui::CalcTextSize(s.EndNote.c_str());
            ImVec2 at{std::max(pmin.x + 2, last->x - note.x - 4), std::max(pmin.y + 1, last->y - note.y - 3)};
            // Two runs stuck at the same loss: the second note goes below the first, not on it.
            for (bool moved = true; moved;) {
                moved = false;
                for (const ImVec4& r : notes)
                    if (at.x < r.z && r.x < at.x + note.x && at.y < r.w && r.y < at.y + note.y) {
                        at.y = r.w + 1;
                        moved = true;
                    }
            }
            notes.push_back({at.x, at.y, at.x + note.x, at.y + note.y});
            dl->AddRectFilled({at.x - 2, at.y}, {at.x + note.x + 2, at.y + note.y},
                              ImGui::GetColorU32(ImGuiCol_WindowBg, 0.85f));
            dl->AddText(at, s.Color, s.EndNote.c_str());
        }
    }
    dl->PopClipRect();

    if (hovered) {
        const double mx = xa.At((ImGui::GetIO().MousePos.x - pmin.x) / (pmax.x - pmin.x));
        dl->AddLine({ImGui::GetIO().MousePos.x, pmin.y}, {ImGui::GetIO().MousePos.x, pmax.y}, faint);
        ImGui::BeginTooltip();
        // The x of the values shown (the nearest point), not the mouse's: after one epoch the
        // mouse may be at 0.7 while the only point is epoch 0, which the panel's header names.
        double shown_x = std::round(mx);
        for (const PlotSeries& s : series)
            if (const SeriesBucket* b = Nearest(*s.Buckets, mx, s.XScale)) {
                shown_x = double(b->FirstX) * s.XScale;
                break;
            }
        ImGui::Text("%s %s", options.XLabel, FormatTick(shown_x).c_str());
        for (const PlotSeries& s : series) {
            const SeriesBucket* b = Nearest(*s.Buckets, mx, s.XScale);
            if (!b) continue;
            const ImVec4 color = ImGui::ColorConvertU32ToFloat4(s.Color);
            const double unit =
                s.RightAxis ? 100.0 : 1.0; // accuracy in percent, as its axis and the panels say it
            const char* sign = s.RightAxis ? "%" : "";
            if (std::isfinite(b->Mean()))
                ImGui::TextColored(color, s.RightAxis ? "%s: %.2f%s" : "%s: %.5g%s", s.Label.c_str(),
                                   unit * b->Mean(), sign);
            else
                ImGui::TextColored(color, "%s: not a finite number (diverged)", s.Label.c_str());
            if (b->Count > 1) {
                ImGui::SameLine();
                ImGui::TextDisabled("(%ld points, %.4g%s..%.4g%s)", b->Count, unit * b->Min, sign,
                                    unit * b->Max, sign);
            }
        }
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

} // namespace nnplay
