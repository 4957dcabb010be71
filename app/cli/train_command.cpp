// train_command.cpp: `nnplay train`: headless training with per-epoch CSV or a JSON summary.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/training.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace nnplay {

namespace {

const std::set<std::string> kOptions = {
    "--dataset", "--points", "--noise",    "--classes", "--train-fraction", "--features", "--layers",
    "--activation", "--output", "--loss",  "--reduction", "--reg",          "--reg-rate", "--optimizer",
    "--lr",      "--momentum", "--beta1",  "--beta2",   "--epsilon",        "--batch",    "--epochs",
    "--init",    "--seed"};

std::vector<std::string> SplitCommas(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t comma = s.find(',', start);
        out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) return out;
        start = comma + 1;
    }
}

std::vector<LayerSpec> ParseHiddenLayers(const Args& args) {
    const std::string layers = args.GetString("--layers", "4,2");
    std::vector<LayerSpec> hidden;
    if (layers != "none" && !layers.empty()) {
        for (const std::string& units : SplitCommas(layers)) {
            char* end = nullptr;
            const long n = std::strtol(units.c_str(), &end, 10);
            if (units.empty() || *end != '\0' || n < 1 || n > kMaxUnits)
                throw ArgError("--layers: expected units per hidden layer like 4,2 (each 1.." +
                               std::to_string(kMaxUnits) + "), got '" + layers + "'");
            hidden.push_back({int(n), Activation::Tanh});
        }
    }
    const std::vector<std::string> acts = SplitCommas(args.GetString("--activation", "tanh"));
    if (acts.size() != 1 && acts.size() != hidden.size())
        throw ArgError("--activation: give one activation, or one per hidden layer (" +
                       std::to_string(hidden.size()) + ")");
    for (size_t l = 0; l < hidden.size(); ++l)
        hidden[l].Act = ParseActivation(acts.size() == 1 ? acts[0] : acts[l], "--activation");
    return hidden;
}

struct TrainOptions {
    DatasetSpec Data;
    TrainConfig Config;
    long Epochs = 100;
    bool Json = false;
};

