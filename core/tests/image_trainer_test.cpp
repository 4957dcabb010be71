// image_trainer_test.cpp: the image mode's engine: one update at a time is the epoch's updates
// one by one; the trainer thread steps, scores every split after an epoch, and says what it refuses.
#include "core/io/image_session_file.hpp"
#include "core/nn/backprop.hpp"
#include "core/tests/idx_writer.hpp"
#include "core/train/image_trainer.hpp"
#include "core/util/error.hpp"
#include "core/util/two_cores.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace nnplay {
namespace {

TrainConfig SmallConfig() {
    TrainConfig c = LectureDigitConfig();
    c.Network.Hidden = {{12, Activation::Sigmoid}};
    c.Optimizer.LearningRate = 0.01;
    c.BatchSize = 30;
    return c;
}

TEST(ImageSession, UpdatesOneByOneAreTheEpochAndTheLastBatchIsTheRest) {
    const ImageSet set = test::BarSet(200, 50, 8, 3);
    ImageSession by_epoch(SmallConfig(), set, 20), by_update(SmallConfig(), set, 20);
    EXPECT_EQ(by_epoch.RunEpoch(), 6); // 180 images in batches of 30
    for (int k = 0; k < 6; ++k) {
        ASSERT_TRUE(by_update.RunUpdate());
        EXPECT_EQ(by_update.LastUpdate().Update, k + 1);
        EXPECT_EQ(by_update.LastUpdate().Batch.size(), 30u);
        EXPECT_EQ(by_update.EpochPosition(), k == 5 ? 0u : size_t(30 * (k + 1)));
    }
    EXPECT_EQ(by_update.EpochCount(), 1);
    EXPECT_EQ(by_update.Network().Params(), by_epoch.Network().Params()); // bit for bit
    // With 7 to a batch the epoch ends on a batch of the 5 left.
    TrainConfig c = SmallConfig();
    c.BatchSize = 7;
    ImageSession odd(c, set, 20);
    for (int k = 0; k < 26; ++k)
        ASSERT_TRUE(odd.RunUpdate());
    EXPECT_EQ(odd.LastUpdate().Batch.size(), 5u);
    EXPECT_EQ(odd.EpochCount(), 1);
}

TEST(ImageSession, TheLastUpdatesNormsAreThoseOfItsGradientAndStep) {
    const ImageSet set = test::BarSet(100, 20, 8, 2);
    ImageSession s(SmallConfig(), set, 10);
    const Mlp before = s.Network();
    ASSERT_TRUE(s.RunUpdate());
    const ImageUpdateInfo& u = s.LastUpdate();
    // The same batch through a copy of the weights before: its gradient's norms, and the step.
    Mlp copy = before;
    Eigen::MatrixXd X, T;
    std::vector<uint32_t> order(u.Batch.begin(), u.Batch.end());
    s.Batch(ImageSplit::Train, order.data(), 0, order.size(), X, T);
    const double loss = ComputeGradients(copy, ConstMatrixMap(X.data(), X.rows(), X.cols()), T,
                                         s.Config().LossKind, s.Config().Reduce, s.Config().Reg);
    EXPECT_NEAR(u.Loss, loss, 1e-12 * std::abs(loss)); // (the halves are summed in another order)
    for (int l = 0; l < copy.NumLayers(); ++l) {
        EXPECT_NEAR(u.GradNormW[size_t(l)], copy.GradW(l).norm(), 1e-12 * (1 + copy.GradW(l).norm()));
        EXPECT_NEAR(u.GradNormB[size_t(l)], copy.GradB(l).norm(), 1e-12 * (1 + copy.GradB(l).norm()));
        const double step = (s.Network().W(l) - before.W(l)).norm();
        EXPECT_NEAR(u.StepNormW[size_t(l)], step, 1e-12 * (1 + step));
        EXPECT_NEAR(step, s.Config().Optimizer.LearningRate * copy.GradW(l).norm(), 1e-9); // plain SGD
    }
}

TEST(ImageSession, ANewRateKeepsTheWeightsANewNetworkDoesNot) {
    const TrainConfig c = SmallConfig();
    TrainConfig faster = c, wider = c;
    faster.Optimizer.LearningRate = 0.1;
    faster.BatchSize = 10;
    faster.Reg = {};
    wider.Network.Hidden[0].Units = 20;
    EXPECT_FALSE(ImageSession::NeedsRebuild(c, faster));
    EXPECT_TRUE(ImageSession::NeedsRebuild(c, wider));
    const ImageSet set = test::BarSet(100, 20, 8, 2);
    ImageSession s(c, set, 10);
    ASSERT_TRUE(s.RunUpdate());
    const std::vector<double> params = s.Network().Params();
    s.SetSchedule(faster);
    EXPECT_EQ(s.Network().Params(), params);
    EXPECT_EQ(s.Config().Optimizer.LearningRate, 0.1);
    EXPECT_EQ(s.Config().BatchSize, 10);
    TrainConfig bad = c;
    bad.Optimizer.LearningRate = -1;
    EXPECT_THROW(s.SetSchedule(bad), UserError);
    EXPECT_EQ(s.Config().Optimizer.LearningRate, 0.1); // unchanged
}

std::shared_ptr<const ImageSnapshot> AfterCommands(ImageTrainer& t, uint64_t commands) {
    std::shared_ptr<const ImageSnapshot> s = t.Latest();
    for (int k = 0; k < 200 && (s->CommandsApplied < commands || s->State == TrainerState::Running); ++k)
        s = t.WaitNewer(s->Sequence, 0.1);
    return s;
}

TEST(ImageTrainer, StepsScoresEveryEpochAndListsWhatItGotWrong) {
    auto set = std::make_shared<const ImageSet>(test::BarSet(300, 80, 8, 3));
    ImageTrainer t(SmallConfig(), set, 30);
    std::shared_ptr<const ImageSnapshot> s = t.Latest();
    ASSERT_EQ(s->Records.size(), 1u); // the initial weights, scored
    EXPECT_EQ(s->Records[0].Epoch, 0);
    t.Post(imgcmd::StepUpdate{});
    s = AfterCommands(t, 1);
    EXPECT_EQ(s->Updates, 1);
    EXPECT_EQ(s->Last.Update, 1);
    EXPECT_EQ(s->EpochPosition, 30u);
    EXPECT_EQ(s->UpdatesPerEpoch, 9); // 270 images, batches of 30
    t.Post(imgcmd::StepEpoch{});
    s = AfterCommands(t, 2);
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Epochs, 1);
    EXPECT_EQ(s->Updates, 9);
    ASSERT_EQ(s->Records.size(), 2u);
    // The record is what the weights on show score: the same network scored here agrees.
    ImageSession check(s->Config, *set, 30);
    check.Network().Params() = s->Params;
    const ImageMetrics test = check.Evaluate(ImageSplit::Test, true);
    EXPECT_DOUBLE_EQ(s->Records[1].TestAccuracy, test.Accuracy);
    EXPECT_EQ(s->Confusion, test.Confusion);
    long wrong = 0;
    for (size_t i = 0; i < test.Predicted.size(); ++i)
        wrong += test.Predicted[i] != set->TestLabels.Labels[i];
    EXPECT_EQ(s->WrongCount, wrong);
    for (const MisclassifiedImage& w : s->Wrong) {
        EXPECT_NE(w.Truth, w.Predicted);
        EXPECT_EQ(w.Truth, set->TestLabels.Labels[w.Index]);
        EXPECT_EQ(w.Predicted, test.Predicted[w.Index]);
    }
}

