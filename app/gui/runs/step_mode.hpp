// step_mode.hpp: the step-through mode's moves. Each key press is one phase of one update
// (batch, forward layer by layer, loss, backward layer by layer, update); past the last phase
// the trainer makes the update, before the first one it takes the previous update back.
#pragma once
#include "app/gui/frame.hpp"
#include "app/gui/runs/run.hpp"

namespace nnplay {

void EnterStepMode(UiState& ui, Run& run);
void LeaveStepMode(UiState& ui);
void StepPhaseForward(UiState& ui, const Snapshot& s, Run& run, const Visuals& vis);
void StepPhaseBack(UiState& ui, const Snapshot& s, Run& run, const Visuals& vis);

// Writes the update being stepped through to $HOME/nnplay-update-<N>.json: its numbers in the
// trace format of `nnplay step` (steps[0]: loss, per layer z, a, delta, gradients, new weights)
// and every phase's text (and the chain-rule inspector's derivation, when it is open). Says
// where (or why not) in the toast.
void ExportStepUpdate(UiState& ui, const Snapshot& s, Visuals& vis);

// Rebuilds the walkthrough of the next update when the snapshot changed; restarts the update
// at its batch phase when the weights were edited by hand.
void UpdateStepVisuals(Visuals& vis, UiState& ui, const Snapshot& s);
// The snapshot's next update taken apart, as the step mode shows it: `net` gets its weights (the
// ones before the update). Needs data, a next batch and layers.
UpdateWalkthrough WalkThroughNextUpdate(const Snapshot& s, Mlp& net);

// The phase being shown (valid only when vis.Step.Valid).
inline const PhaseStep& CurrentPhase(const UiState& ui, const Visuals& vis) {
    return vis.Step.Phases[size_t(ui.Step.Phase)];
}

} // namespace nnplay
