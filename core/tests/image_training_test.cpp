// image_training_test.cpp: training on images: generated bars and stripes are learned, the
// 784-input network's gradients match central differences, splits and divergence are honest.
#include "core/nn/backprop.hpp"
#include "core/tests/idx_writer.hpp"
#include "core/tests/refusal.hpp"
#include "core/train/image_training.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

TEST(ImageTraining, BarsAndStripesAreLearned) {
    const ImageSet set = test::BarSet(600, 200, 12, 3);
    TrainConfig c;
    c.Network.Hidden = {{24, Activation::Sigmoid}};
    c.LossKind = Loss::BinaryCrossEntropy;
    c.Reduce = Reduction::Sum;
    c.Network.Init = InitScheme::Normal;
    c.Optimizer.LearningRate = 0.01;
    c.BatchSize = 20;
    ImageSession s(c, set, 100);
    EXPECT_EQ(s.Size(ImageSplit::Train), 500u);
    EXPECT_EQ(s.Size(ImageSplit::Validation), 100u);
    EXPECT_EQ(s.Size(ImageSplit::Test), 200u);
    const double before = s.Evaluate(ImageSplit::Test).Accuracy;
    for (int e = 0; e < 60; ++e)
        EXPECT_EQ(s.RunEpoch(), 25);
    const ImageMetrics test = s.Evaluate(ImageSplit::Test), val = s.Evaluate(ImageSplit::Validation);
    EXPECT_LT(before, 0.6);
    EXPECT_GT(test.Accuracy, 0.95);
    EXPECT_GT(val.Accuracy, 0.95);
    long total = 0;
    for (const auto& row : test.Confusion)
        for (long v : row)
            total += v;
    EXPECT_EQ(total, 200);
    EXPECT_EQ(s.UpdateCount(), 60 * 25);
}

// The lecture's network shape on 28 x 28 images: ∂L/∂p from backprop against central
// differences of the loss, for weights of every layer (the first layer's 784 inputs included).
TEST(ImageTraining, GradientsOfThe784InputNetworkMatchCentralDifferences) {
    const ImageSet set = test::BarSet(8, 2, 28, 10);
    TrainConfig c;
    c.Network.Hidden = {{12, Activation::Sigmoid}};
    c.LossKind = Loss::BinaryCrossEntropy;
    c.Reduce = Reduction::Sum;
    c.Reg = {RegularizationKind::L2, 0.01};
    c.Network.Init = InitScheme::Normal;
    ImageSession s(c, set, 0);
    Eigen::MatrixXd X, T;
    s.Batch(ImageSplit::Train, nullptr, 0, 8, X, T);
    Mlp& net = s.Network();
    ASSERT_EQ(net.Inputs(), 784);
    ComputeGradients(net, ConstMatrixMap(X.data(), X.rows(), X.cols()), T, c.LossKind, c.Reduce, c.Reg);
    const std::vector<double> grads = net.Grads();
    Rng pick(3);
    for (int k = 0; k < 40; ++k) {
        const size_t i =
            k < 30 ? pick.Below(784 * 12) : pick.Below(net.Params().size()); // mostly first-layer weights
        const double h = 1e-6, p = net.Params()[i];
        net.Params()[i] = p + h;
        const double up = ComputeGradients(net, ConstMatrixMap(X.data(), X.rows(), X.cols()), T, c.LossKind,
                                           c.Reduce, c.Reg);
        net.Params()[i] = p - h;
        const double down = ComputeGradients(net, ConstMatrixMap(X.data(), X.rows(), X.cols()), T, c.LossKind,
                                             c.Reduce, c.Reg);
        net.Params()[i] = p;
        const double numeric = (up - down) / (2 * h);
        EXPECT_NEAR(grads[i], numeric, 1e-6 * std::max(1.0, std::abs(numeric))) << "parameter " << i;
    }
}

TEST(ImageTraining, ARunawayRateDivergesAndSaysWhere) {
    const ImageSet set = test::BarSet(100, 10, 8, 2);
    TrainConfig c;
    c.Network.Hidden = {{8, Activation::Relu}};
    c.LossKind = Loss::SoftmaxCrossEntropy;
    c.Optimizer.LearningRate = 1e6;
    ImageSession s(c, set, 0);
    for (int e = 0; e < 5 && s.Status() == SessionStatus::Ready; ++e)
        s.RunEpoch();
    EXPECT_EQ(s.Status(), SessionStatus::Diverged);
    EXPECT_EQ(s.StatusMessage().rfind("diverged at update ", 0), 0u) << s.StatusMessage();
    for (double p : s.Network().Params())
        ASSERT_TRUE(std::isfinite(p));
    EXPECT_EQ(test::Refusal([&] { ImageSession(c, set, 100); }),
              "validation: 100 of the 100 training images would leave none to train on");
}

} // namespace
} // namespace nnplay
