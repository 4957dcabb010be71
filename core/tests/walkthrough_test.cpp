// walkthrough_test.cpp: the step-through phases against the lecture's numbers, and against the
// trainer's own update for every optimizer.
#include "core/io/scenario.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/tests/test_paths.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

struct WorkedWalk {
    Scenario S = LoadScenarioFile(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    TrainConfig Config;
    UpdateWalkthrough W;
    WorkedWalk() : Config(ScenarioConfig(S)), W(WalkThroughFirstUpdate(S, Config)) {}
    std::string Text(Phase kind, int layer = -1, int digits = 5) const {
        std::string text;
        for (const std::string& line : DescribePhase(S.Network, W, Config, {kind, layer}, 0, digits))
            text += line + "\n";
        return text;
    }
};

TEST(Walkthrough, PhasesGoForwardLayerByLayerThenBackward) {
    const std::vector<PhaseStep> p = PhasesOfUpdate(2);
    const std::vector<PhaseStep> want{{Phase::Batch, -1}, {Phase::Forward, 0},  {Phase::Forward, 1},
                                      {Phase::Loss, -1},  {Phase::Backward, 1}, {Phase::Backward, 0},
                                      {Phase::Update, -1}};
    EXPECT_EQ(p, want);
    EXPECT_EQ(PhasesOfUpdate(4).size(), 11u);
}

// Every number of the reference, layer by layer, to 1e-12.
TEST(Walkthrough, TheWorkedExampleMatchesTheReferenceEverywhere) {
    const WorkedWalk w;
    const nlohmann::json& e = w.S.Expected;
    EXPECT_NEAR(w.W.Loss, e["loss"].get<double>(), 1e-12);
    EXPECT_NEAR(w.W.OutputLoss.sum(), e["loss"].get<double>(), 1e-12);
    // The lecture's E_o1 = 0.274811083 and E_o2 = 0.023560026.
    EXPECT_NEAR(w.W.OutputLoss(0, 0), 0.274811083, 1e-9);
    EXPECT_NEAR(w.W.OutputLoss(1, 0), 0.023560026, 1e-9);
    for (int l = 0; l < 2; ++l) {
        const nlohmann::json& x = e["layers"][size_t(l)];
        const LayerShape& shape = w.S.Network.Layer(l);
        for (int j = 0; j < 2; ++j) {
            EXPECT_NEAR(w.W.Z[size_t(l)](j, 0), x["z"][0][size_t(j)].get<double>(), 1e-12);
            EXPECT_NEAR(w.W.A[size_t(l)](j, 0), x["a"][0][size_t(j)].get<double>(), 1e-12);
            EXPECT_NEAR(w.W.Delta[size_t(l)](j, 0), x["delta"][0][size_t(j)].get<double>(), 1e-12);
            const size_t bias = shape.BiasOffset + size_t(j);
            EXPECT_NEAR(w.W.Grads[bias], x["grad_biases"][size_t(j)].get<double>(), 1e-12);
            EXPECT_NEAR(w.W.NewParams[bias], x["new_biases"][size_t(j)].get<double>(), 1e-12);
            for (int i = 0; i < 2; ++i) {
                const size_t flat = shape.WeightOffset + size_t(i) * 2 + size_t(j);
                EXPECT_NEAR(w.W.Grads[flat], x["grad_weights"][size_t(j)][size_t(i)].get<double>(), 1e-12);
                EXPECT_NEAR(w.W.SampleGradient(w.S.Network, flat, 0),
                            x["grad_weights"][size_t(j)][size_t(i)].get<double>(), 1e-12);
                EXPECT_NEAR(w.W.NewParams[flat], x["new_weights"][size_t(j)][size_t(i)].get<double>(), 1e-12);
            }
        }
    }
}

TEST(Walkthrough, EachPhaseReadsLikeTheLecture) {
    const WorkedWalk w;
    const std::string batch = w.Text(Phase::Batch), fwd_h = w.Text(Phase::Forward, 0),
                      fwd_o = w.Text(Phase::Forward, 1), loss = w.Text(Phase::Loss),
                      bwd_o = w.Text(Phase::Backward, 1), bwd_h = w.Text(Phase::Backward, 0),
                      update = w.Text(Phase::Update);
    EXPECT_NE(batch.find("sample 1: i1 = 0.05, i2 = 0.1;  target o1 = 0.01, o2 = 0.99"), std::string::npos)
        << batch;
    EXPECT_NE(fwd_h.find("net_h1 = w1·i1 + w2·i2 + b_h1 = 0.15×0.05 + 0.2×0.1 + 0.35 = 0.3775"),
              std::string::npos)
        << fwd_h;
    EXPECT_NE(fwd_h.find("out_h1 = σ(net_h1) = 0.59327"), std::string::npos) << fwd_h;
    EXPECT_NE(fwd_o.find("net_o1 = w5·out_h1 + w6·out_h2 + b_o1 = 0.4×0.59327 + 0.45×0.59688 + 0.6 = 1.1059"),
              std::string::npos)
        << fwd_o;
    EXPECT_NE(fwd_o.find("out_o1 = σ(net_o1) = 0.75137"), std::string::npos) << fwd_o;
    EXPECT_NE(loss.find("E_o1 = ½(target − out)² = ½(0.01 − 0.75137)² = 0.27481"), std::string::npos) << loss;
    EXPECT_NE(loss.find("E = E_o1 + E_o2 = 0.27481 + 0.02356 = 0.29837"), std::string::npos) << loss;
    EXPECT_EQ(loss.find("over the batch"), std::string::npos) << loss; // one sample: no batch line
    EXPECT_NE(bwd_o.find("δ_o1 = ∂E/∂out_o1 × ∂out_o1/∂net_o1 = (out − target) × out(1 − out) = 0.74137 × "
                         "0.18682 = 0.1385"),
              std::string::npos)
        << bwd_o;
    EXPECT_NE(bwd_o.find("∂E/∂w5 = δ_o1 × out_h1 = 0.1385 × 0.59327 = 0.082167"), std::string::npos) << bwd_o;
    EXPECT_NE(
        bwd_h.find(
            "δ_h1 = (δ_o1·w5 + δ_o2·w7) × out(1 − out) = (0.1385×0.4 − 0.038098×0.5) × 0.2413 = 0.0087714"),
        std::string::npos)
        << bwd_h;
    EXPECT_NE(bwd_h.find("∂E/∂w1 = δ_h1 × i1 = 0.0087714 × 0.05 = 0.00043857"), std::string::npos) << bwd_h;
    EXPECT_NE(update.find("w5 ← w5 − η ∂L/∂w5 = 0.4 − 0.5 × 0.082167 = 0.35892"), std::string::npos)
        << update;
    EXPECT_NE(update.find("w1 ← w1 − η ∂L/∂w1 = 0.15 − 0.5 × 0.00043857 = 0.14978"), std::string::npos)
        << update;
    EXPECT_NE(update.find("b_o2 ← b_o2 − η ∂L/∂b_o2 = 0.6 − 0.5 × (−0.038098) = 0.61905"), std::string::npos)
        << update;
}

Dataset Xor(int points) {
    DatasetSpec spec;
    spec.Name = "xor";
    spec.NumPoints = points;
    return GenerateDataset(spec);
}

// The phase-5 numbers are what the trainer then does, bit for bit, for every optimizer, with a
// frozen weight, on a shuffled mini-batch several updates in.
TEST(Walkthrough, TheUpdateShownIsTheUpdateTheTrainerMakes) {
    for (const OptimizerKind kind :
         {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam, OptimizerKind::Perceptron}) {
        TrainConfig c;
        c.Optimizer.Kind = kind;
        c.Optimizer.LearningRate = 0.1;
        c.BatchSize = 7;
        c.Reg = {RegularizationKind::L2, 0.01};
        if (kind == OptimizerKind::Perceptron) c.Network.Hidden = {};
        TrainingSession session(c, Xor(60));
        session.SetFrozen(1, true);
        for (int k = 0; k < 5; ++k)
            ASSERT_TRUE(session.Update());
        Eigen::MatrixXd F, T;
        BatchMatrices(session.Data(), session.NextBatch(), c.Network.Features, session.Encoding(), F, T);
        ASSERT_EQ(F.cols(), 7);
        Mlp net = session.Network();
        const UpdateWalkthrough w =
            WalkThroughUpdate(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, session.Config(),
                              session.OptimizerState(), session.Frozen());
        const std::vector<double> before = session.Network().Params();
        ASSERT_TRUE(session.Update());
        EXPECT_EQ(w.NewParams, session.Network().Params()) << OptimizerName(kind);
        EXPECT_EQ(w.NewParams[1], before[1]) << "frozen";
        EXPECT_NE(w.NewParams, before) << OptimizerName(kind);
        EXPECT_NE(DescribePhase(net, w, c, {Phase::Update, -1}, 0, 5)[0].find("←"), std::string::npos);
    }
}

// Mini-batch: the nodes show one sample, the update uses the batch mean of every sample's ∂E/∂w.
TEST(Walkthrough, TheBatchGradientIsTheMeanOfTheSamplesGradients) {
    TrainConfig c;
    c.BatchSize = 5;
    TrainingSession session(c, Xor(40));
    Eigen::MatrixXd F, T;
    BatchMatrices(session.Data(), session.NextBatch(), c.Network.Features, session.Encoding(), F, T);
    Mlp net = session.Network();
    const UpdateWalkthrough w =
        WalkThroughUpdate(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, c, Optimizer{}, {});
    for (size_t p = 0; p < w.Grads.size(); ++p) {
        double sum = 0.0;
        for (int s = 0; s < 5; ++s)
            sum += w.SampleGradient(net, p, s);
        EXPECT_NEAR(w.Grads[p], sum / 5, 1e-15) << p;
    }
    const std::vector<std::string> lines = DescribePhase(net, w, c, {Phase::Backward, 2}, 3, 5);
    EXPECT_NE(lines.back().find("batch ∂L/∂b_o1 = "), std::string::npos) << lines.back();
    const std::vector<std::string> batch = DescribePhase(net, w, c, {Phase::Batch, -1}, 3, 5);
    ASSERT_EQ(batch.size(), 5u);
    EXPECT_NE(batch[3].find("◀ the sample shown"), std::string::npos);
    EXPECT_EQ(batch[2].find("◀ the sample shown"), std::string::npos);
}

TEST(Walkthrough, AWideLayerIsSummarizedNotListed) {
    TrainConfig c;
    c.Network.Hidden = {{16, Activation::Relu}, {16, Activation::Relu}};
    TrainingSession session(c, Xor(40));
    Eigen::MatrixXd F, T;
    BatchMatrices(session.Data(), session.NextBatch(), c.Network.Features, session.Encoding(), F, T);
    Mlp net = session.Network();
    const UpdateWalkthrough w =
        WalkThroughUpdate(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, c, Optimizer{}, {});
    const std::vector<std::string> lines = DescribePhase(net, w, c, {Phase::Update, -1}, 0, 5, 30);
    ASSERT_EQ(lines.size(), 31u);
    EXPECT_NE(lines.back().find("… and " + std::to_string(w.Params.size() - 30) + " more"), std::string::npos)
        << lines.back();
    const std::vector<std::string> fwd = DescribePhase(net, w, c, {Phase::Backward, 0}, 0, 5, 30);
    EXPECT_NE(fwd[0].find("Σ_k δ_k·w_k"), std::string::npos) << fwd[0]; // 16 paths: summed, not spelled out
}

TEST(Walkthrough, ADivergingStepSaysSoInsteadOfShowingInfinities) {
    WorkedWalk w;
    Mlp net = w.S.Network;
    net.Params()[0] = std::nan(""); // what a runaway learning rate leaves behind
    const UpdateWalkthrough d =
        WalkThroughUpdate(net, ConstMatrixMap(w.S.Inputs.data(), w.S.Inputs.rows(), w.S.Inputs.cols()),
                          w.S.Targets, w.Config, Optimizer{}, {});
    EXPECT_FALSE(d.Finite);
    EXPECT_NE(DescribePhase(net, d, w.Config, {Phase::Update, -1}, 0, 5)[0].find("infinite or NaN"),
              std::string::npos);
}

} // namespace
} // namespace nnplay
