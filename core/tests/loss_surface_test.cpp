// loss_surface_test.cpp: the loss landscape agrees with the loss the session reports, and shows
// the classic pictures: a small rate creeping down the valley, a large one zig-zagging across.
#include "core/loss_surface.hpp"
#include "core/session_file.hpp"
#include "core/training.hpp"
#include "core/walkthrough.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

// The lesson's setup: one linear neuron on a noisy plane (two weights and a bias).
SessionFile Lesson() { return LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/learning-rate-regimes.json"); }

void TrainingMatrices(const TrainingSession& s, Eigen::MatrixXd& F, Eigen::MatrixXd& T) {
    std::vector<int> train;
    for (size_t k = 0; k < s.Data().Points.size(); ++k)
        if (!s.Data().Points[k].IsTest) train.push_back(int(k));
    BatchMatrices(s.Data(), train, s.Config().Network.Features, s.Encoding(), F, T);
}

TEST(LossSurface, EverySampleIsTheLossTheSessionReportsThere) {
    SessionFile f = Lesson();
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
            EXPECT_NEAR(surface.Loss[size_t(row * 9 + col)], s.Evaluate().Train.Loss, 1e-12) << row << "," << col;
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
    const SessionFile f = Lesson();
    TrainingSession s(f.Config, f.Data);
    Eigen::MatrixXd F, T;
    TrainingMatrices(s, F, T);
    Mlp net = s.Network();
    const std::vector<double> direction = {1.0, -0.5, 0.25};
    const std::vector<double> steps = {0.0, 0.1, 0.2, 0.3, 0.4};
    const std::vector<double> loss = LossAlongDirection(net, F, T, f.Config.LossKind, f.Config.Reg, direction, steps);
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
        SessionFile f = Lesson();
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
    SessionFile f = Lesson();
    f.Config.Optimizer.LearningRate = 0.05;
    f.Config.BatchSize = 100000;
    TrainingSession good(f.Config, f.Data);
    for (int k = 0; k < 2000; ++k) good.Update();
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

} // namespace
} // namespace nnplay
