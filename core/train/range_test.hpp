// range_test.hpp: the learning-rate range test (Smith, "Cyclical Learning Rates for Training
// Neural Networks", 2017): from the current weights, raise the learning rate exponentially,
// one update each, and watch the loss: it falls once the rate is large enough to move and blows
// up once it is too large; the steepest fall in between is a good rate.
#pragma once
#include "core/train/training.hpp"

#include <string>
#include <vector>

namespace nnplay {

struct RangeTestResult {
    std::vector<double> Rates;   // the rate of each update made
    std::vector<double> Loss;    // each update's batch loss, smoothed (exponential mean, bias-corrected)
    std::vector<double> RawLoss; // each update's batch loss as it was
    double Suggested = 0.0;      // the rate where the smoothed loss falls fastest (per decade); 0: none
    std::string NoSuggestion;    // why there is none ("" when there is)
    std::string StoppedBecause;  // "" (ran to the end), or why it stopped early
};

// A suggestion needs the smoothed loss to fall by at least this share of its highest before its
// lowest, and its window of half a decade by at least half of it, past the range's first window.
inline constexpr double kClearFall = 0.1;

// Runs the test on `session` and then puts it back exactly as it was (weights, optimizer state,
// mini-batch order, counters: bit for bit). From `lo` to `hi` over at most `updates` updates;
// stops early once the smoothed loss exceeds 4x its lowest or an update diverges.
RangeTestResult RunRangeTest(TrainingSession& session, double lo = 1e-5, double hi = 10.0, int updates = 300);

} // namespace nnplay
