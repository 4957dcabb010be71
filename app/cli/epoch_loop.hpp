// epoch_loop.hpp: the command line's one epoch loop, for the plane's training session and the
// image session alike: epochs run while the session is ready, each timed (the evaluations and
// printing between them are not training time) and its samples counted.
#pragma once
#include "core/train/training.hpp"

#include <chrono>

namespace nnplay {

struct EpochTotals {
    double TrainSeconds = 0.0; // in RunEpoch only
    long Samples = 0;          // training samples the updates went through
};

// Up to `epochs` epochs of `s` while its status is Ready. `samples_of(updates)`: the samples an
// epoch of that many updates went through; `after(totals, seconds)` runs after each epoch (the
// epoch's own seconds), whatever its status then.
template <class Session, class SamplesOf, class After>
EpochTotals RunEpochs(Session& s, long epochs, SamplesOf samples_of, After after) {
    EpochTotals t;
    for (long e = 0; e < epochs && s.Status() == SessionStatus::Ready; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const long before = s.UpdateCount();
        s.RunEpoch();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        t.TrainSeconds += seconds;
        t.Samples += samples_of(s.UpdateCount() - before);
        after(t, seconds);
    }
    return t;
}

} // namespace nnplay
