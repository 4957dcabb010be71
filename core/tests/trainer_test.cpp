// trainer_test.cpp: the background trainer, observed only through what it publishes.
#include "core/tests/test_scale.hpp"
#include "core/train/diagnosis.hpp"
#include "core/train/trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace nnplay {
namespace {

Dataset Xor(int points = 100) {
    DatasetSpec spec;
    spec.NumPoints = points;
    return GenerateDataset(spec);
}

TrainConfig Config() {
    TrainConfig c;
    c.Optimizer.Kind = OptimizerKind::Momentum;
    c.Optimizer.LearningRate = 0.05;
    return c;
}

// Posts commands and returns the first snapshot taken after all of them were applied.
std::shared_ptr<const Snapshot> Apply(Trainer& t, std::vector<Command> commands) {
    const uint64_t target = t.CommandsApplied() + commands.size();
    for (Command& c : commands)
        t.Post(std::move(c));
    std::shared_ptr<const Snapshot> s = t.Latest();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (s->CommandsApplied < target && std::chrono::steady_clock::now() < deadline)
        s = t.WaitNewer(s->Sequence, 0.05);
    EXPECT_GE(s->CommandsApplied, target) << "the trainer did not apply the commands in time";
    return s;
}

std::shared_ptr<const Snapshot> WaitUntil(Trainer& t, const std::function<bool(const Snapshot&)>& done) {
    std::shared_ptr<const Snapshot> s = t.Latest();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!done(*s) && std::chrono::steady_clock::now() < deadline)
        s = t.WaitNewer(s->Sequence, 0.05);
    return s;
}

TEST(Trainer, StartsPausedWithTheInitialWeights) {
    Trainer t(Config(), Xor());
    TrainingSession sync(Config(), Xor());
    const auto s = t.Latest();
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Updates, 0);
    EXPECT_EQ(s->Params, sync.Network().Params());
    EXPECT_EQ(s->Layers.size(), 3u);
}

TEST(Trainer, ThreadedRunIsBitIdenticalToTheSameCommandsAppliedSynchronously) {
    Trainer t(Config(), Xor());
    StopConditions stop;
    stop.MaxEpochs = 6;
    Apply(t, {cmd::StepUpdate{}, cmd::StepUpdate{}, cmd::StepUpdate{}, cmd::SetLearningRate{0.2},
              cmd::StepEpoch{}, cmd::SetBatchSize{7}, cmd::SetStopConditions{stop}, cmd::Play{}});
    const auto s =
        WaitUntil(t, [](const Snapshot& x) { return x.State == TrainerState::Paused && x.Epochs == 6; });
    ASSERT_EQ(s->Epochs, 6);
    EXPECT_NE(s->StatusMessage.find("reached 6 epochs"), std::string::npos) << s->StatusMessage;

    TrainingSession sync(Config(), Xor());
    for (int k = 0; k < 3; ++k)
        sync.Update();
    OptimizerSettings o = sync.Config().Optimizer;
    o.LearningRate = 0.2;
    sync.SetOptimizer(o);
    sync.RunEpoch();
    sync.SetBatchSize(7);
    while (sync.EpochCount() < 6)
        sync.RunEpoch();
    EXPECT_EQ(s->Updates, sync.UpdateCount());
    EXPECT_EQ(s->Params, sync.Network().Params()); // bit for bit
    EXPECT_EQ(s->Config.Optimizer.LearningRate, 0.2);
}

TEST(Trainer, ResetReturnsTheInitialWeightsExactly) {
    Trainer t(Config(), Xor());
    const std::vector<double> initial = t.Latest()->Params;
    auto s = Apply(t, {cmd::StepEpoch{}, cmd::StepEpoch{}});
    EXPECT_NE(s->Params, initial);
    s = Apply(t, {cmd::Reset{}});
    EXPECT_EQ(s->Params, initial);
    EXPECT_EQ(s->Updates, 0);
    s = Apply(t, {cmd::Reinitialize{99}});
    EXPECT_NE(s->Params, initial);
}

