// optimizer_test.cpp: two steps of each optimizer against values computed independently.
#include "core/nn/backprop.hpp"
#include "core/nn/optimizer.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

// A linear unit y = w1 x1 + w2 x2 + b, half squared error, mean over two samples, L2 0.01.
// The expected values were computed outside this code base, in plain Python floats, from the
// gradient written out by hand (g = mean((a - t) x) + 0.01 w) and the update formulas of
// docs/file-formats.md; printed with repr().
struct Golden {
    OptimizerKind Kind;
    double Step1[3], Step2[3]; // w1, w2, b
};

const Golden kGolden[] = {
    {OptimizerKind::Sgd, {0.2073, -0.36460000000000004, 0.095}, {0.2097552, -0.33874790000000005, 0.088}},
    {OptimizerKind::Momentum,
     {0.2073, -0.36460000000000004, 0.095},
     {0.21632520000000002, -0.30688790000000005, 0.0835}},
    {OptimizerKind::Adam,
     {0.2999999863013718, -0.3000000028248586, 1.9999995923281055e-08},
     {0.29143041038051837, -0.2273325872375472, -0.09651816985387958}},
};

void PrintTo(const Golden& g, std::ostream* os) {
    *os << OptimizerName(g.Kind);
}

class OptimizerGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(OptimizerGolden, TwoStepsMatch) {
    const Golden& g = GetParam();
    Mlp net(2, {{1, Activation::Linear}});
    net.W(0) << 0.2, -0.4;
    net.B(0)(0) = 0.1;
    Eigen::MatrixXd X(2, 2), T(1, 2);
    X << 0.5, 1.5, -1.0, 2.0;
    T << 0.3, -0.2;
    OptimizerSettings s;
    s.Kind = g.Kind;
    s.LearningRate = 0.1;
    Optimizer opt;
    opt.Reset();
    const Regularization reg{RegularizationKind::L2, 0.01};
    const ConstMatrixMap x(X.data(), 2, 2);
    for (int step = 0; step < 2; ++step) {
        ComputeGradients(net, x, T, Loss::HalfSquaredError, Reduction::Mean, reg);
        ASSERT_TRUE(opt.Step(net.Params(), net.Grads(), s));
        const double* want = step == 0 ? g.Step1 : g.Step2;
        for (int i = 0; i < 3; ++i)
            EXPECT_NEAR(net.Params()[size_t(i)], want[i], 1e-12) << "step " << step + 1;
    }
}

INSTANTIATE_TEST_SUITE_P(EachOptimizer, OptimizerGolden, ::testing::ValuesIn(kGolden),
                         [](const auto& p) { return std::string(OptimizerName(p.param.Kind)); });

TEST(Optimizer, LearningRateChangeKeepsMomentumState) {
    // v after one step is g; changing η must use that same v: p2 = p1 - η2 (μ g + g).
    std::vector<double> p = {1.0}, g = {2.0};
    OptimizerSettings s;
    s.Kind = OptimizerKind::Momentum;
    s.LearningRate = 0.1;
    Optimizer opt;
    opt.Step(p, g, s);
    EXPECT_DOUBLE_EQ(p[0], 0.8);
    s.LearningRate = 0.01;
    opt.Step(p, g, s);
    EXPECT_DOUBLE_EQ(p[0], 0.8 - 0.01 * (0.9 * 2.0 + 2.0));
    EXPECT_DOUBLE_EQ(opt.Velocity()[0], 3.8);
}

TEST(Optimizer, NonFiniteResultIsReportedAndNothingIsSwappedIn) {
    const std::vector<double> p = {1.0, 2.0}, g = {1e308, 1.0};
    std::vector<double> next, delta;
    OptimizerSettings s;
    s.LearningRate = 1e10;
    Optimizer opt;
    EXPECT_FALSE(opt.Step(p, g, s, nullptr, next, delta));
    EXPECT_EQ(p[0], 1.0);
    const std::vector<uint8_t> frozen = {1, 0};
    EXPECT_TRUE(opt.Step(p, g, s, &frozen, next, delta)); // the runaway entry is frozen
    EXPECT_EQ(next[0], 1.0);
    EXPECT_EQ(delta[0], 0.0);
    EXPECT_DOUBLE_EQ(next[1], 2.0 - 1e10);
}

TEST(Optimizer, AbsurdSettingsAreRefused) {
    OptimizerSettings s;
    s.LearningRate = -1;
    EXPECT_THROW(CheckOptimizerSettings(s), UserError);
    s = {};
    s.Momentum = 1.0;
    EXPECT_THROW(CheckOptimizerSettings(s), UserError);
    s = {};
    s.Epsilon = 0.0;
    EXPECT_THROW(CheckOptimizerSettings(s), UserError);
}

} // namespace
} // namespace nnplay
