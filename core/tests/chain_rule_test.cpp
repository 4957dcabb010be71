// chain_rule_test.cpp: the derivation text against the lecture's own figures.
#include "core/io/scenario.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/tests/test_paths.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

Scenario Worked() {
    return LoadScenarioFile(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
}

std::string Explain(Scenario& s, const std::string& param, int digits, bool numerical = false,
                    Derivation* out = nullptr) {
    const Derivation d = ExplainParameter(
        s.Network, ConstMatrixMap(s.Inputs.data(), s.Inputs.rows(), s.Inputs.cols()), s.Targets, s.LossKind,
        s.Reduce, s.Reg, s.Optimizer, Optimizer{}, ParseParamRef(s.Network, param), {0, digits, numerical});
    if (out) *out = d;
    std::string text;
    for (const std::string& line : d.Lines)
        text += line + "\n";
    return text;
}

TEST(ChainRule, LectureNamesForTheWorkedExample) {
    const Scenario s = Worked();
    EXPECT_EQ(ParamName(s.Network, {1, 0, 0, false}), "w5"); // h1 -> o1
    EXPECT_EQ(ParamName(s.Network, {1, 1, 0, false}), "w7"); // h1 -> o2
    EXPECT_EQ(ParamName(s.Network, {0, 0, 1, false}), "w2"); // i2 -> h1
    EXPECT_EQ(ParamName(s.Network, {1, 0, 0, true}), "b_o1");
    const ParamRef p = ParseParamRef(s.Network, "2,1,1");
    EXPECT_EQ(ParamName(s.Network, p), "w5");
    EXPECT_THROW(ParseParamRef(s.Network, "w9"), UserError);
}

// The lecture prints 8-9 significant digits: 0.74136507 x 0.186815602 x 0.593269992.
TEST(ChainRule, OutputWeightW5ShowsTheLecturesFactors) {
    Scenario s = Worked();
    Derivation d;
    const std::string text = Explain(s, "w5", 9, false, &d);
    EXPECT_NE(
        text.find(
            "∂E/∂w5 = ∂E/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5 = 0.74136507 × 0.186815602 × 0.593269992"),
        std::string::npos)
        << text;
    EXPECT_NEAR(d.Gradient, 0.08216704056423077, 1e-15);
    EXPECT_NEAR(d.NewValue, 0.35891647971788465, 1e-15);
    // At the default 5 digits, the update reads as in class.
    EXPECT_NE(Explain(s, "w5", 5).find("w5 ← w5 − η ∂L/∂w5 = 0.4 − 0.5 × 0.082167 = 0.35892"),
              std::string::npos);
}

TEST(ChainRule, HiddenWeightW1SumsEveryPathTermByTerm) {
    Scenario s = Worked();
    Derivation d;
    const std::string text = Explain(s, "w1", 9, true, &d);
    // Lecture: dE_o1/dout_h1 = 0.055399425, dE_o2/dout_h1 = -0.019049119, sum 0.036350306;
    // dout_h1/dnet_h1 = 0.241300709; dnet_h1/dw1 = 0.05; w1 -> 0.149780716.
    EXPECT_NE(text.find("path via o1: ∂E/∂net_o1 × w5 = 0.138498562 × 0.4 = 0.0553994247"), std::string::npos)
        << text;
    EXPECT_NE(text.find("path via o2: ∂E/∂net_o2 × w7 = -0.0380982365 × 0.5 = -0.0190491183"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("= 0.0363503064"), std::string::npos) << text;
    EXPECT_NE(text.find("0.241300709"), std::string::npos) << text;
    EXPECT_NEAR(d.NewValue, 0.1497807161327628, 1e-15);
    EXPECT_NEAR(d.Numerical, d.Gradient, 1e-9); // the central difference agrees with backprop
}

TEST(ChainRule, CrossEntropyCancelsTheDerivativeAndSaysSo) {
    Scenario s = ParseScenario(
        R"({"network": {"inputs": 1, "layers": [{"units": 1, "activation": "sigmoid", "weights": [[2.0]], "biases": [0.0]}]},
      "loss": "binary_cross_entropy", "optimizer": {"name": "sgd", "learning_rate": 1.0},
      "batch": {"inputs": [[1.0], [0.5]], "targets": [[1.0], [0.0]]}})");
    Derivation d;
    const std::string text = Explain(s, "w1", 5, true, &d);
    EXPECT_NE(text.find("out − target"), std::string::npos) << text;
    EXPECT_NE(text.find("the f′ cancels"), std::string::npos) << text;
    EXPECT_NE(text.find("mean of the 2 samples"), std::string::npos) << text;
    EXPECT_NEAR(d.Numerical, d.Gradient, 1e-8);
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

TEST(ChainRuleText, SignsAreWrittenAsALectureWritesThem) {
    EXPECT_EQ(TidySigns("= 0.055399 + -0.019049 = 0.03635"), "= 0.055399 − 0.019049 = 0.03635");
    EXPECT_EQ(TidySigns("w5 ← 0.4 − 0.5 × -0.082167 = 0.44108"), "w5 ← 0.4 − 0.5 × (−0.082167) = 0.44108");
    EXPECT_EQ(TidySigns("= -0.3×-1.5e-05 + 0.2×0.1 + -0.6"), "= -0.3×(−1.5e-05) + 0.2×0.1 − 0.6");
    EXPECT_EQ(TidySigns("out − target = 0.5 − -1 = 1.5"), "out − target = 0.5 − (−1) = 1.5");
    EXPECT_EQ(TidySigns("w·-x"), "w·-x") << "not a number: left alone";
    EXPECT_EQ(TidySigns("0.1 + 0.2 − 0.3"), "0.1 + 0.2 − 0.3");
}

} // namespace
} // namespace nnplay
