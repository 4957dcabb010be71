// bench_command.cpp: `nnplay bench`: training and decision-boundary throughput, medians of
// repeated runs, for the TensorFlow Playground's default and largest configurations.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/training.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>

namespace nnplay {

namespace {

struct BenchConfig {
    const char* Name;
    const char* Description;
    DatasetSpec Data;
    TrainConfig Config;
    // The TensorFlow Playground's own training code under Node 20 on this kind of machine
    // (figures from the issue that set the target): samples/s and grid points/s.
    double PeerTrain, PeerGrid;
};

std::vector<BenchConfig> Configs() {
    BenchConfig a{"A", "2 inputs, hidden 4,2 tanh, batch 10, SGD, 250 XOR points", {}, {}, 1.26e6, 1.75e6};
    a.Data.Name = "xor";
    a.Data.NumPoints = 500; // half of them train
    a.Config.Network.Hidden = {{4, Activation::Tanh}, {2, Activation::Tanh}};
    BenchConfig b{"B", "7 features, hidden 6x8 tanh, batch 10, SGD, 250 spiral points", {}, {}, 115e3, 220e3};
    b.Data.Name = "spiral";
    b.Data.NumPoints = 500;
    b.Config.Network.Features = AllFeatures();
    b.Config.Network.Hidden.assign(6, {8, Activation::Tanh});
    for (BenchConfig* c : {&a, &b}) {
        c->Config.LossKind = Loss::HalfSquaredError;
        c->Config.Optimizer.LearningRate = 0.03;
        c->Config.BatchSize = 10;
    }
    return {a, b};
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

using Clock = std::chrono::steady_clock;

// Runs `work` (which returns how many items it did) until `seconds` have passed; items/s.
template <class F> double Rate(double seconds, F&& work) {
    const auto t0 = Clock::now();
    double items = 0.0, elapsed = 0.0;
    do {
        items += double(work());
        elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (elapsed < seconds);
    return items / elapsed;
}

} // namespace

int RunBenchCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"--repeats"}, {"--json", "--quick"});
    const bool quick = args.Has("--quick");
    const int repeats = int(args.GetInt("--repeats", quick ? 3 : 9, 1, 1000));
    const double seconds = quick ? 0.05 : 0.25;

    // The decision-boundary grid: 256 x 256 points over the plane.
    Eigen::MatrixXd grid(2, 256 * 256), out_grid;
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) grid.col(y * 256 + x) << -6.0 + 12.0 * x / 255, -6.0 + 12.0 * y / 255;

    nlohmann::json report = {{"configs", nlohmann::json::array()}};
    for (const BenchConfig& bc : Configs()) {
        TrainingSession s(bc.Config, GenerateDataset(bc.Data));
        std::vector<double> train, boundary;
        s.RunEpoch(); // warm up caches and the allocator
        for (int r = 0; r < repeats; ++r) {
            train.push_back(Rate(seconds, [&] {
                s.RunEpoch();
                return s.TrainingSize();
            }));
            boundary.push_back(Rate(seconds, [&] {
                s.PredictPlane(grid, out_grid);
                return grid.cols();
            }));
        }
        if (s.Status() != SessionStatus::Ready) {
            err << "nnplay bench: config " << bc.Name << ": " << s.StatusMessage() << "\n";
            return kExitFailure;
        }
        const double t = Median(train), g = Median(boundary);
        report["configs"].push_back({{"name", bc.Name},
                                     {"description", bc.Description},
                                     {"train_samples_per_s", t},
                                     {"grid_points_per_s", g},
                                     {"repeats", repeats},
                                     {"train_samples_per_s_all", train},
                                     {"grid_points_per_s_all", boundary}});
        if (!args.Has("--json")) {
            char line[256];
            std::snprintf(line, sizeof line,
                          "%s: train %7.2f M samples/s (%4.1fx peer), grid %7.2f M points/s (%4.1fx peer)  [%s]\n",
                          bc.Name, t / 1e6, t / bc.PeerTrain, g / 1e6, g / bc.PeerGrid, bc.Description);
            out << line;
        }
    }
    if (args.Has("--json"))
        out << report.dump() << "\n";
    else
        out << "Medians of " << repeats << " runs, single thread, double precision. Peer: the TensorFlow "
               "Playground's training code under Node 20 on this kind of machine.\n";
    return 0;
}

} // namespace nnplay
