// row_layout.hpp: rows of buttons that wrap at the panel's edge instead of being cut off.
#pragma once
#include <imgui.h>

namespace nnplay {

// Puts the next item (of this width) on the current row when it fits in the panel, else starts a
// new row. `spacing` < 0 means the style's item spacing, as ImGui::SameLine.
inline void SameLineIfFits(float width, float spacing = -1.0f) {
    const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    const float right = ImGui::GetItemRectMax().x + gap + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine(0, spacing);
}

inline float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}
inline float CheckboxWidth(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
           ImGui::CalcTextSize(label, nullptr, true).x;
}

} // namespace nnplay