TEST(Trainer, StepBackThenForwardIsBitIdentical) {
    Trainer t(Config(), Xor());
    std::vector<std::shared_ptr<const Snapshot>> seen;
    for (int k = 0; k < 14; ++k)
        seen.push_back(Apply(t, {cmd::StepUpdate{}})); // crosses an epoch end (batch 10, 50 points)
    ASSERT_EQ(seen.back()->Updates, 14);
    auto s = Apply(t, {cmd::StepBack{}});
    EXPECT_EQ(s->Updates, 13);
    EXPECT_EQ(s->Params, seen[12]->Params);
    EXPECT_EQ(s->Grads, seen[12]->Grads); // the gradients of update 13, replayed
    EXPECT_EQ(s->LastDelta, seen[12]->LastDelta);
    s = Apply(t, {cmd::StepBack{}, cmd::StepBack{}, cmd::StepBack{}, cmd::StepBack{}, cmd::StepBack{}});
    EXPECT_EQ(s->Updates, 8);
    EXPECT_EQ(s->Params, seen[7]->Params);
    for (int k = 9; k <= 14; ++k) {
        s = Apply(t, {cmd::StepUpdate{}});
        ASSERT_EQ(s->Params, seen[size_t(k - 1)]->Params) << "update " << k;
        ASSERT_EQ(s->Grads, seen[size_t(k - 1)]->Grads) << "update " << k;
    }
}

TEST(Trainer, StepBackStopsAtTheLastChangeAndSaysSo) {
    Trainer t(Config(), Xor());
    auto s = Apply(t, {cmd::StepUpdate{}, cmd::StepUpdate{}, cmd::SetLearningRate{0.01}, cmd::StepUpdate{}});
    EXPECT_EQ(s->StepsBackAvailable, 1);
    s = Apply(t, {cmd::StepBack{}});
    EXPECT_EQ(s->Updates, 2);
    s = Apply(t, {cmd::StepBack{}});
    EXPECT_EQ(s->Updates, 2);
    EXPECT_NE(s->LastError.find("cannot step back"), std::string::npos);
}

TEST(Trainer, DatasetEditsReachTheNextUpdate) {
    Trainer t(Config(), Xor(40));
    auto s = Apply(t, {cmd::AddPoint{{5.5, 5.5, 0, 0.0, false, {}, {}}}, cmd::StepUpdate{}});
    EXPECT_EQ(s->Data->Points.size(), 41u);
    EXPECT_EQ(s->Eval.Train.Count, 21u);
    // The same edit applied synchronously gives the same update.
    TrainingSession sync(Config(), Xor(40));
    Dataset d = sync.Data();
    AddPoint(d, {5.5, 5.5, 0, 0.0, false, {}, {}});
    sync.SetDataset(d);
    sync.Update();
    EXPECT_EQ(s->Params, sync.Network().Params());
    // A third class changes the output layer: the network is rebuilt and says so.
    s = Apply(t, {cmd::AddPoint{{-5.5, 5.5, 2, 0.0, false, {}, {}}}});
    EXPECT_EQ(s->Encoding.Outputs, 3);
    EXPECT_EQ(s->Data->NumClasses, 3);
    // A bad edit is refused in words and changes nothing.
    s = Apply(t, {cmd::RemovePoint{1000}});
    EXPECT_NE(s->LastError.find("no point 1000"), std::string::npos);
    EXPECT_EQ(s->Data->Points.size(), 42u);
}

// An eraser held over a point posts a removal every frame until a new snapshot arrives: the same
// index twice must not take a second, innocent point that moved into that index.
TEST(Trainer, ARemovalFromAStaleSnapshotTakesThePointItNamedOrNothing) {
    Trainer t(Config(), Xor(40));
    const std::shared_ptr<const Dataset> seen = t.Latest()->Data; // the UI's snapshot
    const DataPoint target = seen->Points[3], next = seen->Points[4];
    auto s = Apply(t, {cmd::RemovePoint{3, target.X1, target.X2}, cmd::RemovePoint{3, target.X1, target.X2}});
    ASSERT_EQ(s->Data->Points.size(), 39u) << "the second removal found its point gone";
    EXPECT_EQ(s->Data->Points[3].X1, next.X1) << "the point that moved into index 3 is still there";
    // A point named by an index that has since shifted is found where it is now.
    const DataPoint last = seen->Points[39];
    s = Apply(t, {cmd::RemovePoint{0, seen->Points[0].X1, seen->Points[0].X2},
                  cmd::RemovePoint{38, last.X1, last.X2}});
    ASSERT_EQ(s->Data->Points.size(), 37u);
    for (const DataPoint& p : s->Data->Points)
        EXPECT_FALSE(p.X1 == last.X1 && p.X2 == last.X2);
}

