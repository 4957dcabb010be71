// step_mode.cpp: moving through the phases of an update, and the walkthrough they show.
#include "app/gui/runs/step_mode.hpp"

#include "app/gui/platform/native_chooser.hpp"
#include "app/gui/runs/inspection.hpp"

#include "core/io/atomic_file.hpp"
#include "core/io/scenario.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cstdlib>

namespace nnplay {

void EnterStepMode(UiState& ui, Run& run) {
    ui.Show.Lab = false; // the step panel and the diagram take the lab's place
    run.Post(cmd::Pause{});
    ui.Step.Active = true;
    ui.Step.Phase = 0;
}

void LeaveStepMode(UiState& ui) {
    ui.Step.Active = false;
}

void StepPhaseForward(UiState& ui, const Snapshot& s, Run& run, const Visuals& vis) {
    if (!vis.Step.Valid) {
        ShowToast(ui, s.NextBatch.empty() ? "No training points: add some to step through an update"
                                          : "Nothing to step through yet");
        return;
    }
    if (ui.Step.Phase + 1 < int(vis.Step.Phases.size())) {
        ++ui.Step.Phase;
        return;
    }
    if (!vis.Step.Walk.Finite) {
        ShowToast(ui, "This update would make a weight infinite or NaN: lower the learning rate, or go back");
        return;
    }
    run.Post(cmd::StepUpdate{}); // the update just shown is applied; the next one starts
    ui.Step.Phase = 0;
}

void StepPhaseBack(UiState& ui, const Snapshot& s, Run& run, const Visuals& vis) {
    if (ui.Step.Phase > 0) {
        --ui.Step.Phase;
        return;
    }
    if (s.StepsBackAvailable <= 0) {
        ShowToast(ui, s.Updates == 0
                          ? "This is the first update: nothing before it"
                          : "Nothing to go back to since the last change of settings, data or weights");
        return;
    }
    run.Post(cmd::StepBack{}); // the previous update's weights again, shown at its last phase
    ui.Step.Phase = std::max(0, int(vis.Step.Phases.size()) - 1);
}

void ExportStepUpdate(UiState& ui, const Snapshot& s, Visuals& vis) {
    if (!vis.Step.Valid) {
        ShowToast(ui, "No update to export: there are no training points");
        return;
    }
    const char* home = std::getenv("HOME");
    const std::string path =
        std::string(home && *home ? home : ".") + "/nnplay-update-" + std::to_string(s.Updates + 1) + ".json";
    nlohmann::json phases = nlohmann::json::array();
    // What the chain-rule inspector shows, when it shows this snapshot's numbers.
    nlohmann::json inspector;
    if (ui.Show.Inspector && !UpdateInspection(ui, s, vis).empty())
        inspector = {
            {"param", ParamName(vis.Step.Net, ParamAt(vis.Step.Net, size_t(ui.Diagram.InspectParam)))},
            {"lines", vis.InspectLines}};
    for (const PhaseStep& p : vis.Step.Phases)
        phases.push_back({{"title", PhaseTitle(vis.Step.Net, p)},
                          {"lines", DescribePhase(vis.Step.Net, vis.Step.Walk, s.Config, p, ui.Step.Sample,
                                                  ui.Step.Digits, 100000)}});
    const nlohmann::json doc = {{"update", s.Updates + 1},
                                {"batch", s.NextBatch},
                                {"steps", nlohmann::json::array({TraceStep(vis.Step.Net, vis.Step.Walk)})},
                                {"phases", phases},
                                {"inspector", inspector}};
    try {
        WriteFileAtomically(path, doc.dump(2) + "\n");
        ShowToast(ui, "Saved this update's numbers to " + PlaceShown(path));
    } catch (const UserError& e) {
        ShowToast(ui, std::string("Not saved: ") + e.what(), 8.0);
    }
}

UpdateWalkthrough WalkThroughNextUpdate(const Snapshot& s, Mlp& net) {
    Eigen::MatrixXd F, T;
    BatchMatrices(*s.Data, s.NextBatch, s.Config.Network.Features, s.Encoding, F, T);
    NetworkFromSnapshot(s, net);
    return WalkThroughUpdate(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, s.Config, s.OptimizerState,
                             s.Frozen);
}

void UpdateStepVisuals(Visuals& vis, UiState& ui, const Snapshot& s) {
    if (!ui.Step.Active) return;
    if (vis.Step.Sequence != s.Sequence) {
        vis.Step.Sequence = s.Sequence;
        vis.Step.Phases = PhasesOfUpdate(int(s.Layers.size()));
        vis.Step.Valid = s.Data && !s.NextBatch.empty() && !s.Layers.empty();
        if (vis.Step.Valid) vis.Step.Walk = WalkThroughNextUpdate(s, vis.Step.Net);
        // A hand edit (same update, other weights) applies before the next forward pass.
        if (s.Updates == ui.Step.Updates && s.Params != ui.Step.Params && ui.Step.Phase > 0) {
            ui.Step.Phase = 0;
            ShowToast(ui, "Weights edited: this update starts again from its batch");
        }
        ui.Step.Updates = s.Updates;
        ui.Step.Params = s.Params;
    }
    ui.Step.Phase = std::clamp(ui.Step.Phase, 0, int(vis.Step.Phases.size()) - 1);
    ui.Step.Sample = std::clamp(ui.Step.Sample, 0, std::max(0, int(s.NextBatch.size()) - 1));
}

} // namespace nnplay