TEST(ImageTrainer, ARefusedSettingIsSaidAndANewNetworkStartsOver) {
    auto set = std::make_shared<const ImageSet>(test::BarSet(100, 20, 8, 2));
    ImageTrainer t(SmallConfig(), set, 10);
    t.Post(imgcmd::StepUpdate{});
    TrainConfig bad = SmallConfig();
    bad.Optimizer.LearningRate = std::nan("");
    t.Post(imgcmd::SetConfig{bad});
    std::shared_ptr<const ImageSnapshot> s = AfterCommands(t, 2);
    EXPECT_NE(s->LastError.find("learning"), std::string::npos) << s->LastError;
    EXPECT_EQ(s->Config.Optimizer.LearningRate, 0.01); // the rate in use stays on show
    EXPECT_EQ(s->Updates, 1);
    TrainConfig wider = SmallConfig();
    wider.Network.Hidden[0].Units = 5;
    t.Post(imgcmd::SetConfig{wider});
    s = AfterCommands(t, 3);
    EXPECT_EQ(s->LastError, "");
    EXPECT_EQ(s->Updates, 0);
    EXPECT_EQ(s->LayerSpecs[0].Units, 5);
    EXPECT_EQ(s->Records.size(), 1u);
}

// Keep hands over the session as a file would hold it, while it trains; a trainer started from
// it shows the same weights, counters and curves, and refuses another set of images.
TEST(ImageTrainer, AKeptSessionStartsAnotherTrainerWhereItWas) {
    auto set = std::make_shared<const ImageSet>(test::BarSet(300, 80, 8, 3));
    ImageTrainer t(SmallConfig(), set, 30);
    t.Post(imgcmd::StepEpoch{});
    AfterCommands(t, 1); // (a step posted before the epoch ends would end it)
    t.Post(imgcmd::StepUpdate{});
    t.Post(imgcmd::StepUpdate{});
    t.Post(imgcmd::Keep{7});
    std::shared_ptr<const ImageSnapshot> s = AfterCommands(t, 4);
    ASSERT_EQ(s->KeptId, 7u);
    ASSERT_TRUE(s->Kept);
    const ImageSessionFile& kept = *s->Kept;
    EXPECT_EQ(kept.Progress.Updates, 11);
    EXPECT_EQ(kept.Progress.Params, s->Params);
    EXPECT_EQ(kept.Records, s->Records);
    EXPECT_EQ(kept.Validation, 30u);
    EXPECT_EQ(kept.TrainImages, 300u);

    ImageTrainer again(kept, set);
    std::shared_ptr<const ImageSnapshot> r = again.Latest();
    EXPECT_EQ(r->Updates, 11);
    EXPECT_EQ(r->Epochs, 1);
    EXPECT_EQ(r->EpochPosition, 60u);
    EXPECT_EQ(r->Params, s->Params);
    EXPECT_EQ(r->Records, s->Records) << "mid-epoch: the curves as kept, no record for the half epoch";
    EXPECT_EQ(r->Confusion, s->Confusion);
    // Both go on with the same next update.
    t.Post(imgcmd::StepUpdate{});
    again.Post(imgcmd::StepUpdate{});
    EXPECT_EQ(AfterCommands(again, 1)->Params, AfterCommands(t, 5)->Params);

    auto other = std::make_shared<const ImageSet>(test::BarSet(200, 80, 8, 3));
    try {
        ImageTrainer wrong(kept, other);
        ADD_FAILURE() << "another set of images was taken";
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("not the ones the session trained on"), std::string::npos);
    }
}