TEST(Trainer, SettingsCommandsShowInTheSnapshotAndBadOnesAreRefused) {
    Trainer t(Config(), Xor());
    auto s = Apply(t, {cmd::SetLearningRate{0.3}, cmd::SetBatchSize{5}});
    EXPECT_EQ(s->Config.Optimizer.LearningRate, 0.3);
    EXPECT_EQ(s->Config.BatchSize, 5);
    EXPECT_EQ(s->UpdatesPerEpoch, 10);
    s = Apply(t, {cmd::SetBatchSize{0}});
    EXPECT_EQ(s->Config.BatchSize, 5);
    EXPECT_NE(s->LastError.find("batch"), std::string::npos);
    // A refused learning rate names the value refused and the one still in use.
    s = Apply(t, {cmd::SetLearningRate{-1}});
    EXPECT_EQ(s->Config.Optimizer.LearningRate, 0.3);
    EXPECT_NE(s->LastError.find("learning rate -1 refused"), std::string::npos) << s->LastError;
    EXPECT_NE(s->LastError.find("still 0.3"), std::string::npos) << s->LastError;
    NetworkConfig net;
    net.Hidden = {{3, Activation::Relu}};
    s = Apply(t, {cmd::SetNetwork{net}});
    ASSERT_EQ(s->Layers.size(), 2u);
    EXPECT_EQ(s->Layers[0].Out, 3);
    LossHistory points;
    const auto events = t.Drain(points);
    ASSERT_GE(events.size(), 2u);
    EXPECT_NE(events[0].Text.find("learning rate 0.05 -> 0.3"), std::string::npos) << events[0].Text;
}

TEST(Trainer, FrozenWeightsStayAndManualEditsApply) {
    Trainer t(Config(), Xor());
    auto s = Apply(t, {cmd::SetParam{0, 1.25}, cmd::SetFrozen{0, true}, cmd::StepEpoch{}});
    EXPECT_EQ(s->Params[0], 1.25);
    EXPECT_EQ(s->LastDelta[0], 0.0);
    EXPECT_NE(s->LastDelta[1], 0.0);
    s = Apply(t, {cmd::SetFrozen{0, false}, cmd::StepEpoch{}});
    EXPECT_NE(s->Params[0], 1.25);
    s = Apply(t, {cmd::SetParam{0, std::nan("")}});
    EXPECT_FALSE(s->LastError.empty());
}

// Opening a file while training runs: everything is replaced at once, or (a broken session)
// nothing is.
TEST(Trainer, LoadSessionReplacesEverythingOrNothing) {
    Trainer t(Config(), Xor());
    Apply(t, {cmd::Play{}});
    TrainConfig c;
    c.Network.Hidden = {{2, Activation::Sigmoid}};
    c.BatchSize = 4;
    Dataset table;
    table.Points = {{0, 0, 0, 0, false, {}, {}},
                    {0, 1, 1, 0, false, {}, {}},
                    {1, 0, 1, 0, false, {}, {}},
                    {1, 1, 0, 0, false, {}, {}}};
    std::vector<double> params(9, 0.25);
    auto s = Apply(t, {cmd::LoadSession{c, table, params, 7, 3, "xor table", {2}}});
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Params, params);
    EXPECT_EQ(s->Frozen, (std::vector<uint8_t>{0, 0, 1, 0, 0, 0, 0, 0, 0})); // weight 2 stays as set
    EXPECT_EQ(s->Updates, 7);
    EXPECT_EQ(s->Data->Points.size(), 4u);
    EXPECT_EQ(s->Config.Network.Hidden, c.Network.Hidden);
    EXPECT_EQ(s->StepsBackAvailable, 0);
    c.Network.Hidden = {{3, Activation::Sigmoid}}; // 13 parameters, 9 given: refused
    s = Apply(t, {cmd::LoadSession{c, table, params, 0, 0, "broken", {}}});
    EXPECT_NE(s->LastError.find("9"), std::string::npos) << s->LastError;
    EXPECT_EQ(s->Params, params);
    EXPECT_EQ(s->Config.Network.Hidden.front().Units, 2);
    c.Network.Hidden = {{2, Activation::Sigmoid}}; // the right size, but a frozen index past the end: refused
    s = Apply(t, {cmd::LoadSession{c, table, std::vector<double>(9, 0.5), 0, 0, "bad frozen", {9}}});
    EXPECT_FALSE(s->LastError.empty());
    EXPECT_EQ(s->Params, params);
    s = Apply(t, {cmd::StepUpdate{}});
    EXPECT_EQ(s->Updates, 8);
    EXPECT_EQ(s->Params[2], 0.25); // frozen: the update left it alone
    EXPECT_NE(s->Params[0], 0.25);
}

