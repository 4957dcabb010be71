// plane_view.hpp: a run's maps drawn on a square of the screen: the output texture (or one
// node's), the decision boundary, the points. The main canvas and the lab's small canvases both
// draw with these, so they always agree.
#pragma once
#include "app/gui/runs/run.hpp"

#include <imgui.h>

namespace nnplay {

// Plane <-> screen for a square plot area.
struct PlaneMap {
    ImVec2 Min, Max;
    ViewRect View;
    ImVec2 ToScreen(double x, double y) const {
        return {float(Min.x + (x - View.X0) / (View.X1 - View.X0) * (Max.x - Min.x)),
                float(Max.y - (y - View.Y0) / (View.Y1 - View.Y0) * (Max.y - Min.y))};
    }
    double ToX(float sx) const { return View.X0 + (sx - Min.x) / (Max.x - Min.x) * (View.X1 - View.X0); }
    double ToY(float sy) const { return View.Y0 + (Max.y - sy) / (Max.y - Min.y) * (View.Y1 - View.Y0); }
    double PixelsPerUnit() const { return (Max.x - Min.x) / (View.X1 - View.X0); }
};

// The finished maps (the canvas texture, or node `node`'s thumbnail) and, for the output, the
// decision boundary; drawn where the view they were made for lies on `map` now, clipped to it
// (while the map worker catches up with a zoom or a pan).
void DrawMaps(ImDrawList* dl, const PlaneMap& map, const Visuals& vis, int node, bool light,
              float line_width);

} // namespace nnplay
