// metrics_test.cpp: metrics against counts worked by hand.
#include "core/train/metrics.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

TEST(Metrics, ThreeClassConfusionPrecisionRecallF1) {
    OutputEncoding enc;
    enc.NumClasses = 3;
    enc.Outputs = 3;
    enc.Act = Activation::Softmax;
    enc.Low = 0;
    // truth:     0 0 0 1 1 2
    // predicted: 0 0 1 1 2 2
    std::vector<DataPoint> pts(6);
    const int truth[6] = {0, 0, 0, 1, 1, 2}, predicted[6] = {0, 0, 1, 1, 2, 2};
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(3, 6);
    std::vector<const DataPoint*> ptrs;
    for (int s = 0; s < 6; ++s) {
        pts[size_t(s)].Label = truth[s];
        out(predicted[s], s) = 0.9;
        ptrs.push_back(&pts[size_t(s)]);
    }
    Metrics m;
    ComputePredictionMetrics(enc, out, ptrs, m);
    EXPECT_DOUBLE_EQ(m.Accuracy, 4.0 / 6.0);
    EXPECT_EQ(m.Confusion[0][1], 1);
    EXPECT_EQ(m.Confusion[1][2], 1);
    EXPECT_DOUBLE_EQ(m.PerClass[0].Precision, 1.0);
    EXPECT_DOUBLE_EQ(m.PerClass[0].Recall, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.PerClass[0].F1, 0.8);
    EXPECT_DOUBLE_EQ(m.PerClass[2].Precision, 0.5);
    EXPECT_DOUBLE_EQ(m.PerClass[2].Recall, 1.0);
}

TEST(Metrics, TwoClassThresholdIsHalfwayBetweenTargets) {
    OutputEncoding tanh_enc; // targets -1 / +1
    const double just_above = 0.01, just_below = -0.01;
    EXPECT_EQ(PredictClass(tanh_enc, &just_above), 1);
    EXPECT_EQ(PredictClass(tanh_enc, &just_below), 0);
    OutputEncoding sigmoid_enc;
    sigmoid_enc.Act = Activation::Sigmoid;
    sigmoid_enc.Low = 0.0;
    const double p = 0.4;
    EXPECT_EQ(PredictClass(sigmoid_enc, &p), 0);
}

TEST(Metrics, RegressionRmseAndR2) {
    OutputEncoding enc;
    enc.Kind = ProblemKind::Regression;
    std::vector<DataPoint> pts(4);
    const double values[4] = {1, 2, 3, 4}, pred[4] = {1, 2, 3, 6};
    Eigen::MatrixXd out(1, 4);
    std::vector<const DataPoint*> ptrs;
    for (int s = 0; s < 4; ++s) {
        pts[size_t(s)].Value = values[s];
        out(0, s) = pred[s];
        ptrs.push_back(&pts[size_t(s)]);
    }
    Metrics m;
    ComputePredictionMetrics(enc, out, ptrs, m);
    EXPECT_DOUBLE_EQ(m.Rmse, 1.0);           // sqrt(4 / 4)
    EXPECT_DOUBLE_EQ(m.R2, 1.0 - 4.0 / 5.0); // SS_tot = 2.25 + 0.25 + 0.25 + 2.25
}

} // namespace
} // namespace nnplay
