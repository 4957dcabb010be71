// png_export.cpp: PNG files of what the window drew.
#include "app/gui/files/png_export.hpp"

#include "app/gui/frame.hpp"
#include "core/io/atomic_file.hpp"
#include "core/util/error.hpp"

#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>

namespace nnplay {

void WritePng(const Platform& platform, const std::string& path, int x0, int y0, int x1, int y1) {
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) throw UserError("nothing to write: the area is empty");
    const std::vector<unsigned char> pixels = platform.ReadPixels(x0, y0, x1, y1);
    std::string png;
    const auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
    };
    if (!stbi_write_png_to_func(append, &png, w, h, 3, pixels.data(), w * 3))
        throw UserError(path + ": the PNG could not be encoded");
    WriteFileAtomically(path, png);
}

void WritePendingPng(UiState& ui, const Platform& platform, int fb_w, int fb_h) {
    if (!ui.Files.Png || ui.Files.Png->FramesToWait-- > 0) return;
    const PendingPng png = *ui.Files.Png;
    ui.Files.Png.reset();
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    int x0 = 0, y0 = 0, x1 = fb_w, y1 = fb_h;
    if (png.CanvasOnly) {
        if (ui.Canvas.CanvasRect[2] <= ui.Canvas.CanvasRect[0]) {
            ShowToast(
                ui,
                "The canvas is not on screen (the lab or a table of samples is shown): nothing was written");
            return;
        }
        x0 = std::clamp(int(ui.Canvas.CanvasRect[0] * scale.x), 0, fb_w);
        y0 = std::clamp(int(ui.Canvas.CanvasRect[1] * scale.y), 0, fb_h);
        x1 = std::clamp(int(ui.Canvas.CanvasRect[2] * scale.x), 0, fb_w);
        y1 = std::clamp(int(ui.Canvas.CanvasRect[3] * scale.y), 0, fb_h);
    }
    try {
        WritePng(platform, png.Path, x0, y0, x1, y1);
        ShowToast(ui, std::string(png.CanvasOnly ? "The canvas" : "The window") + " (" +
                          std::to_string(x1 - x0) + "x" + std::to_string(y1 - y0) + ") written to " +
                          png.Path);
    } catch (const UserError& e) {
        ShowToast(ui, e.what(), 10.0);
    }
}

} // namespace nnplay
