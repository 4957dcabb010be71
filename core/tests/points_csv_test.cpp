// points_csv_test.cpp: points from spreadsheets and back: everything or nothing, with the line
// and column of what is wrong.
#include "core/io/points_csv.hpp"
#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace nnplay {
namespace {

using test::Refusal;

TEST(PointsCsv, ClassesWithoutHeaderCommaSemicolonOrTab) {
    for (const char* text : {"1.5,-2,0\n3,4,1\n-0.25,0,2\n", "1,5;-2;0\r\n3;4;1\r\n-0,25;0;2\r\n",
                             "1.5\t-2\t0\n3\t4\t1\n-0.25\t0\t2"}) {
        const PointsCsv c = ParsePointsCsv(text);
        ASSERT_EQ(c.Data.Points.size(), 3u) << text;
        EXPECT_EQ(c.Data.Kind, ProblemKind::Classification);
        EXPECT_EQ(c.Data.NumClasses, 3);
        EXPECT_EQ(c.Data.Points[0].X1, 1.5);
        EXPECT_EQ(c.Data.Points[0].X2, -2.0);
        EXPECT_EQ(c.Data.Points[2].X1, -0.25);
        EXPECT_EQ(c.Data.Points[1].Label, 1);
        EXPECT_FALSE(c.HasSplit);
    }
}

TEST(PointsCsv, AHeaderNamesLabelOrValue) {
    const PointsCsv v = ParsePointsCsv("# measured\nx1,x2,value\n0,0,1\n1,1,2\n");
    EXPECT_EQ(v.Data.Kind, ProblemKind::Regression); // whole numbers, but the header says values
    EXPECT_EQ(v.Data.Points[1].Value, 2.0);
    EXPECT_EQ(v.ReadAs, "the header names the third column value");
    const PointsCsv guessed = ParsePointsCsv("0,0,0.5\n1,1,-1\n");
    EXPECT_EQ(guessed.Data.Kind, ProblemKind::Regression); // not class numbers: values
    EXPECT_EQ(guessed.ReadAs, "line 1 has 0.5 in the third column, not a class number");
    EXPECT_EQ(ParsePointsCsv("0,0,1\n1,1,0\n").ReadAs, "every third entry is a whole number from 0 to 5");
    // Whole numbers of which some are no class (7, -1): a label file with a slip, not values.
    EXPECT_EQ(
        Refusal([] { ParsePointsCsv("0,0,1\n1,1,7\n2,2,0\n"); }),
        "line 2, column 3: 7: a class is a number from 0 to 5, and every third entry is a whole number, as "
        "labels are; to read them as values (regression), start the file with the header x1,x2,value");
    EXPECT_NE(Refusal([] { ParsePointsCsv("0,0,-1\n1,1,1\n"); }).find("line 1, column 3: -1: a class"),
              std::string::npos);
    const PointsCsv split = ParsePointsCsv("x,y,Class,split\n0,0,1,test\n1,1,0,train\n");
    EXPECT_TRUE(split.HasSplit);
    EXPECT_TRUE(split.Data.Points[0].IsTest);
    EXPECT_FALSE(split.Data.Points[1].IsTest);
}

TEST(PointsCsv, RefusalsNameTheLineAndColumn) {
    EXPECT_EQ(Refusal([] { ParsePointsCsv("x1,x2,label\n0,0,1\n0,abc,1\n"); }),
              "line 3, column 2: 'abc' is not a number");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1\nnan,0,1\n"); }),
              "line 2, column 1: 'nan': numbers must be finite and within ±1e6");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1\n1e300,0,1\n"); }),
              "line 2, column 1: '1e300': numbers must be finite and within ±1e6");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1\n1e999,0,1\n"); }),
              "line 2, column 1: '1e999' is not a number");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("x1,x2,label\n0,0,1\n0,0,7\n"); }),
              "line 3, column 3: 7: a label is a class number from 0 to 5");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1\n0,0\n"); }),
              "line 2: 2 columns where the file has 3; expected x1, x2 and a label or value (3 columns, or 4 "
              "with a split)");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("x1,x2,colour\n"); }),
              "line 1, column 3: 'colour': expected x1, x2, then label or value, then optionally split");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1,maybe\n"); }),
              "line 1, column 4: 'maybe': the split is train or test");
    EXPECT_EQ(Refusal([] { ParsePointsCsv(""); }), "no points (an empty file)");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("x1,x2,label\n\n"); }), "a header but no points");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0,0,1\n" + std::string(2000, '1') + "\n"); }),
              "line 2: longer than 1024 characters; a row is x1, x2 and a label or value");
    EXPECT_EQ(Refusal([] { ParsePointsCsv("0x10,0,1\n"); }), "line 1, column 1: '0x10' is not a number");
    // Binary junk: refused in words, whatever it is.
    std::string junk(4096, '\0');
    for (size_t i = 0; i < junk.size(); ++i)
        junk[i] = char((i * 7919) % 256);
    EXPECT_NE(Refusal([&] { ParsePointsCsv(junk); }), "(accepted)");
}

