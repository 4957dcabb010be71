// The action log's trainer commands: every kind written and read back unchanged, and a broken
// entry refused by name (the log is a file a user may hand-edit or truncate).
#include "core/io/command_json.hpp"
#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

using nlohmann::json;
using test::Refusal;

DataPoint Point(double x1, double x2, int label, bool test) {
    DataPoint p;
    p.X1 = x1;
    p.X2 = x2;
    p.Label = label;
    p.IsTest = test;
    return p;
}

// One of each command, none at its defaults.
std::vector<Command> OneOfEach() {
    OptimizerSettings adam;
    adam.Kind = OptimizerKind::Adam;
    adam.LearningRate = 0.004;
    adam.Beta1 = 0.8;
    NetworkConfig net;
    net.Hidden = {{3, Activation::Relu}, {2, Activation::Tanh}};
    net.Features = {Feature::X1, Feature::X1Squared};
    net.Init = InitScheme::He;
    Dataset data;
    data.Points = {Point(0.5, -1.25, 1, false), Point(2.0, 3.0, 0, true)};
    TrainConfig config;
    config.Network = net;
    config.Optimizer = adam;
    config.BatchSize = 7;
    config.Seed = 42;
    std::vector<Command> all = {
        cmd::Play{},
        cmd::Pause{},
        cmd::StepUpdate{},
        cmd::StepEpoch{},
        cmd::StepBack{},
        cmd::Reset{},
        cmd::Reinitialize{17},
        cmd::SetOptimizer{adam},
        cmd::SetLearningRate{0.125},
        cmd::SetBatchSize{9},
        cmd::SetRegularization{{RegularizationKind::L2, 0.003}},
        cmd::SetLoss{Loss::BinaryCrossEntropy, Reduction::Sum},
        cmd::SetNetwork{net},
        cmd::SetDataset{data},
        cmd::AddPoint{Point(1.5, -0.25, 2, false)},
        cmd::MovePoint{3, 0.75, -4.5},
        cmd::RelabelPoint{4, 1},
        cmd::RemovePoint{5, 1.0, 2.0},
        cmd::SetSplit{0.7, 99},
        cmd::SetParam{6, -0.3125},
        cmd::SetFrozen{2, true},
        cmd::LoadWeights{{0.1, -0.2, 0.3}, 40, 2},
        cmd::LoadSession{config, data, {}, 12, 1, "my file.json", {}},
        cmd::SetSpeedLimit{33.0},
        cmd::SetStopConditions{{300, 0.01, 0.0001}},
        cmd::SetDiagnosis{false},
    };
    return all;
}

TEST(CommandJson, EveryCommandIsWrittenAndReadBackUnchanged) {
    const std::vector<Command> all = OneOfEach();
    ASSERT_EQ(all.size(), std::variant_size_v<Command>); // a new command must be added here too
    for (size_t i = 0; i < all.size(); ++i) {
        ASSERT_EQ(all[i].index(), i);
        const json written = CommandToJson(all[i]);
        EXPECT_EQ(written["command"], std::string(CommandName(all[i])));
        // Through text, as the log holds it.
        const Command back = CommandFromJson(json::parse(written.dump()));
        EXPECT_EQ(back.index(), i) << written.dump();
        EXPECT_EQ(CommandToJson(back), written) << CommandName(all[i]);
    }
}

TEST(CommandJson, TheReadBackValuesAreTheOnesWritten) {
    const Command c = CommandFromJson(CommandToJson(OneOfEach()[7]));
    const auto& o = std::get<cmd::SetOptimizer>(c).Settings;
    EXPECT_EQ(o.Kind, OptimizerKind::Adam);
    EXPECT_EQ(o.LearningRate, 0.004);
    EXPECT_EQ(o.Beta1, 0.8);
    const auto d = std::get<cmd::SetDataset>(CommandFromJson(CommandToJson(OneOfEach()[13]))).Data;
    ASSERT_EQ(d.Points.size(), 2u);
    EXPECT_EQ(d.Points[0].X2, -1.25);
    EXPECT_EQ(d.Points[0].Label, 1);
    EXPECT_TRUE(d.Points[1].IsTest);
    const auto r =
        std::get<cmd::RemovePoint>(CommandFromJson(json::parse(R"({"command":"remove_point","index":2})")));
    EXPECT_EQ(r.Index, 2u);
    EXPECT_TRUE(std::isnan(r.X1)); // by index alone
}

TEST(CommandJson, ABrokenEntryIsRefusedByName) {
    const auto read = [](const char* text) {
        return Refusal([&] { CommandFromJson(json::parse(text), "line 4"); });
    };
    EXPECT_EQ(read(R"([1])"), "line 4: expected an object");
    EXPECT_EQ(read(R"({"command":"fly"})"), "line 4.command: unknown command \"fly\"");
    EXPECT_EQ(read(R"({"value":1})"), "line 4.command: is missing");
    EXPECT_EQ(read(R"({"command":"set_learning_rate"})"), "line 4.value: is missing");
    EXPECT_EQ(read(R"({"command":"set_learning_rate","value":"fast"})"),
              "line 4.value: has the wrong type (\"fast\")");
    EXPECT_EQ(read(R"({"command":"set_param","index":-1,"value":1})")
                  .rfind("line 4.index: expected a whole number", 0),
              0u);
    EXPECT_EQ(read(R"({"command":"set_loss","loss":"hinge","reduction":"mean"})").rfind("line 4.loss: ", 0),
              0u);
    EXPECT_EQ(read(R"({"command":"set_network","network":{"hidden":[{"units":3,"activation":"wobbly"}]}})")
                  .rfind("line 4.network.hidden[0].activation", 0),
              0u);
    EXPECT_EQ(read(R"({"command":"add_point","point":{"x1":1}})"), "line 4.dataset.points[0].x2: is missing");
}

} // namespace
} // namespace nnplay
