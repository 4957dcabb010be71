// run_history.hpp: what a run has recorded of its training (its curves) and what the one undo
// history of the window keeps of it.
#pragma once
#include "core/io/session_file.hpp"
#include "core/train/trainer.hpp"
#include "core/util/loss_history.hpp"

#include <optional>
#include <string>
#include <vector>

namespace nnplay {

// Buckets of a run's own curves: its loss history, and the series the UI records itself.
inline constexpr size_t kRunHistoryBuckets = 16384, kRunSeriesBuckets = 2048;

// Per-snapshot series the UI records itself (accuracy, gradient norms): bounded like the loss.
struct UiSeries {
    Series TrainAccuracy{kRunSeriesBuckets}, TestAccuracy{kRunSeriesBuckets};
    std::vector<Series> LayerGradNorm; // one per layer
    long LastUpdate = -1;
};

// A run's curves: what the UI recorded of its training (kept by an undo step, adopted by a run).
struct RunCurves {
    LossHistory History{kRunHistoryBuckets};
    std::vector<TrainerEvent> Markers;
    UiSeries Recorded;
    // The same curves in at most `capacity` buckets each: what an undo step keeps (a hundred
    // steps of full curves were 240 MB; at 512 buckets they are at most ~20 MB).
    RunCurves Compacted(size_t capacity) const {
        RunCurves out{History.Compacted(capacity), Markers, {}};
        out.Recorded.TrainAccuracy = Recorded.TrainAccuracy.Compacted(capacity);
        out.Recorded.TestAccuracy = Recorded.TestAccuracy.Compacted(capacity);
        for (const Series& g : Recorded.LayerGradNorm)
            out.Recorded.LayerGradNorm.push_back(g.Compacted(capacity));
        out.Recorded.LastUpdate = Recorded.LastUpdate;
        return out;
    }
};
inline constexpr size_t kUndoCurveBuckets = 512;

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
