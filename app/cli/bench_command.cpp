// bench_command.cpp: `nnplay bench`: training and decision-boundary throughput, medians of
// repeated runs, for the TensorFlow Playground's default and largest configurations and the
// lecture's digit MLP.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/nn/gemm.hpp"
#include "core/train/image_training.hpp"
#include "core/train/trainer.hpp"
#include "core/train/training.hpp"
#include "core/util/worker_loop.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <thread>

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

// The background trainer at full speed while a consumer, like the UI, takes the latest
// snapshot and drains the loss history 60 times a second. Samples/s over `seconds`.
// `diagnosis_share`: the share of the time the trainer's diagnosis of the run took.
double BackgroundRate(const BenchConfig& bc, double seconds, double& diagnosis_share) {
    Trainer trainer(bc.Config, GenerateDataset(bc.Data));
    trainer.Post(cmd::Play{});
    LossHistory history;
    const auto frame = std::chrono::microseconds(16667);
    std::shared_ptr<const Snapshot> first;
    Clock::time_point t0;
    for (auto next = Clock::now();; next += frame) {
        if constexpr (!kThreads) // the browser page: the trainer's turns come before each frame, 8 ms
            WorkerLoop::RunTurns(0.008);
        std::this_thread::sleep_until(next);
        std::shared_ptr<const Snapshot> s = trainer.Latest();
        trainer.Drain(history);
        if (!first && s->Updates > 0) {
            first = s;
            t0 = Clock::now();
        } else if (first && std::chrono::duration<double>(Clock::now() - t0).count() >= seconds) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
            diagnosis_share = (s->DiagnosisSeconds - first->DiagnosisSeconds) / elapsed;
            return double(s->Updates - first->Updates) * double(bc.Config.BatchSize) / elapsed;
        }
    }
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
        for (int x = 0; x < 256; ++x)
            grid.col(y * 256 + x) << -6.0 + 12.0 * x / 255, -6.0 + 12.0 * y / 255;

    nlohmann::json report = {{"configs", nlohmann::json::array()}};
    for (const BenchConfig& bc : Configs()) {
        TrainingSession s(bc.Config, GenerateDataset(bc.Data));
        std::vector<double> train, boundary, background, diagnosis;
        s.RunEpoch(); // warm up caches and the allocator
        // Interleaved, so that the machine's drifting speed affects all three alike.
        for (int r = 0; r < repeats; ++r) {
            double share = 0.0;
            background.push_back(BackgroundRate(bc, 2 * seconds, share));
            diagnosis.push_back(share);
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
        const double t = Median(train), g = Median(boundary), bg = Median(background);
        // What the diagnosis costs the background trainer at full speed (its budget: 2%).
        const double diagnosis_cost = Median(diagnosis);
        report["configs"].push_back({{"name", bc.Name},
                                     {"description", bc.Description},
                                     {"train_samples_per_s", t},
                                     {"grid_points_per_s", g},
                                     {"background_train_samples_per_s", bg},
                                     {"background_vs_headless", bg / t},
                                     {"diagnosis_cost", diagnosis_cost},
                                     {"repeats", repeats},
                                     {"train_samples_per_s_all", train},
                                     {"grid_points_per_s_all", boundary}});
        if (!args.Has("--json")) {
            char line[512];
            std::snprintf(
                line, sizeof line,
                "%s: train %7.2f M samples/s (%4.1fx peer), grid %7.2f M points/s (%4.1fx peer), "
                "background trainer with a 60 Hz reader %7.2f M samples/s (%3.0f%% of headless; its "
                "diagnosis costs %.1f%%)  [%s]\n",
                bc.Name, t / 1e6, t / bc.PeerTrain, g / 1e6, g / bc.PeerGrid, bg / 1e6, 100.0 * bg / t,
                100.0 * diagnosis_cost, bc.Description);
            out << line;
        }
    }
    // The lecture's digit MLP on 28 x 28 images (random bytes and labels: the work per image
    // does not depend on what it shows), the training images/s of its epochs.
    {
        ImageSet set;
        Rng rng(5);
        set.TrainImages.Count = 5000;
        set.TrainImages.Rows = set.TrainImages.Cols = 28;
        set.TrainImages.Pixels.resize(5000 * 784);
        for (uint8_t& p : set.TrainImages.Pixels)
            p = uint8_t(rng.Below(256));
        set.TrainLabels.Labels.resize(5000);
        for (uint8_t& l : set.TrainLabels.Labels)
            l = uint8_t(rng.Below(10));
        set.TrainLabels.Classes = set.Classes = 10;
        set.TestImages = set.TrainImages;
        set.TestLabels = set.TrainLabels;
        ImageSession s(LectureDigitConfig(), set, 0);
        s.RunEpoch(); // warm up
        std::vector<double> rates;
        for (int r = 0; r < repeats; ++r)
            rates.push_back(Rate(seconds, [&] {
                s.RunEpoch();
                return s.TrainingSize();
            }));
        const double t = Median(rates);
        constexpr const char* kDigits = "784 inputs, hidden 100 sigmoid, 10 sigmoid outputs, batch 100, SGD, "
                                        "L2 (the lecture's digit MLP)";
        const std::string gemm = Gemm().Name; // which copy of the large products this CPU runs
        const std::string cores = s.UsesTwoCores() ? "2 cores" : "1 core";
        report["configs"].push_back({{"name", "digits"},
                                     {"description", kDigits},
                                     {"train_images_per_s", t},
                                     {"repeats", repeats},
                                     {"train_images_per_s_all", rates},
                                     {"gemm", gemm},
                                     {"cores", cores}});
        if (!args.Has("--json")) {
            char line[512];
            std::snprintf(
                line, sizeof line,
                "digits: train %7.0f images/s (an epoch of 55,000 in %.2f s)  [%s; %s, GEMM for %s]\n", t,
                55000.0 / t, kDigits, cores.c_str(), gemm.c_str());
            out << line;
        }
    }
    if (args.Has("--json"))
        out << report.dump() << "\n";
    else
        out << "Medians of " << repeats
            << " runs, single thread, double precision. Peer: the TensorFlow "
               "Playground's training code under Node 20 on this kind of machine.\n";
    return 0;
}

} // namespace nnplay
