// png_export.hpp: what the window has drawn, as PNG files: File > Export canvas / window, and
// the last frame of a scripted run (--screenshot).
#pragma once
#include "app/gui/platform/platform.hpp"
#include "app/gui/ui_state.hpp"

#include <string>

namespace nnplay {

// The pixels of [x0, x1) x [y0, y1) of the frame just rendered (top-left origin, as ImGui places
// things), written atomically. Throws UserError if it cannot be written.
void WritePng(const Platform& platform, const std::string& path, int x0, int y0, int x1, int y1);

// File > Export canvas / window (PNG), once the frame is rendered and the dialog is gone: a
// toast says what was written, or why not.
void WritePendingPng(UiState& ui, const Platform& platform, int fb_w, int fb_h);

} // namespace nnplay
