// landscape.hpp: what the window shows of the loss landscape of a run: the training loss over two
// chosen weights around where they are (a contour map with the path they took), the loss along
// the next update's line against step size, and the learning-rate range test. Each is computed
// from an immutable snapshot on a worker thread; the UI thread records the path and uploads.
#pragma once
#include "app/gui/views/boundary.hpp"
#include "app/gui/views/latest_worker.hpp"
#include "app/gui/views/texture.hpp"
#include "core/teach/loss_surface.hpp"
#include "core/train/range_test.hpp"
#include "core/train/trainer.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nnplay {

inline constexpr int kSurfaceGrid = 64;         // samples per side of the contour map
inline constexpr size_t kSurfacePathMax = 4000; // recent positions of the two weights kept

struct SurfaceRequest {
    std::shared_ptr<const Snapshot> Snap;
    SurfaceGrid Grid;
    bool Light = false;
};

struct SurfaceResult {
    SurfaceRequest From;
    LossSurface Surface;
    std::vector<uint32_t> Pixels;  // Grid.N² colours, low loss dark
    std::vector<Segment> Contours; // iso-loss lines in sample coordinates (0..N-1)
    // The next update's line: loss at params - t * gradient of its mini-batch, t in Steps.
    std::vector<double> Steps, LineLoss;
    double Rate = 0.0; // the learning rate: where SGD lands on that line
    std::string Error; // why there is no picture (no data, not a gradient method)
};

// Makes the picture (a worker's job; callable on any thread).
void MakeSurface(const SurfaceRequest& r, SurfaceResult& out);

struct RangeRequest {
    std::shared_ptr<const Snapshot> Snap;
    bool FromTrained = false; // from the snapshot's weights, else from the seed's initial ones
};
struct RangeResult {
    uint64_t FromSequence = 0;
    long FromUpdate = 0;                 // 0: the initial weights
    std::shared_ptr<const Dataset> Data; // what it ran on: another dataset or session makes it stale
    RangeTestResult Test;
    std::string Error;
};
// The range test on a session rebuilt from the snapshot (its initial weights, or its trained
// ones): the run's own trainer is never touched.
void MakeRangeTest(const RangeRequest& r, RangeResult& out);

// The default pair for a network: the first two weights into the output layer's first unit
// (into the first layer's when the output has one input).
std::pair<size_t, size_t> DefaultSurfaceParams(const Snapshot& s);

// A run's landscape views. Workers start the first time they are needed.
struct Landscape {
    size_t A = 0, B = 0;
    bool HavePair = false;
    WeightPath Path{kSurfacePathMax}; // (A, B) at each snapshot with a new update
    std::optional<SurfaceResult> Shown;
    Texture SurfaceTexture;
    double AskedAt = -1e9;
    std::unique_ptr<LatestWorker<SurfaceRequest, SurfaceResult>> SurfaceWorker;
    std::optional<RangeResult> Range;
    std::unique_ptr<LatestWorker<RangeRequest, RangeResult>> RangeWorker;
    bool RangeRunning = false;
    bool RangeFromTrained = false; // the test starts from the trained weights (default: the initial ones)

    // Records where the pair is (each new update), asks for a new picture at most every
    // `interval` seconds (at once after a change of pair), uploads a finished one.
    void Update(const std::shared_ptr<const Snapshot>& snap, double now, bool light, double interval = 0.5);
    void Choose(size_t a, size_t b);
    void StartRangeTest(const std::shared_ptr<const Snapshot>& snap);
    // A finished test; one of another dataset or session (opened since) is dropped.
    void TakeRangeTest(const Snapshot& now);
};

} // namespace nnplay