TEST(Trainer, DivergenceStopsTrainingWithAMessage) {
    TrainConfig c;
    c.Network.Hidden = {{8, Activation::Relu}, {8, Activation::Relu}};
    c.Optimizer.LearningRate = 100.0;
    DatasetSpec spec;
    spec.Name = "plane";
    spec.NumPoints = 200;
    Trainer t(c, GenerateDataset(spec));
    t.Post(cmd::Play{});
    const auto s = WaitUntil(t, [](const Snapshot& x) { return x.State == TrainerState::Diverged; });
    ASSERT_EQ(s->State, TrainerState::Diverged);
    EXPECT_EQ(s->StatusMessage.rfind("diverged at update", 0), 0u);
    for (double p : s->Params)
        ASSERT_TRUE(std::isfinite(p));
    const auto after = Apply(t, {cmd::Play{}});
    EXPECT_EQ(after->State, TrainerState::Diverged);
    EXPECT_NE(after->LastError.find("reset"), std::string::npos);
    EXPECT_EQ(Apply(t, {cmd::Reset{}})->State, TrainerState::Paused);
}

TEST(Trainer, SpeedLimitIsRespected) {
    Trainer t(Config(), Xor());
    Apply(t, {cmd::SetSpeedLimit{20.0}, cmd::Play{}});
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    const auto s = Apply(t, {cmd::Pause{}});
    EXPECT_GE(s->Updates, 4); // ~12 expected; generous for a loaded machine
    EXPECT_LE(s->Updates, 16);
}

TEST(Trainer, NoLossPointIsLostUnderASlowConsumer) {
    Trainer t(Config(), Xor(500));                      // 250 training points, batch 10: 25 updates per epoch
    const long epochs = nnplay::testing::Scaled(20000); // 500,000 updates (50,000 sanitized)
    StopConditions stop;
    stop.MaxEpochs = epochs;
    Apply(t, {cmd::SetStopConditions{stop}, cmd::Play{}});
    LossHistory history(1 << 16);
    std::shared_ptr<const Snapshot> s = t.Latest();
    long largest_drain = 0; // points taken in one drain: how far the consumer fell behind
    const auto drain = [&] {
        const long before = history.BatchLoss.TotalCount();
        t.Drain(history);
        largest_drain = std::max(largest_drain, long(history.BatchLoss.TotalCount()) - before);
    };
    while (!(s->State == TrainerState::Paused && s->Epochs == epochs)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(150)); // a UI that is far too slow
        drain();
        s = t.Latest();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    drain();
    // Whatever this machine's speed, the trainer ran at least a thousand updates ahead of the
    // consumer at some point (a fast machine finishes the whole run before the first drain).
    EXPECT_GE(largest_drain, 1000) << "the consumer should have lagged behind the trainer";
    EXPECT_EQ(history.BatchLoss.TotalCount(), epochs * 25);
    EXPECT_EQ(history.EpochTrainLoss.TotalCount(), epochs);
    EXPECT_EQ(history.BatchLoss.Buckets().front().FirstX, 1);
    EXPECT_EQ(history.BatchLoss.Buckets().back().LastX, epochs * 25);
    EXPECT_LE(history.BatchLoss.Buckets().size(), size_t(1 << 16));
}

TEST(Trainer, DestroyingARunningTrainerNeitherHangsNorLeaks) {
    for (int k = 0; k < 5; ++k) {
        Trainer t(Config(), Xor(500));
        t.Post(cmd::Play{});
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    } // destructor stops and joins while training at full speed
    SUCCEED();
}

