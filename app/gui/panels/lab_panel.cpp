// lab_panel.cpp: the learning-rate lab: set up a comparison, then watch its runs side by side:
// one loss plot with a curve per run, and a small decision-boundary canvas per run.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/runs/plane_view.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"
#include "core/io/atomic_file.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {

namespace {

// The small canvases' maps, with the points painted in by the map worker: six runs' thousands of
// points cost the UI thread nothing (drawn as shapes, 2,000 points doubled its frame time).
constexpr int kLabCanvasGrid = 128;
constexpr float kLabPointRadius = 1.7f; // in map cells

std::string RunLabel(const Lab& lab, size_t k) {
    return std::string(lab.Spec.What == VarySetting::LearningRate ? "lr" : VarySettingTitle(lab.Spec.What)) +
           " " + lab.Spec.Values[k];
}

// 950, 12.3k, 9.27M: a counter that fits under a small canvas.
std::string CompactCount(long n) {
    char buf[32];
    if (n < 10000)
        std::snprintf(buf, sizeof buf, "%ld", n);
    else if (n < 10000000)
        std::snprintf(buf, sizeof buf, "%.3gk", double(n) / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.3gM", double(n) / 1e6);
    return buf;
}

std::string ChoicesHint(VarySetting what) {
    switch (what) {
    case VarySetting::Optimizer:
        return "e.g. sgd, momentum, adam";
    case VarySetting::Activation:
        return "e.g. tanh, relu, sigmoid (every hidden layer)";
    case VarySetting::Init:
        return "e.g. xavier, he, zeros";
    case VarySetting::BatchSize:
        return "e.g. 1, 10, 100 (points per update)";
    case VarySetting::RegRate:
        return "e.g. 0, 0.001, 0.01 (L2 unless L1 is chosen)";
    case VarySetting::LearningRate:
        return "e.g. 0.001, 0.03, 1";
    case VarySetting::Layers:
        return "e.g. none, 4, 4-2, 8-8 (units per hidden layer)";
    }
    return "";
}

void DrawForm(UiState& ui, Lab& lab, const Run& main) {
    const Snapshot& s = main.Snap();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("vary");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("initialization").x + 2 * ImGui::GetFrameHeight());
    if (ImGui::BeginCombo("##vary", std::string(VarySettingTitle(lab.What)).c_str())) {
        for (VarySetting v : kVarySettings) {
            if (!ImGui::Selectable(std::string(VarySettingTitle(v)).c_str(), v == lab.What) || v == lab.What)
                continue;
            lab.What = v;
            lab.Values = v == VarySetting::LearningRate ? "0.001, 0.03, 0.3, 3"
                         : v == VarySetting::Optimizer  ? "sgd, momentum, adam"
                         : v == VarySetting::BatchSize  ? "1, 10, 100"
                         : v == VarySetting::Activation ? "tanh, relu, sigmoid"
                         : v == VarySetting::Init       ? "xavier, he, zeros"
                         : v == VarySetting::Layers     ? "none, 4, 4-2, 8-8"
                                                        : "0, 0.001, 0.01";
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("values");
    ImGui::SameLine();
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s", lab.Values.c_str());
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 300 * ui.Look.Scale));
    if (ImGui::InputText("##values", buf, sizeof buf)) lab.Values = buf;
    PrintItemLayout(ui, "lab values");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("2 to 6 values, separated by commas: %s", ChoicesHint(lab.What).c_str());
    if (IsNumericSetting(lab.What)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("or a log range: from");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(80 * ui.Look.Scale);
        ImGui::InputFloat("##lo", &lab.RangeLo, 0, 0, "%.4g");
        ImGui::SameLine();
        ImGui::TextDisabled("to");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(80 * ui.Look.Scale);
        ImGui::InputFloat("##hi", &lab.RangeHi, 0, 0, "%.4g");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(90 * ui.Look.Scale);
        ImGui::SliderInt("##n", &lab.RangeCount, kMinCompared, kMaxCompared, "%d values");
        SameLineIfFits(ButtonWidth("Fill in"));
        if (ImGui::Button("Fill in")) {
            try {
                std::string list;
                for (const std::string& v : LogRange(lab.RangeLo, lab.RangeHi, lab.RangeCount, lab.What))
                    list += (list.empty() ? "" : ", ") + v;
                lab.Values = list;
                lab.Error.clear();
            } catch (const UserError& e) {
                lab.Error = e.what();
            }
        }
    } else {
        ImGui::TextDisabled("%s", ChoicesHint(lab.What).c_str());
    }
    char from[96];
    std::snprintf(from, sizeof from, "start from the main run's current weights (update %ld)", s.Updates);
    ImGui::Checkbox(from, &lab.FromCurrentWeights);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Off: every run starts from the main run's initial weights (seed %llu), as Reset does",
            (unsigned long long)s.Config.Seed);
    if (ImGui::Button("Start comparison")) {
        try {
            const ComparisonSpec spec{lab.What, ParseValueList(lab.Values, lab.What, s.Config, "values")};
            Do(ui, act::Compare{{spec, lab.FromCurrentWeights, "", true}}); // at the lab's pace
        } catch (const UserError& e) {
            lab.Error = e.what();
        }
    }
    PrintItemLayout(ui, "lab button Start comparison");
    PrintItemValue(ui, "lab message", lab.Error);
    if (!lab.Error.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored({0.95f, 0.5f, 0.3f, 1.0f}, "%s", lab.Error.c_str());
        ImGui::PopTextWrapPos();
    }
}

