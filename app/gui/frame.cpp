// frame.cpp: commands, visuals cache and layout.
#include "app/gui/frame.hpp"

#include "core/features.hpp"

#include <cstdio>

namespace nnplay {

void Commands::BeginDataEdit(UiState& ui, const Snapshot& s) const {
    if (!s.Data) return;
    ui.Undo.push_back(*s.Data);
    if (ui.Undo.size() > 200) ui.Undo.pop_front(); // datasets are small, but not unbounded
    ui.Redo.clear();
}

void UpdateVisuals(Visuals& vis, const UiState& ui, const Snapshot& s) {
    if (vis.Sequence == s.Sequence && vis.View == ui.View && vis.Discretize == ui.Discretize && vis.Light == ui.Light)
        return;
    vis.Sequence = s.Sequence;
    vis.View = ui.View;
    vis.Discretize = ui.Discretize;
    vis.Light = ui.Light;
    ComputeBoundary(s, ui.View, Visuals::kCanvasGrid, Visuals::kNodeGrid, vis.Scratch, vis.Maps);
    PaintBoundary(vis.Maps, ui.Discretize, ui.Light, vis.Pixels);
    vis.Canvas.Upload(vis.Pixels, Visuals::kCanvasGrid, Visuals::kCanvasGrid, !ui.Discretize);
    BoundarySegments(vis.Maps, vis.Line);
    vis.Nodes.resize(vis.Maps.NodeMaps.size());
    for (size_t k = 0; k < vis.Nodes.size(); ++k) {
        PaintNodeMap(vis.Maps, int(k), ui.Light, vis.Pixels);
        vis.Nodes[k].Upload(vis.Pixels, Visuals::kNodeGrid, Visuals::kNodeGrid, true);
    }
    // Which points the network gets wrong, in one batch.
    vis.PointPrediction.clear();
    if (!s.Data || s.Data->Points.empty()) return;
    Eigen::MatrixXd xy(2, Eigen::Index(s.Data->Points.size())), F;
    for (size_t k = 0; k < s.Data->Points.size(); ++k) xy.col(Eigen::Index(k)) << s.Data->Points[k].X1, s.Data->Points[k].X2;
    ComputeFeatures(s.Config.Network.Features, xy, F);
    const Eigen::MatrixXd out = vis.Scratch.Forward(F);
    for (Eigen::Index k = 0; k < out.cols(); ++k)
        vis.PointPrediction.push_back(s.Encoding.Kind == ProblemKind::Regression ? -1
                                                                                  : PredictClass(s.Encoding, out.col(k).data()));
}

void PrintItemLayout(UiState& ui, const std::string& name) {
    if (!ui.PrintLayout || ImGui::GetFrameCount() <= 2 || !ui.PrintedItems.insert(name).second) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    std::printf("%s: %.1f %.1f\n", name.c_str(), (a.x + b.x) / 2, (a.y + b.y) / 2);
    std::fflush(stdout);
}

Layout ComputeLayout(ImVec2 origin, ImVec2 size, bool step_mode) {
    // Left: controls over data. Centre: the canvas, as large as fits. Right: network over loss.
    const float left = std::max(290.0f, size.x * 0.23f);
    const float right = step_mode ? std::max(560.0f, size.x * 0.46f) : std::max(420.0f, size.x * 0.34f);
    const float centre = std::max(200.0f, size.x - left - right);
    Layout l;
    const float controls_h = size.y * 0.62f;
    l.Controls = {origin, {left, controls_h}};
    l.Data = {{origin.x, origin.y + controls_h}, {left, size.y - controls_h}};
    l.Canvas = {{origin.x + left, origin.y}, {centre, size.y}};
    const float network_h = size.y * (step_mode ? 0.56f : 0.52f);
    l.Network = {{origin.x + left + centre, origin.y}, {right, network_h}};
    l.Loss = {{origin.x + left + centre, origin.y + network_h}, {right, size.y - network_h}};
    return l;
}

void PlacePanel(const PanelRect& r) {
    ImGui::SetNextWindowPos(r.Pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(r.Size, ImGuiCond_Always);
}

} // namespace nnplay