// A lesson's subset: the first 60 training images are trained on, the validation images are the
// set's last 30 as before, the test images the same; a session kept and reopened on the whole set
// trains on the same 60 again.
TEST(ImageTrainer, AnEpochOfTheFirstImagesOnlyAndItsSessionReopensOnThem) {
    auto set = std::make_shared<const ImageSet>(test::BarSet(300, 80, 8, 3));
    const std::shared_ptr<const ImageSet> cut = TrainingSubset(set, 60, 30);
    ASSERT_EQ(cut->TrainImages.Count, 90u);
    const size_t pixels = 64;
    EXPECT_TRUE(std::equal(cut->TrainImages.Pixels.begin(), cut->TrainImages.Pixels.begin() + 60 * pixels,
                           set->TrainImages.Pixels.begin()));
    EXPECT_TRUE(std::equal(cut->TrainImages.Pixels.begin() + 60 * pixels, cut->TrainImages.Pixels.end(),
                           set->TrainImages.Pixels.end() - 30 * pixels))
        << "the validation images are the set's last, as without a subset";
    EXPECT_EQ(cut->TrainLabels.Labels[61], set->TrainLabels.Labels[271]);
    EXPECT_EQ(cut->TestImages.Pixels, set->TestImages.Pixels);
    EXPECT_EQ(TrainingSubset(set, 0, 30), set) << "0: all of them, the set itself";
    EXPECT_EQ(TrainingSubset(set, 270, 30), set) << "as many as there are: the set itself";

    ImageTrainer t(SmallConfig(), set, 30, 60);
    std::shared_ptr<const ImageSnapshot> s = t.Latest();
    EXPECT_EQ(s->TrainCount, 60u);
    EXPECT_EQ(s->ValidationCount, 30u);
    EXPECT_EQ(s->AllTraining, 270u);
    t.Post(imgcmd::Play{3}); // three epochs, then it pauses by itself
    for (int k = 0; k < 200 && (s->Epochs < 3 || s->State == TrainerState::Running); ++k)
        if (std::shared_ptr<const ImageSnapshot> newer = t.WaitNewer(s->Sequence, 0.1)) s = newer;
    EXPECT_EQ(s->Epochs, 3);
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Updates, 3 * 2) << "60 images in batches of 30: 2 updates an epoch";
    t.Post(imgcmd::Keep{1});
    s = AfterCommands(t, 2);
    ASSERT_TRUE(s->Kept);
    EXPECT_EQ(s->Kept->Used, 60u);
    EXPECT_EQ(s->Kept->TrainImages, 300u)
        << "the whole set's count: what a reopened session is checked against";
    const std::string text = ImageSessionText(*s->Kept);
    const ImageSessionFile back = ImageSessionFromJson(nlohmann::json::parse(text));
    EXPECT_EQ(back.Used, 60u);
    ImageTrainer again(back, set);
    EXPECT_EQ(again.Latest()->TrainCount, 60u);
    EXPECT_EQ(again.Latest()->Params, s->Params);
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// Every job's two halves run once each, the second on the helper thread when there is one, and
// Run returns only when both are done (a thousand hand-overs in a row: the ThreadSanitizer build
// runs this).
TEST(TwoCores, RunsBothHalvesOnceAndWaitsForThem) {
    for (bool helper : {true, false}) {
        TwoCores cores(helper);
        EXPECT_EQ(cores.HasHelper(), helper);
        long sums[2] = {0, 0};
        std::thread::id where[2];
        for (int k = 1; k <= 1000; ++k) {
            cores.Run([&](int half) {
                sums[half] += k;
                where[half] = std::this_thread::get_id();
            });
            ASSERT_EQ(sums[0], long(k) * (k + 1) / 2);
            ASSERT_EQ(sums[1], long(k) * (k + 1) / 2);
        }
        EXPECT_EQ(where[0], std::this_thread::get_id());
        EXPECT_EQ(where[1] != std::this_thread::get_id(), helper);
    }
}