// Where $HOME/nnplay-comparison.json is (the current folder without a HOME).
std::string ResultsPath() {
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : ".") + "/nnplay-comparison.json";
}

// A remedy of the diagnosis on trial: what it is, which run is which, and the way to take it.
void DrawTrialHeader(UiState& ui, Lab& lab) {
    ImGui::TextColored({0.95f, 0.65f, 0.2f, 1.0f}, "Trying a remedy");
    ImGui::SameLine();
    std::string trial = lab.Trial;
    if (!trial.empty() && trial.back() == '.') trial.pop_back();
    TextWrappedAtSpaces(trial + ". On the left the run as it is (" + RunLabel(lab, 0) +
                        "), on the right with the remedy (" + RunLabel(lab, 1) + ").");
    if (ImGui::Button("Apply the remedy")) {
        Do(ui, act::ApplyLabRun{1});
        Do(ui, act::EndComparison{true});
        ShowToast(ui, "The run with the remedy is the main run now (Ctrl+Z undoes it)");
        return;
    }
    PrintItemLayout(ui, "lab button Apply the remedy");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Make the run with the remedy the main run (its weights and curve) and close the lab");
    ImGui::SameLine();
}

void DrawRunningHeader(UiState& ui, Lab& lab) {
    if (!lab.Trial.empty() && lab.Runs.size() == 2) DrawTrialHeader(ui, lab);
    if (lab.Runs.empty()) return; // applied
    bool any_running = false;
    for (const std::unique_ptr<Run>& r : lab.Runs)
        any_running |= r->Snap().State == TrainerState::Running;
    if (ImGui::Button(any_running ? "Pause all" : "Play all"))
        Do(ui, act::TrainLab{any_running ? Command{cmd::Pause{}} : Command{cmd::Play{}}});
    PrintItemLayout(ui, "lab button Play all");
    SameLineIfFits(ButtonWidth("Reset all"));
    if (ImGui::Button("Reset all")) Do(ui, act::TrainLab{cmd::Reset{}});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Every run back to its first weights; the curves start again");
    SameLineIfFits(ButtonWidth("Save results"));
    if (ImGui::Button("Save results")) {
        const std::string path = ResultsPath();
        try {
            WriteFileAtomically(path, ComparisonResults(lab).dump(2) + "\n");
            ShowToast(ui, "Saved the comparison's results to " + path);
        } catch (const UserError& e) {
            ShowToast(ui, std::string("Not saved: ") + e.what(), 8.0);
        }
    }
    PrintItemLayout(ui, "lab button Save results");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each run's value, losses, accuracy, updates and divergence, as JSON in %s",
                          ResultsPath().c_str());
    SameLineIfFits(ButtonWidth("New comparison"));
    if (ImGui::Button("New comparison")) Do(ui, act::EndComparison{false});
    SameLineIfFits(ButtonWidth("Close lab"));
    if (ImGui::Button("Close lab")) Do(ui, act::EndComparison{true});
    PrintItemLayout(ui, "lab button Close lab");
    double pace = lab.Pace;
    if (DrawPaceControl(ui, "lab", pace)) Do(ui, act::TrainLab{cmd::SetSpeedLimit{pace}});
    ImGui::TextDisabled("%s: %s", std::string(VarySettingTitle(lab.Spec.What)).c_str(),
                        lab.StartedFromUpdate < 0
                            ? "every run starts from the same initial weights and sees the same mini-batches"
                            : "every run starts from the main run's weights and sees the same mini-batches");
}

