// dataset_test.cpp: generators, the train/test split and single-point edits.
#include "core/dataset.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace nnplay {
namespace {

TEST(Dataset, EveryGeneratorGivesTheAskedCountClassesAndSplit) {
    for (const DatasetInfo& info : DatasetCatalog()) {
        if (info.Name == "xor4") continue;
        for (int k = std::max(2, info.MinClasses); k <= std::max(2, info.MaxClasses); ++k) {
            DatasetSpec spec;
            spec.Name = std::string(info.Name);
            spec.NumPoints = 300;
            spec.NumClasses = k;
            spec.Noise = 0.1;
            spec.TrainFraction = 0.7;
            const Dataset d = GenerateDataset(spec);
            SCOPED_TRACE(spec.Name + " k=" + std::to_string(k));
            ASSERT_EQ(d.Points.size(), 300u);
            EXPECT_EQ(d.CountTrain(), 210u);
            std::set<int> labels;
            for (const DataPoint& p : d.Points) {
                EXPECT_TRUE(std::isfinite(p.X1) && std::isfinite(p.X2));
                EXPECT_LT(std::abs(p.X1), 12.0);
                labels.insert(p.Label);
                if (info.Kind == ProblemKind::Regression) {
                    EXPECT_LE(std::abs(p.Value), 1.0);
                }
            }
            if (info.Kind == ProblemKind::Classification) {
                EXPECT_EQ(int(labels.size()), k);
            }
        }
    }
}

TEST(Dataset, XorCloudLabelsFollowTheQuadrantsWithoutNoise) {
    DatasetSpec spec; // xor, no noise
    for (const DataPoint& p : GenerateDataset(spec).Points) EXPECT_EQ(p.Label, p.X1 * p.X2 >= 0 ? 1 : 0);
}

TEST(Dataset, Xor4IsTheTruthTableAllForTraining) {
    DatasetSpec spec;
    spec.Name = "xor4";
    const Dataset d = GenerateDataset(spec);
    ASSERT_EQ(d.Points.size(), 4u);
    EXPECT_EQ(d.CountTrain(), 4u);
    for (const DataPoint& p : d.Points) EXPECT_EQ(p.Label, int(p.X1) ^ int(p.X2));
}

TEST(Dataset, SameSeedSameData) {
    DatasetSpec spec;
    spec.Name = "spiral";
    spec.Noise = 0.3;
    const Dataset a = GenerateDataset(spec), b = GenerateDataset(spec);
    spec.Seed = 2;
    const Dataset c = GenerateDataset(spec);
    ASSERT_EQ(a.Points.size(), b.Points.size());
    for (size_t i = 0; i < a.Points.size(); ++i) {
        EXPECT_EQ(a.Points[i].X1, b.Points[i].X1);
        EXPECT_EQ(a.Points[i].IsTest, b.Points[i].IsTest);
    }
    EXPECT_NE(a.Points[10].X1, c.Points[10].X1);
}

TEST(Dataset, AbsurdSpecsAreRefusedNamingTheArgument) {
    const auto refused = [](DatasetSpec s, const char* arg) {
        try {
            GenerateDataset(s);
            ADD_FAILURE() << "accepted";
        } catch (const UserError& e) {
            EXPECT_EQ(std::string(e.what()).rfind(arg, 0), 0u) << e.what();
        }
    };
    DatasetSpec s;
    s.Name = "nope";
    refused(s, "--dataset");
    s = {};
    s.NumPoints = 0;
    refused(s, "--points");
    s = {};
    s.Noise = -0.1;
    refused(s, "--noise");
    s = {};
    s.NumClasses = 3; // xor has exactly 2
    refused(s, "--classes");
    s = {};
    s.TrainFraction = 0.0;
    refused(s, "--train-fraction");
}

TEST(Dataset, EditsOnePointAtATime) {
    Dataset d;
    AddPoint(d, {1.0, 2.0, 0, 0.0, false, {}, {}});
    AddPoint(d, {-1.0, 0.5, 1, 0.0, true, {}, {}});
    EXPECT_EQ(d.Points.size(), 2u);
    EXPECT_EQ(d.CountTest(), 1u);
    MovePoint(d, 0, 3.0, -3.0);
    EXPECT_EQ(d.Points[0].X1, 3.0);
    RelabelPoint(d, 0, 4); // a fifth class appears
    EXPECT_EQ(d.NumClasses, 5);
    RemovePoint(d, 1);
    ASSERT_EQ(d.Points.size(), 1u);
    EXPECT_EQ(d.Points[0].Label, 4);
    EXPECT_THROW(RemovePoint(d, 5), UserError);
    EXPECT_THROW(MovePoint(d, 0, NAN, 0.0), UserError);
    EXPECT_THROW(RelabelPoint(d, 0, 6), UserError);
    EXPECT_THROW(SetPointValue(d, 0, 1.0), UserError); // not a regression set
}

} // namespace
} // namespace nnplay
