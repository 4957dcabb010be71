// range_test_test.cpp: the learning-rate range test leaves the session exactly as it was and
// suggests a rate that trains.
#include "core/io/session_file.hpp"
#include "core/tests/test_paths.hpp"
#include "core/train/range_test.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

TrainingSession XorSession(OptimizerKind kind) {
    DatasetSpec spec;
    spec.NumPoints = 200;
    TrainConfig c;
    c.Optimizer.Kind = kind;
    return TrainingSession(c, GenerateDataset(spec));
}

// Bit for bit: the weights, the optimizer's state, the next batches and every later update.
TEST(RangeTest, TheSessionIsRestoredBitExactly) {
    for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}) {
        TrainingSession tested = XorSession(kind), untouched = XorSession(kind);
        for (int k = 0; k < 37; ++k)
            tested.Update(), untouched.Update(); // mid-epoch, optimizer state warm
        const RangeTestResult r = RunRangeTest(tested, 1e-5, 100.0, 200);
        ASSERT_GT(r.Rates.size(), 10u);
        EXPECT_EQ(tested.Network().Params(), untouched.Network().Params());
        EXPECT_EQ(tested.Config(), untouched.Config());
        EXPECT_EQ(tested.UpdateCount(), untouched.UpdateCount());
        EXPECT_EQ(tested.NextBatch(), untouched.NextBatch());
        EXPECT_EQ(tested.Status(), SessionStatus::Ready);
        for (int k = 0; k < 60; ++k) {
            tested.Update();
            untouched.Update();
            ASSERT_EQ(tested.LastBatchLoss(), untouched.LastBatchLoss())
                << "update " << k << " after the test";
        }
        EXPECT_EQ(tested.Network().Params(), untouched.Network().Params());
    }
}

TEST(RangeTest, RatesRiseExponentiallyAndTheSuggestionTrains) {
    SessionFile f = LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/learning-rate-regimes.json");
    TrainingSession s(f.Config, f.Data);
    const RangeTestResult r = RunRangeTest(s, 1e-5, 10.0, 300);
    ASSERT_GT(r.Rates.size(), 100u);
    EXPECT_DOUBLE_EQ(r.Rates[0], 1e-5);
    EXPECT_NEAR(r.Rates[2] / r.Rates[1], r.Rates[1] / r.Rates[0], 1e-12);
    EXPECT_FALSE(r.StoppedBecause.empty()); // rates up to 10 blow this valley up (2/lambda is 0.167)
    // A suggestion inside the stable range of this valley, which then trains well.
    EXPECT_GT(r.Suggested, 1e-4);
    EXPECT_LT(r.Suggested, 0.167);
    f.Config.Optimizer.LearningRate = r.Suggested;
    TrainingSession trained(f.Config, f.Data);
    for (int e = 0; e < 30; ++e)
        trained.RunEpoch();
    EXPECT_EQ(trained.Status(), SessionStatus::Ready);
    EXPECT_LT(trained.Evaluate().Train.Loss, 0.02);
}

// Trained weights sit near a minimum: the loss barely moves until the rate blows it up. The
// lab's session after 782 updates got "Use lr 1.82e-05" from a dip at the range's left edge
// (the first updates' noise); now no rate is offered, and the result says why.
TEST(RangeTest, TrainedWeightsGetNoSuggestionFromAnEdgeDip) {
    SessionFile f = LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/learning-rate-regimes.json");
    TrainingSession s(f.Config, f.Data);
    for (int k = 0; k < 782; ++k)
        ASSERT_TRUE(s.Update());
    const RangeTestResult r = RunRangeTest(s, 1e-5, 10.0, 300);
    ASSERT_GT(r.Rates.size(), 100u);
    EXPECT_EQ(r.Suggested, 0.0);
    EXPECT_NE(r.NoSuggestion.find("no rate inside it stands out"), std::string::npos) << r.NoSuggestion;
    // A network that does not learn at any rate (six sigmoid layers) is told the same way.
    SessionFile deep = LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/deep-sigmoid-xor.json");
    TrainingSession d(deep.Config, deep.Data);
    const RangeTestResult flat = RunRangeTest(d, 1e-5, 10.0, 300);
    EXPECT_EQ(flat.Suggested, 0.0);
    EXPECT_FALSE(flat.NoSuggestion.empty());
}

} // namespace
} // namespace nnplay
