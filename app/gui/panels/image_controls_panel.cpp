// image_controls_panel.cpp: the image mode's play/step/reset and every training setting.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"

#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

void DrawImageTransport(UiState& ui, const ImageSnapshot& s) {
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    const bool running = s.State == TrainerState::Running;
    if (ImGui::Button(running ? "Pause" : "Play", {w, 0}))
        Do(ui, act::TrainImages{running ? ImageCommand{imgcmd::Pause{}} : ImageCommand{imgcmd::Play{}}});
    PrintItemLayout(ui, "image button Play");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Train epoch after epoch; after each, every image is scored (Space)");
    ImGui::SameLine();
    if (ImGui::Button("Step >", {w, 0})) {
        Do(ui, act::TrainImages{imgcmd::StepUpdate{}});
        ui.Images.OpenImageTab = 2; // the last update
    }
    PrintItemLayout(ui, "image button Step");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("One update: one mini-batch forward, backward and step; the Last update tab shows "
                          "it (Right arrow)");
    if (ImGui::Button("Epoch >>", {w, 0})) Do(ui, act::TrainImages{imgcmd::StepEpoch{}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Updates until the epoch ends, then the scores (E)");
    ImGui::SameLine();
    if (ImGui::Button("Reset", {w, 0})) Do(ui, act::TrainImages{imgcmd::Reset{}});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Back to the same initial weights (same seed): the curves start over (R)");

    const long per_epoch = std::max(1L, long(s.TrainCount));
    ImGui::Text("epoch %ld  (%s of %s images)", s.Epochs, GroupedCount(long(s.EpochPosition)).c_str(),
                GroupedCount(per_epoch).c_str());
    ImGui::Text("update %s", GroupedCount(s.Updates).c_str());
    ImGui::TextColored(RunStateColour(s.State), "%s",
                       s.Evaluating ? "scoring every image..."
                                    : std::string(TrainerStateName(s.State)).c_str());
    if (running && !s.Evaluating) {
        ImGui::SameLine();
        ImGui::TextDisabled(" %s images/s", GroupedCount(std::lround(s.SamplesPerSecond)).c_str());
    }
    PrintItemValue(ui, "image epochs", std::to_string(s.Epochs));
    PrintItemValue(ui, "image updates", std::to_string(s.Updates));
    PrintItemValue(ui, "image state", std::string(TrainerStateName(s.State)));
    const std::string& message = !s.LastError.empty() ? s.LastError : s.StatusMessage;
    if (!message.empty()) ImGui::TextColored({0.95f, 0.45f, 0.35f, 1.0f}, "%s", message.c_str());
    PrintItemValue(ui, "image message", message);
}

// Hidden layers: units and activation of each; + and - layer. Any change starts training over.
bool DrawImageLayers(TrainConfig& d) {
    bool changed = false;
    std::vector<LayerSpec>& hidden = d.Network.Hidden;
    for (size_t l = 0; l < hidden.size(); ++l) {
        ImGui::PushID(int(l));
        ImGui::AlignTextToFramePadding();
        ImGui::Text("hidden %zu", l + 1);
        ImGui::SameLine(ImGui::CalcTextSize("regularization").x + 2 * ImGui::GetStyle().ItemSpacing.x);
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x + 2 * ImGui::GetStyle().FramePadding.x);
        int units = hidden[l].Units;
        if (ImGui::InputInt("##units", &units, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue)) {
            hidden[l].Units = std::clamp(units, 1, kMaxUnits);
            changed = true;
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        changed |= EnumCombo("##act", hidden[l].Act,
                             {Activation::Sigmoid, Activation::Tanh, Activation::Relu, Activation::LeakyRelu,
                              Activation::Linear},
                             ActivationName);
        ImGui::PopID();
    }
    if (ImGui::SmallButton("+ layer") && hidden.size() < 4) {
        hidden.push_back(hidden.empty() ? LayerSpec{100, Activation::Sigmoid} : hidden.back());
        changed = true;
    }
    SameLineIfFits(ButtonWidth("- layer"));
    if (ImGui::SmallButton("- layer") && !hidden.empty()) {
        hidden.pop_back();
        changed = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("No hidden layer: a linear classifier on the pixels");
    return changed;
}

void DrawImageSettings(UiState& ui, ImageMode& m, const ImageSnapshot& s) {
    TrainConfig& d = m.Desired;
    OptimizerSettings& o = d.Optimizer;
    bool schedule = false, rebuild = false;
    SettingRow("learning rate");
    double lr = o.LearningRate;
    if (ImGui::InputDouble("##imglr", &lr, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
        o.LearningRate = lr;
        schedule = true;
    }
    PrintItemLayout(ui, "image learning rate");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Type a rate and press Enter: it applies from the next update, the weights stay");
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.6g", s.Config.Optimizer.LearningRate);
    PrintItemValue(ui, "image learning rate", shown);
    SettingRow("batch size");
    int batch = d.BatchSize;
    if (ImGui::InputInt("##imgbatch", &batch, 10, 100, ImGuiInputTextFlags_EnterReturnsTrue)) {
        d.BatchSize = std::clamp(batch, 1, int(std::max<size_t>(1, s.TrainCount)));
        schedule = true;
    }
    SettingRow("optimizer");
    schedule |= EnumCombo("##imgopt", o.Kind,
                          {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}, OptimizerName);
    SettingRow("L2");
    double l2 = d.Reg.Kind == RegularizationKind::L2 ? d.Reg.Rate : 0.0;
    if (ImGui::InputDouble("##imgl2", &l2, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
        d.Reg = l2 > 0 ? Regularization{RegularizationKind::L2, l2} : Regularization{};
        schedule = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "λ of the L2 term added to the weight gradients (λw); 0: none. The lecture's: 0.01");
    SettingRow("loss");
    if (EnumCombo("##imgloss", d.LossKind,
                  {Loss::BinaryCrossEntropy, Loss::SoftmaxCrossEntropy, Loss::HalfSquaredError}, LossName)) {
        d.Network.Output.reset(); // the outputs follow the loss: sigmoid for BCE, softmax for CE
        rebuild = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("binary cross-entropy: sigmoid outputs, the lecture's logistic cost\nsoftmax "
                          "cross-entropy: outputs that sum to 1");
    SettingRow("summed over");
    const char* reduce = d.Reduce == Reduction::Sum ? "the batch (sum)" : "the batch (mean)";
    if (ImGui::BeginCombo("##imgreduce", reduce)) {
        for (Reduction r : {Reduction::Sum, Reduction::Mean})
            if (ImGui::Selectable(r == Reduction::Sum ? "the batch (sum)" : "the batch (mean)",
                                  r == d.Reduce)) {
                d.Reduce = r;
                rebuild = true;
            }
        ImGui::EndCombo();
    }
    rebuild |= DrawImageLayers(d);
    SettingRow("initialization");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    rebuild |= EnumCombo(
        "##imginit", d.Network.Init,
        {InitScheme::Normal01, InitScheme::Normal, InitScheme::Xavier, InitScheme::He, InitScheme::Uniform},
        InitSchemeName);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-FLT_MIN);
    int seed = int(d.Seed);
    if (ImGui::InputInt("##imgseed", &seed, 1, 10, ImGuiInputTextFlags_EnterReturnsTrue) && seed >= 0) {
        d.Seed = uint64_t(seed);
        rebuild = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Seed of the initial weights and of the mini-batch order");
    if (ImGui::Button("The lecture's digit MLP")) {
        d = LectureDigitConfig();
        rebuild = true;
    }
    PrintItemLayout(ui, "image button Lecture");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "784-100-10, sigmoid hidden and output units, logistic cost summed over batches of 100,\n"
            "L2 0.01, learning rate 0.0005, weights from N(0, 0.1)");
    if (schedule || rebuild) Do(ui, act::TrainImages{imgcmd::SetConfig{d}});
    if (rebuild)
        ShowToast(ui, "A new network (or loss, seed): training starts over from its initial weights");
}

} // namespace

void DrawImageControlsPanel(UiState& ui, ImageMode& m) {
    ImGui::Begin("Images", nullptr, kPanelFlags);
    const ImageSnapshot& s = *m.Snap;
    ImGui::TextUnformatted(m.Label.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    // A lesson's subset says of how many: "the first 1,000 of 55,000 train".
    const std::string train = s.AllTraining > s.TrainCount ? "the first " + GroupedCount(long(s.TrainCount)) +
                                                                 " of " + GroupedCount(long(s.AllTraining))
                                                           : GroupedCount(long(s.TrainCount));
    TextWrappedAtSpaces(std::to_string(s.Set->TestImages.Cols) + "x" +
                        std::to_string(s.Set->TestImages.Rows) + " pixels, " + std::to_string(s.Classes) +
                        " classes; " + train + " train, " + GroupedCount(long(s.ValidationCount)) +
                        " validation, " + GroupedCount(long(s.Set->TestImages.Count)) +
                        " test images"); // ("1,000" stays whole)
    PrintItemValue(ui, "image training images", train);
    ImGui::PopStyleColor();
    ImGui::Separator();
    DrawImageTransport(ui, s);
    ImGui::Separator();
    DrawImageSettings(ui, m, s);
    ImGui::Separator();
    if (ImGui::Button(ui.Show.ImageLab ? "Close the comparison" : "Compare runs"))
        ui.Show.ImageLab = !ui.Show.ImageLab;
    PrintItemLayout(ui, "image button Compare");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Copies of this setup trained side by side, differing only in the learning rate (or optimizer,\n"
            "batch size, activation, initialization, L2 rate): the same images, initial weights and batches");
    if (ImGui::Button("Back to the 2-D playground")) Do(ui, act::Flip{Toggle::Images});
    PrintItemLayout(ui, "image button Back");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The images keep their training here: Images > Show the image mode brings them back");
    ImGui::End();
}

} // namespace nnplay
