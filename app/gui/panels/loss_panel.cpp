// loss_panel.cpp: the loss curve, the metrics, and the gradients of every layer.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

// "0.01234" (significant digits: a tiny loss is "3.2e-09", not "0.00000"), or "-" where a
// value does not exist (no test points yet).
std::string Value(double v, const char* format = "%.4g", double scale = 1.0) {
    if (std::isnan(v)) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v * scale);
    return buf;
}

// "lr 0.03", "adam lr 0.01": what a reference curve was trained with, short enough for a legend.
std::string ReferenceLabel(const TrainConfig& c) {
    char lr[32];
    std::snprintf(lr, sizeof lr, "lr %.4g", c.Optimizer.LearningRate);
    return c.Optimizer.Kind == OptimizerKind::Sgd ? std::string(lr)
                                                  : std::string(OptimizerName(c.Optimizer.Kind)) + " " + lr;
}

void DrawReferenceButtons(UiState& ui, const Snapshot& s, const Run& run) {
    SameLineIfFits(ButtonWidth("Keep as reference"));
    if (ImGui::SmallButton("Keep as reference") && !run.History.EpochTrainLoss.Empty()) {
        if (ui.Plot.References.size() >= kMaxReferences) ui.Plot.References.erase(ui.Plot.References.begin());
        ui.Plot.References.push_back({ReferenceLabel(s.Config), run.History.EpochTrainLoss.Buckets(),
                                      std::max<long>(1, s.UpdatesPerEpoch)});
    }
    PrintItemLayout(ui, "loss button Keep as reference");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Freeze this training curve as a dashed line labelled with its learning rate: it stays\n"
            "while you reset and try another value (at most %zu)",
            kMaxReferences);
    if (!ui.Plot.References.empty()) {
        SameLineIfFits(ButtonWidth("Clear"));
        if (ImGui::SmallButton("Clear")) ui.Plot.References.clear();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the kept reference curves");
    }
    std::string labels;
    for (const ReferenceCurve& r : ui.Plot.References)
        labels += (labels.empty() ? "" : ", ") + r.Label;
    PrintItemValue(ui, "loss references", labels);
}