TEST(LossHistory, AMillionPointsFitInBoundedMemoryAndKeepTheirExtremes) {
    Series series(4096);
    for (long x = 1; x <= 1000000; ++x)
        series.Add(x, x == 777777 ? 1e6 : 1.0 / double(x));
    EXPECT_LE(series.Buckets().size(), 4096u);
    EXPECT_EQ(series.TotalCount(), 1000000);
    double max = 0.0, min = 1.0;
    for (const SeriesBucket& b : series.Buckets()) {
        max = std::max(max, b.Max);
        min = std::min(min, b.Min);
    }
    EXPECT_EQ(max, 1e6);
    EXPECT_EQ(min, 1e-6);
    EXPECT_EQ(series.Buckets().front().FirstX, 1);
    EXPECT_EQ(series.Buckets().back().LastX, 1000000);
}

TEST(LossHistory, AMillionPointsKeepTheirFirstHundredAndEveryDecadeAlike) {
    // A plateau over the first updates of a long run must stay visible (issue 13): the start is
    // kept point by point, and each decade of x gets about as many buckets as the next.
    Series series(4096);
    for (long x = 1; x <= 1000000; ++x)
        series.Add(x, 1.0);
    const std::vector<SeriesBucket>& b = series.Buckets();
    for (long x = 1; x <= 100; ++x) {
        ASSERT_EQ(b[size_t(x - 1)].FirstX, x);
        ASSERT_EQ(b[size_t(x - 1)].Count, 1) << "x " << x;
    }
    const auto in_decade = [&](long lo) {
        return std::count_if(b.begin(), b.end(),
                             [&](const SeriesBucket& k) { return k.FirstX >= lo && k.FirstX < 10 * lo; });
    };
    EXPECT_GT(in_decade(10000), 300);
    EXPECT_NEAR(double(in_decade(100000)) / double(in_decade(10000)), 1.0, 0.25);
    for (size_t k = 1; k < b.size(); ++k)
        ASSERT_EQ(b[k].FirstX, b[k - 1].LastX + 1) << "no gap, no overlap";
}

TEST(Trainer, NoPointOfARunThatAResetEndedIsDrainedWithTheNewRun) {
    // The old run's points are still queued (nobody drained) when the network changes and the
    // new run trains an epoch: what the window takes must be the new run's points alone, or the
    // old run's last bucket, merged with the new update 1, ends in a file that cannot reopen.
    Trainer t(Config(), Xor());
    Apply(t, {cmd::StepEpoch{}, cmd::StepEpoch{}, cmd::StepEpoch{}});
    NetworkConfig net;
    net.Hidden = {{3, Activation::Relu}};
    const auto s = Apply(t, {cmd::SetNetwork{net}, cmd::StepEpoch{}});
    ASSERT_GT(s->Updates, 0);
    LossHistory points;
    const std::vector<TrainerEvent> events = t.Drain(points);
    EXPECT_TRUE(std::any_of(events.begin(), events.end(),
                            [](const TrainerEvent& e) { return e.Type == TrainerEvent::Kind::Reset; }));
    EXPECT_EQ(points.BatchLoss.TotalCount(), s->Updates);
    ASSERT_FALSE(points.BatchLoss.Empty());
    EXPECT_EQ(points.BatchLoss.Buckets().front().FirstX, 1);
    EXPECT_EQ(points.BatchLoss.Buckets().back().LastX, s->Updates);
    EXPECT_EQ(points.EpochTrainLoss.TotalCount(), 1);
}

TEST(Trainer, AStepBackDropsTheQueuedPointsBeyondIt) {
    Trainer t(Config(), Xor());
    const auto before = Apply(t, {cmd::StepUpdate{}, cmd::StepUpdate{}, cmd::StepUpdate{}});
    const auto s = Apply(t, {cmd::StepBack{}});
    ASSERT_EQ(s->Updates, before->Updates - 1);
    LossHistory points;
    t.Drain(points);
    EXPECT_EQ(points.BatchLoss.TotalCount(), s->Updates);
    EXPECT_EQ(points.BatchLoss.Buckets().back().LastX, s->Updates);
}

