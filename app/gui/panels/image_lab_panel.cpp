// image_lab_panel.cpp: the image mode's lab: copies of the image run differing in one setting
// (the learning rate first), trained side by side, their curves on one plot.
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"
#include "core/util/error.hpp"

#include <cstdio>

namespace nnplay {

namespace {

void DrawImageLabForm(UiState& ui, ImageLab& lab, ImageMode& m) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("vary");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("learning rate").x + ImGui::GetFrameHeight() +
                            2 * ImGui::GetStyle().FramePadding.x);
    EnumCombo("##imglabwhat", lab.What,
              {VarySetting::LearningRate, VarySetting::Optimizer, VarySetting::BatchSize,
               VarySetting::Activation, VarySetting::Init, VarySetting::RegRate},
              VarySettingTitle);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - ButtonWidth("Start") -
                                                 ImGui::GetStyle().ItemSpacing.x));
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s", lab.Values.c_str());
    if (ImGui::InputText("##imglabvalues", buf, sizeof buf)) lab.Values = buf;
    PrintItemLayout(ui, "image lab values");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("2 to 6 values, separated by commas: one run each, identical in everything else");
    ImGui::SameLine();
    ImGui::BeginDisabled(lab.Starting.valid());
    if (ImGui::Button("Start")) {
        try {
            StartImageComparison(lab, m.Desired, m.Snap->Set, m.Snap->ValidationCount);
            m.Post(imgcmd::Pause{}); // the cores go to the comparison
        } catch (const UserError& e) {
            lab.Error = e.what();
        }
    }
    ImGui::EndDisabled();
    PrintItemLayout(ui, "image lab button Start");
    if (!lab.Error.empty()) ImGui::TextColored({0.95f, 0.45f, 0.35f, 1.0f}, "%s", lab.Error.c_str());
    PrintItemValue(ui, "image lab error", lab.Error);
    if (lab.Starting.valid()) ImGui::TextDisabled("starting: every image is scored once for each run...");
    if (lab.Runs.empty()) return;
    bool running = false;
    for (const auto& s : lab.Snaps)
        running = running || s->State == TrainerState::Running;
    if (ImGui::Button(running ? "Pause all" : "Play all"))
        PostToAllImageRuns(lab, running ? ImageCommand{imgcmd::Pause{}} : ImageCommand{imgcmd::Play{}});
    PrintItemLayout(ui, "image lab button Play");
    ImGui::SameLine();
    if (ImGui::Button("Epoch >> all")) PostToAllImageRuns(lab, imgcmd::StepEpoch{});
    ImGui::SameLine();
    if (ImGui::Button("Reset all")) PostToAllImageRuns(lab, imgcmd::Reset{});
    // (on the row when it fits: at 1280x720 "order" was cut by the panel's edge)
    const char* same = "same images, initial weights and batch order";
    SameLineIfFits(ImGui::CalcTextSize(same).x);
    ImGui::TextDisabled("%s", same);
}

} // namespace

void DrawImageLabPanel(UiState& ui, ImageLab& lab, ImageMode& m) {
    ImGui::Begin("Compare runs (image mode)", nullptr, kPanelFlags);
    DrawImageLabForm(ui, lab, m);
    if (lab.Runs.empty()) {
        ImGui::TextWrapped(
            "Copies of this setup trained side by side, differing only in the %s: the same images, "
            "validation split, initial weights and mini-batch order. Type the values and press Start.",
            std::string(VarySettingTitle(lab.What)).c_str());
        ImGui::End();
        return;
    }
    const std::string what(VarySettingName(lab.Spec.What));
    // Per run: its validation accuracy and training cost per epoch.
    std::vector<std::vector<SeriesBucket>> accuracy(lab.Runs.size()), cost(lab.Runs.size());
    std::vector<PlotSeries> acc_series, cost_series;
    for (size_t k = 0; k < lab.Runs.size(); ++k) {
        for (const ImageEpochRecord& r : lab.Snaps[k]->Records) {
            const double a = lab.Snaps[k]->ValidationCount ? r.ValidationAccuracy : r.TestAccuracy;
            accuracy[k].push_back({r.Epoch, r.Epoch, 1, a, a, a});
            cost[k].push_back({r.Epoch, r.Epoch, 1, r.TrainLoss, r.TrainLoss, r.TrainLoss});
        }
        const std::string label = what + " " + lab.Spec.Values[k];
        acc_series.push_back({label, RunColor(int(k)), &accuracy[k]});
        cost_series.push_back({label, RunColor(int(k)), &cost[k]});
    }
    // A table of where each run is, then the two plots share what is left.
    if (ImGui::BeginTable("image lab runs", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        for (const char* h : {"run", "epoch", "train", "validation", "test", "state"})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (size_t k = 0; k < lab.Runs.size(); ++k) {
            const ImageSnapshot& s = *lab.Snaps[k];
            const ImageEpochRecord& r = s.Records.back();
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(RunColor(int(k))), "%s %s", what.c_str(),
                               lab.Spec.Values[k].c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%ld", r.Epoch);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(PercentText(r.TrainAccuracy).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.ValidationCount ? PercentText(r.ValidationAccuracy).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(PercentText(r.TestAccuracy).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.State == TrainerState::Diverged ? "diverged"
                                   : s.Evaluating                    ? "scoring"
                                                  : std::string(TrainerStateName(s.State)).c_str());
            if (s.State == TrainerState::Diverged && ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", s.StatusMessage.c_str());
            PrintItemValue(ui, "image lab run " + std::to_string(k),
                           lab.Spec.Values[k] + " epoch " + std::to_string(r.Epoch) + " validation " +
                               PercentText(r.ValidationAccuracy));
        }
        ImGui::EndTable();
    }
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float h = std::max(80.0f, (room.y - 2 * ImGui::GetTextLineHeightWithSpacing()) / 2);
    ImGui::TextDisabled("%s accuracy per epoch", lab.Snaps[0]->ValidationCount ? "validation" : "test");
    PlotOptions acc_options;
    acc_options.XLabel = "epoch";
    DrawPlot("image lab accuracy", {room.x, h}, acc_series, {}, acc_options);
    ImGui::TextDisabled("training cost per epoch");
    PlotOptions cost_options;
    cost_options.LogY = true;
    cost_options.XLabel = "epoch";
    DrawPlot("image lab cost", {room.x, std::max(80.0f, ImGui::GetContentRegionAvail().y)}, cost_series, {},
             cost_options);
    ImGui::End();
}

} // namespace nnplay
