// controls_panel.cpp: play/step/reset, the pace, and every training setting.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/runs/step_mode.hpp"

#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

void DrawTransport(UiState& ui, const Snapshot& s, Run& run) {
    const float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const bool running = s.State == TrainerState::Running;
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "play");
        if (ImGui::Button(running ? "Pause" : "Play", {w, 0})) {
            Do(ui, running ? Command{cmd::Pause{}} : Command{cmd::Play{}});
            Do(ui, act::LeaveStep{});
        }
        PrintItemLayout(ui, "controls button Play");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play or pause training (Space)");
    }
    ImGui::SameLine();
    // In step mode the arrows move by phase; these buttons still move by whole updates, and say so.
    const bool stepping = ui.Step.Active;
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "step");
        if (ImGui::Button(stepping ? "Update >" : "Step >", {w, 0})) {
            Do(ui, cmd::StepUpdate{});
            Do(ui, act::GoToPhase{0});
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                stepping ? "Apply this whole update and show the next one's batch (Right arrow: one phase)"
                         : "One whole update: one mini-batch forward, backward and step (Right arrow)");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(LessonLocks(ui, "step")); // (the lesson's step holds the update still)
    if (ImGui::Button(stepping ? "< Update" : "< Back", {w, 0})) {
        Do(ui, cmd::StepBack{});
        Do(ui, act::GoToPhase{0});
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Undo one whole update, exactly (%s); %d available since the last change",
                          stepping ? "Left arrow: one phase back" : "Left arrow", s.StepsBackAvailable);
    if (ImGui::Button("Epoch >>", {w, 0})) Do(ui, cmd::StepEpoch{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Updates until the epoch ends (E)");
    ImGui::EndDisabled();
    ImGui::SameLine();
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "reset");
        if (ImGui::Button("Reset", {w, 0})) DoRestart(ui, cmd::Reset{}, "reset");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the same initial weights, same seed (R)");
    }
    ImGui::SameLine();
    if (ImGui::Button("New init", {w, 0})) {
        DoRestart(ui, cmd::Reinitialize{run.Seed + 1}, "new initialization");
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New random initial weights, next seed (I)");
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (ImGui::Button(ui.Step.Active ? "Leave steps (S)" : "Step through (S)", {half, 0})) {
        if (ui.Step.Active)
            Do(ui, act::LeaveStep{});
        else
            Do(ui, act::EnterStep{});
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Step through backprop: each Right arrow shows one phase of the next update with its real\n"
            "numbers: the batch, forward layer by layer, the loss, backward layer by layer, the update");
    ImGui::SameLine();
    if (ImGui::Button(ui.Show.Lab ? "Close the lab" : "Compare rates", {half, 0})) {
        Do(ui, act::ShowLab{!ui.Show.Lab});
    }
    PrintItemLayout(ui, "controls button Compare");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The learning-rate lab: copies of this setup trained side by side, differing only in the\n"
            "learning rate (or optimizer, batch size, activation, initialization, L2 rate)");

    ImGui::Text("update %ld   epoch %ld", s.Updates, s.Epochs);
    PrintItemValue(ui, "controls updates", std::to_string(s.Updates));
    ImGui::TextColored(RunStateColour(s.State), "%s", std::string(TrainerStateName(s.State)).c_str());
    if (s.State == TrainerState::Running) {
        ImGui::SameLine();
        ImGui::TextDisabled("  %.3g samples/s", s.SamplesPerSecond);
    }
}

