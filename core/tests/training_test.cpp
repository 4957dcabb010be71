// training_test.cpp: training sessions that must converge, stay deterministic, detect
// divergence and refuse what cannot work.
#include "core/nn/backprop.hpp"
#include "core/train/training.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace nnplay {
namespace {

Dataset TruthTable(int y00, int y01, int y10, int y11) {
    Dataset d;
    d.Points = {{0, 0, y00, 0, false, {}, {}},
                {0, 1, y01, 0, false, {}, {}},
                {1, 0, y10, 0, false, {}, {}},
                {1, 1, y11, 0, false, {}, {}}};
    return d;
}

Dataset Generated(const char* name, int points, int classes = 2, double noise = 0.0) {
    DatasetSpec spec;
    spec.Name = name;
    spec.NumPoints = points;
    spec.NumClasses = classes;
    spec.Noise = noise;
    return GenerateDataset(spec);
}

TEST(Training, Tanh241LearnsTheXorTruthTable) {
    TrainConfig c;
    c.Network.Hidden = {{4, Activation::Tanh}};
    c.BatchSize = 4;
    c.Optimizer.LearningRate = 0.1;
    c.Seed = 3;
    TrainingSession s(c, TruthTable(0, 1, 1, 0));
    int epochs = 0;
    while (s.Evaluate().Train.Accuracy < 1.0 && epochs < 2000)
        epochs += s.RunEpoch() > 0;
    EXPECT_EQ(s.Evaluate().Train.Accuracy, 1.0);
    EXPECT_LT(epochs, 2000);
    RecordProperty("epochs_to_100_percent", epochs);
}

TEST(Training, HandWiredStepNetworkComputesXorExactly) {
    Mlp net(2, {{2, Activation::Step}, {1, Activation::Step}});
    net.W(0) << 1, 1, 1, 1;
    net.B(0) << -1.5, -0.5;
    net.W(1) << -1, 1;
    net.B(1) << -0.5;
    Eigen::MatrixXd X(2, 4);
    X << 0, 0, 1, 1, 0, 1, 0, 1;
    const Eigen::MatrixXd out = net.Forward(X);
    EXPECT_EQ(out, (Eigen::MatrixXd(1, 4) << 0, 1, 1, 0).finished());
}

TEST(Training, StepUnitsCannotBeTrainedByBackpropAndSaySo) {
    TrainConfig c;
    c.Network.Hidden = {{2, Activation::Step}};
    TrainingSession s(c, TruthTable(0, 1, 1, 0));
    EXPECT_EQ(s.Status(), SessionStatus::Untrainable);
    EXPECT_NE(s.StatusMessage().find("derivative is 0"), std::string::npos);
    const std::vector<double> before = s.Network().Params();
    EXPECT_FALSE(s.Update());
    EXPECT_EQ(s.Network().Params(), before);
}

TEST(Training, ZerosInitKeepsHiddenUnitsIdentical) {
    TrainConfig c;
    c.Network.Hidden = {{4, Activation::Tanh}};
    c.Network.Init = InitScheme::Zeros;
    c.Optimizer.LearningRate = 0.1;
    TrainingSession s(c, Generated("xor", 200));
    for (int e = 0; e < 50; ++e)
        s.RunEpoch();
    const Mlp& net = s.Network();
    const ConstMatrixMap w = net.W(0), v = net.W(1);
    for (int j = 1; j < 4; ++j) {
        EXPECT_EQ(w.row(j), w.row(0));
        EXPECT_EQ(v(0, j), v(0, 0));
        EXPECT_EQ(s.Network().B(0)(j), s.Network().B(0)(0));
    }
    EXPECT_LT(s.Evaluate().Train.Accuracy, 0.75); // one unit's worth of capacity cannot do XOR
}

TEST(Training, ThreeArmSpiralWithSoftmaxReaches95PercentTrain90Test) {
    TrainConfig c;
    c.Network.Features = AllFeatures();
    c.Network.Hidden = {{8, Activation::Tanh}, {8, Activation::Tanh}};
    c.LossKind = Loss::SoftmaxCrossEntropy;
    c.Optimizer.Kind = OptimizerKind::Adam;
    c.Optimizer.LearningRate = 0.01;
    TrainingSession s(c, Generated("spiral", 600, 3));
    ASSERT_EQ(s.Network().Outputs(), 3);
    for (int e = 0; e < 400; ++e)
        s.RunEpoch();
    const Evaluation ev = s.Evaluate();
    EXPECT_GE(ev.Train.Accuracy, 0.95);
    EXPECT_GE(ev.Test.Accuracy, 0.90);
    RecordProperty("train_accuracy", std::to_string(ev.Train.Accuracy));
}

TEST(Training, RegressionPlaneReachesR2Of099) {
    TrainConfig c;
    c.Network.Hidden = {{4, Activation::Tanh}};
    TrainingSession s(c, Generated("plane", 400));
    EXPECT_EQ(s.Network().OutputActivation(), Activation::Linear);
    for (int e = 0; e < 200; ++e)
        s.RunEpoch();
    const Evaluation ev = s.Evaluate();
    EXPECT_GE(ev.Test.R2, 0.99);
    EXPECT_LT(ev.Test.Rmse, 0.05);
}

TEST(Training, SameSeedIsBitIdenticalAfter100Updates) {
    const auto run = [](uint64_t seed) {
        TrainConfig c;
        c.Seed = seed;
        c.Optimizer.Kind = OptimizerKind::Adam;
        c.Optimizer.LearningRate = 0.01;
        TrainingSession s(c, Generated("spiral", 200, 2, 0.1));
        for (int u = 0; u < 100; ++u)
            s.Update();
        return s.Network().Params();
    };
    EXPECT_EQ(run(5), run(5)); // exact equality, bit for bit
    EXPECT_NE(run(5), run(6));
}

TEST(Training, UpdatesPerEpochFollowTheBatchSize) {
    const Dataset data = Generated("xor", 500); // 250 training points
    for (const auto& [batch, updates] : {std::pair{1, 250}, {10, 25}, {32, 8}, {250, 1}, {1000, 1}}) {
        TrainConfig c;
        c.BatchSize = batch;
        TrainingSession s(c, data);
        EXPECT_EQ(s.UpdatesPerEpoch(), updates) << "batch " << batch;
        EXPECT_EQ(s.RunEpoch(), updates) << "batch " << batch;
        EXPECT_EQ(s.EpochCount(), 1);
    }
}

// What NextBatch() announces is what Update() then uses: the gradient computed on those points
// equals the one the update computed, bit for bit, at an epoch start and in the middle of one.
TEST(Training, NextBatchIsTheBatchTheNextUpdateUses) {
    TrainConfig c;
    c.BatchSize = 7;
    TrainingSession s(c, Generated("xor", 100)); // 50 training points: 8 updates per epoch
    for (int k = 0; k < 20; ++k) {
        const std::vector<int> batch = s.NextBatch();
        ASSERT_EQ(batch.size(), k % 8 == 7 ? 1u : 7u) << "update " << k;
        std::vector<const DataPoint*> points;
        Eigen::MatrixXd xy(2, Eigen::Index(batch.size())), F, T;
        for (size_t i = 0; i < batch.size(); ++i) {
            const DataPoint& p = s.Data().Points[size_t(batch[i])];
            EXPECT_FALSE(p.IsTest);
            points.push_back(&p);
            xy.col(Eigen::Index(i)) << p.X1, p.X2;
        }
        ComputeFeatures(c.Network.Features, xy, F);
        EncodeTargets(s.Encoding(), points, T);
        Mlp net = s.Network();
        ComputeGradients(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, c.LossKind, c.Reduce, c.Reg);
        ASSERT_TRUE(s.Update());
        ASSERT_EQ(net.Grads(), s.Network().Grads()) << "update " << k;
    }
}

TEST(Training, ReinitializeWithTheSameSeedRestoresTheInitialWeights) {
    TrainConfig c;
    TrainingSession s(c, Generated("xor", 100));
    const std::vector<double> initial = s.Network().Params();
    s.RunEpoch();
    EXPECT_NE(s.Network().Params(), initial);
    s.Reinitialize(c.Seed);
    EXPECT_EQ(s.Network().Params(), initial);
    EXPECT_EQ(s.UpdateCount(), 0);
}

TEST(Training, DivergenceAtLearningRate100IsReportedAndWeightsStayFinite) {
    TrainConfig c;
    c.Network.Hidden = {{8, Activation::Relu}, {8, Activation::Relu}};
    c.Optimizer.LearningRate = 100.0;
    TrainingSession s(c, Generated("plane", 200));
    int updates = 0;
    while (s.Update() && updates < 10000)
        ++updates;
    ASSERT_EQ(s.Status(), SessionStatus::Diverged);
    EXPECT_EQ(s.StatusMessage().rfind("diverged at update " + std::to_string(updates + 1) + ":", 0), 0u)
        << s.StatusMessage();
    EXPECT_NE(s.StatusMessage().find("smaller learning rate"), std::string::npos);
    for (double p : s.Network().Params())
        ASSERT_TRUE(std::isfinite(p));
    const std::vector<double> kept = s.Network().Params();
    EXPECT_FALSE(s.Update());
    EXPECT_EQ(s.Network().Params(), kept);
}

// Every activation and optimizer at a learning rate of 1000: the run either diverges and says at
// which update (a loss that is no longer a number, or one a million times its start while still
// finite: a linear net under Adam once sat at 1.4e12 reported as a result), or its loss stays
// where squared error on classes can be (at most 2: saturated, which the metrics explain).
TEST(Training, ALearningRateOf1000NeverEndsInANumberReportedAsAResult) {
    for (Activation act : {Activation::Linear, Activation::Relu, Activation::Sigmoid, Activation::Tanh})
        for (OptimizerKind opt : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam})
            for (const char* data : {"plane", "xor"}) {
                TrainConfig c;
                c.Network.Hidden = {{4, act}, {2, act}};
                c.Optimizer.Kind = opt;
                c.Optimizer.LearningRate = 1000.0;
                TrainingSession s(c, Generated(data, 200));
                for (int u = 0; u < 3000 && s.Update(); ++u) {
                }
                const std::string what =
                    std::string(ActivationName(act)) + " " + std::string(OptimizerName(opt)) + " " + data;
                for (double p : s.Network().Params())
                    ASSERT_TRUE(std::isfinite(p)) << what;
                if (s.Status() == SessionStatus::Diverged) {
                    EXPECT_EQ(s.StatusMessage().rfind("diverged at update ", 0), 0u)
                        << what << ": " << s.StatusMessage();
                    continue;
                }
                const Evaluation ev = s.Evaluate();
                ASSERT_TRUE(std::isfinite(ev.Train.Loss)) << what;
                EXPECT_LT(ev.Train.Loss, kBlowUpLoss) << what << ": a blown-up loss reported as a result";
            }
    // The case that was reported as a result: now diverged, with its numbers.
    TrainConfig c;
    c.Network.Hidden = {{4, Activation::Linear}, {2, Activation::Linear}};
    c.Optimizer.Kind = OptimizerKind::Adam;
    c.Optimizer.LearningRate = 1000.0;
    TrainingSession s(c, Generated("plane", 500));
    for (int u = 0; u < 750 && s.Update(); ++u) {
    }
    ASSERT_EQ(s.Status(), SessionStatus::Diverged);
    EXPECT_NE(s.StatusMessage().find("over a million times its"), std::string::npos) << s.StatusMessage();
}

