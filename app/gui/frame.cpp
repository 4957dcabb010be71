// frame.cpp: the layout and its printout.
#include "app/gui/frame.hpp"

#include <cstdio>

namespace nnplay {

void PrintItemLayout(UiState& ui, const std::string& name) {
    if (!ui.PrintLayout || ImGui::GetFrameCount() <= 2 || ui.PrintedItems.count(name)) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (a.x <= 0 && a.y <= 0 && b.x <= 0 && b.y <= 0) return; // a window's first frame: not laid out yet
    ui.PrintedItems.insert(name);
    std::printf("%s: %.1f %.1f\n", name.c_str(), (a.x + b.x) / 2, (a.y + b.y) / 2);
    std::fflush(stdout);
}

void PrintItemValue(UiState& ui, const std::string& name, const std::string& value) {
    if (!ui.PrintLayout) return;
    std::string& last = ui.PrintedValues[name];
    if (last == value) return;
    last = value;
    std::printf("value %s: %s\n", name.c_str(), value.c_str());
    std::fflush(stdout);
}

Layout ComputeLayout(ImVec2 origin, ImVec2 size, bool step_mode) {
    // Left: controls over data. Centre: the canvas, as large as fits. Right: network over loss.
    const float left = std::max(290.0f, size.x * 0.23f);
    const float right = step_mode ? std::max(560.0f, size.x * 0.46f) : std::max(420.0f, size.x * 0.34f);
    const float centre = std::max(200.0f, size.x - left - right);
    Layout l;
    const float controls_h = size.y * 0.67f;
    l.Controls = {origin, {left, controls_h}};
    l.Data = {{origin.x, origin.y + controls_h}, {left, size.y - controls_h}};
    l.Canvas = {{origin.x + left, origin.y}, {centre, size.y}};
    const float network_h = size.y * (step_mode ? 0.56f : 0.52f);
    l.Network = {{origin.x + left + centre, origin.y}, {right, network_h}};
    l.Loss = {{origin.x + left + centre, origin.y + network_h}, {right, size.y - network_h}};
    l.Lab = {{origin.x + left, origin.y}, {size.x - left, size.y}};
    return l;
}

void PlacePanel(const PanelRect& r) {
    ImGui::SetNextWindowPos(r.Pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(r.Size, ImGuiCond_Always);
}

} // namespace nnplay
