// plane_view.cpp: maps and points on a square of the screen.
#include "app/gui/runs/plane_view.hpp"

#include "app/gui/views/colors.hpp"

namespace nnplay {

void DrawMaps(ImDrawList* dl, const PlaneMap& map, const Visuals& vis, int node, bool light,
              float line_width) {
    const bool show_node = node >= 0 && size_t(node) < vis.Nodes.size();
    const Texture& background = show_node ? vis.Nodes[size_t(node)] : vis.Canvas;
    const ViewRect& shown = vis.Shown.View;
    const ImVec2 maps_min = map.ToScreen(shown.X0, shown.Y1), maps_max = map.ToScreen(shown.X1, shown.Y0);
    dl->PushClipRect(map.Min, map.Max, true);
    if (background.Valid()) dl->AddImage(background.Id(), maps_min, maps_max);
    if (!show_node && vis.Shown.Snap && vis.Shown.CanvasGrid > 0) {
        const float cell_x = (maps_max.x - maps_min.x) / float(vis.Shown.CanvasGrid);
        const float cell_y = (maps_max.y - maps_min.y) / float(vis.Shown.CanvasGrid);
        const ImU32 line = light ? IM_COL32(20, 20, 20, 230) : IM_COL32(250, 250, 250, 230);
        for (const Segment& g : vis.Line)
            dl->AddLine({maps_min.x + g.X0 * cell_x, maps_min.y + g.Y0 * cell_y},
                        {maps_min.x + g.X1 * cell_x, maps_min.y + g.Y1 * cell_y}, line, line_width);
    }
    dl->PopClipRect();
}

} // namespace nnplay