void DrawLossPlot(const Lab& lab, ImVec2 size) {
    std::vector<PlotSeries> series;
    for (size_t k = 0; k < lab.Runs.size(); ++k) {
        const Run& r = *lab.Runs[k];
        const Snapshot& s = r.Snap();
        PlotSeries p{RunLabel(lab, k), RunColor(int(k)), &r.History.EpochTrainLoss.Buckets(), 1.0, 2.5f};
        if (s.State == TrainerState::Diverged)
            p.BlewUpAtX = double(s.Updates + 1) / double(std::max<long>(1, s.UpdatesPerEpoch));
        else if (const std::string stuck = RunStuck(r); !stuck.empty())
            p.EndNote = "stuck";
        series.push_back(std::move(p));
    }
    PlotOptions options;
    options.LogY = true;
    options.XLabel = "epoch";
    DrawPlot("lab loss", size, series, {}, options);
}

// The most columns' worth of square canvases of at least `header` text lines that fit.
int BestColumns(int n, ImVec2 avail, float header) {
    int best = 1;
    float best_side = 0;
    for (int cols = 1; cols <= n; ++cols) {
        const int rows = (n + cols - 1) / cols;
        const float side = std::min(avail.x / float(cols) - 8, avail.y / float(rows) - header - 8);
        if (side > best_side) best_side = side, best = cols;
    }
    return best;
}

