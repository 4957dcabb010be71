// plot.hpp: our small plotting module over ImDrawList (ImPlot is not packaged).
#pragma once
#include "app/gui/views/plot_scale.hpp"
#include "core/util/loss_history.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace nnplay {

struct PlotSeries {
    std::string Label;
    ImU32 Color;
    const std::vector<SeriesBucket>* Buckets; // mean drawn as a line, min..max as a band
    double XScale = 1.0;                      // multiplies bucket x (e.g. epochs -> updates)
    float Thickness = 2.0f;
    bool RightAxis = false; // on a fixed [0, 1] axis at the right (accuracy)
    bool Dashed = false;    // a reference kept from an earlier run
    double BlewUpAtX = -1;  // >= 0: the run diverged here; an × marks the spot (and
                            // its exploding values do not set the y range)
    std::string EndNote{};  // written at the curve's end in its colour ("stuck"): a verdict
                            // a reader should not have to find in a tooltip
};

struct PlotMarker {
    double X;
    std::string Text;
};

struct PlotOptions {
    bool LogY = false;
    bool LogX = false; // decades of updates: a plateau over the first hundred of a million shows
    const char* XLabel = "";
    const char* RightLabel = nullptr; // label of the [0, 1] right axis, if any series uses it
};

// A y-against-x curve with vertical marks (the range test's loss against learning rate, the loss
// along the next update's line against step size). Non-finite points are left out.
struct XYMark {
    double X;
    std::string Text;
    ImU32 Color;
};
void DrawXYPlot(const char* id, ImVec2 size, const std::vector<double>& xs, const std::vector<double>& ys,
                ImU32 color, bool log_x, bool log_y, const char* x_label, const std::vector<XYMark>& marks);

// Draws into a region of `size` at the cursor; hovering shows every series' value at the mouse.
void DrawPlot(const char* id, ImVec2 size, const std::vector<PlotSeries>& series,
              const std::vector<PlotMarker>& markers, const PlotOptions& options);

} // namespace nnplay
