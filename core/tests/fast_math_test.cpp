// fast_math_test.cpp: the vectorized tanh and sigmoid against the C library, point by point.
#include "core/nn/fast_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace nnplay {
namespace {

std::vector<double> Inputs() {
    std::vector<double> x = {0.0, -0.0, 1e-300, -1e-300, 1e-12, 1e-5, 0.125, -0.125, 0.3466, 0.5,  1.0,
                             2.0, 5.0,  18.0,   19.5,    20.0,  40.0, 350.0, 700.0,  800.0,  1e300};
    for (int i = -20000; i <= 20000; ++i)
        x.push_back(i * 1e-3); // [-20, 20] in steps of 0.001
    const size_t n = x.size();
    for (size_t i = 0; i < n; ++i)
        x.push_back(-x[i]);
    return x;
}

// Distance in units in the last place, measured at the true value's magnitude.
double Ulps(double got, double want) {
    if (got == want) return 0.0;
    const double ulp =
        std::nextafter(std::abs(want), std::numeric_limits<double>::infinity()) - std::abs(want);
    return std::abs(got - want) / ulp;
}

TEST(FastMath, TanhWithinFourUlpOfLibm) {
    const std::vector<double> x = Inputs();
    std::vector<double> y(x.size());
    VecTanh(x.data(), y.data(), Eigen::Index(x.size()));
    double worst = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
        worst = std::max(worst, Ulps(y[i], std::tanh(x[i])));
        ASSERT_LE(Ulps(y[i], std::tanh(x[i])), 4.0) << "x = " << x[i] << " got " << y[i];
    }
    RecordProperty("worst_ulps", std::to_string(worst));
}

TEST(FastMath, SigmoidWithinFourUlpOfExactFormula) {
    const std::vector<double> x = Inputs();
    std::vector<double> y(x.size());
    VecSigmoid(x.data(), y.data(), Eigen::Index(x.size()));
    for (size_t i = 0; i < x.size(); ++i) {
        if (x[i] < -700.0) { // clamped region: the value is below 1e-304 either way
            ASSERT_LT(y[i], 1e-300);
            continue;
        }
        const double want =
            x[i] >= 0 ? 1.0 / (1.0 + std::exp(-x[i])) : std::exp(x[i]) / (1.0 + std::exp(x[i]));
        ASSERT_LE(Ulps(y[i], want), 4.0) << "x = " << x[i] << " got " << y[i] << " want " << want;
    }
}

TEST(FastMath, NanPropagatesAndInfinitySaturates) {
    const double nan = std::numeric_limits<double>::quiet_NaN(),
                 inf = std::numeric_limits<double>::infinity();
    const double x[4] = {nan, inf, -inf, 0.0};
    double t[4], s[4];
    VecTanh(x, t, 4);
    VecSigmoid(x, s, 4);
    EXPECT_TRUE(std::isnan(t[0]));
    EXPECT_TRUE(std::isnan(s[0]));
    EXPECT_EQ(t[1], 1.0);
    EXPECT_EQ(t[2], -1.0);
    EXPECT_EQ(s[1], 1.0);
    EXPECT_LT(s[2], 1e-300);
    EXPECT_EQ(t[3], 0.0);
    EXPECT_EQ(s[3], 0.5);
}

} // namespace
} // namespace nnplay
