// comparison_test.cpp: copies of one setup differ in the varied setting only; the shipped lesson
// shows the four learning-rate regimes; values are read and refused in words.
#include "core/io/session_file.hpp"
#include "core/train/comparison.hpp"
#include "core/util/error.hpp"

#include "core/tests/refusal.hpp"
#include "core/tests/test_paths.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace nnplay {
namespace {

Dataset Xor() {
    DatasetSpec spec;
    spec.NumPoints = 200;
    return GenerateDataset(spec);
}

// The batch losses of `updates` updates, and the batches they used.
struct Trace {
    std::vector<double> Losses;
    std::vector<std::vector<int>> Batches;
    std::vector<double> InitialParams;
};

Trace Follow(const TrainConfig& c, const Dataset& d, int updates) {
    TrainingSession s(c, d);
    Trace t;
    t.InitialParams = s.Network().Params();
    for (int k = 0; k < updates; ++k) {
        t.Batches.push_back(s.NextBatch());
        s.Update();
        t.Losses.push_back(s.LastBatchLoss());
    }
    return t;
}

TEST(Comparison, EqualSettingsGiveBitIdenticalCurves) {
    const TrainConfig base;
    const Dataset d = Xor();
    const Trace a = Follow(WithSetting(base, VarySetting::LearningRate, "0.1"), d, 300);
    const Trace b = Follow(WithSetting(base, VarySetting::LearningRate, "0.1"), d, 300);
    EXPECT_EQ(a.Losses, b.Losses); // bit for bit
}

TEST(Comparison, RatesStartFromTheSameWeightsAndSeeTheSameBatches) {
    const TrainConfig base;
    const Dataset d = Xor();
    const Trace slow = Follow(WithSetting(base, VarySetting::LearningRate, "0.001"), d, 120);
    const Trace fast = Follow(WithSetting(base, VarySetting::LearningRate, "1"), d, 120);
    EXPECT_EQ(slow.InitialParams, fast.InitialParams);
    EXPECT_EQ(slow.Batches, fast.Batches);
    EXPECT_NE(slow.Losses, fast.Losses);
    // The same for the optimizer and the L2 rate: neither touches the weights or the order.
    for (const auto& [what, value] :
         {std::pair{VarySetting::Optimizer, "adam"}, std::pair{VarySetting::RegRate, "0.01"}}) {
        const Trace other = Follow(WithSetting(base, what, value), d, 120);
        EXPECT_EQ(other.InitialParams, slow.InitialParams) << value;
        EXPECT_EQ(other.Batches, slow.Batches) << value;
    }
}

TEST(Comparison, EachSettingIsAppliedAndReadBack) {
    TrainConfig base;
    base.Network.Hidden = {{4, Activation::Tanh}, {3, Activation::Tanh}};
    const TrainConfig relu = WithSetting(base, VarySetting::Activation, "relu");
    for (const LayerSpec& l : relu.Network.Hidden)
        EXPECT_EQ(l.Act, Activation::Relu);
    EXPECT_EQ(SettingValue(relu, VarySetting::Activation), "relu");
    EXPECT_EQ(WithSetting(base, VarySetting::BatchSize, "32").BatchSize, 32);
    EXPECT_EQ(WithSetting(base, VarySetting::Init, "he").Network.Init, InitScheme::He);
    const TrainConfig l2 = WithSetting(base, VarySetting::RegRate, "0.003");
    EXPECT_EQ(l2.Reg.Kind, RegularizationKind::L2);
    EXPECT_EQ(l2.Reg.Rate, 0.003);
    EXPECT_EQ(SettingValue(WithSetting(base, VarySetting::LearningRate, "0.25"), VarySetting::LearningRate),
              "0.25");
}

using test::Refusal;

// The hidden layers as a compared setting: "4-2" (or a remedy's "4,2"), "none"; each new layer
// takes the first hidden layer's activation; a bad shape is refused naming it.
TEST(Comparison, LayersAreASettingWithTheirActivation) {
    TrainConfig base;
    base.Network.Hidden = {{3, Activation::Relu}};
    const TrainConfig deeper = WithSetting(base, VarySetting::Layers, "8-4");
    ASSERT_EQ(deeper.Network.Hidden.size(), 2u);
    EXPECT_EQ(deeper.Network.Hidden[0].Units, 8);
    EXPECT_EQ(deeper.Network.Hidden[1].Units, 4);
    EXPECT_EQ(deeper.Network.Hidden[1].Act, Activation::Relu);
    EXPECT_EQ(SettingValue(deeper, VarySetting::Layers), "8-4");
    EXPECT_EQ(SettingValue(WithSetting(base, VarySetting::Layers, "6,2"), VarySetting::Layers), "6-2");
    EXPECT_TRUE(WithSetting(base, VarySetting::Layers, "none").Network.Hidden.empty());
    EXPECT_EQ(SettingValue(WithSetting(base, VarySetting::Layers, "none"), VarySetting::Layers), "none");
    EXPECT_EQ(ParseValueList("none, 4, 4-2", VarySetting::Layers, base),
              (std::vector<std::string>{"none", "4", "4-2"}));
    for (const char* bad : {"", "4-", "-4", "4--2", "0", "4x2", "2000", "99999999999"})
        EXPECT_NE(
            Refusal([&] { WithSetting(base, VarySetting::Layers, bad); }).find("units per hidden layer"),
            std::string::npos)
            << bad;
    EXPECT_FALSE(KeepsNetwork(VarySetting::Layers));
    EXPECT_TRUE(KeepsNetwork(VarySetting::LearningRate));
}

TEST(Comparison, BadValuesAreRefusedNamingTheValue) {
    const TrainConfig base;
    EXPECT_NE(Refusal([&] {
                  WithSetting(base, VarySetting::LearningRate, "-1", "--values");
              }).find("--values: learning rate '-1'"),
              std::string::npos);
    EXPECT_NE(
        Refusal([&] { WithSetting(base, VarySetting::LearningRate, "0x10"); }).find("'0x10' is not a number"),
        std::string::npos);
    EXPECT_NE(Refusal([&] { WithSetting(base, VarySetting::BatchSize, "2.5"); }).find("whole number"),
              std::string::npos);
    EXPECT_NE(Refusal([&] { WithSetting(base, VarySetting::Optimizer, "rmsprop"); }).find("rmsprop"),
              std::string::npos);
    EXPECT_NE(
        Refusal([&] { ParseValueList("0.1", VarySetting::LearningRate, base); }).find("give 2 to 6 values"),
        std::string::npos);
    EXPECT_NE(Refusal([&] {
                  ParseValueList("1,2,3,4,5,6,7", VarySetting::LearningRate, base);
              }).find("give 2 to 6"),
              std::string::npos);
    EXPECT_NE(
        Refusal([&] { ParseValueList("0.1,0.1", VarySetting::LearningRate, base); }).find("given twice"),
        std::string::npos);
    EXPECT_EQ(ParseValueList(" 0.001, 0.03 ;1", VarySetting::LearningRate, base),
              (std::vector<std::string>{"0.001", "0.03", "1"}));
    // A 100 KB value is not echoed back whole.
    EXPECT_LT(Refusal([&] {
                  ParseValueList(std::string(100000, '9') + ",1", VarySetting::LearningRate, base);
              }).size(),
              200u);
}

TEST(Comparison, LogRangeSpansTheEndsEvenlyOnALogScale) {
    EXPECT_EQ(LogRange(0.001, 1, 4, VarySetting::LearningRate),
              (std::vector<std::string>{"0.001", "0.01", "0.1", "1"}));
    EXPECT_EQ(LogRange(0.001, 3, 5, VarySetting::LearningRate).size(), 5u);
    EXPECT_EQ(LogRange(1, 100, 3, VarySetting::BatchSize), (std::vector<std::string>{"1", "10", "100"}));
    EXPECT_THROW(LogRange(0, 1, 3, VarySetting::LearningRate), UserError);
    EXPECT_THROW(LogRange(0.1, 1, 9, VarySetting::LearningRate), UserError);
}

TEST(Comparison, JsonNamesEveryRunInOrderAndNoLossOfADivergedOne) {
    std::vector<ComparedRun> runs(2);
    runs[0].Value = "0.03";
    runs[0].Eval.Train.Loss = 0.5;
    runs[0].Updates = 10;
    runs[1].Value = "1000";
    runs[1].Eval.Train.Loss = 1e300;
    runs[1].Diverged = true;
    runs[1].DivergedAt = 7;
    const nlohmann::ordered_json j = ComparisonJson(VarySetting::LearningRate, runs);
    EXPECT_EQ(j.dump().rfind(R"({"vary":"lr","runs":[{"value":"0.03","train_loss":0.5,)", 0), 0u) << j.dump();
    EXPECT_TRUE(j["runs"][1]["train_loss"].is_null());
    EXPECT_EQ(j["runs"][1]["diverged_at"], 7);
    EXPECT_TRUE(j["runs"][0]["diverged_at"].is_null());
}

// A rate so large that the units saturate ends flat and far from fitted without diverging (XOR,
// tanh, lr 10: loss 0.704 after 100 epochs, while lr 3 fits): it is marked stuck, so a plot of
// the final losses is not read as "bigger is better". ReLU units at lr 3 die (output 0) instead.
// (XOR's 500 points, the window's default network: tanh 4-2.)
TEST(Comparison, ARunThatPlateausSaturatedIsMarkedStuckWithItsKind) {
    const Dataset d = GenerateDataset(DatasetSpec{});
    TrainConfig tanh;
    const std::vector<ComparedRun> r = RunComparison(tanh, d, VarySetting::LearningRate, {"3", "10"}, 100);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_FALSE(r[0].Diverged || r[1].Diverged);
    EXPECT_EQ(r[0].Stuck, "") << r[0].Eval.Train.Loss;
    EXPECT_EQ(r[1].Stuck, "saturated units") << r[1].Eval.Train.Loss << " " << r[1].Eval.Train.Saturated;
    EXPECT_GT(r[1].Eval.Train.Loss, 0.5);
    EXPECT_FALSE(r[1].Eval.Train.SaturatedAreDead);
    const nlohmann::ordered_json j = ComparisonJson(VarySetting::LearningRate, r);
    EXPECT_TRUE(j["runs"][0]["stuck"].is_null());
    EXPECT_EQ(j["runs"][1]["stuck"], "saturated units");
    EXPECT_EQ(j["runs"][1]["status"], "ok"); // its losses are results: a flat curve, not a blow-up

    TrainConfig relu; // under cross-entropy the output's own saturation is not counted
    relu.LossKind = Loss::BinaryCrossEntropy;
    for (LayerSpec& l : relu.Network.Hidden)
        l.Act = Activation::Relu;
    const std::vector<ComparedRun> dead =
        RunComparison(relu, d, VarySetting::LearningRate, {"0.03", "3"}, 100);
    EXPECT_EQ(dead[0].Stuck, "");
    EXPECT_EQ(dead[1].Stuck, "dead units") << dead[1].Eval.Train.Loss;
    EXPECT_NE(SaturationNote(dead[1].Eval.Train).find("units dead"), std::string::npos);
}

// Stuck needs ten epochs without progress, not a saturated snapshot: a loss still falling, or too
// few epochs to tell, is not stuck; a loss that wobbles by a few percent around a plateau is.
TEST(Comparison, StuckNeedsTenEpochsWithoutProgress) {
    Metrics m;
    m.Saturated = 0.97;
    m.Accuracy = 0.5;
    Series flat, wobbling, falling, short_run;
    for (long e = 1; e <= 30; ++e) {
        flat.Add(e, 0.704 + (e % 2 ? 1e-4 : -1e-4));
        wobbling.Add(e, 0.64 * (1 + 0.04 * std::sin(double(e))));
        falling.Add(e, 1.0 / double(e));
    }
    for (long e = 1; e <= 15; ++e)
        short_run.Add(e, 0.704);
    EXPECT_EQ(StuckReason(m, flat), "saturated units");
    EXPECT_EQ(StuckReason(m, wobbling), "saturated units");
    EXPECT_EQ(StuckReason(m, falling), "");
    EXPECT_EQ(StuckReason(m, short_run), "");
    m.Accuracy = 0.95; // fitted: saturated outputs are the answer, not a problem
    EXPECT_EQ(StuckReason(m, flat), "");
    m.Accuracy = 0.5;
    m.Saturated = 0.5;
    EXPECT_EQ(StuckReason(m, flat), "");
}

// The shipped lesson: too small crawls, a good rate converges, too large bounces around the
// minimum, far too large diverges; only the largest is marked diverged.
TEST(Comparison, TheShippedLessonShowsTheFourRegimes) {
    const SessionFile f =
        LoadSessionFile(std::string(NNPLAY_ASSETS_DIR) + "/sessions/learning-rate-regimes.json");
    ASSERT_TRUE(f.Comparison);
    ASSERT_EQ(f.Comparison->What, VarySetting::LearningRate);
    ASSERT_EQ(f.Comparison->Values.size(), 4u);
    const std::vector<ComparedRun> r =
        RunComparison(f.Config, f.Data, f.Comparison->What, f.Comparison->Values, 30);
    const double too_small = r[0].Eval.Train.Loss, good = r[1].Eval.Train.Loss,
                 too_large = r[2].Eval.Train.Loss;
    EXPECT_FALSE(r[0].Diverged || r[1].Diverged || r[2].Diverged);
    EXPECT_LT(good, too_large);
    EXPECT_LT(too_large, too_small);
    EXPECT_GT(too_large, 1.5 * good); // the bouncing is plain, not a rounding difference
    EXPECT_TRUE(r[3].Diverged);
    EXPECT_GT(r[3].DivergedAt, 1);
    EXPECT_LT(r[3].DivergedAt, r[3].Updates + 2);
    // The session keeps its comparison through a save.
    const std::string path = ::testing::TempDir() + "nnplay_lesson_roundtrip.json";
    SaveSessionFile(f, path);
    EXPECT_EQ(LoadSessionFile(path).Comparison, f.Comparison);
}

} // namespace
} // namespace nnplay
