// presenter.cpp: presenter mode.
#include "app/gui/views/presenter.hpp"

#include <algorithm>
#include <cmath>

namespace nnplay {

float PresenterScale(int screen_height) {
    return std::clamp(1.5f * float(screen_height) / 1080.0f, 1.0f, 4.0f);
}

void ApplyPresenter(UiState& ui, int screen_height) {
    if (ui.Look.Presenter) {
        ui.Look.ScaleBeforePresenter = ui.Look.PendingScale;
        ui.Look.PointRadiusBeforePresenter = ui.Look.PointRadius;
        ui.Look.PendingScale = PresenterScale(screen_height);
        ui.Look.PointRadius = std::max(ui.Look.PointRadius, 8.0f);
    } else {
        ui.Look.PendingScale = ui.Look.ScaleBeforePresenter;
        ui.Look.PointRadius = ui.Look.PointRadiusBeforePresenter;
    }
}

void MakeHighContrast(ImGuiStyle& style) {
    ImVec4* c = style.Colors;
    const bool light = c[ImGuiCol_WindowBg].x > 0.5f;
    const ImVec4 ink = light ? ImVec4{0, 0, 0, 1} : ImVec4{1, 1, 1, 1},
                 paper = light ? ImVec4{1, 1, 1, 1} : ImVec4{0, 0, 0, 1};
    c[ImGuiCol_Text] = ink;
    c[ImGuiCol_TextDisabled] = light ? ImVec4{0.25f, 0.25f, 0.25f, 1} : ImVec4{0.78f, 0.78f, 0.78f, 1};
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = paper;
    c[ImGuiCol_PopupBg] = light ? ImVec4{0.97f, 0.97f, 0.97f, 1} : ImVec4{0.08f, 0.08f, 0.08f, 1};
    c[ImGuiCol_Border] = light ? ImVec4{0.2f, 0.2f, 0.2f, 1} : ImVec4{0.7f, 0.7f, 0.7f, 1};
    c[ImGuiCol_FrameBg] = light ? ImVec4{0.85f, 0.85f, 0.88f, 1} : ImVec4{0.2f, 0.22f, 0.28f, 1};
    style.WindowBorderSize = style.FrameBorderSize = 1.0f;
}

} // namespace nnplay
