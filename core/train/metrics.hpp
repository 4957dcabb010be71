// metrics.hpp: accuracy, confusion matrix, precision/recall/F1; RMSE and R² for regression.
#pragma once
#include "core/data/targets.hpp"
#include "core/util/loss_history.hpp"

#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

namespace nnplay {

struct ClassScores {
    double Precision = 0.0, Recall = 0.0, F1 = 0.0; // 0 when undefined (no predictions / no samples)
};

struct Metrics {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    size_t Count = 0;
    double Loss = kNaN; // mean per-sample loss plus the regularization term (NaN on an empty set)
    // Classification
    double Accuracy = kNaN;
    std::vector<std::vector<long>> Confusion; // [true class][predicted class]
    std::vector<ClassScores> PerClass;
    // Regression
    double Rmse = kNaN, R2 = kNaN;
    // The share of a layer's outputs on this set that sit where their derivative is about 0
    // (tanh and sigmoid within 1% of a limit, relu at 0), for the most saturated layer (the
    // hidden ones and, under a squared error, the output): a saturated layer passes back no
    // gradient, so training stalls in a way that looks like failure. NaN: no such layer.
    double Saturated = kNaN;
    // That layer is a ReLU layer: its units output 0 ("dead"), rather than sitting at a limit.
    bool SaturatedAreDead = false;
};

// "units saturated: ..." when most unit outputs are saturated and the set is not yet
// fitted (accuracy below 90%, or R² below 0.5); "" otherwise.
std::string SaturationNote(const Metrics& train);

// A run that has stopped learning without diverging: "saturated units" (or "dead units" for
// ReLU) when SaturationNote's rule holds and, after at least 2 x kStuckEpochs epochs, the last
// kStuckEpochs epochs' mean training losses reached no new low (by 1%); "" otherwise (too early
// to say, still improving, or fitted). A large learning rate can end here instead of in a divergence: flat,
// and far from fitted, which a plot alone lets a student read as "the largest rate is the best".
inline constexpr long kStuckEpochs = 10;
std::string StuckReason(const Metrics& train, const Series& epoch_train_loss);

// outputs: (Outputs, n) network outputs for `points` (same order).
void ComputePredictionMetrics(const OutputEncoding& enc, const Eigen::MatrixXd& outputs,
                              const std::vector<const DataPoint*>& points, Metrics& m);

} // namespace nnplay
