// diagnosis_test.cpp: what a look reads. The training's own batch totals against the evaluation of
// the same weights; a quick look's losses against the batches it covers; a test look's against
// the test set; the train command's diagnosis finding what a long enough run shows.
#include "core/train/diagnosis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace nnplay {
namespace {

TrainingSession Session(const char* data, int batch, TrainConfig config = {}) {
    DatasetSpec spec;
    spec.Name = data;
    spec.NumPoints = 200;
    config.BatchSize = batch;
    config.Shuffle = false;
    return TrainingSession(config, GenerateDataset(spec));
}

// One batch of the whole training set: what training measured on it is the evaluation of the
// weights it started from (loss and accuracy), so the totals can be checked against Evaluate().
TEST(BatchTotals, AWholeSetBatchMeasuresWhatTheEvaluationOfItsWeightsSays) {
    TrainingSession s = Session("xor", 100);
    ASSERT_EQ(s.TrainingSize(), 100);
    ASSERT_TRUE(s.Update());
    EXPECT_EQ(s.Totals().Counted, 0) << "accuracy is counted only once asked";
    s.CountBatchAccuracy(true);
    for (int k = 0; k < 3; ++k) {
        const Metrics before = s.Evaluate().Train;
        const BatchTotals t0 = s.Totals();
        ASSERT_TRUE(s.Update());
        const BatchTotals& t = s.Totals();
        EXPECT_EQ(t.Batches - t0.Batches, 1);
        EXPECT_EQ(t.Counted - t0.Counted, 100);
        EXPECT_EQ(double(t.Right - t0.Right) / 100.0, before.Accuracy) << "update " << k;
        EXPECT_NEAR(t.LossSum - t0.LossSum, before.Loss, 1e-12 * std::max(1.0, before.Loss));
        EXPECT_DOUBLE_EQ(t.LossSum - t0.LossSum, s.LastBatchLoss());
    }
}

TEST(BatchTotals, RegressionCountsNoAccuracy) {
    TrainingSession s = Session("plane", 10);
    s.RunEpoch();
    EXPECT_EQ(s.Totals().Batches, s.UpdatesPerEpoch());
    EXPECT_EQ(s.Totals().Counted, 0);
}

// A quick look's training loss is the mean of the batches' losses since the last look; it reads
// no test set; a test look's test loss is the test set's.
TEST(Looker, AQuickLookReadsTheBatchesSinceTheLastOneAndATestLookTheTestSet) {
    TrainingSession s = Session("circle", 10);
    Looker looker;
    const Probe& first = looker.Look(s, LookDepth::Quick);
    EXPECT_TRUE(std::isnan(first.TrainLoss)) << "no batch yet";
    EXPECT_EQ(first.UnitPoints, 0) << "no forward pass yet";
    double sum = 0.0;
    for (int k = 0; k < 7; ++k) {
        ASSERT_TRUE(s.Update());
        sum += s.LastBatchLoss();
    }
    const Probe& quick = looker.Look(s, LookDepth::Quick);
    EXPECT_NEAR(quick.TrainLoss, sum / 7.0, 1e-12);
    EXPECT_TRUE(std::isnan(quick.TestLoss));
    EXPECT_EQ(quick.UnitPoints, 10) << "the units on the last batch";
    EXPECT_EQ(quick.Update, 7);
    EXPECT_EQ(quick.GradRms.size(), size_t(s.Network().NumLayers()));
    EXPECT_GT(quick.InputRms, 0.5);
    ASSERT_TRUE(s.Update());
    const double last = s.LastBatchLoss();
    const Metrics test = s.EvaluateTest();
    const Probe& with_test = looker.Look(s, LookDepth::Test);
    EXPECT_NEAR(with_test.TrainLoss, last, 1e-12) << "one batch since the last look";
    EXPECT_DOUBLE_EQ(with_test.TestLoss, test.Loss);
    EXPECT_DOUBLE_EQ(with_test.TestAccuracy, test.Accuracy);
    Evaluation made;
    const Probe& full = looker.Look(s, LookDepth::Full, nullptr, &made);
    EXPECT_DOUBLE_EQ(full.TrainLoss, made.Train.Loss) << "a full look reads the evaluation's";
    EXPECT_DOUBLE_EQ(full.TestLoss, test.Loss);
    EXPECT_EQ(full.UnitPoints, 100) << "the units on the training points (at most 256)";
}

// Dead units on the last batch: zero initialization of a ReLU net leaves every hidden unit at 0.
TEST(Looker, AQuickLookSeesDeadUnitsOnTheLastBatch) {
    TrainConfig c;
    c.Network.Hidden = {{6, Activation::Relu}, {6, Activation::Relu}};
    c.Network.Init = InitScheme::Zeros;
    TrainingSession s = Session("xor", 10, c);
    Looker looker;
    looker.Look(s, LookDepth::Quick);
    ASSERT_TRUE(s.Update());
    const Probe& p = looker.Look(s, LookDepth::Quick);
    ASSERT_GE(p.Dead.size(), 2u); // (and the output layer under the default squared error)
    EXPECT_EQ(p.Dead[0].size(), 6u);
    EXPECT_EQ(p.Dead[1].size(), 6u);
    EXPECT_EQ(p.Copies[0].size(), 6u) << "and every unit a copy of the others";
}

// The train command's diagnosis: on a run long enough to look often, what the run shows is said,
// and a healthy run gets no finding.
TEST(TrainDiagnosis, ALongEnoughRunIsDiagnosedWithinItsLooks) {
    const auto diagnose = [](TrainConfig c, const char* data, long epochs) {
        TrainingSession s = Session(data, 10, c);
        TrainDiagnosis d(s, epochs);
        double seconds = 0.0;
        for (long e = 0; e < epochs && s.Status() == SessionStatus::Ready; ++e) {
            s.RunEpoch();
            seconds += 1.0; // a slow machine's epoch: every look fits in the share
            d.AfterEpoch(s, seconds);
        }
        d.Finish(s, s.Evaluate());
        EXPECT_LE(d.Looks(), TrainDiagnosis::kLooks + 1);
        EXPECT_GE(d.Looks(), TrainDiagnosis::kFewLooks);
        std::vector<std::string> ids;
        for (const Finding& f : d.Report())
            ids.push_back(f.Id);
        return ids;
    };
    TrainConfig zeros;
    zeros.Network.Init = InitScheme::Zeros;
    EXPECT_EQ(diagnose(zeros, "xor", 200), std::vector<std::string>{"symmetric_units"});
    TrainConfig slow;
    slow.Optimizer.LearningRate = 1e-5;
    EXPECT_EQ(diagnose(slow, "circle", 200), std::vector<std::string>{"slow_convergence"});
    EXPECT_EQ(diagnose(TrainConfig{}, "xor", 200), std::vector<std::string>{});
}

} // namespace
} // namespace nnplay