void DrawLossTab(UiState& ui, const Snapshot& s, const Run& run) {
    ImGui::Checkbox("log loss", &ui.Plot.LogY);
    SameLineIfFits(CheckboxWidth("log x"));
    ImGui::Checkbox("log x", &ui.Plot.LogX);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Decades of updates on the x axis: the first hundred updates take as much room as the\n"
            "next nine hundred, so a plateau at the start stays visible however long the run");
    SameLineIfFits(CheckboxWidth("x in epochs"));
    ImGui::Checkbox("x in epochs", &ui.Plot.XInEpochs);
    DrawReferenceButtons(ui, s, run);
    ImGui::Text("loss      train %s   test %s", Value(s.Eval.Train.Loss).c_str(),
                Value(s.Eval.Test.Loss).c_str());
    if (s.Encoding.Kind == ProblemKind::Classification) {
        const std::string train = Value(s.Eval.Train.Accuracy, "%.1f%%", 100),
                          test = Value(s.Eval.Test.Accuracy, "%.1f%%", 100);
        ImGui::Text("accuracy  train %s   test %s", train.c_str(), test.c_str());
        PrintItemValue(ui, "accuracy", "train " + train + " test " + test);
    } else
        ImGui::Text("RMSE      train %s   test %s", Value(s.Eval.Train.Rmse, "%.4f").c_str(),
                    Value(s.Eval.Test.Rmse, "%.4f").c_str());

    // x is updates (or epochs): epoch-indexed series are scaled to updates, and back.
    const double per_epoch = double(std::max<long>(1, s.UpdatesPerEpoch));
    const double epoch_scale = ui.Plot.XInEpochs ? 1.0 : per_epoch,
                 update_scale = ui.Plot.XInEpochs ? 1.0 / per_epoch : 1.0;
    std::vector<PlotSeries> series = {
        {"batch", IM_COL32(150, 150, 150, 160), &run.History.BatchLoss.Buckets(), update_scale, 1.0f},
        {"train", ClassColor(1), &run.History.EpochTrainLoss.Buckets(), epoch_scale, 2.5f},
        {"test", ClassColor(0), &run.History.EpochTestLoss.Buckets(), epoch_scale, 2.5f},
    };
    if (s.Encoding.Kind == ProblemKind::Classification) {
        series.push_back({"train acc.", ClassColor(2, 0.9f), &run.Recorded.TrainAccuracy.Buckets(),
                          update_scale, 1.5f, true});
        series.push_back({"test acc.", ClassColor(3, 0.9f), &run.Recorded.TestAccuracy.Buckets(),
                          update_scale, 1.5f, true});
    }
    for (size_t k = 0; k < ui.Plot.References.size(); ++k) {
        const ReferenceCurve& r = ui.Plot.References[k];
        const ImU32 shade = ui.Look.Light
                                ? IM_COL32(90 + 25 * int(k), 90 + 25 * int(k), 90 + 25 * int(k), 220)
                                : IM_COL32(230 - 25 * int(k), 230 - 25 * int(k), 230 - 25 * int(k), 200);
        PlotSeries ghost{r.Label, shade, &r.Epochs, ui.Plot.XInEpochs ? 1.0 : double(r.UpdatesPerEpoch),
                         2.0f};
        ghost.Dashed = true;
        series.push_back(std::move(ghost));
    }
    std::vector<PlotMarker> markers;
    for (const TrainerEvent& e : run.Markers)
        markers.push_back({double(e.Update) * update_scale, e.Text});
    PrintItemValue(ui, "loss history", std::to_string(run.History.BatchLoss.TotalCount()) + " updates");
    PlotOptions options;
    options.LogY = ui.Plot.LogY;
    options.LogX = ui.Plot.LogX;
    options.XLabel = ui.Plot.XInEpochs ? "epoch" : "update";
    options.RightLabel = s.Encoding.Kind == ProblemKind::Classification ? "accuracy" : nullptr;
    DrawPlot("loss", ImGui::GetContentRegionAvail(), series, markers, options);
}