// The trainer's status (why it paused or diverged) and the last refused command, in a box of a
// fixed two lines: a message appearing never moves the controls below it (a click aimed at a
// checkbox would land elsewhere), and a long one is cut with its whole text in a tooltip.
void DrawMessages(UiState& ui, const Snapshot& s) {
    PrintItemValue(ui, "controls message", s.LastError);
    PrintItemValue(ui, "controls state", std::string(TrainerStateName(s.State)));
    // A refusal first, then why training stopped, then a stall that only looks like failure.
    const std::string note = SaturationNote(s.Eval.Train);
    const std::string text = !s.LastError.empty()       ? s.LastError
                             : !s.StatusMessage.empty() ? s.StatusMessage
                                                        : note;
    const ImVec4 color = !s.LastError.empty()       ? ImVec4{0.95f, 0.5f, 0.3f, 1.0f}
                         : !s.StatusMessage.empty() ? RunStateColour(s.State)
                                                    : ImVec4{0.95f, 0.8f, 0.3f, 1.0f};
    const float height = 2 * ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##messages", {-FLT_MIN, height}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    if (!text.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(color, "%s", text.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
    if (!text.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

// A settings row: its name in a column as wide as the longest name, then the control filling the
// rest (every row of the learning settings and of "More settings" lines up).
void DrawLearning(UiState& ui, const Snapshot& s, Run& run) {
    TrainConfig& d = run.Desired;
    OptimizerSettings& o = d.Optimizer;
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "lr");
        SettingRow("learning rate");
        float lr = float(o.LearningRate);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        if (ImGui::SliderFloat("##lr", &lr, 1e-5f, 10.0f, "%.5g", ImGuiSliderFlags_Logarithmic)) {
            o.LearningRate = lr;
            Do(ui, cmd::SetLearningRate{o.LearningRate});
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        double exact = o.LearningRate;
        if (ImGui::InputDouble("##lrexact", &exact, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
            o.LearningRate = exact;
            Do(ui, cmd::SetLearningRate{o.LearningRate});
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type an exact learning rate and press Enter");
        PrintItemLayout(ui, "controls learning rate exact");
    }
    char shown[32];
    std::snprintf(shown, sizeof shown, "%.6g", o.LearningRate);
    PrintItemValue(ui, "learning rate", shown);

    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "batch");
        SettingRow("batch size");
        const int max_batch = std::max(1, int(s.Eval.Train.Count));
        if (ImGui::SliderInt("##batch", &d.BatchSize, 1, max_batch, "%d", ImGuiSliderFlags_Logarithmic))
            Do(ui, cmd::SetBatchSize{std::max(1, d.BatchSize)});
    }

    // The optimizer and its own setting share one row: a row more for momentum or Adam pushed
    // "Stop conditions" out of the panel at 1280x720.
    SettingRow("optimizer");
    const bool has_setting = o.Kind == OptimizerKind::Momentum || o.Kind == OptimizerKind::Adam;
    // Adam's betas read "0.9/0.999" (a slash, not ", ": the comma's width cut the last 9 at
    // 1280x720); the setting takes what its text needs, at most half the row.
    char betas[48];
    std::snprintf(betas, sizeof betas, "%.3g/%.4g##betas", o.Beta1, o.Beta2);
    const float betas_w = ImGui::CalcTextSize(betas, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
    const float setting_w =
        has_setting
            ? std::min(ImGui::GetContentRegionAvail().x * 0.5f,
                       std::max(90.0f * ui.Look.Scale, o.Kind == OptimizerKind::Adam ? betas_w : 0.0f))
            : 0.0f;
    ImGui::SetNextItemWidth(has_setting ? ImGui::GetContentRegionAvail().x - setting_w -
                                              ImGui::GetStyle().ItemSpacing.x
                                        : -FLT_MIN);
    {
        const LessonControl lesson(ui, "optimizer");
        if (EnumCombo("##opt", o.Kind, {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam},
                      OptimizerName))
            Do(ui, cmd::SetOptimizer{o});
    }
    if (o.Kind == OptimizerKind::Momentum) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        float mu = float(o.Momentum);
        if (ImGui::SliderFloat("##mu", &mu, 0.0f, 0.99f, "mu %.2f")) {
            o.Momentum = mu;
            Do(ui, cmd::SetOptimizer{o});
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("momentum: the share of the last step kept in the next");
    } else if (o.Kind == OptimizerKind::Adam) {
        ImGui::SameLine();
        if (ImGui::Button(betas, {-FLT_MIN, 0})) ImGui::OpenPopup("adam settings");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Adam's beta1, beta2 (click to change)");
        if (ImGui::BeginPopup("adam settings")) {
            float b[2] = {float(o.Beta1), float(o.Beta2)};
            ImGui::SetNextItemWidth(220 * ui.Look.Scale);
            if (ImGui::SliderFloat2("beta1, beta2", b, 0.0f, 0.9999f, "%.4f")) {
                o.Beta1 = b[0];
                o.Beta2 = b[1];
                Do(ui, cmd::SetOptimizer{o});
            }
            ImGui::EndPopup();
        }
    }
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "loss");
        SettingRow("loss");
        const bool classes = s.Encoding.Kind == ProblemKind::Classification;
        if (EnumCombo("##loss", d.LossKind,
                      classes
                          ? std::initializer_list<Loss>{Loss::HalfSquaredError, Loss::SquaredError,
                                                        Loss::BinaryCrossEntropy, Loss::SoftmaxCrossEntropy}
                          : std::initializer_list<Loss>{Loss::HalfSquaredError, Loss::SquaredError},
                      LossName)) {
            d.Network.Output.reset(); // let the output follow the new loss
            NetworkConfig net = d.Network;
            DoRestart(ui, cmd::SetNetwork{net}, "loss " + std::string(LossName(d.LossKind)));
            Do(ui, cmd::SetLoss{d.LossKind, d.Reduce});
        }
    }
}

