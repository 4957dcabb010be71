// loss_surface_test.cpp: the loss landscape agrees with the loss the session reports, and shows
// the classic pictures: a small rate creeping down the valley, a large one zig-zagging across.
#include "core/io/scenario.hpp"
#include "core/io/session_file.hpp"
#include "core/teach/loss_surface.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/tests/test_paths.hpp"
#include "core/train/training.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

// The lesson's setup: one linear neuron on a noisy plane (two weights and a bias).
SessionFile RegimesSession() {
    return LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/learning-rate-regimes.json");
}

void TrainingMatrices(const TrainingSession& s, Eigen::MatrixXd& F, Eigen::MatrixXd& T) {
    std::vector<int> train;
    for (size_t k = 0; k < s.Data().Points.size(); ++k)
        if (!s.Data().Points[k].IsTest) train.push_back(int(k));
    BatchMatrices(s.Data(), train, s.Config().Network.Features, s.Encoding(), F, T);
}

TEST(LossSurface, EverySampleIsTheLossTheSessionReportsThere) {
    SessionFile f = RegimesSession();
    f.Config.Reg = {RegularizationKind::L2, 0.01}; // the penalty is part of the loss shown
    TrainingSession s(f.Config, f.Data);
    Eigen::MatrixXd F, T;
    TrainingMatrices(s, F, T);
    const SurfaceGrid grid{0, 1, -0.5, 0.7, -0.2, 0.9, 9};
    const LossSurface surface = ComputeLossSurface(s.Network(), F, T, f.Config.LossKind, f.Config.Reg, grid);
    ASSERT_EQ(surface.Loss.size(), 81u);
    for (int row : {0, 4, 8})
        for (int col : {0, 3, 8}) {
            s.SetParam(0, grid.AAt(col));
            s.SetParam(1, grid.BAt(row));
            EXPECT_NEAR(surface.Loss[size_t(row * 9 + col)], s.Evaluate().Train.Loss, 1e-12)
                << row << "," << col;
        }
    EXPECT_DOUBLE_EQ(grid.AAt(0), -0.5);
    EXPECT_DOUBLE_EQ(grid.AAt(8), 0.7);
    EXPECT_DOUBLE_EQ(grid.BAt(0), 0.9); // the top row is the largest B
    EXPECT_LE(surface.Min, surface.Max);
}

TEST(LossSurface, TheWindowHoldsThePathAndIsSquare) {
    const std::vector<std::pair<double, double>> path = {{0.0, 0.0}, {0.4, -0.1}, {0.3, 0.2}};
    const SurfaceGrid g = FitSurfaceGrid(3, 5, path, {0.35, 0.1}, 64);
    EXPECT_EQ(g.A, 3u);
    EXPECT_EQ(g.B, 5u);
    for (const auto& [a, b] : path) {
        EXPECT_TRUE(a > g.A0 && a < g.A1 && b > g.B0 && b < g.B1) << a << "," << b;
    }
    EXPECT_NEAR(g.A1 - g.A0, g.B1 - g.B0, 1e-12);
    const SurfaceGrid still = FitSurfaceGrid(0, 1, {}, {2.0, -3.0}, 16, 0.5);
    EXPECT_DOUBLE_EQ(still.A0, 1.5);
    EXPECT_DOUBLE_EQ(still.B1, -2.5);
}

TEST(LossSurface, TheLineOfTheNextUpdateIsAParabolaForALinearNeuron) {
    const SessionFile f = RegimesSession();
    TrainingSession s(f.Config, f.Data);
    Eigen::MatrixXd F, T;
    TrainingMatrices(s, F, T);
    Mlp net = s.Network();
    const std::vector<double> direction = {1.0, -0.5, 0.25};
    const std::vector<double> steps = {0.0, 0.1, 0.2, 0.3, 0.4};
    const std::vector<double> loss =
        LossAlongDirection(net, F, T, f.Config.LossKind, f.Config.Reg, direction, steps);
    ASSERT_EQ(loss.size(), steps.size());
    EXPECT_DOUBLE_EQ(loss[0], s.Evaluate().Train.Loss);
    // Half squared error of a linear model: exactly quadratic in t, so second differences agree.
    const double d2a = loss[2] - 2 * loss[1] + loss[0], d2b = loss[4] - 2 * loss[3] + loss[2];
    EXPECT_NEAR(d2a, d2b, 1e-9 * std::abs(d2a));
    EXPECT_GT(d2a, 0);
}

