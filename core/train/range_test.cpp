// range_test.cpp: the learning-rate range test.
#include "core/train/range_test.hpp"

#include "core/util/error.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace nnplay {

RangeTestResult RunRangeTest(TrainingSession& session, double lo, double hi, int updates) {
    if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi) || updates < 10)
        throw UserError("range test: needs 0 < lo < hi and at least 10 updates");
    if (session.Status() != SessionStatus::Ready)
        throw UserError("range test: " + (session.StatusMessage().empty() ? std::string("nothing to train on")
                                                                          : session.StatusMessage()));
    SessionState before;
    session.SaveState(before);
    const OptimizerSettings settings = session.Config().Optimizer;

    RangeTestResult r;
    constexpr double kBeta = 0.98; // the smoothing fastai's lr_find uses: about 50 updates of memory
    double mean = 0.0, best = std::numeric_limits<double>::infinity();
    for (int k = 0; k < updates; ++k) {
        const double rate = lo * std::pow(hi / lo, double(k) / double(updates - 1));
        OptimizerSettings o = settings;
        o.LearningRate = rate;
        session.SetOptimizer(o);
        if (!session.Update()) {
            r.StoppedBecause = "diverged at a learning rate of " + NumberText(rate);
            break;
        }
        const double loss = session.LastBatchLoss();
        mean = kBeta * mean + (1 - kBeta) * loss;
        const double smoothed = mean / (1 - std::pow(kBeta, k + 1));
        r.Rates.push_back(rate);
        r.RawLoss.push_back(loss);
        r.Loss.push_back(smoothed);
        best = std::min(best, smoothed);
        if (k > 10 && smoothed > 4 * best) {
            r.StoppedBecause = "the loss grew past 4 times its lowest";
            break;
        }
    }
    session.SetOptimizer(settings);
    session.RestoreState(before);

    // The steepest fall of the smoothed loss per decade of rate, measured across half a decade
    // (over fewer updates, mini-batch noise passes for a slope), before the loss reached its
    // lowest. Only where the loss falls clearly: a trained network near a minimum, or the first
    // updates' noise at the left edge, make small dips whose "steepest" point means nothing.
    size_t lowest = 0;
    for (size_t k = 0; k < r.Loss.size(); ++k)
        if (r.Loss[k] < r.Loss[lowest]) lowest = k;
    const double per_decade = double(updates - 1) / std::log10(hi / lo);
    const size_t span = std::max<size_t>(2, size_t(std::lround(per_decade / 2)));
    double highest_before = 0.0;
    for (size_t k = 0; k <= lowest && k < r.Loss.size(); ++k)
        highest_before = std::max(highest_before, r.Loss[k]);
    if (r.Loss.empty() || r.Loss[lowest] > (1.0 - kClearFall) * highest_before) {
        const double fell = r.Loss.empty() ? 0.0 : 1.0 - r.Loss[lowest] / highest_before;
        char percent[16];
        std::snprintf(percent, sizeof percent, "%.0f%%", 100.0 * fell);
        r.NoSuggestion =
            std::string("the loss falls by ") + percent + " at most over the whole range: no rate stands out";
        return r;
    }
    double steepest = 0.0;
    for (size_t k = 2 * span; k <= lowest; ++k) { // a whole window past the first (the left edge)
        const double fall = 1.0 - r.Loss[k] / r.Loss[k - span];
        if (fall < kClearFall / 2) continue; // a window where the loss barely moves
        const double slope =
            (std::log10(std::max(r.Loss[k], 1e-300)) - std::log10(std::max(r.Loss[k - span], 1e-300))) /
            (std::log10(r.Rates[k]) - std::log10(r.Rates[k - span]));
        if (slope < steepest) {
            steepest = slope;
            r.Suggested = r.Rates[k - span / 2];
        }
    }
    if (r.Suggested == 0.0)
        r.NoSuggestion = "the loss falls only at the very start of the range: no rate inside it stands out";
    return r;
}

} // namespace nnplay
