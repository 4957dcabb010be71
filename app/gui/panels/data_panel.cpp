// data_panel.cpp: dataset presets, size, noise, classes and the train/test split.
#include "app/gui/action_do.hpp"
#include "app/gui/files/session_io.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"

#include "core/util/error.hpp"

#include <optional>

namespace nnplay {

namespace {

ViewRect ViewFor(const std::string& preset) {
    if (preset == "xor4") return {-0.5, 1.5, -0.5, 1.5};
    return {};
}

void Generate(UiState& ui, Run& run) {
    Dataset data;
    try {
        if (ui.DataForm.Preset == "empty") {
            data.Kind = ProblemKind::Classification;
        } else {
            const DatasetInfo& info = FindDataset(ui.DataForm.Preset);
            DatasetSpec spec;
            spec.Name = ui.DataForm.Preset;
            spec.NumPoints = ui.DataForm.NumPoints;
            spec.Noise = ui.DataForm.Noise;
            spec.NumClasses = info.Kind == ProblemKind::Regression
                                  ? 2
                                  : std::clamp(ui.DataForm.NumClasses, info.MinClasses, info.MaxClasses);
            spec.TrainFraction = ui.DataForm.TrainFraction;
            spec.Seed = ui.DataForm.DataSeed;
            data = GenerateDataset(spec);
        }
    } catch (const UserError& e) {
        ShowToast(ui, e.what());
        return;
    }
    ReplaceDataset(ui, run, std::move(data), ui.DataForm.Preset, "dataset " + ui.DataForm.Preset,
                   ViewFor(ui.DataForm.Preset));
}

} // namespace

void DrawDataPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    if (!ImGui::Begin("Data", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    bool regenerate = false;
    std::optional<LessonControl> lesson(std::in_place, ui, "dataset"); // the panel's choices of data
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##preset", run.DataLabel.c_str())) {
        for (const DatasetInfo& info : DatasetCatalog()) {
            const std::string label = std::string(info.Name) + "  -  " + std::string(info.Description);
            if (ImGui::Selectable(label.c_str(), ui.DataForm.Preset == info.Name)) {
                ui.DataForm.Preset = std::string(info.Name);
                regenerate = true;
            }
        }
        if (ImGui::Selectable("empty  -  draw your own", ui.DataForm.Preset == "empty")) {
            ui.DataForm.Preset = "empty";
            regenerate = true;
        }
        ImGui::EndCombo();
    }
    if (ui.DataForm.Preset == "empty" && s.Data) {
        // Drawing your own: choose what the points carry, a class or a value.
        int kind = s.Data->Kind == ProblemKind::Regression ? 1 : 0;
        const int before = kind;
        ImGui::RadioButton("classification", &kind, 0);
        ImGui::SameLine();
        ImGui::RadioButton("regression", &kind, 1);
        if (kind != before) {
            Dataset empty;
            empty.Kind = kind == 1 ? ProblemKind::Regression : ProblemKind::Classification;
            empty.NumClasses = kind == 1 ? 0 : 2;
            Do(ui, act::BeginEdit{"a new empty canvas", false});
            if (kind == 1 && (s.Config.LossKind == Loss::BinaryCrossEntropy ||
                              s.Config.LossKind == Loss::SoftmaxCrossEntropy))
                Do(ui, cmd::SetLoss{Loss::HalfSquaredError, s.Config.Reduce});
            Do(ui, cmd::SetDataset{empty});
            run.DataLabel = "empty";
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Starts a new, empty canvas of that kind (undo brings the points back)");
    }
    const bool generated = ui.DataForm.Preset != "empty" && ui.DataForm.Preset != "xor4";
    if (generated) {
        const DatasetInfo& info = FindDataset(ui.DataForm.Preset);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        ImGui::SliderInt("points", &ui.DataForm.NumPoints, 10, 2000, "%d", ImGuiSliderFlags_Logarithmic);
        regenerate |= ImGui::IsItemDeactivatedAfterEdit();
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        ImGui::SliderFloat("noise", &ui.DataForm.Noise, 0.0f, 0.5f, "%.2f");
        regenerate |= ImGui::IsItemDeactivatedAfterEdit();
        if (info.MaxClasses > 2) {
            ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
            ImGui::SliderInt("classes", &ui.DataForm.NumClasses, 2, info.MaxClasses);
            regenerate |= ImGui::IsItemDeactivatedAfterEdit();
        }
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        float percent = ui.DataForm.TrainFraction * 100.0f;
        if (ImGui::SliderFloat("% training", &percent, 10.0f, 90.0f, "%.0f%%"))
            ui.DataForm.TrainFraction = percent / 100.0f;
        regenerate |= ImGui::IsItemDeactivatedAfterEdit();
        if (ImGui::Button("Regenerate (new seed)")) {
            ++ui.DataForm.DataSeed;
            regenerate = true;
        }
    }
    lesson.reset();
    if (regenerate) Generate(ui, run);
    if (s.Data) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s: %zu point%s, %zu for training, %zu held out for testing",
                            s.Data->Kind == ProblemKind::Regression ? "regression" : "classification",
                            s.Data->Points.size(), s.Data->Points.size() == 1 ? "" : "s",
                            s.Data->CountTrain(), s.Data->CountTest());
        ImGui::PopTextWrapPos();
        PrintItemValue(ui, "data points", std::to_string(s.Data->Points.size()));
    }
    ImGui::End();
}

} // namespace nnplay
