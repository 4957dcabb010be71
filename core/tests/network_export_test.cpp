// network_export_test.cpp: the exported Python file predicts what nnplay predicts (run with
// python3), and the exported scenario makes the update the session makes next.
#include "core/data/targets.hpp"
#include "core/io/network_export.hpp"
#include "core/io/scenario.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nnplay {
namespace {

TrainingSession Trained(const std::string& dataset, int classes, TrainConfig c, int epochs) {
    DatasetSpec spec;
    spec.Name = dataset;
    spec.NumClasses = classes;
    spec.NumPoints = 200;
    spec.Noise = 0.1;
    TrainingSession s(c, GenerateDataset(spec));
    for (int e = 0; e < epochs; ++e)
        s.RunEpoch();
    return s;
}

// python3 runs the file on a 21 x 21 grid over the plane; one line per point.
std::vector<std::string> PythonPredictions(const std::string& source) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("nnplay-py-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "net.py") << source;
    std::ofstream(dir / "grid.py") << "import sys\nsys.path.insert(0, sys.argv[1])\nfrom net import predict\n"
                                      "for i in range(21):\n    for j in range(21):\n"
                                      "        print(repr(predict(-6 + 0.6 * i, -6 + 0.6 * j)))\n";
    const std::string cmd = "python3 '" + (dir / "grid.py").string() + "' '" + dir.string() + "'";
    std::vector<std::string> lines;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return lines;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p))
        lines.emplace_back(buf, std::strlen(buf) - 1);
    EXPECT_EQ(pclose(p), 0) << source;
    std::filesystem::remove_all(dir);
    return lines;
}

void ExpectPythonAgrees(TrainingSession& s) {
    const std::vector<std::string> py = PythonPredictions(NetworkToPython(s, "test \"net\""));
    ASSERT_EQ(py.size(), 441u);
    Eigen::MatrixXd XY(2, 441), out;
    for (int i = 0; i < 21; ++i)
        for (int j = 0; j < 21; ++j)
            XY.col(i * 21 + j) << -6 + 0.6 * i, -6 + 0.6 * j;
    s.PredictPlane(XY, out);
    int classes_seen = 0, last = -1;
    for (int k = 0; k < 441; ++k) {
        if (s.Encoding().Kind == ProblemKind::Classification) {
            const int ours = PredictClass(s.Encoding(), out.col(k).data());
            EXPECT_EQ(py[size_t(k)], std::to_string(ours)) << "point " << k;
            if (ours != last) ++classes_seen, last = ours;
        } else {
            EXPECT_NEAR(std::stod(py[size_t(k)]), out(0, k), 1e-12) << "point " << k;
        }
    }
    if (s.Encoding().Kind == ProblemKind::Classification) {
        EXPECT_GT(classes_seen, 2); // a boundary crosses the grid
    }
}

TEST(NetworkExport, PythonPredictsTheSameClassesOnAGrid) {
    TrainConfig xor_config;
    xor_config.Network.Features = {Feature::X1, Feature::X2, Feature::X1TimesX2, Feature::SinX1,
                                   Feature::X2Squared};
    xor_config.Network.Hidden = {{6, Activation::Relu}, {3, Activation::Sigmoid}};
    TrainingSession xor_session = Trained("xor", 2, xor_config, 30);
    ExpectPythonAgrees(xor_session);

    TrainConfig spiral;
    spiral.LossKind = Loss::SoftmaxCrossEntropy;
    spiral.Network.Hidden = {{8, Activation::Tanh}, {8, Activation::LeakyRelu}};
    spiral.Optimizer.Kind = OptimizerKind::Adam;
    spiral.Optimizer.LearningRate = 0.01;
    TrainingSession spiral_session = Trained("spiral", 3, spiral, 40);
    ExpectPythonAgrees(spiral_session);

    TrainConfig reg;
    reg.Network.Hidden = {{5, Activation::Tanh}};
    TrainingSession reg_session = Trained("multigauss", 0, reg, 20);
    ExpectPythonAgrees(reg_session);
}

TEST(NetworkExport, TheScenarioMakesTheSessionsNextUpdate) {
    TrainConfig c;
    c.Network.Features = {Feature::X1, Feature::X2, Feature::X1Squared};
    c.Network.Hidden = {{3, Activation::Tanh}};
    c.Reg = {RegularizationKind::L2, 0.01};
    c.BatchSize = 7;
    TrainingSession s = Trained("circle", 2, c, 3);
    s.Update(); // mid-epoch: the next batch is not the first
    Scenario sc = ParseScenarioJson(NetworkToScenario(s, "circle after 4 epochs"));
    EXPECT_EQ(sc.Inputs.cols(), 7);
    EXPECT_EQ(sc.Inputs.rows(), 3);
    const nlohmann::json trace = RunScenario(sc, 1);
    ASSERT_TRUE(s.Update());
    EXPECT_DOUBLE_EQ(trace["steps"][0]["loss"].get<double>(), s.LastBatchLoss());
    const std::vector<double>& after = s.Network().Params();
    const std::vector<double>& stepped = sc.Network.Params();
    ASSERT_EQ(after.size(), stepped.size());
    for (size_t i = 0; i < after.size(); ++i)
        EXPECT_NEAR(stepped[i], after[i], 1e-14) << i;
}

} // namespace
} // namespace nnplay