// The classic pictures on the lesson's valley, with the whole training set per update: a small
// rate creeps toward the minimum from one side; a rate just under 2/lambda jumps across it
// every update (the zig-zag); both get closer.
TEST(LossSurface, ASmallRateCreepsAndALargeOneZigZagsAcrossTheValley) {
    const auto trace = [](double lr) {
        SessionFile f = RegimesSession();
        f.Config.Optimizer.LearningRate = lr;
        f.Config.BatchSize = 100000; // the whole training set: no mini-batch noise
        TrainingSession s(f.Config, f.Data);
        std::vector<double> w;
        for (int k = 0; k < 40; ++k) {
            w.push_back(s.Network().Params()[0]);
            s.Update();
        }
        return w;
    };
    // The minimum: where a good rate settles after many updates.
    SessionFile f = RegimesSession();
    f.Config.Optimizer.LearningRate = 0.05;
    f.Config.BatchSize = 100000;
    TrainingSession good(f.Config, f.Data);
    for (int k = 0; k < 2000; ++k)
        good.Update();
    const double target = good.Network().Params()[0];
    const std::vector<double> slow = trace(0.001), fast = trace(0.16);
    int slow_flips = 0, fast_flips = 0;
    for (size_t k = 1; k < slow.size(); ++k) {
        slow_flips += (slow[k] - target) * (slow[k - 1] - target) < 0;
        fast_flips += (fast[k] - target) * (fast[k - 1] - target) < 0;
    }
    EXPECT_EQ(slow_flips, 0);
    EXPECT_GE(fast_flips, 30);
    EXPECT_LT(std::abs(slow.back() - target), std::abs(slow.front() - target));
    EXPECT_LT(std::abs(fast.back() - target), std::abs(fast.front() - target));
}

// The path the surface draws is the recorded weights: one point per update seen, in order, a
// reset starts it again, and it keeps the most recent points.
TEST(LossSurface, ThePathIsTheWeightsRecordedAtEachNewUpdate) {
    const SessionFile f = RegimesSession();
    TrainingSession s(f.Config, f.Data);
    WeightPath path(50);
    std::vector<std::pair<double, double>> seen;
    for (int k = 0; k < 80; ++k) {
        path.Record(s.UpdateCount(), s.Network().Params()[0], s.Network().Params()[1]);
        path.Record(s.UpdateCount(), 99.0, 99.0); // the same update seen twice: one point
        seen.emplace_back(s.Network().Params()[0], s.Network().Params()[1]);
        s.Update();
    }
    ASSERT_EQ(path.Points().size(), 50u);
    const std::vector<std::pair<double, double>> last50(seen.end() - 50, seen.end());
    EXPECT_EQ(path.Points(), last50);
    s.Reinitialize(1); // back to update 0: a new path
    path.Record(s.UpdateCount(), s.Network().Params()[0], s.Network().Params()[1]);
    ASSERT_EQ(path.Points().size(), 1u);
    EXPECT_EQ(path.Points()[0].first, s.Network().Params()[0]);
}

// Momentum overshoots: with the whole training set per update, heavy momentum carries w1 past
// the minimum and back, where plain SGD at the same rate approaches it from one side.
TEST(LossSurface, MomentumOvershootsTheMinimumWherePlainSgdDoesNot) {
    const auto crossings = [](OptimizerKind kind) {
        SessionFile f = RegimesSession();
        f.Config.Optimizer.Kind = kind;
        f.Config.Optimizer.LearningRate = 0.005;
        f.Config.Optimizer.Momentum = 0.9;
        f.Config.BatchSize = 100000;
        TrainingSession reference(f.Config, f.Data);
        f.Config.Optimizer.Kind = OptimizerKind::Sgd;
        f.Config.Optimizer.LearningRate = 0.05;
        TrainingSession settled(f.Config, f.Data);
        for (int k = 0; k < 3000; ++k)
            settled.Update();
        const double target = settled.Network().Params()[0];
        int flips = 0;
        double before = reference.Network().Params()[0] - target;
        for (int k = 0; k < 200; ++k) {
            reference.Update();
            const double now = reference.Network().Params()[0] - target;
            flips += now * before < 0;
            before = now;
        }
        return flips;
    };
    EXPECT_EQ(crossings(OptimizerKind::Sgd), 0);
    EXPECT_GE(crossings(OptimizerKind::Momentum), 2);
}

// The same pictures on the lecture's 2-2-1 XOR trained from scratch (the whole truth table per
// update): the output unit's first weight creeps one way at 0.5 (the plateau), jumps back and
// forth at 20, and with momentum overshoots and turns back a few times.
TEST(LossSurface, TheClassicPicturesOnTheLecturesXor) {
    const auto turns = [](OptimizerKind kind, double lr) {
        Scenario s = LoadScenarioFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/xor-from-scratch.json");
        s.Optimizer.Kind = kind;
        s.Optimizer.LearningRate = lr;
        s.Optimizer.Momentum = 0.9;
        std::vector<double> w;
        RunScenario(s, 300, [&](const nlohmann::json& step) {
            w.push_back(step["layers"].back()["new_weights"][0][0].get<double>());
        });
        int flips = 0;
        for (size_t k = 2; k < w.size(); ++k)
            flips += (w[k] - w[k - 1]) * (w[k - 1] - w[k - 2]) < 0;
        return flips;
    };
    EXPECT_EQ(turns(OptimizerKind::Sgd, 0.5), 0);
    EXPECT_GE(turns(OptimizerKind::Sgd, 20.0), 50);
    const int momentum = turns(OptimizerKind::Momentum, 2.0);
    EXPECT_GE(momentum, 2);
    EXPECT_LT(momentum, 20);
}

} // namespace
} // namespace nnplay