// Regularization and the initialization: tucked under "More settings" in presenter mode.
void DrawMoreSettings(UiState& ui, Run& run) {
    TrainConfig& d = run.Desired;
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "reg");
        SettingRow("regularization");
        // Room for "none" and the arrow at any scale; the rate's slider takes the rest.
        ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x * 0.4f,
                                         ImGui::CalcTextSize("none").x + ImGui::GetFrameHeight() +
                                             3 * ImGui::GetStyle().FramePadding.x));
        if (EnumCombo("##reg", d.Reg.Kind,
                      {RegularizationKind::None, RegularizationKind::L1, RegularizationKind::L2},
                      RegularizationName)) {
            if (d.Reg.Kind != RegularizationKind::None && d.Reg.Rate <= 0) d.Reg.Rate = 0.001;
            Do(ui, cmd::SetRegularization{d.Reg});
        }
    }
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "reg-rate");
        if (d.Reg.Kind != RegularizationKind::None) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(-FLT_MIN);
            float rate = float(d.Reg.Rate);
            if (ImGui::SliderFloat("##regrate", &rate, 1e-5f, 1.0f, "rate %.5g",
                                   ImGuiSliderFlags_Logarithmic)) {
                d.Reg.Rate = rate;
                Do(ui, cmd::SetRegularization{d.Reg});
            }
        }
    }
    { // (the lesson may point at it, or lock it)
        const LessonControl lesson(ui, "init");
        SettingRow("initialization");
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
        if (EnumCombo("##init", d.Network.Init,
                      {InitScheme::Xavier, InitScheme::He, InitScheme::Normal, InitScheme::Uniform,
                       InitScheme::Zeros},
                      InitSchemeName))
            DoRestart(ui, cmd::SetNetwork{d.Network},
                      "initialization " + std::string(InitSchemeName(d.Network.Init)));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("zeros: every hidden unit stays identical - see why symmetry must be broken");
    }
    ImGui::SameLine();
    int seed = int(run.Seed);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::InputInt("##seed", &seed, 1, 10, ImGuiInputTextFlags_EnterReturnsTrue) && seed >= 0) {
        run.Seed = uint64_t(seed);
        DoRestart(ui, cmd::Reinitialize{run.Seed}, "seed " + std::to_string(seed));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Seed of the initial weights and of the mini-batch order");
}

void DrawStopConditions(UiState& ui, const Snapshot& s) {
    StopConditions stop = s.Stop;
    bool changed = false;
    int epochs = int(stop.MaxEpochs);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    changed |= ImGui::InputInt("max epochs", &epochs, 0, 0);
    stop.MaxEpochs = std::max(0, epochs);
    float below = float(stop.LossBelow), improve = float(stop.MinImprovement);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    changed |= ImGui::InputFloat("loss below", &below, 0, 0, "%.4g");
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    changed |= ImGui::InputFloat("min gain/epoch", &improve, 0, 0, "%.4g");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Early stopping: pause when an epoch improves the loss by less than this");
    stop.LossBelow = std::max(0.0f, below);
    stop.MinImprovement = std::max(0.0f, improve);
    if (changed) Do(ui, cmd::SetStopConditions{stop});
    ImGui::TextDisabled("0 = off");
}

} // namespace

void DrawControlsPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    if (!ImGui::Begin("Controls", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    DrawTransport(ui, s, run);
    DrawMessages(ui, s);
    ImGui::Separator();
    {
        const LessonControl lesson(ui, "pace");
        double pace = run.SpeedLimit;
        if (DrawPaceControl(ui, "controls", pace)) Do(ui, act::SetPace{pace});
    }
    ImGui::Separator();
    DrawLearning(ui, s, run);
    if (!ui.Look.Presenter) {
        DrawMoreSettings(ui, run);
        if (ImGui::CollapsingHeader("Stop conditions")) DrawStopConditions(ui, s);
    } else if (ImGui::CollapsingHeader("More settings")) { // a projector's room goes to what the lesson uses
        DrawMoreSettings(ui, run);
        ImGui::Separator();
        ImGui::TextDisabled("stop conditions");
        DrawStopConditions(ui, s);
    }
    ImGui::End();
}

} // namespace nnplay
