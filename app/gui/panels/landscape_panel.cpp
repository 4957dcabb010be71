// landscape_panel.cpp: the loss panel's "Surface" and "Rate finder" tabs: why a learning rate
// works or fails, seen on the loss landscape, and a rate found by a range test.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"
#include "core/teach/chain_rule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {

namespace {

std::string NameOf(const Snapshot& s, size_t param, Mlp& scratch) {
    NetworkFromSnapshot(s, scratch);
    return ParamName(scratch, ParamAt(scratch, param));
}

// The contour map: the loss over the two weights, the path they took, where they are now.
void DrawContourMap(const UiState& ui, Run& run, ImVec2 at, float side) {
    const Landscape& land = run.Land;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end{at.x + side, at.y + side};
    if (!land.Shown || !land.Shown->Error.empty()) {
        dl->AddRect(at, end, ImGui::GetColorU32(ImGuiCol_Border));
        dl->AddText({at.x + 6, at.y + 6}, ImGui::GetColorU32(ImGuiCol_Text),
                    land.Shown ? land.Shown->Error.c_str() : "computing the surface...");
        return;
    }
    const SurfaceResult& r = *land.Shown;
    const SurfaceGrid& g = r.From.Grid;
    dl->AddImage(land.SurfaceTexture.Id(), at, end);
    const float cell = side / float(g.N - 1);
    for (const Segment& c : r.Contours)
        dl->AddLine({at.x + c.X0 * cell, at.y + c.Y0 * cell}, {at.x + c.X1 * cell, at.y + c.Y1 * cell},
                    IM_COL32(255, 255, 255, 70), 1.0f);
    // Parameter values to the screen (the samples sit on the grid's vertices, ends included).
    const auto to_screen = [&](double a, double b) {
        return ImVec2{float(at.x + (a - g.A0) / (g.A1 - g.A0) * side),
                      float(at.y + (g.B1 - b) / (g.B1 - g.B0) * side)};
    };
    dl->PushClipRect(at, end, true);
    std::vector<ImVec2> path;
    for (const auto& [a, b] : land.Path.Points())
        path.push_back(to_screen(a, b));
    const ImU32 path_color = IM_COL32(120, 230, 255, 255);
    if (path.size() >= 2) dl->AddPolyline(path.data(), int(path.size()), path_color, 0, 2.0f * ui.Look.Scale);
    for (const ImVec2& p : path)
        dl->AddCircleFilled(p, 1.8f * ui.Look.Scale, path_color, 6);
    if (!path.empty()) {
        dl->AddCircle(path.back(), 6.0f * ui.Look.Scale, IM_COL32(255, 255, 255, 255), 16,
                      2.0f * ui.Look.Scale);
        dl->AddCircle(path.front(), 5.0f * ui.Look.Scale, IM_COL32(255, 255, 255, 160), 4,
                      1.5f * ui.Look.Scale); // the start: a diamond
    }
    dl->PopClipRect();
    dl->AddRect(at, end, ImGui::GetColorU32(ImGuiCol_Border));
}

} // namespace

void DrawSurfaceTab(UiState& ui, Run& run) {
    ui.Plot.SurfaceTabOpen = true;
    const Snapshot& s = run.Snap();
    Landscape& land = run.Land;
    if (!land.HavePair) {
        ImGui::TextDisabled("computing...");
        return;
    }
    const std::string a = NameOf(s, land.A, run.Vis.Scratch), b = NameOf(s, land.B, run.Vis.Scratch);
    ImGui::Text("loss over %s (across) and %s (up), the rest held", a.c_str(), b.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Shift+click two edges in the network to choose the weights.\n"
            "Dark is low loss; the line is the path the two weights took, the ring where they are now.\n"
            "Refreshed twice a second while training: the other weights move too.");
    PrintItemValue(ui, "surface weights", a + " " + b);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = std::max(80.0f, std::min(avail.y - 4, avail.x * 0.55f));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    DrawContourMap(ui, run, at, side);
    ImGui::Dummy({side, side});
    // Beside it: the loss along the next update's line, the learning rate's step marked.
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("along the next update:");
    if (land.Shown && !land.Shown->LineLoss.empty()) {
        const SurfaceResult& r = *land.Shown;
        size_t best = 0;
        for (size_t k = 1; k < r.LineLoss.size(); ++k)
            if (r.LineLoss[k] < r.LineLoss[best]) best = k;
        std::vector<XYMark> marks = {{r.Rate, "lr", IM_COL32(120, 230, 255, 255)}};
        if (best > 0 && best + 1 < r.LineLoss.size())
            marks.push_back({r.Steps[best], "best", IM_COL32(150, 220, 120, 255)});
        const ImVec2 rest = ImGui::GetContentRegionAvail();
        DrawXYPlot("line", {rest.x, std::max(60.0f, side - 2 * ImGui::GetTextLineHeightWithSpacing())},
                   r.Steps, r.LineLoss, ClassColor(1), false, false, "step", marks);
        const bool sgd = s.Config.Optimizer.Kind == OptimizerKind::Sgd;
        const double lowest = r.Steps[best];
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", !sgd                    ? "momentum/Adam step differently"
                                 : r.Rate > 1.1 * lowest ? "lr overshoots the lowest point"
                                 : r.Rate < 0.9 * lowest ? "lr stops short of it"
                                                         : "lr lands near the lowest point");
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("(no next update)");
    }
    ImGui::EndGroup();
}

