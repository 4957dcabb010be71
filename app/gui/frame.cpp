// frame.cpp: the layout and its printout.
#include "app/gui/frame.hpp"

#include "app/gui/views/text_fit.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace nnplay {

void PrintItemLayout(UiState& ui, const std::string& name) {
    if (!ui.Hooks.PrintLayout || ImGui::GetFrameCount() <= 2) return;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (a.x <= 0 && a.y <= 0 && b.x <= 0 && b.y <= 0) return; // a window's first frame: not laid out yet
    const std::pair<float, float> at{(a.x + b.x) / 2, (a.y + b.y) / 2};
    const auto said = ui.Hooks.PrintedItems.find(name);
    if (said != ui.Hooks.PrintedItems.end() && std::abs(said->second.first - at.first) < 1.0f &&
        std::abs(said->second.second - at.second) < 1.0f)
        return;
    ui.Hooks.PrintedItems[name] = at;
    std::printf("%s: %.1f %.1f\n", name.c_str(), at.first, at.second);
    std::fflush(stdout);
}

void PrintItemValue(UiState& ui, const std::string& name, const std::string& value) {
    if (!ui.Hooks.PrintLayout) return;
    std::string& last = ui.Hooks.PrintedValues[name];
    if (last == value) return;
    last = value;
    std::printf("value %s: %s\n", name.c_str(), value.c_str());
    std::fflush(stdout);
}

void PrintPanelFit(UiState& ui) {
    if (!ui.Hooks.PrintLayout || ImGui::GetFrameCount() <= 3) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    PrintItemValue(ui, "window size", std::to_string(int(display.x)) + "x" + std::to_string(int(display.y)));
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (!w->Active || w->Hidden ||
            (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_ChildMenu)))
            continue;
        if (std::string_view(w->Name).starts_with("Debug##") || (w->Flags & ImGuiWindowFlags_MenuBar))
            continue; // (one row)
        // Where the widest item ended, against where the panel's content is cut (a child that
        // scrolls sideways on purpose would report too; none does).
        const float over = w->DC.IdealMaxPos.x - w->InnerClipRect.Max.x;
        // Below the bottom is fine where a scrollbar says so; without one it is cut off.
        const float under = w->ScrollbarY ? 0.0f : w->DC.IdealMaxPos.y - w->InnerClipRect.Max.y;
        char text[64];
        if (over > 1.0f)
            std::snprintf(text, sizeof text, "%.0f px too wide", over);
        else if (under > 1.0f)
            std::snprintf(text, sizeof text, "%.0f px too tall", under);
        else // (a scrollbar is no fault, but a panel meant to show all at once can be checked for it)
            std::snprintf(text, sizeof text, w->ScrollbarY ? "fits (scrolls)" : "fits");
        PrintItemValue(ui, std::string("panel fit ").append(w->Name), text);
    }
}

void PrintTextFit(UiState& ui) {
    if (!ui.Hooks.PrintLayout || ImGui::GetFrameCount() <= 3 || !ImGui::GetDrawData()) return;
    const TextFaults f = FindTextFaults(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
    // Where the faults are. A window's size and scroll range follow its content a frame late, so
    // the frame a view changes can cut a line that the next frame shows whole: a fault counts when
    // it is in the same place on two frames running.
    std::string where;
    for (const DrawnText& t : f.Cut)
        where += t.Window + "\n";
    for (const auto& [a, b] : f.Overlapping)
        where += a.Window + " over\n";
    const bool steady = where == ui.Hooks.TextFaultsLastFrame;
    ui.Hooks.TextFaultsLastFrame = where;
    if (!steady) return;
    PrintItemValue(ui, "text cut", DescribeCut(f));
    PrintItemValue(ui, "text overlap", DescribeOverlap(f));
}

Layout ComputeLayout(ImVec2 origin, ImVec2 size, bool step_mode, float scale, bool lesson, bool wide_views) {
    // Left: controls over data. Centre: the canvas, as large as fits. Right: network over loss.
    // A lesson beside step mode or the lab: a wider left column, controls over the lesson.
    const bool lesson_left = lesson && (step_mode || wide_views);
    const float left =
        lesson_left ? std::max(380.0f * scale, size.x * 0.3f) : std::max(290.0f * scale, size.x * 0.23f);
    Layout l;
    const float controls_h = size.y * (lesson_left ? 0.45f : 0.67f);
    l.Controls = {origin, {left, controls_h}};
    l.Data = {{origin.x, origin.y + controls_h}, {left, size.y - controls_h}};
    l.Lab = {{origin.x + left, origin.y}, {size.x - left, size.y}};
    l.Lesson = l.Data;
    if (step_mode) {
        // Step mode: the phase's lines are the lesson. They get the whole width under a smaller
        // canvas (a lecture's batch is a few points) and the diagram, so a phase of the worked
        // example reads whole at 1280x720.
        const float top = std::max(240.0f * scale, size.y * 0.47f),
                    canvas = std::min(top, (size.x - left) * 0.4f);
        l.Canvas = {{origin.x + left, origin.y}, {canvas, top}};
        l.Network = {{origin.x + left + canvas, origin.y}, {size.x - left - canvas, top}};
        l.Loss = {{origin.x + left, origin.y + top}, {size.x - left, size.y - top}};
        return l;
    }
    const float right = std::max(420.0f * scale, size.x * 0.34f);
    const float centre = std::max(200.0f, size.x - left - right);
    l.Canvas = {{origin.x + left, origin.y}, {centre, size.y}};
    if (lesson) { // the text under the plane: a lesson's few paragraphs read at 1280x720
        const float lesson_h = std::max(250.0f * scale, size.y * 0.4f);
        l.Canvas.Size.y = size.y - lesson_h;
        l.Lesson = {{origin.x + left, origin.y + size.y - lesson_h}, {centre, lesson_h}};
    }
    const float network_h = size.y * 0.52f;
    l.Network = {{origin.x + left + centre, origin.y}, {right, network_h}};
    l.Loss = {{origin.x + left + centre, origin.y + network_h}, {right, size.y - network_h}};
    return l;
}

ImageLayout ComputeImageLayout(ImVec2 origin, ImVec2 size, float scale, bool lesson) {
    const float left = std::max(290.0f * scale, size.x * 0.23f);
    const float middle = (size.x - left) / 2, right = size.x - left - middle;
    const float curves_h = size.y * 0.5f, pad_h = size.y * (lesson ? 0.58f : 0.5f);
    ImageLayout l;
    l.Controls = {origin, {left, size.y}};
    l.Curves = {{origin.x + left, origin.y}, {middle, curves_h}};
    l.Confusion = {{origin.x + left, origin.y + curves_h}, {middle, size.y - curves_h}};
    l.Pad = {{origin.x + left + middle, origin.y}, {right, pad_h}};
    l.Views = {{origin.x + left + middle, origin.y + pad_h}, {right, size.y - pad_h}};
    l.Lesson = l.Pad;
    return l;
}

void PlacePanel(const PanelRect& r) {
    ImGui::SetNextWindowPos(r.Pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(r.Size, ImGuiCond_Always);
}

} // namespace nnplay
