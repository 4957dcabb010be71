// presenter.hpp: presenter mode (F11): full screen, everything sized for the back of a lecture
// hall, high contrast, the advanced controls tucked away; and back to the window as it was.
#pragma once
#include "app/gui/ui_state.hpp"

#include <imgui.h>

namespace nnplay {

// The UI scale presenter mode uses on a screen this many pixels high: 1.5 at 1080p (text 26 px
// high; the layout of the 1280x720 window, which is the one every panel is made to fit), 3 at
// 2160p; never below 1 (at 720p the size stays, the contrast and the points grow).
float PresenterScale(int screen_height);

// The look in or out of presenter mode as ui.Look.Presenter says, once the platform has made the
// window full screen (on a screen `screen_height` pixels high) or put it back: the presenter's
// scale, point size and colours; or the scale and point size from before.
void ApplyPresenter(UiState& ui, int screen_height);

// High contrast for a projector: pure black behind white text, brighter secondary text and
// frames, thicker borders.
void MakeHighContrast(ImGuiStyle& style);

} // namespace nnplay
