// presenter.hpp: presenter mode (F11): full screen, everything sized for the back of a lecture
// hall, high contrast, the advanced controls tucked away; and back to the window as it was.
#pragma once
#include "app/gui/ui_state.hpp"

#include <imgui.h>

struct GLFWwindow;

namespace nnplay {

// The UI scale presenter mode uses on a screen this many pixels high: 1.5 at 1080p (text 26 px
// high; the layout of the 1280x720 window, which is the one every panel is made to fit), 3 at
// 2160p; never below 1 (at 720p the size stays, the contrast and the points grow).
float PresenterScale(int screen_height);

// Where the window was before presenter mode took the whole screen.
struct WindowedPlacement {
    int X = 0, Y = 0, Width = 1280, Height = 720;
};

// Puts the window in or out of presenter mode as ui.Presenter says: full screen on the monitor
// it is on (the primary one when unsure) and the presenter's scale, point size and colours; back
// to its place, size, scale and point size.
void ApplyPresenter(GLFWwindow* window, UiState& ui, WindowedPlacement& back);

// High contrast for a projector: pure black behind white text, brighter secondary text and
// frames, thicker borders.
void MakeHighContrast(ImGuiStyle& style);

} // namespace nnplay
