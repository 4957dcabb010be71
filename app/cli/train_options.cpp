// train_options.cpp: parsing the shared training flags.
#include "app/cli/train_options.hpp"

namespace nnplay {

const std::set<std::string> kTrainOptions = {
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

namespace {

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

} // namespace

std::string UntrainableFlag(const TrainConfig& c) {
    return c.Network.Output && *c.Network.Output == Activation::Step ? "--output" : "--activation";
}

TrainOptions ParseTrainOptions(const Args& args) {
    TrainOptions o;
    const uint64_t seed = uint64_t(args.GetInt("--seed", 1, 0, (1L << 53)));
    o.Data.Name = args.GetString("--dataset", "xor");
    o.Data.NumPoints = int(args.GetInt("--points", 500, 1, kMaxPoints));
    o.Data.Noise = args.GetDouble("--noise", 0.0, 0.0, 1.0);
    o.Data.NumClasses = int(args.GetInt("--classes", 2, 2, kMaxClasses));
    o.Data.TrainFraction = args.GetDouble("--train-fraction", 0.5, 1e-9, 1.0);
    o.Data.Seed = seed;
    // Options the chosen dataset would silently ignore are refused: the user meant something.
    try {
        const DatasetInfo& info = FindDataset(o.Data.Name);
        if (info.Kind == ProblemKind::Regression && args.Has("--classes"))
            throw ArgError("--classes: " + std::string(info.Name) + " is a regression dataset: values, no classes");
        if (info.MinClasses == info.MaxClasses && info.Kind == ProblemKind::Classification && args.Has("--classes") &&
            o.Data.NumClasses != info.MinClasses)
            throw ArgError("--classes: " + std::string(info.Name) + " has exactly " + std::to_string(info.MinClasses) + " classes");
        if (o.Data.Name == "xor4" && args.Has("--points"))
            throw ArgError("--points: xor4 is the 4-point truth table: it always has 4 points");
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    TrainConfig& c = o.Config;
    c.Seed = seed;
    c.Network.Features = ParseFeatureList(args.GetString("--features", "x1,x2"), "--features");
    c.Network.Hidden = ParseHiddenLayers(args);
    if (auto out = args.Get("--output")) c.Network.Output = ParseActivation(*out, "--output");
    c.Network.Init = ParseInitScheme(args.GetString("--init", "xavier"), "--init");
    c.LossKind = ParseLoss(args.GetString("--loss", "half_squared_error"), "--loss");
    c.Reduce = ParseReduction(args.GetString("--reduction", "mean"), "--reduction");
    c.Reg.Kind = ParseRegularization(args.GetString("--reg", "none"), "--reg");
    c.Reg.Rate = args.GetDouble("--reg-rate", 0.0, 0.0, kMaxRegRate);
    c.Optimizer.Kind = ParseOptimizer(args.GetString("--optimizer", "sgd"), "--optimizer");
    c.Optimizer.LearningRate = args.GetDouble("--lr", 0.03, 0.0, kMaxLearningRate);
    c.Optimizer.Momentum = args.GetDouble("--momentum", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta1 = args.GetDouble("--beta1", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta2 = args.GetDouble("--beta2", 0.999, 0.0, 0.999999999);
    c.Optimizer.Epsilon = args.GetDouble("--epsilon", 1e-8, 1e-300, 1.0);
    c.BatchSize = int(args.GetInt("--batch", 10, 1, kMaxPoints));
    c.Shuffle = !args.Has("--no-shuffle");
    o.Epochs = args.GetInt("--epochs", 100, 0, 10000000);
    o.Json = args.Has("--json");
    try {
        CheckTrainConfig(c, Naming::Flags);
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    return o;
}

} // namespace nnplay