void DrawRangeTab(UiState& ui, Run& run) {
    Landscape& land = run.Land;
    const Snapshot& s = run.Snap();
    land.TakeRangeTest(s);
    ImGui::BeginDisabled(land.RangeRunning || s.State == TrainerState::Diverged);
    if (ImGui::Button(land.RangeRunning ? "Testing..." : "Run the range test"))
        land.StartRangeTest(run.SnapPtr());
    ImGui::EndDisabled();
    PrintItemLayout(ui, "loss button Run the range test");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "From the initial weights (or the trained ones), raise the learning rate from 1e-5 to 10,\n"
            "one update each, and plot the loss: it falls once the rate can move the weights and blows\n"
            "up once it is too large. Training itself is not touched (the test runs on a copy).");
    ImGui::SameLine();
    ImGui::BeginDisabled(s.Updates == 0);
    ImGui::Checkbox("from the trained weights", &land.RangeFromTrained);
    ImGui::EndDisabled();
    PrintItemLayout(ui, "loss checkbox range from trained");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("A trained network sits near a minimum, where the loss barely falls at any rate:\n"
                          "the test then finds a rate to go on with, not one to start training with.");
    if (!land.Range) {
        ImGui::TextWrapped("Finds a learning rate: the one where the loss falls fastest (Smith, 2017).");
        PrintItemValue(ui, "range test suggestion", "");
        return;
    }
    const RangeResult& r = *land.Range;
    if (!r.Error.empty()) {
        ImGui::TextColored({0.95f, 0.5f, 0.3f, 1.0f}, "%s", r.Error.c_str());
        return;
    }
    const RangeTestResult& t = r.Test;
    if (t.Suggested > 0) {
        // The rate as the button says it (3 significant digits): what is used is what was read.
        char shown[32];
        std::snprintf(shown, sizeof shown, "%.3g", t.Suggested);
        const std::string use = std::string("Use lr ") + shown;
        SameLineIfFits(ButtonWidth(use.c_str()));
        if (ImGui::Button(use.c_str())) {
            OptimizerSettings o = s.Config.Optimizer;
            o.LearningRate = std::strtod(shown, nullptr);
            Do(ui, cmd::SetOptimizer{o});
        }
        PrintItemLayout(ui, "loss button Use the suggested rate");
        PrintItemValue(ui, "range test suggestion", shown);
    }
    if (!t.NoSuggestion.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{0.95f, 0.6f, 0.3f, 1.0f});
        ImGui::TextWrapped("No rate to suggest: %s.", t.NoSuggestion.c_str());
        ImGui::PopStyleColor();
        PrintItemValue(ui, "range test suggestion", "none: " + t.NoSuggestion);
    }
    std::vector<XYMark> marks;
    if (t.Suggested > 0) {
        char label[48];
        std::snprintf(label, sizeof label, "steepest: %.3g", t.Suggested);
        marks.push_back({t.Suggested, label, IM_COL32(150, 220, 120, 255)});
    }
    char now[48];
    std::snprintf(now, sizeof now, "now: %.3g", s.Config.Optimizer.LearningRate);
    marks.push_back({s.Config.Optimizer.LearningRate, now, IM_COL32(120, 230, 255, 255)});
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    PrintItemValue(ui, "range test from",
                   r.FromUpdate == 0 ? "initial weights" : "update " + std::to_string(r.FromUpdate));
    if (r.FromUpdate == 0)
        ImGui::TextWrapped("%zu updates from the initial weights (seed %llu)%s%s", t.Rates.size(),
                           static_cast<unsigned long long>(s.Config.Seed),
                           t.StoppedBecause.empty() ? "" : "; stopped: ", t.StoppedBecause.c_str());
    else
        ImGui::TextWrapped("%zu updates from the trained weights at update %ld (near a minimum the loss "
                           "barely falls: a rate to go on with, not one to start with)%s%s",
                           t.Rates.size(), r.FromUpdate,
                           t.StoppedBecause.empty() ? "" : "; stopped: ", t.StoppedBecause.c_str());
    ImGui::PopStyleColor();
    DrawXYPlot("range", ImGui::GetContentRegionAvail(), t.Rates, t.Loss, ClassColor(1), true, true,
               "learning rate", marks);
}

} // namespace nnplay
