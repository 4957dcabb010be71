// background_run_test.cpp: the one loop both modes' runs share, over a run of its own whose
// "update" is a counter, so that what is tested is the loop: commands in order, slices of updates
// while running, pictures when something changed, the state, the rate, the end.
#include "core/train/background_run.hpp"
#include "core/train/image_trainer.hpp"
#include "core/train/trainer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <variant>

namespace nnplay {
namespace {

namespace count {
struct Play {};
struct Pause {};
struct Add {
    long Value;
};
struct PauseAt { // running stops once the counter reaches this (as an epoch limit does)
    long Value;
};
} // namespace count
using CountCommand = std::variant<count::Play, count::Pause, count::Add, count::PauseAt>;

struct CountSnapshot : RunSnapshot {
    long Counter = 0;
    std::vector<long> Added; // the Add commands' values, in the order applied
};

class CountingRun : public BackgroundRun<CountCommand, CountSnapshot> {
  public:
    CountingRun() : BackgroundRun(Slicing{}) { StartLoop("nnplay-test"); }
    ~CountingRun() override { StopLoop(); }
    void Stop() { StopLoop(); }

  private:
    void Apply(CountCommand& c) override {
        if (std::holds_alternative<count::Play>(c)) m_state = TrainerState::Running;
        if (std::holds_alternative<count::Pause>(c)) m_state = TrainerState::Paused;
        if (const auto* a = std::get_if<count::Add>(&c)) {
            m_counter += a->Value;
            m_added.push_back(a->Value);
        }
        if (const auto* p = std::get_if<count::PauseAt>(&c)) m_pauseAt = p->Value;
    }
    bool UpdateOnce() override {
        ++m_counter;
        CountUpdate(10);
        if (m_pauseAt > 0 && m_counter >= m_pauseAt) {
            m_state = TrainerState::Paused;
            return false;
        }
        return true;
    }
    void Publish() override {
        auto s = std::make_shared<CountSnapshot>();
        FillRunSnapshot(*s);
        s->Updates = m_counter;
        s->Counter = m_counter;
        s->Added = m_added;
        m_mailbox.Publish(std::move(s));
    }
    long m_counter = 0, m_pauseAt = 0;
    std::vector<long> m_added;
};

std::shared_ptr<const CountSnapshot> WaitUntil(CountingRun& r,
                                               const std::function<bool(const CountSnapshot&)>& done) {
    std::shared_ptr<const CountSnapshot> s = r.Latest();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done(*s) && std::chrono::steady_clock::now() < deadline)
        s = r.WaitNewer(s->Sequence, 0.05);
    return s;
}

TEST(BackgroundRun, StartsPausedAndPublishesTheFirstPictureAtOnce) {
    CountingRun r;
    const auto s = r.Latest();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Counter, 0);
    EXPECT_EQ(s->CommandsApplied, 0u);
}

TEST(BackgroundRun, AppliesCommandsInTheOrderPostedAndShowsEachBatchOfThem) {
    CountingRun r;
    for (long v = 1; v <= 50; ++v)
        r.Post(count::Add{v});
    const auto s = WaitUntil(r, [](const CountSnapshot& x) { return x.CommandsApplied == 50; });
    ASSERT_EQ(s->CommandsApplied, 50u);
    ASSERT_EQ(s->Added.size(), 50u);
    for (long v = 1; v <= 50; ++v)
        EXPECT_EQ(s->Added[size_t(v - 1)], v);
    EXPECT_EQ(s->Counter, 50 * 51 / 2); // paused: no update ran between them
    EXPECT_EQ(r.CommandsApplied(), 50u);
}

TEST(BackgroundRun, UpdatesWhileRunningAndReportsItsRateOnlyThen) {
    CountingRun r;
    r.Post(count::Play{});
    auto s = WaitUntil(r, [](const CountSnapshot& x) { return x.UpdatesPerSecond > 0.0; });
    ASSERT_EQ(s->State, TrainerState::Running);
    EXPECT_GT(s->Counter, 0);
    EXPECT_GT(s->UpdatesPerSecond, 0.0);
    EXPECT_DOUBLE_EQ(s->SamplesPerSecond, 10.0 * s->UpdatesPerSecond); // CountUpdate(10) each
    r.Post(count::Pause{});
    s = WaitUntil(r, [](const CountSnapshot& x) { return x.State == TrainerState::Paused; });
    ASSERT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->UpdatesPerSecond, 0.0);
    EXPECT_EQ(s->SamplesPerSecond, 0.0);
    // Paused, the counter stays where the pause found it.
    const long at_pause = s->Counter;
    r.Post(count::Add{0});
    s = WaitUntil(r, [&](const CountSnapshot& x) { return x.CommandsApplied == 3; });
    EXPECT_EQ(s->Counter, at_pause);
}

TEST(BackgroundRun, AnUpdateThatPausesTheRunEndsItsSliceAndIsShown) {
    CountingRun r;
    r.Post(count::PauseAt{1000});
    r.Post(count::Play{});
    const auto s =
        WaitUntil(r, [](const CountSnapshot& x) { return x.State == TrainerState::Paused && x.Counter > 0; });
    EXPECT_EQ(s->State, TrainerState::Paused);
    EXPECT_EQ(s->Counter, 1000); // not one update past the limit
}

TEST(BackgroundRun, StoppingARunningLoopEndsItAndSaysSo) {
    CountingRun r;
    r.Post(count::Play{});
    WaitUntil(r, [](const CountSnapshot& x) { return x.Counter > 100; });
    r.Stop();
    EXPECT_EQ(r.Latest()->State, TrainerState::Stopped);
    const long counter = r.Latest()->Counter;
    r.Stop(); // again: nothing happens, nothing hangs
    EXPECT_EQ(r.Latest()->Counter, counter);
}

// Both modes' runs are this loop: code that reports a run's progress reads either through
// RunSnapshot alone.
TEST(BackgroundRun, BothModesSnapshotsAreRunSnapshots) {
    static_assert(std::is_base_of_v<RunSnapshot, Snapshot>);
    static_assert(std::is_base_of_v<RunSnapshot, ImageSnapshot>);
    static_assert(std::is_base_of_v<BackgroundRun<Command, Snapshot>, Trainer>);
    static_assert(std::is_base_of_v<BackgroundRun<ImageCommand, ImageSnapshot>, ImageTrainer>);
    static_assert(std::is_base_of_v<SessionCore, TrainingSession>);
    static_assert(std::is_base_of_v<SessionCore, ImageSession>);
    DatasetSpec spec;
    spec.NumPoints = 40;
    Trainer t(TrainConfig{}, GenerateDataset(spec));
    t.Post(cmd::StepUpdate{});
    std::shared_ptr<const Snapshot> s = t.Latest();
    for (int tries = 0; s->Updates < 1 && tries < 200; ++tries)
        s = t.WaitNewer(s->Sequence, 0.1);
    const RunSnapshot& run = *s;
    EXPECT_EQ(run.Updates, 1);
    EXPECT_EQ(run.State, TrainerState::Paused);
    const LayerShape& out = s->Layers.back(); // 2-4-2-1: 12 + 10 + 3 weights and biases
    EXPECT_EQ(run.Params.size(), out.BiasOffset + size_t(out.Out));
    EXPECT_EQ(run.Params.size(), 25u);
}

} // namespace
} // namespace nnplay
