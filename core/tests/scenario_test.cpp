// scenario_test.cpp: the hand-worked reference example, and scenario files that are wrong.
#include "core/io/scenario.hpp"
#include "core/tests/test_paths.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace nnplay {
namespace {

using json = nlohmann::json;

std::string ReadReference(const std::string& name) {
    std::ifstream f(std::string(NNPLAY_REFERENCE_DIR) + "/" + name);
    EXPECT_TRUE(f.good()) << "missing reference file " << NNPLAY_REFERENCE_DIR << "/" << name;
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Walks `want` and compares every number in it with the same place in `got`.
void ExpectNear(const json& got, const json& want, const std::string& path, int& compared) {
    if (want.is_number()) {
        ASSERT_TRUE(got.is_number()) << path;
        EXPECT_NEAR(got.get<double>(), want.get<double>(), 1e-12) << path;
        ++compared;
    } else if (want.is_array()) {
        ASSERT_TRUE(got.is_array()) << path;
        ASSERT_EQ(got.size(), want.size()) << path;
        for (size_t i = 0; i < want.size(); ++i)
            ExpectNear(got[i], want[i], path + "[" + std::to_string(i) + "]", compared);
    } else if (want.is_object()) {
        for (const auto& [key, value] : want.items()) {
            ASSERT_TRUE(got.contains(key)) << path << "." << key;
            ExpectNear(got[key], value, path + "." + key, compared);
        }
    }
}

TEST(Scenario, WorkedExampleMatchesEveryReferenceNumber) {
    Scenario s = ParseScenario(ReadReference("worked-2-2-2.json"));
    ASSERT_FALSE(s.Expected.is_null());
    const json trace = RunScenario(s, 1);
    int compared = 0;
    ExpectNear(trace["steps"][0], s.Expected, "expected", compared);
    EXPECT_EQ(compared, 1 + 2 * (2 + 2 + 2 + 4 + 2 + 4 + 2)); // every number in the block was checked
    // The lecture's figures as printed (it truncates: dE/dw5 = 0.0821670... appears as 0.08216).
    EXPECT_NEAR(trace["steps"][0]["loss"].get<double>(), 0.29837, 1e-5);
    EXPECT_NEAR(trace["steps"][0]["layers"][1]["grad_weights"][0][0].get<double>(), 0.08216, 1e-5);
    EXPECT_NEAR(trace["steps"][0]["layers"][1]["new_weights"][0][0].get<double>(), 0.35892, 5e-6);
    EXPECT_NEAR(trace["steps"][0]["layers"][0]["new_weights"][0][0].get<double>(), 0.14978, 5e-6);
}

// nnplay's own three-input example: its expected numbers were worked out apart from the engine
// (plain arithmetic); the engine must give every one of them.
TEST(Scenario, TheThreeInputWorkedExampleMatchesItsHandWorkedNumbers) {
    std::ifstream f(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/worked-3-2-1.json");
    std::stringstream text;
    text << f.rdbuf();
    Scenario s = ParseScenario(text.str());
    ASSERT_FALSE(s.Expected.is_null());
    EXPECT_EQ(s.Network.Inputs(), 3);
    const json trace = RunScenario(s, 1);
    int compared = 0;
    ExpectNear(trace["steps"][0], s.Expected, "expected", compared);
    EXPECT_EQ(compared, 1 + (2 + 2 + 2 + 6 + 2 + 6 + 2) + (1 + 1 + 1 + 2 + 1 + 2 + 1));
    // A few of them as a student writes them down, to five figures.
    EXPECT_NEAR(trace["steps"][0]["loss"].get<double>(), 0.10559, 5e-6);
    EXPECT_NEAR(trace["steps"][0]["layers"][1]["delta"][0][0].get<double>(), -0.11413, 5e-6);
    EXPECT_NEAR(trace["steps"][0]["layers"][0]["delta"][0][1].get<double>(), 0.011071, 5e-7);
    EXPECT_NEAR(trace["steps"][0]["layers"][1]["new_weights"][0][0].get<double>(), 0.62640, 5e-6);
    EXPECT_NEAR(trace["steps"][0]["layers"][0]["new_weights"][0][2].get<double>(), 0.39149, 5e-6);
}

TEST(Scenario, SecondStepStartsFromTheFirstStepsWeights) {
    Scenario s = ParseScenario(ReadReference("worked-2-2-2.json"));
    const json trace = RunScenario(s, 2);
    ASSERT_EQ(trace["steps"].size(), 2u);
    const double w5_after_first = trace["steps"][0]["layers"][1]["new_weights"][0][0].get<double>();
    const double g5_second = trace["steps"][1]["layers"][1]["grad_weights"][0][0].get<double>();
    EXPECT_DOUBLE_EQ(trace["steps"][1]["layers"][1]["new_weights"][0][0].get<double>(),
                     w5_after_first - 0.5 * g5_second);
    EXPECT_LT(trace["steps"][1]["loss"].get<double>(), trace["steps"][0]["loss"].get<double>());
}

// Each broken scenario must be refused with a message that names the field.
struct BadCase {
    const char* Name;
    const char* Edit; // a JSON merge patch applied to the worked example
    const char* FieldInMessage;
};

const BadCase kBad[] = {
    {"UnknownActivation",
     R"({"network": {"layers": [{"units": 2, "activation": "swish", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]}, {"units": 2, "activation": "sigmoid", "weights": [[0.4, 0.45], [0.5, 0.55]], "biases": [0.6, 0.6]}]}})",
     "network.layers[0].activation"},
    {"WeightRowTooLong",
     R"({"network": {"layers": [{"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.2, 9], [0.25, 0.3]], "biases": [0.35, 0.35]}, {"units": 2, "activation": "sigmoid", "weights": [[0.4, 0.45], [0.5, 0.55]], "biases": [0.6, 0.6]}]}})",
     "network.layers[0].weights[0]"},
    {"TooFewWeightRows",
     R"({"network": {"layers": [{"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.2]], "biases": [0.35, 0.35]}, {"units": 2, "activation": "sigmoid", "weights": [[0.4, 0.45], [0.5, 0.55]], "biases": [0.6, 0.6]}]}})",
     "network.layers[0].weights"},
    {"SoftmaxWithoutItsLoss",
     R"({"network": {"layers": [{"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.2], [0.25, 0.3]], "biases": [0.35, 0.35]}, {"units": 2, "activation": "softmax", "weights": [[0.4, 0.45], [0.5, 0.55]], "biases": [0.6, 0.6]}]}})",
     "network.layers[1].activation"},
    {"UnknownLoss", R"({"loss": "hinge"})", "loss"},
    {"MissingLearningRate", R"({"optimizer": {"name": "sgd", "learning_rate": null}})",
     "optimizer.learning_rate"},
    {"NegativeLearningRate", R"({"optimizer": {"name": "sgd", "learning_rate": -1}})",
     "optimizer.learning_rate"},
    {"TargetOfWrongWidth", R"({"batch": {"inputs": [[0.05, 0.1]], "targets": [[0.01]]}})",
     "batch.targets[0]"},
    {"InputNotANumber", R"({"batch": {"inputs": [[0.05, "x"]], "targets": [[0.01, 0.99]]}})",
     "batch.inputs[0][1]"},
    {"BatchCountsDiffer", R"({"batch": {"inputs": [[0.05, 0.1], [1, 1]], "targets": [[0.01, 0.99]]}})",
     "batch.targets"},
    {"EmptyBatch", R"({"batch": {"inputs": [], "targets": []}})", "batch.inputs"},
    {"ZeroUnits", R"({"network": {"inputs": 2, "layers": [{"units": 0, "activation": "sigmoid"}]}})",
     "network.layers[0].units"},
    {"UnitsPastEveryLong",
     R"({"network": {"inputs": 2, "layers": [{"units": 18446744073709551615, "activation": "sigmoid"}]}})",
     "network.layers[0].units: must be between 1 and 1024, got 18446744073709551615"},
    {"FractionalInputs", R"({"network": {"inputs": 2.5}})", "network.inputs: expected a whole number"},
    {"PerceptronOnTwoLayers", R"({"optimizer": {"name": "perceptron", "learning_rate": 1}})",
     "optimizer.name"},
};

