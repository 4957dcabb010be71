// gradient_check_test.cpp: backprop against central finite differences, for every valid
// hidden activation x (loss, output activation) x regularization x reduction, on random
// networks with 2-3 hidden layers and batches of several samples.
#include "core/nn/backprop.hpp"
#include "core/nn/init.hpp"
#include "core/util/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

struct OutputPair {
    Loss LossKind;
    Activation Output;
};

const Activation kHidden[] = {Activation::Linear, Activation::Sigmoid,   Activation::Tanh,
                              Activation::Relu,   Activation::LeakyRelu, Activation::Step};
const OutputPair kOutputs[] = {
    {Loss::HalfSquaredError, Activation::Linear},    {Loss::HalfSquaredError, Activation::Sigmoid},
    {Loss::HalfSquaredError, Activation::Tanh},      {Loss::HalfSquaredError, Activation::Relu},
    {Loss::HalfSquaredError, Activation::LeakyRelu}, {Loss::SquaredError, Activation::Linear},
    {Loss::SquaredError, Activation::Tanh},          {Loss::SquaredError, Activation::Sigmoid},
    {Loss::BinaryCrossEntropy, Activation::Sigmoid}, {Loss::SoftmaxCrossEntropy, Activation::Softmax},
};
const Regularization kRegs[] = {
    {RegularizationKind::None, 0.0}, {RegularizationKind::L1, 0.03}, {RegularizationKind::L2, 0.05}};

using Combo = std::tuple<int, int, int, int>; // hidden, output pair, regularization, reduction

class GradientCheck : public ::testing::TestWithParam<Combo> {};

TEST_P(GradientCheck, BackpropMatchesCentralDifferences) {
    const auto [hi, oi, ri, red] = GetParam();
    const Activation hidden = kHidden[hi];
    const OutputPair out = kOutputs[oi];
    const Regularization reg = kRegs[ri];
    const Reduction reduction = red == 0 ? Reduction::Mean : Reduction::Sum;
    Rng rng(uint64_t(1000 + hi * 97 + oi * 13 + ri * 5 + red));

    // 3 inputs, 2 or 3 hidden layers of 2-5 units, 3 outputs, 5 samples.
    const int n_hidden = 2 + int(rng.Below(2)), inputs = 3, outputs = 3, batch = 5;
    std::vector<LayerSpec> layers;
    for (int l = 0; l < n_hidden; ++l)
        layers.push_back({2 + int(rng.Below(4)), hidden});
    layers.push_back({outputs, out.Output});
    Mlp net(inputs, layers);
    for (double& p : net.Params())
        p = rng.Uniform(-1.0, 1.0);

    Eigen::MatrixXd X(inputs, batch), T(outputs, batch);
    for (Eigen::Index k = 0; k < X.size(); ++k)
        X.data()[k] = rng.Uniform(-2, 2);
    for (Eigen::Index s = 0; s < batch; ++s) {
        if (out.LossKind == Loss::SoftmaxCrossEntropy) {
            T.col(s).setZero();
            T(Eigen::Index(rng.Below(outputs)), s) = 1.0;
        } else if (out.LossKind == Loss::BinaryCrossEntropy) {
            for (int j = 0; j < outputs; ++j)
                T(j, s) = double(rng.Below(2));
        } else {
            for (int j = 0; j < outputs; ++j)
                T(j, s) = rng.Uniform(-1, 1);
        }
    }
    const ConstMatrixMap x(X.data(), X.rows(), X.cols());
    const auto loss_at = [&]() { return ComputeGradients(net, x, T, out.LossKind, reduction, reg); };

    loss_at();
    const std::vector<double> analytic = net.Grads();
    const double h = 1e-5;
    for (size_t p = 0; p < net.Params().size(); ++p) {
        const double saved = net.Params()[p];
        net.Params()[p] = saved + h;
        const double up = loss_at();
        net.Params()[p] = saved - h;
        const double down = loss_at();
        net.Params()[p] = saved;
        const double numeric = (up - down) / (2 * h);
        const double err =
            std::abs(numeric - analytic[p]) / std::max(1.0, std::abs(numeric) + std::abs(analytic[p]));
        ASSERT_LT(err, 1e-7) << "parameter " << p << ": backprop " << analytic[p] << ", central difference "
                             << numeric;
    }
}

std::string ComboName(const ::testing::TestParamInfo<Combo>& info) {
    const auto [hi, oi, ri, red] = info.param;
    std::string name = std::string(ActivationName(kHidden[hi])) + "_" +
                       std::string(LossName(kOutputs[oi].LossKind)) + "_" +
                       std::string(ActivationName(kOutputs[oi].Output)) + "_" +
                       std::string(RegularizationName(kRegs[ri].Kind)) + (red == 0 ? "_mean" : "_sum");
    return name;
}

INSTANTIATE_TEST_SUITE_P(AllCombinations, GradientCheck,
                         ::testing::Combine(::testing::Range(0, 6), ::testing::Range(0, 10),
                                            ::testing::Range(0, 3), ::testing::Range(0, 2)),
                         ComboName);

} // namespace
} // namespace nnplay