// A large first layer's products split by input over two cores: the helper thread changes where
// the second half is computed, never the numbers; and the result is the undivided products' up
// to rounding (the sum over the inputs is taken in two parts).
TEST(TwoCores, TheFirstLayerSplitByInputGivesTheWholeGradientWithOrWithoutAHelper) {
    Mlp net(200,
            {{24, Activation::Sigmoid}, {5, Activation::Sigmoid}}); // 24 x 200 x 77: large enough to split
    Rng rng(3);
    for (double& p : net.Params())
        p = rng.Normal(0.0, 0.3);
    Eigen::MatrixXd X(200, 77), T = Eigen::MatrixXd::Zero(5, 77);
    for (Eigen::Index k = 0; k < X.size(); ++k)
        X.data()[k] = rng.Uniform(-1.0, 1.0);
    for (Eigen::Index c = 0; c < 77; ++c)
        T(c % 5, c) = 1.0;
    const Regularization l2{RegularizationKind::L2, 0.01};
    for (Reduction r : {Reduction::Sum, Reduction::Mean}) {
        Mlp whole = net, threaded = net, inline_ = net;
        const ConstMatrixMap x(X.data(), X.rows(), X.cols());
        const double expected = ComputeGradients(whole, x, T, Loss::BinaryCrossEntropy, r, l2);
        TwoCores with_helper(true), without(false);
        const double a = ComputeGradients(threaded, x, T, Loss::BinaryCrossEntropy, r, l2, &with_helper);
        const double b = ComputeGradients(inline_, x, T, Loss::BinaryCrossEntropy, r, l2, &without);
        EXPECT_EQ(a, b);
        for (size_t i = 0; i < threaded.Grads().size(); ++i)
            ASSERT_EQ(threaded.Grads()[i], inline_.Grads()[i]) << i; // bit for bit
        EXPECT_EQ(threaded.A(1), inline_.A(1));
        EXPECT_NEAR((threaded.A(1) - whole.A(1)).cwiseAbs().maxCoeff(), 0.0, 1e-12);
        EXPECT_NEAR(a, expected, 1e-12 * std::abs(expected));
        for (size_t i = 0; i < whole.Grads().size(); ++i)
            ASSERT_NEAR(threaded.Grads()[i], whole.Grads()[i], 1e-12 * (1.0 + std::abs(whole.Grads()[i])))
                << i;
    }
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// Scoring 2,500 images in two halves (the second on a thread) gives what one pass over them all
// gives: every prediction, the confusion matrix, the accuracy, and the loss up to rounding.
TEST(ImageSession, ScoringInTwoHalvesIsScoringInOnePass) {
    const ImageSet set = test::BarSet(100, 2500, 8, 3);
    ImageSession s(SmallConfig(), set, 10);
    for (int k = 0; k < 3; ++k)
        ASSERT_TRUE(s.RunUpdate());
    const ImageMetrics m = s.Evaluate(ImageSplit::Test, true);
    Mlp net = s.Network();
    Eigen::MatrixXd X, T;
    s.Batch(ImageSplit::Test, nullptr, 0, 2500, X, T);
    const Eigen::MatrixXd& out = net.Forward(X);
    const double loss = LossSum(s.Config().LossKind, net.Z(net.NumLayers() - 1), out, T) / 2500.0 +
                        RegularizationLoss(net, s.Config().Reg);
    long right = 0;
    std::vector<std::vector<long>> confusion(3, std::vector<long>(3, 0));
    for (Eigen::Index c = 0; c < 2500; ++c) {
        const int p = PredictClass(s.Encoding(), out.col(c).data()), t = set.TestLabels.Labels[size_t(c)];
        EXPECT_EQ(m.Predicted[size_t(c)], p) << c;
        right += p == t;
        ++confusion[size_t(t)][size_t(p)];
    }
    EXPECT_EQ(m.Confusion, confusion);
    EXPECT_DOUBLE_EQ(m.Accuracy, double(right) / 2500.0);
    EXPECT_NEAR(m.Loss, loss, 1e-12 * loss);
}

} // namespace
} // namespace nnplay
