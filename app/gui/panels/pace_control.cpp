// pace_control.cpp: the pace of training, as named presets, a slider and the +/- keys; one
// control for the main run and the learning-rate lab.
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "core/train/pace.hpp"

#include <cmath>

namespace nnplay {

bool DrawPaceControl(UiState& ui, const char* id, double& pace) {
    ImGui::PushID(id);
    bool changed = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("pace");
    const std::span<const PacePreset> presets = PacePresets();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float label_w = ImGui::GetItemRectSize().x + style.ItemSpacing.x;
    const float w =
        (ImGui::GetContentRegionAvail().x - label_w - float(presets.size() - 1) * style.ItemSpacing.x) /
        float(presets.size());
    for (const PacePreset& p : presets) {
        ImGui::SameLine();
        const bool current = PresetOf(pace) == p.Name;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
        if (ImGui::Button(p.Name, {w, 0})) {
            pace = p.UpdatesPerSecond;
            changed = true;
        }
        if (current) ImGui::PopStyleColor();
        PrintItemLayout(ui, std::string(id) + " pace " + p.Name);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\n+ and - keys: faster, slower; F: max and back", p.About);
    }
    // The slider for any pace between: logarithmic, 1 to 100,000 updates per second; "max" at
    // its right end.
    float v = pace > 0 ? float(pace) : 100000.0f;
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string shown = pace > 0 ? "%.0f updates/s" : "max: as fast as possible";
    if (ImGui::SliderFloat("##pace", &v, 1.0f, 100000.0f, shown.c_str(),
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp)) {
        pace = v >= 99999.0f ? 0.0 : std::round(double(v));
        changed = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Updates per second while playing (right end: max)\n+ and - keys: faster, slower; "
                          "F: max and back");
    PrintItemValue(ui, std::string(id) + " pace", PaceName(pace));
    ImGui::PopID();
    return changed;
}

} // namespace nnplay
