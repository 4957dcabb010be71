// maps_test.cpp: the map worker (the window's pictures, made off the UI thread) and the plot's
// axis numbers. Runs under ThreadSanitizer too.
#include "app/gui/frame_stats.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/map_worker.hpp"
#include "app/gui/views/plot_scale.hpp"
#include "core/train/trainer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace nnplay {
namespace {

std::shared_ptr<const Snapshot> XorSnapshot() {
    DatasetSpec spec;
    spec.NumPoints = 100;
    Trainer t(TrainConfig{}, GenerateDataset(spec));
    t.Post(cmd::StepEpoch{});
    return t.WaitNewer(0, 5.0);
}

TEST(MapWorker, MakesWhatMakeMapsMakesForTheNewestRequest) {
    const std::shared_ptr<const Snapshot> snap = XorSnapshot();
    ASSERT_TRUE(snap);
    MapRequest want{snap, ViewRect{}, false, false, 50, 10, 0.0f, {}};
    MapResult direct;
    Mlp scratch;
    MakeMaps(want, scratch, direct);
    ASSERT_EQ(direct.CanvasPixels.size(), 2500u);
    ASSERT_EQ(direct.PointPrediction.size(), snap->Data->Points.size());

    MapWorker worker;
    // Requests replace each other: only the newest is certain to be made.
    for (int k = 0; k < 20; ++k)
        worker.Request({snap, ViewRect{-1.0 * k, 6, -6, 6}, false, false, 50, 10, 0.0f, {}});
    worker.Request(want);
    worker.WaitIdle();
    std::optional<MapResult> got = worker.Take();
    ASSERT_TRUE(got);
    EXPECT_TRUE(got->From.SameAs(want));
    EXPECT_EQ(got->CanvasPixels, direct.CanvasPixels);
    EXPECT_EQ(got->NodePixels, direct.NodePixels);
    EXPECT_EQ(got->PointPrediction, direct.PointPrediction);
    EXPECT_FALSE(worker.Take()); // taken once
}

// Many points as one picture (PaintPointLayer): each where the plane puts it, in its class colour
// and opaque at its centre; a test point hollow; a ring round a point the network gets wrong; and
// nothing painted where no point is, so the map shows through.
TEST(PointLayer, PaintsEachPointWhereThePlanePutsItWithItsRingsAndLeavesTheRestClear) {
    Dataset data;
    data.Kind = ProblemKind::Classification;
    data.NumClasses = 2;
    DataPoint a, b, wrong;
    a.X1 = -3, a.X2 = 3, a.Label = 0;                  // pixel (25, 25) of 100 over [-6, 6]²
    b.X1 = 3, b.X2 = -3, b.Label = 1, b.IsTest = true; // (75, 75)
    wrong.X1 = 3, wrong.X2 = 3, wrong.Label = 1;       // (75, 25), predicted 0: wrong
    data.Points = {a, b, wrong};
    const PointLayerSpec spec{100, 6.0f, true};
    std::vector<uint32_t> px;
    PaintPointLayer(data, {0, 1, 0}, ViewRect{}, spec, false, px);
    ASSERT_EQ(px.size(), 10000u);
    const auto at = [&](int x, int y) { return px[size_t(y) * 100 + size_t(x)]; };
    const auto alpha = [](uint32_t color) { return (color >> IM_COL32_A_SHIFT) & 0xFF; };
    EXPECT_EQ(at(25, 25), ClassColor(0)) << "a disc in its class colour, opaque";
    EXPECT_EQ(at(75, 25), ClassColor(1));
    EXPECT_EQ(alpha(at(75, 75)), 0u) << "a test point is a ring: its centre shows the map";
    EXPECT_EQ(at(75 + 6, 75) & 0xFFFFFFu, ClassColor(1) & 0xFFFFFFu) << "... of its class colour";
    EXPECT_GT(alpha(at(75 + 6, 75)), 200u);
    EXPECT_EQ(at(75 + 9, 25) & 0xFFFFFFu, WrongRingColor(false) & 0xFFFFFFu)
        << "the misclassified point's ring at 1.5 radii";
    EXPECT_GT(alpha(at(75 + 9, 25)), 200u);
    EXPECT_EQ(alpha(at(25 + 9, 25)), 0u) << "no ring round a point the network gets right";
    EXPECT_EQ(alpha(at(50, 50)), 0u);
    PaintPointLayer(data, {0, 1, 0}, ViewRect{}, {100, 6.0f, false}, false, px);
    EXPECT_EQ(alpha(at(75 + 6, 75)), 0u) << "test points hidden";
}

TEST(MapWorker, StopsPromptlyWhileBusy) {
    const std::shared_ptr<const Snapshot> snap = XorSnapshot();
    for (int k = 0; k < 5; ++k) {
        MapWorker worker;
        worker.Request({snap, ViewRect{}, false, false, 300, 40, 0.0f, {}});
    } // each destructor joins a thread that may be mid-picture: it must neither hang nor race
    SUCCEED();
}

TEST(PlotScale, TickLabelsHaveSignificantDigitsAndNeverRepeat) {
    EXPECT_EQ(FormatTick(0.03), "0.03");
    EXPECT_EQ(FormatTick(2.1e6), "2.1e+06");
    EXPECT_EQ(FormatTick(1e-300), "1e-300");
    EXPECT_EQ(FormatTick(0.0000123), "1.23e-05"); // not "0.00000"
    EXPECT_EQ(FormatTick(std::nan("")), "");
    EXPECT_EQ(FormatTick(std::numeric_limits<double>::infinity()), "");
    // The x axis of a long run once read "2e+06 2e+06": neighbouring ticks now always differ.
    for (double range : {2.2e6, 958358.0, 1e9, 37.0, 0.5}) {
        const double step = NiceStep(range, 5);
        std::set<std::string> labels;
        int ticks = 0;
        for (double v = step; v <= range; v += step, ++ticks)
            labels.insert(FormatTick(v));
        EXPECT_EQ(int(labels.size()), ticks) << range;
    }
}

TEST(PlotScale, AxisTicksAreDecadesOnALogAxisAndRoundStepsOnALinearOne) {
    EXPECT_EQ(AxisTicks(1, 1.36e7, true, 5), (std::vector<double>{1, 100, 1e4, 1e6}))
        << "every second decade when seven do not fit";
    EXPECT_EQ(AxisTicks(3, 2000, true, 5), (std::vector<double>{10, 100, 1000}));
    EXPECT_EQ(AxisTicks(-0.3, 0.3, false, 4), (std::vector<double>{-0.2, 0, 0.2})) << "0 exactly, not 1e-17";
    EXPECT_TRUE(AxisTicks(0, 10, true, 5).empty()) << "a log axis from 0 has no ticks";
    EXPECT_TRUE(AxisTicks(5, 5, false, 5).empty());
    EXPECT_TRUE(AxisTicks(1, std::numeric_limits<double>::infinity(), false, 5).empty());
    std::set<std::string> labels;
    for (double v : AxisTicks(1, 2.2e6, false, 5))
        EXPECT_TRUE(labels.insert(FormatTick(v)).second) << v;
}

TEST(PlotScale, TheYRangeHoldsAnyFiniteLossALearningRateCanProduce) {
    const YRange huge = ChooseYRange(1e-300, 1e300, true);
    EXPECT_LE(huge.Min, 1e-300);
    EXPECT_GE(huge.Max, 1e300);
    EXPECT_TRUE(std::isfinite(huge.Max) && huge.Min > 0);
    const YRange extreme = ChooseYRange(4.9e-324, 1.7e308, true); // denormal to the largest double
    EXPECT_TRUE(std::isfinite(extreme.Max) && extreme.Min > 0 && extreme.Max > extreme.Min);
    const YRange flat = ChooseYRange(0.25, 0.25, true);
    EXPECT_LT(flat.Min, flat.Max);
    const YRange lin = ChooseYRange(0.5, 0.5, false);
    EXPECT_LT(lin.Min, lin.Max);
    EXPECT_LE(lin.Min, 0.0);
}

// --stats over a long session: percentiles within 1% of the exact ones, in memory that does not
// grow with the frames (the times used to be kept one by one, forever).
TEST(FrameTimes, PercentilesOfMillionsOfFramesInFixedMemory) {
    FrameTimes t;
    std::vector<float> all;
    for (int i = 0; i < 2000000; ++i) {
        const float ms = 1.0f + float((long(i) * 7919) % 10000) / 1000.0f; // 1 .. 11 ms, evenly
        t.Add(ms);
        if (i % 100 == 0) all.push_back(ms);
    }
    t.Add(250.0f); // one long stall
    EXPECT_EQ(t.Count(), 2000001u);
    EXPECT_EQ(t.Max(), 250.0f);
    EXPECT_EQ(t.Recent().size(), FrameTimes::kRecent) << "only the overlay's window is kept one by one";
    std::sort(all.begin(), all.end());
    for (double q : {0.5, 0.99}) {
        const float exact = all[size_t(q * double(all.size()))];
        EXPECT_NEAR(t.Percentile(q) / exact, 1.0, 0.011) << q;
    }
    EXPECT_EQ(FrameTimes().Percentile(0.5), 0.0f);
}

} // namespace
} // namespace nnplay
