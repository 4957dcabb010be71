// tf_playground_link_test.cpp: a lecture's playground link read into nnplay's settings, and
// nnplay's settings written back as a link.
#include "core/io/tf_playground_link.hpp"
#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

using test::Refusal;

// The link of the issue, as lecture slides carry it.
const std::string kLink =
    "https://playground.tensorflow.org/"
    "#activation=relu&batchSize=10&dataset=xor&regDataset=reg-plane&learningRate=0.03&"
    "regularizationRate=0&noise=0&networkShape=5&seed=0.35101&showTestData=false&discretize=false&"
    "percTrainData=50&"
    "x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&"
    "collectStats=false&problem=classification&initZero=false&hideText=false";

TEST(TfPlaygroundLink, TheLecturesLinkGivesItsSettings) {
    const TfPlaygroundSetup s = ParseTfPlaygroundLink(kLink);
    EXPECT_EQ(s.Data.Name, "xor");
    EXPECT_EQ(s.Data.NumPoints, 500);
    EXPECT_EQ(s.Data.Noise, 0.0);
    EXPECT_EQ(s.Data.TrainFraction, 0.5);
    EXPECT_EQ(s.Config.Network.Features, (std::vector<Feature>{Feature::X1, Feature::X2}));
    ASSERT_EQ(s.Config.Network.Hidden.size(), 1u);
    EXPECT_EQ(s.Config.Network.Hidden[0].Units, 5);
    EXPECT_EQ(s.Config.Network.Hidden[0].Act, Activation::Relu);
    EXPECT_EQ(s.Config.Optimizer.Kind, OptimizerKind::Sgd);
    EXPECT_EQ(s.Config.Optimizer.LearningRate, 0.03);
    EXPECT_EQ(s.Config.Reg.Kind, RegularizationKind::None);
    EXPECT_EQ(s.Config.BatchSize, 10);
    EXPECT_EQ(s.Config.LossKind, Loss::HalfSquaredError);
    EXPECT_EQ(s.Config.Network.Init, InitScheme::Uniform);
    EXPECT_EQ(s.Config.Seed, 35101u);
    EXPECT_FALSE(s.ShowTest);
    // Said, not hidden: the seed draws other numbers here and biases start at 0.
    ASSERT_EQ(s.Notes.size(), 2u);
    EXPECT_NE(s.Notes[0].find("biases start at 0"), std::string::npos);
    EXPECT_NE(s.Notes[1].find("seed='0.35101'"), std::string::npos);
}

TEST(TfPlaygroundLink, WhatHasNoEquivalentIsNamedAndMapped) {
    const TfPlaygroundSetup s = ParseTfPlaygroundLink(
        "#dataset=spiral&noise=35&percTrainData=70&x=true&y=false&cosX=true&sinY=true&xSquared=true&"
        "networkShape=&"
        "regularization=L2&regularizationRate=0.003&initZero=true&activation=sigmoid&colour=blue");
    EXPECT_EQ(s.Data.Name, "spiral");
    EXPECT_DOUBLE_EQ(s.Data.Noise, 0.35);
    EXPECT_DOUBLE_EQ(s.Data.TrainFraction, 0.7);
    EXPECT_EQ(s.Config.Network.Features,
              (std::vector<Feature>{Feature::X1, Feature::X1Squared, Feature::SinX2}));
    EXPECT_TRUE(s.Config.Network.Hidden.empty());
    EXPECT_EQ(s.Config.Reg.Kind, RegularizationKind::L2);
    EXPECT_EQ(s.Config.Reg.Rate, 0.003);
    EXPECT_EQ(s.Config.Network.Init, InitScheme::Zeros);
    ASSERT_EQ(s.Notes.size(), 2u);
    EXPECT_EQ(s.Notes[0].rfind("cosX: nnplay has no cos feature", 0), 0u) << s.Notes[0];
    EXPECT_EQ(s.Notes[1], "'colour': not a setting nnplay knows: ignored");
}

TEST(TfPlaygroundLink, RegressionUsesTheRegressionDataset) {
    const TfPlaygroundSetup s = ParseTfPlaygroundLink(
        "https://playground.tensorflow.org/#problem=regression&regDataset=reg-gauss&dataset=xor");
    EXPECT_EQ(s.Data.Name, "multigauss");
    EXPECT_EQ(s.Data.NumPoints, 1200);
    // The playground's defaults for what the link leaves out.
    EXPECT_EQ(s.Config.Network.Hidden.size(), 2u);
    EXPECT_EQ(s.Config.Network.Hidden[0].Units, 4);
    EXPECT_EQ(s.Config.Network.Hidden[0].Act, Activation::Tanh);
}