void DrawMetricsTab(const Snapshot& s) {
    const Metrics& tr = s.Eval.Train;
    const Metrics& te = s.Eval.Test;
    if (s.Encoding.Kind == ProblemKind::Regression) {
        ImGui::Text("RMSE   train %s   test %s", Value(tr.Rmse).c_str(), Value(te.Rmse).c_str());
        ImGui::Text("R^2    train %s   test %s", Value(tr.R2).c_str(), Value(te.R2).c_str());
        return;
    }
    // One line per set: "test 74.80% (250 points)" was cut at the panel's edge when on one line.
    ImGui::Text("accuracy  train %s (%zu points)", Value(tr.Accuracy, "%.2f%%", 100).c_str(), tr.Count);
    ImGui::Text("          test  %s (%zu points)", Value(te.Accuracy, "%.2f%%", 100).c_str(), te.Count);
    const Metrics& m = te.Count ? te : tr;
    // Wrapped: on one line the caption was cut at the panel's edge at 1280x720.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s set: rows are the true class, columns the predicted one",
                       te.Count ? "test" : "training");
    ImGui::PopStyleColor();
    const int k = int(m.Confusion.size());
    if (k == 0) return;
    if (ImGui::BeginTable("confusion", k + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("true \\ predicted");
        for (int c = 0; c < k; ++c) {
            char h[24];
            std::snprintf(h, sizeof h, "class %d", c);
            ImGui::TableSetupColumn(h);
        }
        ImGui::TableHeadersRow();
        for (int r = 0; r < k; ++r) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextColored(ClassColorVec(r), "class %d", r);
            for (int c = 0; c < k; ++c) {
                ImGui::TableSetColumnIndex(c + 1);
                if (r == c && m.Confusion[size_t(r)][size_t(c)] > 0)
                    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, ClassColor(r, 0.35f));
                ImGui::Text("%ld", m.Confusion[size_t(r)][size_t(c)]);
            }
        }
        ImGui::EndTable();
    }
    if (ImGui::BeginTable("scores", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) {
        for (const char* h : {"class", "precision", "recall", "F1"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (int c = 0; c < k; ++c) {
            const ClassScores& sc = m.PerClass[size_t(c)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextColored(ClassColorVec(c), "class %d", c);
            ImGui::TableSetColumnIndex(1);
            ImGui::Text("%.3f", sc.Precision);
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%.3f", sc.Recall);
            ImGui::TableSetColumnIndex(3);
            ImGui::Text("%.3f", sc.F1);
        }
        ImGui::EndTable();
    }
}

void DrawGradientsTab(UiState& ui, const Snapshot& s, const Run& run) {
    ImGui::TextDisabled("dL/dW of the last update per layer (?)");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Rows: units, columns: inputs. Colour: which way the update pushes the weight;\n"
            "strength: |dL/dw| on a log scale, four decades below the layer's largest (under each\n"
            "matrix, so layers whose gradients vanish show it). Hover a cell for its value.");
    const float avail_w = ImGui::GetContentRegionAvail().x, gap = 12.0f * ui.Look.Scale;
    int total_cols = 0, max_rows = 1;
    for (const LayerShape& L : s.Layers) {
        total_cols += L.In;
        max_rows = std::max(max_rows, L.Out);
    }
    const float width_room = avail_w - gap * float(s.Layers.size());
    const float cell = std::clamp(width_room / float(std::max(total_cols, 1)), 4.0f, 28.0f * ui.Look.Scale);
    // A quarter of the tab at most: the norms' plot below is the vanishing-gradient lesson, and at
    // 1280x720 it was left ~50 px with one tick.
    const float row_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.22f / float(max_rows), 3.0f, cell);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    float x = p0.x, label_end[2] = {-FLT_MAX, -FLT_MAX};
    for (size_t l = 0; l < s.Layers.size(); ++l) {
        const LayerShape& L = s.Layers[l];
        double scale = 0.0;
        for (int k = 0; k < L.Out * L.In; ++k)
            scale = std::max(scale, std::abs(s.Grads[L.WeightOffset + size_t(k)]));
        for (int j = 0; j < L.Out; ++j)
            for (int i = 0; i < L.In; ++i) {
                const double g = s.Grads[L.WeightOffset + size_t(i * L.Out + j)];
                // 1 at the layer's largest |g|, 0 four decades below (and for g = 0).
                const double strength =
                    scale > 0 && g != 0 ? std::clamp(1.0 + std::log10(std::abs(g) / scale) / 4.0, 0.0, 1.0)
                                        : 0.0;
                const ImVec2 a{x + float(i) * cell, p0.y + float(j) * row_h},
                    b{a.x + cell - 1, a.y + row_h - 1};
                dl->AddRectFilled(a, b, SignedColor(g < 0 ? strength : -strength, 1.0));
                if (ImGui::IsMouseHoveringRect(a, b))
                    ImGui::SetTooltip("layer %zu: dL/dW[%d][%d] = %+.6g\n(largest in this layer: %.3g)",
                                      l + 1, j + 1, i + 1, g, scale);
            }
        // The layer's largest |dL/dw| under its matrix; a second row when the first is taken.
        char label[48];
        std::snprintf(label, sizeof label, "%.2g", scale);
        const float w = ImGui::CalcTextSize(label).x;
        const int row = x < label_end[0] + 6 ? 1 : 0;
        if (x >= label_end[row] + 6) {
            dl->AddText({x, p0.y + float(max_rows) * row_h + 2 + float(row) * ImGui::GetTextLineHeight()},
                        text, label);
            label_end[row] = x + w;
        }
        x += float(L.In) * cell + gap;
    }
    ImGui::Dummy({avail_w, float(max_rows) * row_h + 2 * ImGui::GetTextLineHeight() + 6});
    ImGui::TextDisabled("gradient norm per layer (L1: the first), log scale");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("In a deep sigmoid network the first layers' gradients are orders of magnitude "
                          "smaller: they vanish");
    std::vector<PlotSeries> series;
    for (size_t l = 0; l < run.Recorded.LayerGradNorm.size(); ++l)
        series.push_back({std::string("L").append(std::to_string(l + 1)), // short: one legend row for nine
                          LayerColor(int(l), int(run.Recorded.LayerGradNorm.size())),
                          &run.Recorded.LayerGradNorm[l].Buckets(), 1.0, 2.0f});
    PlotOptions options;
    options.LogY = true;
    options.XLabel = "update";
    const ImVec2 room = ImGui::GetContentRegionAvail();
    DrawPlot("gradnorm", {room.x, std::max(room.y, 80.0f)}, series, {}, options);
}

} // namespace

void DrawLossPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    if (!ImGui::Begin("Loss", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    // The count in the Diagnosis tab: a finding is seen from any tab.
    const size_t found = s.Findings && s.DiagnosisOn ? s.Findings->size() : 0;
    const std::string count = found ? " (" + std::to_string(found) + ")" : "";
    struct Tab {
        const char *Name, *Short;
        std::string Suffix = "";
    };
    const Tab tabs[] = {{"Loss", "Loss"},       {"Metrics", "Metrics"},    {"Gradients", "Grads"},
                        {"Surface", "Surface"}, {"Rate finder", "Finder"}, {"Diagnosis", "Diagnosis", count}};
    // Six tabs: in a narrow panel (1280x720) their short names, each whole (Dear ImGui would
    // shorten every tab that does not fit: "Gradie...").
    const ImGuiStyle& style = ImGui::GetStyle();
    float full_width = 0.0f;
    for (const Tab& t : tabs)
        full_width += ImGui::CalcTextSize((t.Name + t.Suffix).c_str()).x + 2 * style.FramePadding.x +
                      style.ItemInnerSpacing.x;
    const bool narrow = full_width > ImGui::GetContentRegionAvail().x;
    if (ImGui::BeginTabBar("tabs")) {
        const auto tab = [&](int index) {
            const Tab& t = tabs[index];
            const std::string label = (narrow ? t.Short : t.Name) + t.Suffix + "###" + t.Name;
            const bool open = ImGui::BeginTabItem(
                label.c_str(), nullptr, ui.Plot.OpenTab == index ? ImGuiTabItemFlags_SetSelected : 0);
            if (narrow && ImGui::IsItemHovered() && std::string_view(t.Name) != t.Short)
                ImGui::SetTooltip("%s", t.Name);
            PrintItemLayout(ui, std::string("loss tab ") + t.Name);
            if (open) {
                PrintItemValue(ui, "loss tab shown", t.Name);
                // A tab clicked (not one a key, a lesson or a replay asked for) is an action too.
                if (ui.Plot.ShownTab != index && ui.Plot.OpenTab != index) Do(ui, act::ShowTab{index});
                ui.Plot.ShownTab = index;
            }
            return open;
        };
        if (tab(0)) {
            DrawLossTab(ui, s, run);
            ImGui::EndTabItem();
        }
        if (tab(1)) {
            DrawMetricsTab(s);
            ImGui::EndTabItem();
        }
        if (tab(2)) {
            DrawGradientsTab(ui, s, run);
            ImGui::EndTabItem();
        }
        if (tab(3)) {
            DrawSurfaceTab(ui, run);
            ImGui::EndTabItem();
        }
        if (tab(4)) {
            DrawRangeTab(ui, run);
            ImGui::EndTabItem();
        }
        if (tab(5)) {
            DrawDiagnosisTab(ui, run);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        ui.Plot.OpenTab = -1;
    }
    ImGui::End();
}

} // namespace nnplay