TEST(PointsCsv, AMillionRowsAreRefusedAtTheLimitNotLoaded) {
    std::string big;
    big.reserve(8'000'000);
    for (int i = 0; i < 1'000'000; ++i)
        big += "1,2,0\n";
    EXPECT_EQ(Refusal([&] { ParsePointsCsv(big); }),
              "line 100001: more than 100000 points; nnplay takes at most 100000");
    const std::string path = (std::filesystem::temp_directory_path() / "nnplay-million.csv").string();
    std::ofstream(path) << big << big << big; // 18 MB: over the file limit, never read
    EXPECT_EQ(Refusal([&] { ReadPointsCsv(path); }).rfind(path + ": is 18", 0), 0u);
    std::filesystem::remove(path);
    EXPECT_EQ(Refusal([] { ReadPointsCsv("/"); }), "/: is a folder, not a file");
}

TEST(PointsCsv, ExportThenImportGivesTheSamePoints) {
    DatasetSpec spec;
    spec.Name = "spiral";
    spec.NumClasses = 3;
    spec.NumPoints = 300;
    spec.Noise = 0.2;
    const Dataset d = GenerateDataset(spec);
    const PointsCsv back = ParsePointsCsv(PointsToCsv(d));
    ASSERT_EQ(back.Data.Points.size(), d.Points.size());
    EXPECT_TRUE(back.HasSplit);
    EXPECT_EQ(back.Data.NumClasses, 3);
    for (size_t i = 0; i < d.Points.size(); ++i) {
        EXPECT_EQ(back.Data.Points[i].X1, d.Points[i].X1); // bit for bit
        EXPECT_EQ(back.Data.Points[i].X2, d.Points[i].X2);
        EXPECT_EQ(back.Data.Points[i].Label, d.Points[i].Label);
        EXPECT_EQ(back.Data.Points[i].IsTest, d.Points[i].IsTest);
    }
    spec.Name = "multigauss";
    const Dataset r = GenerateDataset(spec);
    const PointsCsv rb = ParsePointsCsv(PointsToCsv(r));
    EXPECT_EQ(rb.Data.Kind, ProblemKind::Regression);
    for (size_t i = 0; i < r.Points.size(); ++i)
        EXPECT_EQ(rb.Data.Points[i].Value, r.Points[i].Value);
}

TEST(PointsCsv, LossHistoryRows) {
    LossHistory h;
    h.BatchLoss.Add(1, 0.5);
    h.BatchLoss.Add(2, 0.25);
    h.EpochTrainLoss.Add(1, 0.375);
    EXPECT_EQ(LossHistoryToCsv(h),
              "series,first,last,count,mean,min,max\nbatch,1,1,1,0.5,0.5,0.5\nbatch,2,2,1,0.25,0.25,0.25\n"
              "epoch_train,1,1,1,0.375,0.375,0.375\n");
}

} // namespace
} // namespace nnplay
