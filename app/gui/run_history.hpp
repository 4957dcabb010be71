// run_history.hpp: what a run has recorded of its training (its curves) and what the one undo
// history of the window keeps of it.
#pragma once
#include "core/loss_history.hpp"
#include "core/session_file.hpp"
#include "core/trainer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace nnplay {

// Per-snapshot series the UI records itself (accuracy, gradient norms): bounded like the loss.
struct UiSeries {
    Series TrainAccuracy{2048}, TestAccuracy{2048};
    std::vector<Series> LayerGradNorm; // one per layer
    long LastUpdate = -1;
};

// A run's curves: what the UI recorded of its training (kept by an undo step, adopted by a run).
struct RunCurves {
    LossHistory History{16384};
    std::vector<TrainerEvent> Markers;
    UiSeries Recorded;
};

// One step of the one undo history: what the window had before an edit. A data edit keeps the
// points (undoing it, training carries on); an edit that restarted training (the network, the
// loss, the initialization, a reset, a new dataset) keeps the whole session: its weights,
// counters and curves come back with it.
struct UndoStep {
    std::string What;      // "remove a layer": what Undo (and Redo) would take back
    std::string DataLabel; // what the Data panel called the data then
    Dataset Data;
    std::optional<SessionFile> Setup;
    std::optional<RunCurves> Curves;
};
inline constexpr size_t kMaxUndoSteps = 100;

} // namespace nnplay