void DrawRunCanvas(UiState& ui, Lab& lab, size_t k, ImVec2 cell) {
    Run& r = *lab.Runs[k];
    const Snapshot& s = r.Snap();
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginGroup();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled({top.x, top.y + 3}, {top.x + 12, top.y + line_h - 3}, RunColor(int(k)));
    ImGui::SetCursorScreenPos({top.x + 16, top.y});
    ImGui::TextUnformatted(RunLabel(lab, k).c_str());
    ImGui::SameLine(0, 12);
    ImGui::PushID(int(k));
    // "Main", not "Make main": six runs side by side at 1280x720 leave ~160 px a header.
    if (ImGui::SmallButton("Main")) Do(ui, act::ApplyLabRun{int(k)});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Make this run the main run: its settings, weights and curve");
    ImGui::PopID();
    const bool diverged = s.State == TrainerState::Diverged;
    ImGui::PushClipRect(top, {top.x + cell.x - 4, top.y + cell.y},
                        true); // long numbers never run into the next cell
    const std::string stuck = diverged ? "" : RunStuck(r);
    if (diverged)
        ImGui::TextColored({0.95f, 0.35f, 0.3f, 1.0f}, "diverged at update %s",
                           CompactCount(s.Updates + 1).c_str());
    else if (!stuck.empty())
        ImGui::TextColored({0.95f, 0.65f, 0.2f, 1.0f}, "stuck: %s",
                           stuck == "saturated units" ? "saturated" : stuck.c_str());
    else if (std::isfinite(s.Eval.Train.Loss)) {
        // The longest form that fits the cell: six runs at 1280x720 leave ~150 px, and "update
        // 2718" was cut by the next column.
        char line[64];
        const std::string n = CompactCount(s.Updates);
        for (const char* form : {"loss %.3g  update %s", "loss %.3g  upd. %s", "%.3g at %s"}) {
            std::snprintf(line, sizeof line, form, s.Eval.Train.Loss, n.c_str());
            if (ImGui::CalcTextSize(line).x <= cell.x - 8) break;
        }
        ImGui::TextDisabled("%s", line);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("training loss %.6g after %ld updates", s.Eval.Train.Loss, s.Updates);
    } else
        ImGui::TextDisabled("update %s", CompactCount(s.Updates).c_str());
    ImGui::PopClipRect();
    if (!stuck.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", SaturationNote(s.Eval.Train).c_str());
    PrintItemValue(ui, "lab run " + std::to_string(k) + " stuck", stuck.empty() ? "no" : stuck);
    PrintItemValue(ui, "lab run " + std::to_string(k) + " updates", std::to_string(s.Updates));
    const float side = std::max(40.0f, std::min(cell.x - 8, cell.y - 2 * line_h - 8));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const PlaneMap map{at, {at.x + side, at.y + side}, ui.Canvas.View};
    ImGui::Dummy({side, side});
    dl->AddRectFilled(map.Min, map.Max, ImGui::GetColorU32(ImGuiCol_FrameBg));
    DrawMaps(dl, map, r.Vis, -1, ui.Look.Light, 1.5f * ui.Look.Scale);
    dl->AddRect(map.Min, map.Max, RunColor(int(k)), 0.0f, 0, 2.0f);
    if (diverged) { // an × across the canvas: these weights stopped being numbers
        const ImU32 red = IM_COL32(235, 80, 70, 230);
        dl->AddLine({map.Min.x + 6, map.Min.y + 6}, {map.Max.x - 6, map.Max.y - 6}, red, 4.0f);
        dl->AddLine({map.Min.x + 6, map.Max.y - 6}, {map.Max.x - 6, map.Min.y + 6}, red, 4.0f);
    } else if (!stuck.empty()) { // a bar across the canvas: these weights no longer move
        const ImU32 amber = IM_COL32(240, 165, 50, 235);
        const float mid = 0.5f * (map.Min.y + map.Max.y), h = ImGui::GetTextLineHeight();
        dl->AddRectFilled({map.Min.x + 2, mid - 0.8f * h}, {map.Max.x - 2, mid + 0.8f * h},
                          IM_COL32(20, 20, 20, 200));
        std::string text = "stuck: " + stuck;
        if (ImGui::CalcTextSize(text.c_str()).x > map.Max.x - map.Min.x - 8) text = "stuck";
        const float w = ImGui::CalcTextSize(text.c_str()).x;
        dl->AddText({std::max(map.Min.x + 4, 0.5f * (map.Min.x + map.Max.x - w)), mid - 0.5f * h}, amber,
                    text.c_str());
    }
    ImGui::EndGroup();
}

} // namespace

void DrawLabPanel(UiState& ui, Lab& lab, Run& main) {
    if (!ImGui::Begin("Learning-rate lab: one setting, several runs", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    if (lab.Runs.empty()) {
        ImGui::TextWrapped(
            "Train copies of the current setup side by side: the same data, split, initial weights and "
            "mini-batches, and one setting that differs. Each run gets its own colour, curve and canvas.");
        DrawForm(ui, lab, main);
        ImGui::End();
        return;
    }
    DrawRunningHeader(ui, lab);
    if (lab.Runs.empty()) { // the remedy was applied
        ImGui::End();
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    DrawLossPlot(lab, {avail.x, std::max(120.0f, avail.y * 0.42f)});
    const ImVec2 rest = ImGui::GetContentRegionAvail();
    const float header = 2 * ImGui::GetTextLineHeightWithSpacing();
    const int n = int(lab.Runs.size()), cols = BestColumns(n, rest, header);
    const ImVec2 cell{rest.x / float(cols), rest.y / float((n + cols - 1) / cols)};
    for (int k = 0; k < n; ++k) {
        // (SameLine's offset counts from the window's edge, not from its padding: without the
        // padding the first two canvases touched while the others had gaps.)
        if (k % cols != 0) ImGui::SameLine(ImGui::GetCursorStartPos().x + float(k % cols) * cell.x);
        DrawRunCanvas(ui, lab, size_t(k), cell);
    }
    ImGui::End();
}

void UpdateLabMaps(Lab& lab, const UiState& ui, bool wait) {
    for (const std::unique_ptr<Run>& r : lab.Runs)
        r->UpdateMaps(ui.Canvas.View, ui.Canvas.Discretize, ui.Look.Light, wait, kLabCanvasGrid, 0,
                      ui.Canvas.ShowTest ? kLabPointRadius : -kLabPointRadius);
}

} // namespace nnplay