TEST(Training, PerceptronSolvesAndAndOrButNeverXor) {
    TrainConfig c;
    c.Network.Hidden = {};
    c.Optimizer.Kind = OptimizerKind::Perceptron;
    c.Optimizer.LearningRate = 0.1;
    c.BatchSize = 1;
    c.Shuffle = false;
    for (const auto& [name, data] :
         {std::pair{"AND", TruthTable(0, 0, 0, 1)}, {"OR", TruthTable(0, 1, 1, 1)}}) {
        TrainingSession s(c, data);
        for (int e = 0; e < 100; ++e)
            s.RunEpoch();
        EXPECT_EQ(s.Evaluate().Train.Accuracy, 1.0) << name;
        const std::vector<double> settled = s.Network().Params();
        s.RunEpoch();
        EXPECT_EQ(s.Network().Params(), settled) << name << ": the line must stop moving once it separates";
    }
    TrainingSession x(c, TruthTable(0, 1, 1, 0));
    for (int e = 0; e < 1000; ++e) {
        x.RunEpoch();
        ASSERT_LT(x.Evaluate().Train.Accuracy, 1.0) << "no line separates XOR";
    }
}

TEST(Training, BadSettingsAndDataAreRefused) {
    TrainConfig c;
    TrainingSession empty(c, Dataset{}); // an empty canvas: a state with a message, not a crash
    EXPECT_EQ(empty.Status(), SessionStatus::NoData);
    EXPECT_NE(empty.StatusMessage().find("draw some points"), std::string::npos);
    EXPECT_FALSE(empty.Update());
    EXPECT_EQ(empty.UpdatesPerEpoch(), 0);
    EXPECT_EQ(empty.RunEpoch(), 0);
    EXPECT_TRUE(std::isnan(empty.Evaluate().Train.Loss));
    Dataset all_test = TruthTable(0, 1, 1, 0);
    for (DataPoint& p : all_test.Points)
        p.IsTest = true;
    TrainingSession held_out(c, all_test);
    EXPECT_EQ(held_out.Status(), SessionStatus::NoData);
    EXPECT_NE(held_out.StatusMessage().find("held out"), std::string::npos);
    held_out.SetDataset(TruthTable(0, 1, 1, 0)); // points arrive: training can start
    EXPECT_EQ(held_out.Status(), SessionStatus::Ready);
    EXPECT_TRUE(held_out.Update());
    c.BatchSize = 0;
    EXPECT_THROW(TrainingSession(c, TruthTable(0, 1, 1, 0)), UserError);
    c = {};
    c.Network.Hidden = {{4, Activation::Softmax}};
    EXPECT_THROW(TrainingSession(c, TruthTable(0, 1, 1, 0)), UserError);
    c = {};
    c.LossKind = Loss::BinaryCrossEntropy;
    EXPECT_THROW(TrainingSession(c, Generated("plane", 50)), UserError); // cross-entropy on regression
    c = {};
    c.Optimizer.Kind = OptimizerKind::Perceptron; // with hidden layers
    EXPECT_THROW(TrainingSession(c, TruthTable(0, 1, 1, 0)), UserError);
    c = {};
    c.Optimizer.LearningRate = std::nan("");
    EXPECT_THROW(TrainingSession(c, TruthTable(0, 1, 1, 0)), UserError);
}

} // namespace
} // namespace nnplay