void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.Name;
}

class BadScenario : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadScenario, IsRefusedNamingTheField) {
    json doc = json::parse(ReadReference("worked-2-2-2.json"));
    doc.merge_patch(json::parse(GetParam().Edit));
    try {
        ParseScenario(doc.dump());
        FAIL() << "accepted a broken scenario";
    } catch (const UserError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(GetParam().FieldInMessage, 0), 0u) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, BadScenario, ::testing::ValuesIn(kBad),
                         [](const auto& p) { return std::string(p.param.Name); });

TEST(Scenario, MalformedJsonSaysSo) {
    try {
        ParseScenario("{\"network\": {\"inputs\": 2,, }");
        FAIL();
    } catch (const UserError& e) {
        EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
    }
    EXPECT_THROW(ParseScenario(""), UserError);
    EXPECT_THROW(ParseScenario("[1, 2]"), UserError);
    EXPECT_THROW(LoadScenarioFile("/nonexistent/file.json"), UserError);
}

TEST(Scenario, WeightsFromInitWhenAbsent) {
    json doc = json::parse(ReadReference("worked-2-2-2.json"));
    for (auto& layer : doc["network"]["layers"]) {
        layer.erase("weights");
        layer.erase("biases");
    }
    EXPECT_THROW(ParseScenario(doc.dump()), UserError); // no init given
    doc["network"]["init"] = {{"scheme", "xavier"}, {"seed", 7}};
    const Scenario a = ParseScenario(doc.dump()), b = ParseScenario(doc.dump());
    EXPECT_EQ(a.Network.Params(), b.Network.Params());
    EXPECT_NE(a.Network.W(0)(0, 0), 0.0);
}

