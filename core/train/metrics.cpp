// metrics.cpp: classification and regression metrics.
#include "core/train/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace nnplay {

namespace {
bool Fitted(const Metrics& m) {
    return !std::isnan(m.Accuracy) ? m.Accuracy >= 0.9 : !(m.R2 < 0.5);
}
// Most outputs of one layer where the derivative is about 0, and the set not fitted: the rule
// of SaturationNote and of StuckReason.
bool StalledBySaturation(const Metrics& m) {
    return m.Saturated > 0.9 && !Fitted(m);
}
} // namespace

std::string SaturationNote(const Metrics& train) {
    if (!StalledBySaturation(train)) return "";
    char note[240];
    if (train.SaturatedAreDead)
        std::snprintf(note, sizeof note,
                      "units dead: in one layer %.0f%% of the ReLU outputs are 0 on every point, where the "
                      "derivative is 0, so no gradient passes and training stalls; a smaller learning rate "
                      "and New init help",
                      100 * train.Saturated);
    else
        std::snprintf(note, sizeof note,
                      "units saturated: in one layer %.0f%% of the outputs sit where the derivative is about "
                      "0, so the gradients are about 0 and training stalls; a smaller learning rate and New "
                      "init help",
                      100 * train.Saturated);
    return note;
}

std::string StuckReason(const Metrics& train, const Series& epoch_train_loss) {
    if (!StalledBySaturation(train)) return "";
    const std::vector<SeriesBucket>& b = epoch_train_loss.Buckets();
    if (b.empty() || b.back().LastX < 2 * kStuckEpochs) return ""; // too early to tell
    // No progress: the lowest epoch loss of the last kStuckEpochs epochs is no new low (by 1%)
    // against the lowest before them. A saturated net's epoch losses wobble by a few percent
    // from batch to batch, so "flat" is judged by the best, not by each value.
    const long split = b.back().LastX - kStuckEpochs;
    double recent = std::numeric_limits<double>::infinity(), before = recent;
    for (const SeriesBucket& k : b) {
        double& lowest = k.LastX <= split ? before : recent;
        lowest = std::min(lowest, k.Min);
    }
    if (!std::isfinite(recent) || !std::isfinite(before)) return "";
    if (recent < 0.99 * before) return "";
    return train.SaturatedAreDead ? "dead units" : "saturated units";
}

void ComputePredictionMetrics(const OutputEncoding& enc, const Eigen::MatrixXd& outputs,
                              const std::vector<const DataPoint*>& points, Metrics& m) {
    m.Count = points.size();
    if (enc.Kind == ProblemKind::Regression) {
        if (points.empty()) return;
        // Pooled over every output (a scenario's points may carry several targets).
        const auto target = [&](size_t s, int j) {
            return enc.Outputs == 1 ? points[s]->FirstValue() : points[s]->Targets[size_t(j)];
        };
        const double n = double(points.size()) * enc.Outputs;
        double mean = 0.0;
        for (size_t s = 0; s < points.size(); ++s)
            for (int j = 0; j < enc.Outputs; ++j)
                mean += target(s, j);
        mean /= n;
        double ss_res = 0.0, ss_tot = 0.0;
        for (size_t s = 0; s < points.size(); ++s)
            for (int j = 0; j < enc.Outputs; ++j) {
                const double e = outputs(j, Eigen::Index(s)) - target(s, j);
                ss_res += e * e;
                ss_tot += (target(s, j) - mean) * (target(s, j) - mean);
            }
        m.Rmse = std::sqrt(ss_res / n);
        m.R2 = ss_tot > 0.0 ? 1.0 - ss_res / ss_tot : Metrics::kNaN; // undefined for constant targets
        return;
    }
    const int k = enc.NumClasses;
    m.Confusion.assign(size_t(k), std::vector<long>(size_t(k), 0));
    long correct = 0;
    for (size_t s = 0; s < points.size(); ++s) {
        const int predicted = PredictClass(enc, outputs.col(Eigen::Index(s)).data());
        const int truth = points[s]->Label;
        if (truth >= 0 && truth < k) ++m.Confusion[size_t(truth)][size_t(predicted)];
        correct += predicted == truth;
    }
    if (!points.empty()) m.Accuracy = double(correct) / double(points.size());
    m.PerClass.assign(size_t(k), {});
    for (size_t c = 0; c < size_t(k); ++c) {
        long tp = m.Confusion[c][c], predicted = 0, actual = 0;
        for (size_t o = 0; o < size_t(k); ++o) {
            predicted += m.Confusion[o][c];
            actual += m.Confusion[c][o];
        }
        ClassScores& sc = m.PerClass[c];
        sc.Precision = predicted ? double(tp) / double(predicted) : 0.0;
        sc.Recall = actual ? double(tp) / double(actual) : 0.0;
        sc.F1 =
            sc.Precision + sc.Recall > 0 ? 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall) : 0.0;
    }
}

} // namespace nnplay
