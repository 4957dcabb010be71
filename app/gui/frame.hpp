// frame.hpp: what every panel shares besides the UI state and its run: the tiled layout, the
// toast, and the layout printout the GUI tests read.
#pragma once
#include "app/gui/ui_state.hpp"

#include <imgui.h>

namespace nnplay {

// The tiled layout: panels follow the window size, so nothing is ever lost off-screen.
struct PanelRect {
    ImVec2 Pos, Size;
};
struct Layout {
    PanelRect Controls, Data, Canvas, Network, Loss; // in step mode the step panel takes Loss's place
    PanelRect Lab;    // the learning-rate lab, when open: where the canvas, network and loss are
    PanelRect Lesson; // the lesson player, when a lesson is open
};
// The image mode: controls on the left as in the playground; the curves over the confusion matrix
// in the middle; the drawing pad over the tabbed views on the right. A lesson open takes the pad's
// place, and more of the column's height.
struct ImageLayout {
    PanelRect Controls, Curves, Confusion, Pad, Views;
    PanelRect Lesson; // the lesson player, when a lesson is open (the pad is not shown then)
};
ImageLayout ComputeImageLayout(ImVec2 origin, ImVec2 size, float scale = 1.0f, bool lesson = false);

// A message for the user, shown for a few seconds at the top of the window (DrawToast).
inline void ShowToast(UiState& ui, std::string text, double seconds = 6.0) {
    ui.Toast = std::move(text);
    ui.ToastUntil = ImGui::GetTime() + seconds;
}

// For GUI tests (--print-layout): "<name>: x y", the centre of the last item drawn, printed the
// first time it is drawn and again whenever it moves, so a test can click it by name.
void PrintItemLayout(UiState& ui, const std::string& name);
// For GUI tests (--print-layout): "value <name>: <value>" whenever what a control shows changes.
void PrintItemValue(UiState& ui, const std::string& name, const std::string& value);

// For GUI tests (--print-layout): "value panel fit <window>: fits" or "... N px too wide" for
// every window and child drawn this frame: content that runs past a panel's right edge is cut
// off on screen. Call after every panel is drawn.
void PrintPanelFit(UiState& ui);
// For GUI tests (--print-layout): "value text cut: none" and "value text overlap: none", or what
// text of the frame just rendered is cut off or drawn over other text (text_fit.hpp). Call after
// ImGui::Render().
void PrintTextFit(UiState& ui);

// Step mode gives the diagram (which then carries numbers) more room.
// The panels' least widths grow with the UI scale.
// With a lesson, its panel takes the lower part of the canvas's column; in step mode and in the
// lab (`wide_views`: they need the width) the lower part of a wider left column instead, where
// the data panel was (the data are the lesson's then).
Layout ComputeLayout(ImVec2 origin, ImVec2 size, bool step_mode = false, float scale = 1.0f,
                     bool lesson = false, bool wide_views = false);
void PlacePanel(const PanelRect& r); // SetNextWindowPos/Size for the next Begin

} // namespace nnplay
