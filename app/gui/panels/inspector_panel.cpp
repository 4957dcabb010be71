// inspector_panel.cpp: the chain rule of one weight or bias, with the numbers of the update the
// trainer will make next.
#include "app/gui/panels/panels.hpp"
#include "app/gui/runs/inspection.hpp"

#include "core/teach/chain_rule.hpp"
#include "core/teach/walkthrough.hpp"

#include <algorithm>

namespace nnplay {

void DrawInspectorPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    Visuals& vis = run.Vis;
    if (!ui.Show.Inspector) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Low and wide by default: the network diagram, where weights are right-clicked, stays visible.
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x * 0.01f, vp->WorkPos.y + vp->WorkSize.y * 0.56f},
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({vp->WorkSize.x * 0.80f, vp->WorkSize.y * 0.43f}, ImGuiCond_FirstUseEver);
    if (!ImGui::Begin("Chain rule (right-click a weight in the network)", &ui.Show.Inspector,
                      ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ui.Diagram.InspectParam < 0 || size_t(ui.Diagram.InspectParam) >= s.Params.size()) {
        ImGui::TextWrapped("Right-click a weight (an edge) or a node (its bias) in the network diagram to "
                           "see how its gradient "
                           "and its next update are computed, number by number.");
        ImGui::End();
        return;
    }
    if (!s.Data || s.NextBatch.empty()) {
        ImGui::TextUnformatted("No training points: nothing to differentiate yet.");
        ImGui::End();
        return;
    }
    const int batch = int(s.NextBatch.size());
    ui.Diagram.InspectSample = std::clamp(ui.Diagram.InspectSample, 0, batch - 1);
    NetworkFromSnapshot(s, vis.InspectNet); // the snapshot's weights: named here, differentiated below
    const ParamRef ref = ParamAt(vis.InspectNet, size_t(ui.Diagram.InspectParam));
    ImGui::Text("%s, in update %ld (its mini-batch: %d point%s)", ParamName(vis.InspectNet, ref).c_str(),
                s.Updates + 1, batch, batch == 1 ? "" : "s");
    PrintItemValue(ui, "inspector", ParamName(vis.InspectNet, ref));
    if (batch > 1) {
        ImGui::SameLine();
        int sample = ui.Diagram.InspectSample + 1;
        ImGui::SetNextItemWidth(140 * ui.Look.Scale);
        if (ImGui::SliderInt("sample", &sample, 1, batch)) ui.Diagram.InspectSample = sample - 1;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Whose per-sample numbers to show; dL/dw averages the whole batch");
    }
    ImGui::SetNextItemWidth(120 * ui.Look.Scale);
    ImGui::SliderInt("digits", &ui.Diagram.InspectDigits, 3, 12);
    ImGui::SameLine();
    ImGui::Checkbox("numerical gradient", &ui.Diagram.InspectNumerical);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Also the central difference (L(w + h) - L(w - h)) / 2h, next to backprop's value");
    ImGui::SameLine();
    const bool copy = ImGui::Button("Copy as text");
    if (s.State == TrainerState::Running)
        ImGui::TextDisabled("(training is running: the numbers follow the latest weights)");

    UpdateInspection(ui, s, vis);
    std::string text;
    for (const std::string& line : vis.InspectLines)
        text += line + "\n";
    if (copy) ImGui::SetClipboardText(text.c_str());
    ImGui::Separator();
    ImGui::BeginChild("derivation", {0, 0}, false, ImGuiWindowFlags_HorizontalScrollbar);
    for (const std::string& line : vis.InspectLines)
        ImGui::TextUnformatted(line.c_str());
    ImGui::EndChild();
    ImGui::End();
}

} // namespace nnplay
