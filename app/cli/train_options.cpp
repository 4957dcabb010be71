// train_options.cpp: parsing the shared training flags.
#include "app/cli/train_options.hpp"

#include "core/io/tf_playground_link.hpp"
#include "core/train/image_training.hpp"

#include <cmath>
#include <cstdio>

namespace nnplay {

const std::set<std::string> kTrainOptions = {
    "--dataset",  "--points",     "--noise",       "--classes",  "--train-fraction", "--features",
    "--layers",   "--activation", "--output",      "--loss",     "--reduction",      "--reg",
    "--reg-rate", "--optimizer",  "--lr",          "--momentum", "--beta1",          "--beta2",
    "--epsilon",  "--batch",      "--epochs",      "--init",     "--seed",           "--playground-link",
    "--images",   "--validation", "--train-images"};

std::string CsvNumber(double x) {
    if (std::isnan(x)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", x);
    return buf;
}

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

std::vector<LayerSpec> ParseHiddenLayers(const Args& args, const std::vector<LayerSpec>& base) {
    std::string base_layers = base.empty() ? "none" : "";
    for (const LayerSpec& l : base)
        base_layers.append(base_layers.empty() ? "" : ",").append(std::to_string(l.Units));
    const std::string layers = args.GetString("--layers", base_layers);
    std::vector<LayerSpec> hidden;
    if (layers.empty()) // an unset variable in a script, most likely: no hidden layer is 'none'
        throw ArgError(
            "--layers: empty; give units per hidden layer like 4,2, or 'none' for no hidden layer");
    if (layers != "none") {
        for (const std::string& units : SplitCommas(layers)) {
            char* end = nullptr;
            const long n = std::strtol(units.c_str(), &end, 10);
            if (units.empty() || *end != '\0' || n < 1 || n > kMaxUnits)
                throw ArgError("--layers: expected units per hidden layer like 4,2 (each 1.." +
                               std::to_string(kMaxUnits) + "), got '" + layers + "'");
            hidden.push_back({int(n), Activation::Tanh});
        }
    }
    std::string base_acts;
    for (const LayerSpec& l : base)
        base_acts.append(base_acts.empty() ? "" : ",").append(ActivationName(l.Act));
    if (base_acts.empty() || (!base.empty() && hidden.size() != base.size()))
        base_acts = base.empty() ? "tanh" : std::string(ActivationName(base[0].Act));
    const std::vector<std::string> acts = SplitCommas(args.GetString("--activation", base_acts));
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
    // --playground-link sets up what the link says; any other flag given overrides it.
    TrainOptions o;
    if (auto link = args.Get("--playground-link")) {
        try {
            const TfPlaygroundSetup setup = ParseTfPlaygroundLink(*link);
            o.Data = setup.Data;
            o.Config = setup.Config;
            o.LinkNotes = setup.Notes;
        } catch (const UserError& e) {
            std::string why = e.what();
            if (why.rfind("link: ", 0) == 0) why.erase(0, 6);
            throw ArgError("--playground-link: " + why);
        }
    }
    if (args.Has("--images")) { // the lecture's digit MLP unless flags say otherwise
        if (args.Has("--playground-link"))
            throw ArgError("--images: a playground link sets up a 2-D dataset, not images");
        for (const char* flag :
             {"--dataset", "--points", "--noise", "--classes", "--train-fraction", "--features"})
            if (args.Has(flag))
                throw ArgError(std::string(flag) +
                               ": not used with --images (the images and their labels are the data)");
        o.Config = LectureDigitConfig();
        o.Images = args.GetString("--images", "");
        o.Validation = args.GetInt("--validation", -1, 0, long(kMaxIdxImages));
        o.TrainImages = args.GetInt("--train-images", 0, 1, long(kMaxIdxImages));
    } else {
        for (const char* flag : {"--validation", "--train-images"})
            if (args.Has(flag))
                throw ArgError(std::string(flag) +
                               ": only with --images (a 2-D dataset is split by --train-fraction)");
    }
    const TrainOptions base = o;
    const uint64_t seed = uint64_t(args.GetInt64("--seed", int64_t(base.Config.Seed), 0, int64_t(1) << 53));
    o.Data.Name = args.GetString("--dataset", base.Data.Name);
    o.Data.NumPoints = int(args.GetInt("--points", base.Data.NumPoints, 1, kMaxPoints));
    o.Data.Noise = args.GetDouble("--noise", base.Data.Noise, 0.0, 1.0);
    o.Data.NumClasses = int(args.GetInt("--classes", base.Data.NumClasses, 2, kMaxClasses));
    o.Data.TrainFraction = args.GetDouble("--train-fraction", base.Data.TrainFraction, 1e-9, 1.0);
    o.Data.Seed = seed;
    if (o.Data.Name != base.Data.Name && !args.Has("--points")) o.Data.NumPoints = DatasetSpec{}.NumPoints;
    // Options the chosen dataset would silently ignore are refused: the user meant something.
    try {
        const DatasetInfo& info = FindDataset(o.Data.Name);
        if (info.Kind == ProblemKind::Regression && args.Has("--classes"))
            throw ArgError("--classes: " + std::string(info.Name) +
                           " is a regression dataset: values, no classes");
        if (info.MinClasses == info.MaxClasses && info.Kind == ProblemKind::Classification &&
            args.Has("--classes") && o.Data.NumClasses != info.MinClasses)
            throw ArgError("--classes: " + std::string(info.Name) + " has exactly " +
                           std::to_string(info.MinClasses) + " classes");
        if (o.Data.Name == "xor4" && args.Has("--points"))
            throw ArgError("--points: xor4 is the 4-point truth table: it always has 4 points");
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    TrainConfig& c = o.Config;
    c.Seed = seed;
    std::string base_features;
    for (Feature f : base.Config.Network.Features)
        base_features.append(base_features.empty() ? "" : ",").append(FeatureName(f));
    c.Network.Features = ParseFeatureList(args.GetString("--features", base_features), "--features");
    c.Network.Hidden = ParseHiddenLayers(args, base.Config.Network.Hidden);
    if (auto out = args.Get("--output")) c.Network.Output = ParseActivation(*out, "--output");
    c.Network.Init = ParseInitScheme(
        args.GetString("--init", std::string(InitSchemeName(base.Config.Network.Init))), "--init");
    c.LossKind = ParseLoss(args.GetString("--loss", std::string(LossName(base.Config.LossKind))), "--loss");
    c.Reduce = ParseReduction(args.GetString("--reduction", std::string(ReductionName(base.Config.Reduce))),
                              "--reduction");
    c.Reg.Kind = ParseRegularization(
        args.GetString("--reg", std::string(RegularizationName(base.Config.Reg.Kind))), "--reg");
    c.Reg.Rate = args.GetDouble("--reg-rate", base.Config.Reg.Rate, 0.0, kMaxRegRate);
    c.Optimizer.Kind = ParseOptimizer(
        args.GetString("--optimizer", std::string(OptimizerName(base.Config.Optimizer.Kind))), "--optimizer");
    c.Optimizer.LearningRate =
        args.GetDouble("--lr", base.Config.Optimizer.LearningRate, 0.0, kMaxLearningRate);
    c.Optimizer.Momentum = args.GetDouble("--momentum", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta1 = args.GetDouble("--beta1", 0.9, 0.0, 0.999999);
    c.Optimizer.Beta2 = args.GetDouble("--beta2", 0.999, 0.0, 0.999999999);
    c.Optimizer.Epsilon = args.GetDouble("--epsilon", 1e-8, 1e-300, 1.0);
    c.BatchSize = int(args.GetInt("--batch", base.Config.BatchSize, 1, kMaxPoints));
    c.Shuffle = !args.Has("--no-shuffle");
    o.Epochs = args.GetInt("--epochs", o.Images.empty() ? 100 : 10, 0, 10000000);
    o.Json = args.Has("--json");
    try {
        CheckTrainConfig(c, Naming::Flags);
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    return o;
}

} // namespace nnplay

namespace nnplay {

nlohmann::json SettingsJson(const TrainOptions& o) {
    const TrainConfig& c = o.Config;
    nlohmann::json features = nlohmann::json::array(), layers = nlohmann::json::array(),
                   acts = nlohmann::json::array();
    for (Feature f : c.Network.Features)
        features.push_back(FeatureName(f));
    for (const LayerSpec& l : c.Network.Hidden) {
        layers.push_back(l.Units);
        acts.push_back(ActivationName(l.Act));
    }
    const bool one_act = !c.Network.Hidden.empty() &&
                         std::all_of(c.Network.Hidden.begin(), c.Network.Hidden.end(),
                                     [&](const LayerSpec& l) { return l.Act == c.Network.Hidden[0].Act; });
    return {{"dataset", o.Data.Name},
            {"points", o.Data.NumPoints},
            {"noise", o.Data.Noise},
            {"train_fraction", o.Data.TrainFraction},
            {"features", features},
            {"layers", layers},
            {"activation", one_act ? nlohmann::json(ActivationName(c.Network.Hidden[0].Act))
                           : c.Network.Hidden.empty() ? nlohmann::json(nullptr)
                                                      : acts},
            {"loss", LossName(c.LossKind)},
            {"optimizer", OptimizerName(c.Optimizer.Kind)},
            {"learning_rate", c.Optimizer.LearningRate},
            {"regularization", RegularizationName(c.Reg.Kind)},
            {"reg_rate", c.Reg.Rate},
            {"batch", c.BatchSize},
            {"init", InitSchemeName(c.Network.Init)},
            {"seed", c.Seed},
            {"problem",
             FindDataset(o.Data.Name).Kind == ProblemKind::Regression ? "regression" : "classification"}};
}

} // namespace nnplay
