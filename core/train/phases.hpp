// phases.hpp: the phases one update is taken apart into, as a lecture walks through them: the
// batch, forward layer by layer, the loss, backward layer by layer, the update. The step mode
// shows them (walkthrough.hpp); the diagnosis points at one.
#pragma once
#include <vector>

namespace nnplay {

enum class Phase { Batch, Forward, Loss, Backward, Update };

struct PhaseStep {
    Phase Kind = Phase::Batch;
    int Layer = -1; // Forward and Backward: the layer this step shows
    bool operator==(const PhaseStep&) const = default;
};

// Batch, Forward 0..L-1, Loss, Backward L-1..0, Update: 2L + 3 steps per update.
std::vector<PhaseStep> PhasesOfUpdate(int layers);

} // namespace nnplay