TEST(TfPlaygroundLink, RefusalsNameTheKeyAndQuoteShortly) {
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("https://example.com/#dataset=xor"); }),
              "link: 'https://example.com/' is not playground.tensorflow.org");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#dataset=moons"); }),
              "link: dataset='moons': expected circle, xor, gauss or spiral");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#learningRate=0x10"); }),
              "link: learningRate='0x10' is not a number");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#learningRate=1e999"); }),
              "link: learningRate='1e999' is not a number");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#networkShape=4,,2"); }),
              "link: networkShape='': expected a whole number from 1 to 1024");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#x=false&y=false&cosX=true"); }),
              "link: no input feature nnplay has is switched on");
    // A NUL or a byte that is not UTF-8 is quoted as an escape, never cut short or printed raw;
    // UTF-8 text stays as it is.
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#dataset=%00x"); }),
              "link: dataset='\\x00x': expected circle, xor, gauss or spiral");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#dataset=%ff%0a"); }),
              "link: dataset='\\xff\\x0a': expected circle, xor, gauss or spiral");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#dataset=%C3%A9t%C3%A9"); }),
              "link: dataset='\xC3\xA9t\xC3\xA9': expected circle, xor, gauss or spiral");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#batchSize=3&batchSize=4"); }),
              "link: 'batchSize' is given twice");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#activation=" + std::string(1000, 'a')); }),
              "link: activation='" + std::string(40, 'a') +
                  "...' (1000 characters): expected relu, tanh, sigmoid or linear");
    EXPECT_EQ(Refusal([] { ParseTfPlaygroundLink("#learningRate=1e300"); }),
              "link: optimizer.learning_rate: must be a number from 0 to 1e6, got 1e+300");
    EXPECT_NE(Refusal([] { ParseTfPlaygroundLink("#" + std::string(5000, 'a')); }).find("5001 characters"),
              std::string::npos);
    std::string deep = "#networkShape=1";
    for (int i = 0; i < 40; ++i)
        deep += ",1";
    EXPECT_NE(Refusal([&] { ParseTfPlaygroundLink(deep); }).find("more than 32 hidden layers"),
              std::string::npos);
    EXPECT_EQ(Refusal([] {
                  ParseTfPlaygroundLink("playground.tensorflow.org");
              }).rfind("link: no settings after '#'", 0),
              0u);
}

TEST(TfPlaygroundLink, ExportThenImportIsTheIdentityForWhatThePlaygroundExpresses) {
    const TfPlaygroundSetup a = ParseTfPlaygroundLink(kLink);
    const TfPlaygroundLink link = MakeTfPlaygroundLink(a.Data, a.Config, a.ShowTest, a.Discretize);
    EXPECT_TRUE(link.Omitted.empty());
    EXPECT_EQ(link.Url, kLink); // the playground's own key order: the very same link
    const TfPlaygroundSetup b = ParseTfPlaygroundLink(link.Url);
    EXPECT_EQ(b.Data.Name, a.Data.Name);
    EXPECT_EQ(b.Config, a.Config);

    DatasetSpec d;
    d.Name = "plane";
    d.Noise = 0.1;
    d.TrainFraction = 0.8;
    d.Seed = 77;
    TrainConfig c;
    c.Seed = 77;
    c.Network.Init = InitScheme::Zeros;
    c.Network.Features = {Feature::X1, Feature::X2, Feature::X1TimesX2, Feature::SinX1};
    c.Network.Hidden = {{8, Activation::Sigmoid}, {3, Activation::Sigmoid}, {1, Activation::Sigmoid}};
    c.Optimizer.LearningRate = 1e5; // written 1e5: "1e+05" in a URL reads back as "1e 05"
    c.Reg = {RegularizationKind::L1, 0.001};
    c.BatchSize = 25;
    const TfPlaygroundLink l2 = MakeTfPlaygroundLink(d, c, true, true);
    EXPECT_TRUE(l2.Omitted.empty());
    const TfPlaygroundSetup back = ParseTfPlaygroundLink(l2.Url);
    EXPECT_EQ(back.Config, c);
    EXPECT_EQ(back.Data.Name, "plane");
    EXPECT_DOUBLE_EQ(back.Data.Noise, 0.1);
    EXPECT_DOUBLE_EQ(back.Data.TrainFraction, 0.8);
    EXPECT_TRUE(back.ShowTest);
    EXPECT_TRUE(back.Discretize);
}

TEST(TfPlaygroundLink, ExportSaysWhatThePlaygroundCannotExpress) {
    DatasetSpec d;
    d.Name = "moons";
    TrainConfig c;
    c.Optimizer.Kind = OptimizerKind::Adam;
    c.LossKind = Loss::BinaryCrossEntropy;
    c.Network.Init = InitScheme::Xavier;
    c.Network.Hidden = {{12, Activation::Tanh}, {2, Activation::Relu}};
    const TfPlaygroundLink l = MakeTfPlaygroundLink(d, c);
    ASSERT_EQ(l.Omitted.size(), 6u);
    EXPECT_EQ(l.Omitted[0],
              "dataset moons: the playground has circle, xor, gauss and spiral (the link says circle)");
    EXPECT_NE(l.Url.find("dataset=circle"), std::string::npos);
    EXPECT_NE(l.Url.find("networkShape=12,2"), std::string::npos);
}

} // namespace
} // namespace nnplay
