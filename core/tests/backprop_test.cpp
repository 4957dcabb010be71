// backprop_test.cpp: activations and losses against numbers worked by hand.
#include "core/nn/backprop.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

TEST(Activation, ValuesAndDerivativesAtKnownPoints) {
    Eigen::MatrixXd Z(1, 3), A;
    Z << -1.0, 0.0, 2.0;
    ActivationForward(Activation::Relu, Z, A);
    EXPECT_EQ(A(0, 0), 0.0);
    EXPECT_EQ(A(0, 2), 2.0);
    ActivationForward(Activation::LeakyRelu, Z, A);
    EXPECT_DOUBLE_EQ(A(0, 0), -0.01);
    ActivationForward(Activation::Step, Z, A);
    EXPECT_EQ(A(0, 0), 0.0);
    EXPECT_EQ(A(0, 1), 1.0); // step(0) = 1
    Eigen::MatrixXd G = Eigen::MatrixXd::Ones(1, 3);
    ActivationForward(Activation::Relu, Z, A);
    ActivationBackward(Activation::Relu, Z, A, G);
    EXPECT_EQ(G(0, 1), 0.0); // relu'(0) = 0 by definition
    G.setOnes();
    ActivationForward(Activation::LeakyRelu, Z, A);
    ActivationBackward(Activation::LeakyRelu, Z, A, G);
    EXPECT_DOUBLE_EQ(G(0, 1), 0.01); // leaky_relu'(0) = slope
}

TEST(Activation, SoftmaxColumnsSumToOneWithoutOverflow) {
    Eigen::MatrixXd Z(3, 2), A;
    Z << 1000.0, 1.0, 1001.0, 2.0, 1002.0, 3.0;
    ActivationForward(Activation::Softmax, Z, A);
    EXPECT_NEAR(A.col(0).sum(), 1.0, 1e-15);
    EXPECT_NEAR(A(2, 1), std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0)), 1e-15);
    EXPECT_NEAR(A(2, 0), A(2, 1), 1e-15);
}

TEST(Loss, HandWorkedValues) {
    Eigen::MatrixXd Z(2, 1), A(2, 1), T(2, 1);
    A << 0.75, 0.25;
    T << 1.0, 0.0;
    Z << 0.0, 0.0;
    EXPECT_DOUBLE_EQ(LossSum(Loss::HalfSquaredError, Z, A, T), 0.0625);
    EXPECT_DOUBLE_EQ(LossSum(Loss::SquaredError, Z, A, T), 0.125);
    // BCE from z: -[log σ(2)] for t=1 and -[log(1-σ(-1))] for t=0.
    Z << 2.0, -1.0;
    A << 1 / (1 + std::exp(-2.0)), 1 / (1 + std::exp(1.0));
    EXPECT_NEAR(LossSum(Loss::BinaryCrossEntropy, Z, A, T), -std::log(A(0)) - std::log(1 - A(1)), 1e-15);
    // Saturated BCE stays finite: σ(40) rounds to 1, yet the loss of t=0 is 40.
    Z << 40.0, 0.0;
    A << 1.0, 0.5;
    T << 0.0, 0.0;
    EXPECT_NEAR(LossSum(Loss::BinaryCrossEntropy, Z, A, T), 40.0 + std::log(2.0), 1e-12);
}

TEST(Loss, MismatchedOutputsAreRefusedWithTheField) {
    EXPECT_THROW(CheckLossActivation(Loss::HalfSquaredError, Activation::Softmax, "x"), UserError);
    EXPECT_THROW(CheckLossActivation(Loss::SoftmaxCrossEntropy, Activation::Tanh, "x"), UserError);
    EXPECT_THROW(CheckLossActivation(Loss::BinaryCrossEntropy, Activation::Tanh, "x"), UserError);
    try {
        CheckLossActivation(Loss::HalfSquaredError, Activation::Softmax, "network.layers[1].activation");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("network.layers[1].activation"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("softmax_cross_entropy"), std::string::npos);
    }
}

TEST(Regularization, PenaltyIgnoresBiases) {
    Mlp net(2, {{1, Activation::Linear}});
    net.W(0) << 3.0, -4.0;
    net.B(0)(0) = 100.0;
    EXPECT_DOUBLE_EQ(RegularizationLoss(net, {RegularizationKind::L2, 0.1}), 0.1 * 25.0 / 2);
    EXPECT_DOUBLE_EQ(RegularizationLoss(net, {RegularizationKind::L1, 0.1}), 0.1 * 7.0);
    net.ZeroGrad();
    net.W(0)(0, 1) = 0.0;
    EXPECT_DOUBLE_EQ(RegularizeRange(net, {RegularizationKind::L1, 0.5}, 0, net.Params().size()), 0.5 * 3.0);
    EXPECT_EQ(net.GradW(0)(0, 0), 0.5);
    EXPECT_EQ(net.GradW(0)(0, 1), 0.0); // sign(0) = 0
    EXPECT_EQ(net.GradB(0)(0), 0.0);
}

} // namespace
} // namespace nnplay
