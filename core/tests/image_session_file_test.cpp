// image_session_file_test.cpp: an image session kept and reopened goes on exactly as if it had
// never stopped (SGD, momentum and Adam; mid-epoch), through the file's JSON; a file that does not
// fit its network or its images is refused by name.
#include "core/io/image_session_file.hpp"
#include "core/io/session_file.hpp"
#include "core/tests/idx_writer.hpp"
#include "core/tests/refusal.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace nnplay {
namespace {

TrainConfig SmallConfig(OptimizerKind kind) {
    TrainConfig c = LectureDigitConfig();
    c.Network.Hidden = {{12, Activation::Sigmoid}};
    c.Optimizer.Kind = kind;
    c.Optimizer.LearningRate = kind == OptimizerKind::Adam ? 0.001 : 0.01;
    c.BatchSize = 30;
    return c;
}

std::string TempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("nnplay_test_" + name)).string();
}

ImageSessionFile Keep(const ImageSession& s, const ImageSet& set, size_t validation) {
    ImageSessionFile f;
    f.Folder = "/some/where";
    f.Label = "bars";
    f.Validation = validation;
    f.TrainImages = set.TrainImages.Count;
    f.TestImages = set.TestImages.Count;
    f.Classes = set.Classes;
    f.Config = s.Config();
    f.Progress = s.Progress();
    f.Records = {{0, 0, 0.7, 0.5, 0.71, 0.49, 0.72, 0.48}, {1, 6, 0.3, 0.9, 0.31, 0.88, 0.32, 0.87}};
    return f;
}

// 17 updates (two epochs of 6 and 5 into the third), kept to a file, reopened: the next 20
// updates give the weights the uninterrupted session has, bit for bit.
TEST(ImageSessionFile, AReopenedSessionGoesOnExactlyAsIfItHadNeverStopped) {
    const ImageSet set = test::BarSet(200, 50, 8, 3);
    for (OptimizerKind kind : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam}) {
        SCOPED_TRACE(std::string(OptimizerName(kind)));
        ImageSession straight(SmallConfig(kind), set, 20);
        for (int k = 0; k < 17; ++k)
            ASSERT_TRUE(straight.RunUpdate());
        ASSERT_EQ(straight.EpochPosition(), 150u);
        const std::string path = TempPath("image_session.json");
        SaveImageSessionFile(Keep(straight, set, 20), path);
        const ImageSessionFile back = LoadImageSessionFile(path);
        EXPECT_EQ(back.Progress, straight.Progress());
        EXPECT_EQ(back.Records.size(), 2u);
        EXPECT_EQ(back.Records[1].TestAccuracy, 0.87);
        EXPECT_EQ(back.Folder, "/some/where");
        EXPECT_EQ(back.Config.Optimizer, straight.Config().Optimizer);
        EXPECT_EQ(back.Config.Network.Hidden, straight.Config().Network.Hidden);

        ImageSession reopened(back.Config, set, back.Validation);
        reopened.Resume(back.Progress);
        for (int k = 0; k < 20; ++k) {
            ASSERT_TRUE(straight.RunUpdate());
            ASSERT_TRUE(reopened.RunUpdate());
        }
        EXPECT_EQ(reopened.Network().Params(), straight.Network().Params());
        EXPECT_EQ(reopened.UpdateCount(), 37);
        EXPECT_EQ(reopened.EpochCount(), 6);
        EXPECT_EQ(reopened.LastUpdate().Batch, straight.LastUpdate().Batch);
        std::filesystem::remove(path);
    }
}

// The file's header comes first, so Open tells it from a 2-D session by its first bytes; a 2-D
// reader refuses it with the way to open it.
TEST(ImageSessionFile, OpenTellsTheKindsApartAndThePlaygroundReaderSaysWhereItOpens) {
    const ImageSet set = test::BarSet(100, 20, 8, 2);
    ImageSession s(SmallConfig(OptimizerKind::Sgd), set, 10);
    const std::string image_path = TempPath("kind_images.json"), plain_path = TempPath("kind_plain.json");
    SaveImageSessionFile(Keep(s, set, 10), image_path);
    SaveSessionFile(SessionFile{}, plain_path);
    EXPECT_TRUE(LooksLikeImageSessionFile(image_path));
    const SessionSummary summary = ReadSessionSummary(image_path);
    EXPECT_TRUE(summary.Known);
    EXPECT_EQ(summary.Images, "bars");
    EXPECT_EQ(summary.Updates, s.UpdateCount());
    EXPECT_FALSE(LooksLikeImageSessionFile(plain_path));
    EXPECT_FALSE(LooksLikeImageSessionFile(TempPath("no_such_file.json")));
    EXPECT_NE(test::Refusal([&] { LoadPlaygroundFile(image_path); }).find("open it in the window"),
              std::string::npos);
    EXPECT_NE(test::Refusal([&] { LoadImageSessionFile(plain_path); }).find("not an image session"),
              std::string::npos);
    std::filesystem::remove(image_path);
    std::filesystem::remove(plain_path);
}

TEST(ImageSessionFile, WhatDoesNotFitTheNetworkOrTheImagesIsRefusedByName) {
    const ImageSet set = test::BarSet(100, 20, 8, 2);
    ImageSession s(SmallConfig(OptimizerKind::Sgd), set, 10);
    ASSERT_TRUE(s.RunUpdate());
    const ImageProgress good = s.Progress();
    ImageProgress p = good;
    p.Params.pop_back();
    EXPECT_NE(test::Refusal([&] { s.Resume(p); }).find("params: this network has"), std::string::npos);
    p = good;
    p.Order[3] = p.Order[4];
    EXPECT_NE(test::Refusal([&] { s.Resume(p); }).find("order: not an order"), std::string::npos);
    p = good;
    p.Velocity.assign(5, 0.0);
    EXPECT_NE(test::Refusal([&] { s.Resume(p); }).find("optimizer_state"), std::string::npos);
    EXPECT_EQ(s.Progress(), good) << "a refused resume changes nothing";

    nlohmann::json j = ImageSessionToJson(Keep(s, set, 10));
    j["params"][0] = "x";
    EXPECT_NE(test::Refusal([&] { ImageSessionFromJson(j); }).find("params"), std::string::npos);
    j = ImageSessionToJson(Keep(s, set, 10));
    j["images"]["validation"] = 100;
    EXPECT_NE(test::Refusal([&] { ImageSessionFromJson(j); }).find("images.validation"), std::string::npos);
    j = ImageSessionToJson(Keep(s, set, 10));
    j.erase("order_rng");
    EXPECT_NE(test::Refusal([&] { ImageSessionFromJson(j); }).find("order_rng"), std::string::npos);

    ImageSessionFile f = Keep(s, set, 10);
    EXPECT_EQ(ImageSetMismatch(f, set), "");
    const ImageSet other = test::BarSet(90, 20, 8, 2);
    EXPECT_NE(ImageSetMismatch(f, other).find("90 training"), std::string::npos);
}

} // namespace
} // namespace nnplay