TrainOptions ParseTrainOptions(const Args& args) {
    TrainOptions o;
    const uint64_t seed = uint64_t(args.GetInt("--seed", 1, 0, (1L << 53)));
    o.Data.Name = args.GetString("--dataset", "xor");
    o.Data.NumPoints = int(args.GetInt("--points", 500, 1, kMaxPoints));
    o.Data.Noise = args.GetDouble("--noise", 0.0, 0.0, 1.0);
    o.Data.NumClasses = int(args.GetInt("--classes", 2, 2, kMaxClasses));
    o.Data.TrainFraction = args.GetDouble("--train-fraction", 0.5, 1e-9, 1.0);
    o.Data.Seed = seed;
    TrainConfig& c = o.Config;
    c.Seed = seed;
    c.Network.Features = ParseFeatureList(args.GetString("--features", "x1,x2"), "--features");
    c.Network.Hidden = ParseHiddenLayers(args);
    if (auto out = args.Get("--output")) c.Network.Output = ParseActivation(*out, "--output");
    c.Network.Init = ParseInitScheme(args.GetString("--init", "xavier"), "--init");
    c.LossKind = ParseLoss(args.GetString("--loss", "half_squared_error"), "--loss");
    c.Reduce = ParseReduction(args.GetString("--reduction", "mean"), "--reduction");
    c.Reg.Kind = ParseRegularization(args.GetString("--reg", "none"), "--reg");
    c.Reg.Rate = args.GetDouble("--reg-rate", 0.0, 0.0, 1e6);
    c.Optimizer.Kind = ParseOptimizer(args.GetString("--optimizer", "sgd"), "--optimizer");
    c.Optimizer.LearningRate = args.GetDouble("--lr", 0.03, 0.0, 1e6);
    c.Optimizer.Momentum = args.GetDouble("--momentum", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta1 = args.GetDouble("--beta1", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta2 = args.GetDouble("--beta2", 0.999, 0.0, 0.999999999);
    c.Optimizer.Epsilon = args.GetDouble("--epsilon", 1e-8, 1e-300, 1.0);
    c.BatchSize = int(args.GetInt("--batch", 10, 1, kMaxPoints));
    c.Shuffle = !args.Has("--no-shuffle");
    o.Epochs = args.GetInt("--epochs", 100, 0, 10000000);
    o.Json = args.Has("--json");
    return o;
}

std::string Num(double x) {
    if (std::isnan(x)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

nlohmann::json MetricsJson(const Metrics& m) {
    const auto n = [](double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); };
    return {{"loss", n(m.Loss)}, {"accuracy", n(m.Accuracy)}, {"rmse", n(m.Rmse)}, {"r2", n(m.R2)}};
}

} // namespace

int RunTrainCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    // Every setting comes from the command line, so anything the engine refuses while the
    // session is being set up is a bad argument (status 2).
    TrainOptions o;
    std::optional<TrainingSession> session;
    try {
        o = ParseTrainOptions(Args(argv, kOptions, {"--json", "--no-shuffle"}));
        session.emplace(o.Config, GenerateDataset(o.Data));
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    TrainingSession& s = *session;
    if (s.Status() == SessionStatus::Untrainable) throw ArgError(std::string("--activation: ") + s.StatusMessage());
    if (s.Status() == SessionStatus::NoData) throw ArgError("--train-fraction: " + s.StatusMessage());
    const bool regression = s.Data().Kind == ProblemKind::Regression;

    if (!o.Json)
        out << (regression ? "epoch,train_loss,test_loss,train_rmse,test_rmse,train_r2,test_r2\n"
                           : "epoch,train_loss,test_loss,train_accuracy,test_accuracy\n");
    const auto print_row = [&](long epoch, const Evaluation& ev) {
        out << epoch << ',' << Num(ev.Train.Loss) << ',' << Num(ev.Test.Loss);
        if (regression)
            out << ',' << Num(ev.Train.Rmse) << ',' << Num(ev.Test.Rmse) << ',' << Num(ev.Train.R2) << ',' << Num(ev.Test.R2);
        else
            out << ',' << Num(ev.Train.Accuracy) << ',' << Num(ev.Test.Accuracy);
        out << '\n';
    };
    if (!o.Json) print_row(0, s.Evaluate());
    double train_seconds = 0.0;
    long samples = 0;
    for (long e = 0; e < o.Epochs && s.Status() == SessionStatus::Ready; ++e) {
        const auto t0 = std::chrono::steady_clock::now();
        const long before = s.UpdateCount();
        s.RunEpoch();
        train_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        samples += (s.UpdateCount() - before) * std::min<long>(o.Config.BatchSize, s.TrainingSize());
        if (!o.Json && s.Status() == SessionStatus::Ready) print_row(s.EpochCount(), s.Evaluate());
    }
    const Evaluation ev = s.Evaluate();
    const double samples_per_s = train_seconds > 0 ? double(samples) / train_seconds : 0.0;
    const bool diverged = s.Status() == SessionStatus::Diverged;
    if (o.Json) {
        nlohmann::json j = {{"dataset", o.Data.Name},
                            {"epochs", s.EpochCount()},
                            {"updates", s.UpdateCount()},
                            {"samples_per_s", samples_per_s},
                            {"status", diverged ? "diverged" : "ok"},
                            {"train", MetricsJson(ev.Train)},
                            {"test", MetricsJson(ev.Test)}};
        const auto n = [](double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); };
        j["train_loss"] = n(ev.Train.Loss);
        j["test_loss"] = n(ev.Test.Loss);
        if (regression) {
            j["rmse"] = n(ev.Test.Rmse);
            j["r2"] = n(ev.Test.R2);
        } else {
            j["train_accuracy"] = n(ev.Train.Accuracy);
            j["test_accuracy"] = n(ev.Test.Accuracy);
            j["confusion_matrix"] = ev.Test.Count ? ev.Test.Confusion : ev.Train.Confusion;
        }
        if (diverged) j["message"] = s.StatusMessage();
        out << j.dump() << "\n";
    }
    if (diverged) {
        err << "nnplay train: " << s.StatusMessage() << "\n";
        return kExitFailure;
    }
    err << "nnplay train: " << s.EpochCount() << " epochs, " << s.UpdateCount() << " updates, train loss "
        << Num(ev.Train.Loss) << ", test loss " << Num(ev.Test.Loss);
    if (regression)
        err << ", test RMSE " << Num(ev.Test.Rmse) << ", test R2 " << Num(ev.Test.R2);
    else
        err << ", train accuracy " << Num(ev.Train.Accuracy) << ", test accuracy " << Num(ev.Test.Accuracy);
    err << ", " << Num(samples_per_s / 1e6) << " M samples/s\n";
    return 0;
}

} // namespace nnplay