TEST(LossHistory, XOnlyGoesForwardWhateverIsAppended) {
    // A counter that restarts replaces what came from its start on; a rewind inside a merged
    // bucket ends that bucket at the rewind, so the next point still comes after it.
    Series series(4);
    for (long x = 1; x <= 100; ++x)
        series.Add(x, 1.0);
    ASSERT_LE(series.Buckets().size(), 4u);
    series.Add(1, 5.0);
    ASSERT_EQ(series.Buckets().size(), 1u);
    EXPECT_EQ(series.TotalCount(), 1);
    EXPECT_EQ(series.Buckets()[0].Max, 5.0);
    for (long x = 2; x <= 100; ++x)
        series.Add(x, 1.0);
    const long straddled = series.Buckets().back().LastX - 1;
    ASSERT_GT(straddled, series.Buckets().back().FirstX) << "the last bucket should be merged";
    series.TruncateAfter(straddled);
    series.Add(straddled + 1, 2.0);
    const std::vector<SeriesBucket>& b = series.Buckets();
    for (size_t k = 1; k < b.size(); ++k)
        EXPECT_GT(b[k].FirstX, b[k - 1].LastX) << "bucket " << k;
    for (const SeriesBucket& k : b)
        EXPECT_LE(k.FirstX, k.LastX);
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// The trainer diagnoses its own run: a learning rate far too small is said in the snapshot's
// findings after a few looks, a fixed rate starts the diagnosis afresh (the finding goes), and a
// diagnosis switched off says nothing.
TEST(Trainer, DiagnosesTheRunItTrainsAndStartsAfreshAfterAChange) {
    TrainConfig c;
    c.Optimizer.LearningRate = 0.00001;
    Trainer t(c, Xor(200));
    Apply(t, {cmd::SetSpeedLimit{1000.0}, cmd::Play{}}); // a look every 10 updates, 100 a second
    const auto has = [](const Snapshot& s, const std::string& id) {
        return s.Findings && std::any_of(s.Findings->begin(), s.Findings->end(),
                                         [&](const Finding& f) { return f.Id == id; });
    };
    std::shared_ptr<const Snapshot> s =
        WaitUntil(t, [&](const Snapshot& x) { return has(x, "slow_convergence"); });
    ASSERT_TRUE(has(*s, "slow_convergence")) << s->DiagnosisLooks << " looks, " << s->Updates << " updates";
    EXPECT_GE(s->DiagnosisLooks, 6);
    s = Apply(t, {cmd::SetLearningRate{0.03}});
    EXPECT_LT(s->DiagnosisLooks, 3) << "a change starts a new run for the diagnosis";
    s = WaitUntil(t, [&](const Snapshot& x) { return x.DiagnosisLooks >= 10; });
    EXPECT_FALSE(has(*s, "slow_convergence"));
    s = Apply(t, {cmd::SetDiagnosis{false}, cmd::SetLearningRate{0.00001}});
    s = WaitUntil(t, [&](const Snapshot& x) { return x.Updates > 1000; });
    EXPECT_FALSE(s->DiagnosisOn);
    EXPECT_EQ(s->DiagnosisLooks, 0);
    EXPECT_TRUE(!s->Findings || s->Findings->empty());
}

// A diverged run is said to have diverged at once, with the rate that did it.
TEST(Trainer, SaysDivergenceTheMomentItHappens) {
    TrainConfig c;
    c.LossKind = Loss::HalfSquaredError;
    c.Network.Hidden.clear();
    c.Network.Output = Activation::Linear;
    c.Optimizer.LearningRate = 50.0;
    DatasetSpec spec;
    spec.Name = "plane";
    spec.NumPoints = 200;
    Trainer t(c, GenerateDataset(spec));
    Apply(t, {cmd::SetSpeedLimit{0.0}, cmd::Play{}});
    const std::shared_ptr<const Snapshot> s = WaitUntil(t, [](const Snapshot& x) {
        return x.State == TrainerState::Diverged && x.Findings && !x.Findings->empty();
    });
    ASSERT_EQ(s->State, TrainerState::Diverged);
    ASSERT_TRUE(s->Findings && !s->Findings->empty());
    const Finding& f = s->Findings->back();
    EXPECT_EQ(f.Id, "divergence");
    EXPECT_NE(f.Message.find("50"), std::string::npos) << f.Message;
}

} // namespace
} // namespace nnplay
