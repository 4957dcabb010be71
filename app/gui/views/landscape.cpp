// landscape.cpp: surfaces, lines and range tests from snapshots.
#include "app/gui/views/landscape.hpp"

#include "app/gui/views/colors.hpp"
#include "core/nn/backprop.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>

namespace nnplay {

namespace {

// The snapshot's network, and its training set as matrices (as the session evaluates it).
bool Rebuild(const Snapshot& s, Mlp& net, Eigen::MatrixXd& F, Eigen::MatrixXd& T) {
    if (!s.Data || s.Layers.empty()) return false;
    NetworkFromSnapshot(s, net);
    std::vector<int> train;
    for (size_t k = 0; k < s.Data->Points.size(); ++k)
        if (!s.Data->Points[k].IsTest) train.push_back(int(k));
    if (train.empty()) return false;
    BatchMatrices(*s.Data, train, s.Config.Network.Features, s.Encoding, F, T);
    return true;
}

// Low loss dark, high loss bright: a sequential map (dark violet, magenta, orange, pale yellow).
ImU32 LandscapeColor(double t) {
    constexpr float kStops[4][3] = {
        {0.05f, 0.03f, 0.18f}, {0.50f, 0.12f, 0.50f}, {0.93f, 0.40f, 0.22f}, {0.99f, 0.90f, 0.55f}};
    t = std::clamp(t, 0.0, 1.0) * 3.0;
    const int k = std::min(2, int(t));
    const float u = float(t - k);
    const float* a = kStops[k];
    const float* b = kStops[k + 1];
    return PackColor(a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u);
}

} // namespace

void MakeSurface(const SurfaceRequest& r, SurfaceResult& out) {
    out.From = r;
    const Snapshot& s = *r.Snap;
    Mlp net;
    Eigen::MatrixXd F, T;
    if (!Rebuild(s, net, F, T)) {
        out.Error = "no training points: nothing to measure the loss on";
        return;
    }
    out.Surface = ComputeLossSurface(net, F, T, s.Config.LossKind, s.Config.Reg, r.Grid);
    // Colours and contours on a log scale of the loss: valleys span decades.
    const int n = r.Grid.N;
    const double lo = std::log10(std::max(out.Surface.Min, 1e-300)),
                 hi = std::log10(std::max(out.Surface.Max, 1e-300));
    std::vector<float> level(out.Surface.Loss.size());
    out.Pixels.resize(out.Surface.Loss.size());
    for (size_t k = 0; k < level.size(); ++k) {
        const double v = out.Surface.Loss[k];
        level[k] = std::isfinite(v) ? float(std::log10(std::max(v, 1e-300))) : float(hi + 1);
        out.Pixels[k] = LandscapeColor(hi > lo ? (level[k] - lo) / (hi - lo) : 0.0);
    }
    for (int c = 1; c < 12 && hi > lo; ++c)
        IsoLines(level.data(), n, float(lo + (hi - lo) * c / 12.0), 0.0f, out.Contours);

    // The next update's line (its mini-batch's gradient at these weights).
    if (s.NextBatch.empty() || s.Config.Optimizer.Kind == OptimizerKind::Perceptron) return;
    Eigen::MatrixXd X, Y;
    BatchMatrices(*s.Data, s.NextBatch, s.Config.Network.Features, s.Encoding, X, Y);
    Mlp g = net;
    ComputeGradients(g, ConstMatrixMap(X.data(), X.rows(), X.cols()), Y, s.Config.LossKind, s.Config.Reduce,
                     s.Config.Reg);
    out.Rate = s.Config.Optimizer.LearningRate;
    const double reach = std::max(3.0 * out.Rate, 1e-12);
    for (int k = 0; k <= 60; ++k)
        out.Steps.push_back(reach * k / 60.0);
    out.LineLoss = LossAlongDirection(net, F, T, s.Config.LossKind, s.Config.Reg, g.Grads(), out.Steps);
}

void MakeRangeTest(const RangeRequest& r, RangeResult& out) {
    const Snapshot& s = *r.Snap;
    out.FromSequence = s.Sequence;
    out.FromUpdate = r.FromTrained ? s.Updates : 0;
    out.Data = s.Data;
    try {
        if (!s.Data) throw UserError("no data");
        TrainingSession session(s.Config, *s.Data); // the seed's initial weights
        if (r.FromTrained) session.LoadWeights(s.Params, s.Updates, s.Epochs);
        out.Test = RunRangeTest(session);
    } catch (const UserError& e) {
        out.Error = e.what();
    }
}

std::pair<size_t, size_t> DefaultSurfaceParams(const Snapshot& s) {
    for (auto l = s.Layers.rbegin(); l != s.Layers.rend(); ++l)
        if (l->In >= 2)
            return {l->WeightOffset, l->WeightOffset + size_t(l->Out)}; // W(0,0), W(0,1): column-major
    return {0, s.Params.size() > 1 ? 1 : 0};
}

void Landscape::Choose(size_t a, size_t b) {
    A = a;
    B = b;
    HavePair = true;
    Path.Clear();
    AskedAt = -1e9; // at once
}

void Landscape::Update(const std::shared_ptr<const Snapshot>& snap, double now, bool light, double interval) {
    const Snapshot& s = *snap;
    if (!HavePair || A >= s.Params.size() || B >= s.Params.size()) {
        const auto [a, b] = DefaultSurfaceParams(s);
        if (b >= s.Params.size()) return;
        Choose(a, b);
    }
    Path.Record(s.Updates, s.Params[A], s.Params[B]);
    if (!SurfaceWorker)
        SurfaceWorker = std::make_unique<LatestWorker<SurfaceRequest, SurfaceResult>>(MakeSurface);
    const bool stale = !Shown || Shown->From.Snap->Sequence != s.Sequence || Shown->From.Light != light;
    if (stale && now - AskedAt >= interval) {
        SurfaceRequest r{snap, FitSurfaceGrid(A, B, Path.Points(), {s.Params[A], s.Params[B]}, kSurfaceGrid),
                         light};
        SurfaceWorker->Request(std::move(r));
        AskedAt = now;
    }
    if (std::optional<SurfaceResult> done = SurfaceWorker->Take()) {
        if (done->Error.empty())
            SurfaceTexture.Upload(done->Pixels, done->From.Grid.N, done->From.Grid.N, true);
        Shown = std::move(done);
    }
}

void Landscape::StartRangeTest(const std::shared_ptr<const Snapshot>& snap) {
    if (!RangeWorker) RangeWorker = std::make_unique<LatestWorker<RangeRequest, RangeResult>>(MakeRangeTest);
    RangeWorker->Request({snap, RangeFromTrained && snap->Updates > 0});
    RangeRunning = true;
}

void Landscape::TakeRangeTest(const Snapshot& now) {
    if (RangeWorker) {
        if (std::optional<RangeResult> done = RangeWorker->Take()) {
            Range = std::move(done);
            RangeRunning = false;
        }
    }
    if (Range && Range->Data != now.Data) Range.reset(); // the curve of a session no longer open
}

} // namespace nnplay