TEST(Scenario, StepUnitsAreFlagged) {
    const std::string text = R"({"network": {"inputs": 2, "layers": [
        {"units": 2, "activation": "step", "weights": [[1, 1], [1, 1]], "biases": [-1.5, -0.5]},
        {"units": 1, "activation": "step", "weights": [[-1, 1]], "biases": [-0.5]}]},
      "loss": "half_squared_error", "optimizer": {"name": "sgd", "learning_rate": 0.1},
      "batch": {"inputs": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}})";
    Scenario s = ParseScenario(text);
    EXPECT_EQ(ScenarioWarnings(s).size(), 2u);
    const json trace = RunScenario(s, 1);
    // The hand-wired network computes XOR exactly...
    const json& out = trace["steps"][0]["layers"][1]["a"];
    EXPECT_EQ(out, json::parse("[[0.0],[1.0],[1.0],[0.0]]"));
    // ...and, its derivative being 0, backprop changes nothing.
    EXPECT_EQ(trace["steps"][0]["layers"][0]["new_weights"], json::parse("[[1.0,1.0],[1.0,1.0]]"));
}

// The lecture scenarios shipped in assets/scenarios each do what their name promises.
Scenario Asset(const std::string& name) {
    return LoadScenarioFile(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/" + name);
}

std::vector<double> Losses(Scenario& s, int steps) { // s ends with the trained weights
    std::vector<double> out;
    const json trace = RunScenario(s, steps); // named: a range-for would not keep the temporary alive
    for (const json& step : trace["steps"])
        out.push_back(step["loss"].get<double>());
    return out;
}

TEST(LectureScenarios, TheWorkedExampleIsTheReferenceFile) {
    std::ifstream shipped(std::string(NNPLAY_ASSETS_DIR) + "/scenarios/worked-2-2-2.json");
    std::stringstream ss;
    ss << shipped.rdbuf();
    EXPECT_EQ(json::parse(ss.str()), json::parse(ReadReference("worked-2-2-2.json")));
}

TEST(LectureScenarios, XorWiredByHandIsExact) {
    Scenario s = Asset("xor-step-by-hand.json");
    EXPECT_EQ(RunScenario(s, 1)["steps"][0]["layers"][1]["a"], json::parse("[[0.0],[1.0],[1.0],[0.0]]"));
}

TEST(LectureScenarios, XorFromScratchPlateausThenBreaksThrough) {
    Scenario s = Asset("xor-from-scratch.json");
    const std::vector<double> loss = Losses(s, 4000);
    EXPECT_GT(loss[1000], 0.11); // the plateau: still near 0.125 after 1000 updates
    EXPECT_LT(loss[3999], 0.05); // the breakthrough
}

TEST(LectureScenarios, SingleNeuronLearnsItsLine) {
    Scenario s = Asset("single-neuron.json");
    const std::vector<double> loss = Losses(s, 2000);
    EXPECT_LT(loss.back(), 0.05);
    EXPECT_GT(s.Network.W(0)(0, 0), 5 * std::abs(s.Network.W(0)(0, 1))); // x1 matters, x2 does not
}

TEST(LectureScenarios, ThePerceptronSettlesOnAndAndOrButNeverOnXor) {
    for (const char* name : {"perceptron-and.json", "perceptron-or.json"}) {
        Scenario s = Asset(name);
        const std::vector<double> loss = Losses(s, 200);
        EXPECT_EQ(loss.back(), 0.0) << name;
        const std::vector<double> settled = s.Network.Params();
        RunScenario(s, 10);
        EXPECT_EQ(s.Network.Params(), settled) << name << ": the line must stop moving";
    }
    Scenario x = Asset("perceptron-xor.json");
    for (double l : Losses(x, 1000))
        ASSERT_GT(l, 0.0);
}

} // namespace
} // namespace nnplay
