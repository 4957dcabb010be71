// tf_playground_link.cpp: the playground's URL fragment <-> DatasetSpec + TrainConfig.
// The playground's keys and defaults are those of its state.ts (activation tanh, batch 10,
// circle, lr 0.03, network 4,2, 50% training data, features x and y).
#include "core/io/tf_playground_link.hpp"

#include "core/data/features.hpp"
#include "core/io/session_link.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>

namespace nnplay {

namespace {

constexpr std::string_view kHost = "playground.tensorflow.org";
constexpr int kPlaygroundPointsClassify = 500, kPlaygroundPointsRegress = 1200;

// The playground's feature keys, in its order, and nnplay's names for them (none: no equivalent).
struct FeatureKey {
    std::string_view Key;
    std::optional<Feature> Ours;
};
constexpr FeatureKey kFeatureKeys[] = {
    {"x", Feature::X1},
    {"y", Feature::X2},
    {"xTimesY", Feature::X1TimesX2},
    {"xSquared", Feature::X1Squared},
    {"ySquared", Feature::X2Squared},
    {"cosX", std::nullopt},
    {"sinX", Feature::SinX1},
    {"cosY", std::nullopt},
    {"sinY", Feature::SinX2},
};

// Keys that only change what the playground's page shows: read without a note.
constexpr std::string_view kViewOnlyKeys[] = {"collectStats", "hideText",     "tutorial",
                                              "stepButton",   "showTestData", "discretize"};

std::string PercentDecode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int v = 0;
            const auto r = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
            if (r.ec == std::errc() && r.ptr == s.data() + i + 3) {
                out += char(v);
                i += 2;
                continue;
            }
        }
        out += s[i] == '+' ? ' ' : s[i];
    }
    return out;
}

double LinkNumber(const std::string& key, const std::string& v) {
    double x = 0.0;
    if (!ReadDouble(v, x) || !std::isfinite(x))
        throw UserError("link: " + key + "=" + Quoted(v) + " is not a number");
    return x;
}

long LinkInteger(const std::string& key, const std::string& v, long lo, long hi) {
    long x = 0;
    const char* end = v.data() + v.size();
    const auto r = std::from_chars(v.data(), end, x);
    if (v.empty() || r.ec != std::errc() || r.ptr != end || x < lo || x > hi)
        throw UserError("link: " + key + "=" + Quoted(v) + ": expected a whole number from " +
                        std::to_string(lo) + " to " + std::to_string(hi));
    return x;
}

bool Bool(const std::string& key, const std::string& v) {
    if (v == "true") return true;
    if (v == "false") return false;
    throw UserError("link: " + key + "=" + Quoted(v) + ": expected true or false");
}

// The shortest text that reads back as the same double, without a '+' (a URL's query
// decoding reads '+' as a space: 1e+05 came back as "1e 05", found by the fuzzer).
std::string Shortest(double x) {
    std::string text = NumberText(x);
    if (const size_t plus = text.find("e+"); plus != std::string::npos) text.erase(plus + 1, 1);
    return text;
}

// "0.35101" (the playground's Math.random().toFixed(5)) -> 35101; anything else is hashed.
uint64_t SeedFromText(const std::string& text) {
    constexpr uint64_t kMaxSeed = uint64_t(1) << 53; // what a session file's seed may hold
    if (text.size() > 2 && text.size() <= 18 && text.compare(0, 2, "0.") == 0 &&
        text.find_first_not_of("0123456789", 2) == std::string::npos) {
        const uint64_t n = std::strtoull(text.c_str() + 2, nullptr, 10);
        if (n <= kMaxSeed) return n;
    }
    uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : text)
        h = (h ^ c) * 1099511628211ull;
    return h & ((uint64_t(1) << 53) - 1);
}

} // namespace

bool LooksLikeTfPlaygroundLink(std::string_view text) {
    if (LooksLikeSessionLink(text)) return false; // nnplay's own "#nnplay=..." (session_link.hpp)
    return text.find(kHost) != std::string_view::npos ||
           (!text.empty() && text[0] == '#' && text.find('=') != std::string_view::npos);
}

TfPlaygroundSetup ParseTfPlaygroundLink(std::string_view link) {
    if (link.size() > kMaxLinkLength)
        throw UserError("link: " + std::to_string(link.size()) +
                        " characters; a playground link has at most " + std::to_string(kMaxLinkLength));
    const size_t hash = link.find('#');
    if (hash == std::string_view::npos)
        throw UserError("link: no settings after '#' (a playground link looks like "
                        "https://playground.tensorflow.org/#activation=tanh&...)");
    const std::string_view before = link.substr(0, hash);
    if (!before.empty() && before.find(kHost) == std::string_view::npos)
        throw UserError("link: " + Quoted(before) + " is not playground.tensorflow.org");
    std::map<std::string, std::string> kv;
    std::string_view rest = link.substr(hash + 1);
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        const std::string key = PercentDecode(pair.substr(0, eq));
        const std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
        if (!kv.emplace(key, value).second) throw UserError("link: " + Quoted(key) + " is given twice");
    }
    const auto get = [&](const std::string& key, const std::string& fallback) {
        auto it = kv.find(key);
        return it == kv.end() ? fallback : it->second;
    };

    TfPlaygroundSetup s;
    std::vector<std::string>& notes = s.Notes;
    const std::string problem = get("problem", "classification");
    if (problem != "classification" && problem != "regression")
        throw UserError("link: problem=" + Quoted(problem) + ": expected classification or regression");
    const bool regression = problem == "regression";
    if (regression) {
        const std::string d = get("regDataset", "reg-plane");
        if (d == "reg-plane")
            s.Data.Name = "plane";
        else if (d == "reg-gauss")
            s.Data.Name = "multigauss";
        else
            throw UserError("link: regDataset=" + Quoted(d) + ": expected reg-plane or reg-gauss");
        s.Data.NumPoints = kPlaygroundPointsRegress;
    } else {
        const std::string d = get("dataset", "circle");
        if (d != "circle" && d != "xor" && d != "gauss" && d != "spiral")
            throw UserError("link: dataset=" + Quoted(d) + ": expected circle, xor, gauss or spiral");
        s.Data.Name = d;
        s.Data.NumPoints = kPlaygroundPointsClassify;
    }
    s.Data.NumClasses = 2;
    s.Data.Noise =
        double(LinkInteger("noise", get("noise", "0"), 0, 100)) / 100.0; // the playground's percent
    s.Data.TrainFraction = double(LinkInteger("percTrainData", get("percTrainData", "50"), 1, 100)) / 100.0;
    s.ShowTest = Bool("showTestData", get("showTestData", "false"));
    s.Discretize = Bool("discretize", get("discretize", "false"));

    TrainConfig& c = s.Config;
    c.Network.Features.clear();
    for (const FeatureKey& f : kFeatureKeys) {
        const std::string fallback = f.Key == "x" || f.Key == "y" ? "true" : "false";
        if (!Bool(std::string(f.Key), get(std::string(f.Key), fallback))) continue;
        if (f.Ours)
            c.Network.Features.push_back(*f.Ours);
        else
            notes.push_back(std::string(f.Key) + ": nnplay has no cos feature (its features are " +
                            FeatureChoices() + "): left out");
    }
    if (c.Network.Features.empty()) throw UserError("link: no input feature nnplay has is switched on");

    const std::string act_name = get("activation", "tanh");
    Activation act = Activation::Tanh;
    if (act_name == "relu")
        act = Activation::Relu;
    else if (act_name == "tanh")
        act = Activation::Tanh;
    else if (act_name == "sigmoid")
        act = Activation::Sigmoid;
    else if (act_name == "linear")
        act = Activation::Linear;
    else
        throw UserError("link: activation=" + Quoted(act_name) + ": expected relu, tanh, sigmoid or linear");
    c.Network.Hidden.clear();
    const std::string shape = get("networkShape", "4,2");
    for (size_t start = 0; !shape.empty();) {
        const size_t comma = shape.find(',', start);
        const std::string units =
            shape.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (c.Network.Hidden.size() == size_t(kMaxLayers - 1))
            throw UserError("link: networkShape: more than " + std::to_string(kMaxLayers - 1) +
                            " hidden layers");
        c.Network.Hidden.push_back({int(LinkInteger("networkShape", units, 1, kMaxUnits)), act});
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    c.Network.Init = Bool("initZero", get("initZero", "false")) ? InitScheme::Zeros : InitScheme::Uniform;
    if (c.Network.Init == InitScheme::Uniform)
        notes.push_back(
            "biases start at 0 (the playground starts them at 0.1); weights are U(-0.5, 0.5) as there");
    c.LossKind = Loss::HalfSquaredError;
    c.Reduce = Reduction::Mean;
    c.Optimizer.Kind = OptimizerKind::Sgd;
    c.Optimizer.LearningRate = LinkNumber("learningRate", get("learningRate", "0.03"));
    const std::string reg = get("regularization", "none");
    if (reg == "none" || reg == "null" || reg.empty())
        c.Reg.Kind = RegularizationKind::None;
    else if (reg == "L1")
        c.Reg.Kind = RegularizationKind::L1;
    else if (reg == "L2")
        c.Reg.Kind = RegularizationKind::L2;
    else
        throw UserError("link: regularization=" + Quoted(reg) + ": expected none, L1 or L2");
    c.Reg.Rate = LinkNumber("regularizationRate", get("regularizationRate", "0"));
    if (c.Reg.Kind == RegularizationKind::None) c.Reg.Rate = 0.0;
    c.BatchSize = int(LinkInteger("batchSize", get("batchSize", "10"), 1, kMaxPoints));
    if (kv.count("seed")) {
        const std::string seed = get("seed", "");
        c.Seed = SeedFromText(seed);
        notes.push_back("seed=" + Quoted(seed) +
                        ": nnplay's random numbers are not the playground's; its seed " +
                        std::to_string(c.Seed) + " draws other points and starting weights");
    }
    s.Data.Seed = c.Seed;
    try {
        CheckTrainConfig(c, Naming::Words);
    } catch (const UserError& e) {
        throw UserError(std::string("link: ") + e.what());
    }
    for (const auto& [key, value] : kv) {
        bool known = false;
        for (std::string_view k :
             {"problem", "dataset", "regDataset", "noise", "percTrainData", "activation", "networkShape",
              "initZero", "learningRate", "regularization", "regularizationRate", "batchSize", "seed"})
            known = known || key == k;
        for (const FeatureKey& f : kFeatureKeys)
            known = known || key == f.Key;
        for (std::string_view k : kViewOnlyKeys)
            known = known || key == k;
        if (!known) notes.push_back(Quoted(key) + ": not a setting nnplay knows: ignored");
    }
    return s;
}

TfPlaygroundLink MakeTfPlaygroundLink(const DatasetSpec& data, const TrainConfig& c, bool show_test,
                                      bool discretize) {
    TfPlaygroundLink link;
    std::vector<std::string>& omitted = link.Omitted;
    const bool regression = data.Name == "plane" || data.Name == "multigauss";
    std::string dataset = "circle", reg_dataset = "reg-plane";
    if (regression)
        reg_dataset = data.Name == "plane" ? "reg-plane" : "reg-gauss";
    else if (data.Name == "circle" || data.Name == "xor" || data.Name == "gauss" || data.Name == "spiral")
        dataset = data.Name;
    else
        omitted.push_back("dataset " + data.Name +
                          ": the playground has circle, xor, gauss and spiral (the link says circle)");
    if (!regression && data.NumClasses != 2)
        omitted.push_back(std::to_string(data.NumClasses) + " classes: the playground has two");
    const long noise = std::lround(data.Noise * 100.0), perc = std::lround(data.TrainFraction * 100.0);
    if (std::abs(double(noise) - data.Noise * 100.0) > 1e-9 || noise > 50)
        omitted.push_back("noise " + Shortest(data.Noise) +
                          ": the playground's noise is a whole percent up to 50");
    if (perc < 10 || perc > 90 || std::abs(double(perc) - data.TrainFraction * 100.0) > 1e-9)
        omitted.push_back("train fraction " + Shortest(data.TrainFraction) +
                          ": the playground's is a whole percent from 10 to 90");

    const std::vector<Feature>& features = c.Network.Features;
    const auto has = [&](Feature f) {
        return std::find(features.begin(), features.end(), f) != features.end();
    };
    std::string shape;
    for (const LayerSpec& l : c.Network.Hidden)
        shape.append(shape.empty() ? "" : ",").append(std::to_string(l.Units));
    const Activation act = c.Network.Hidden.empty() ? Activation::Tanh : c.Network.Hidden[0].Act;
    std::string act_name = "tanh";
    switch (act) {
    case Activation::Relu:
        act_name = "relu";
        break;
    case Activation::Sigmoid:
        act_name = "sigmoid";
        break;
    case Activation::Linear:
        act_name = "linear";
        break;
    case Activation::Tanh:
        break;
    default:
        omitted.push_back("activation " + std::string(ActivationName(act)) +
                          ": the playground has relu, tanh, sigmoid and linear (the link says tanh)");
    }
    for (const LayerSpec& l : c.Network.Hidden)
        if (l.Act != act) {
            omitted.push_back(
                "one activation per layer: the playground uses one for every hidden layer (the first's)");
            break;
        }
    if (c.Network.Hidden.size() > 6)
        omitted.push_back("more than 6 hidden layers: the playground draws at most 6");
    for (const LayerSpec& l : c.Network.Hidden)
        if (l.Units > 8) {
            omitted.push_back("more than 8 units in a layer: the playground draws at most 8");
            break;
        }
    if (c.Network.Output)
        omitted.push_back("output activation " + std::string(ActivationName(*c.Network.Output)) +
                          ": the playground's output is tanh (classes) or linear (values)");
    if (c.Network.Init != InitScheme::Uniform && c.Network.Init != InitScheme::Zeros)
        omitted.push_back("init " + std::string(InitSchemeName(c.Network.Init)) +
                          ": the playground draws U(-0.5, 0.5) or zeros");
    if (c.LossKind != Loss::HalfSquaredError)
        omitted.push_back("loss " + std::string(LossName(c.LossKind)) +
                          ": the playground has half squared error only");
    if (c.Reduce != Reduction::Mean)
        omitted.push_back("reduction sum: the playground averages over the batch");
    if (c.Optimizer.Kind != OptimizerKind::Sgd)
        omitted.push_back("optimizer " + std::string(OptimizerName(c.Optimizer.Kind)) +
                          ": the playground has plain SGD only");

    std::string url = "https://playground.tensorflow.org/#activation=" + act_name;
    url += "&batchSize=" + std::to_string(c.BatchSize);
    url += "&dataset=" + dataset;
    url += "&regDataset=" + reg_dataset;
    url += "&learningRate=" + Shortest(c.Optimizer.LearningRate);
    if (c.Reg.Kind != RegularizationKind::None)
        url += std::string("&regularization=") + (c.Reg.Kind == RegularizationKind::L1 ? "L1" : "L2");
    url += "&regularizationRate=" + Shortest(c.Reg.Kind == RegularizationKind::None ? 0.0 : c.Reg.Rate);
    url += "&noise=" + std::to_string(std::min(noise, 100L));
    url += "&networkShape=" + shape;
    url += "&seed=0." + std::to_string(c.Seed);
    url += std::string("&showTestData=") + (show_test ? "true" : "false");
    url += std::string("&discretize=") + (discretize ? "true" : "false");
    url += "&percTrainData=" + std::to_string(std::clamp(perc, 1L, 100L));
    for (const FeatureKey& f : kFeatureKeys)
        url.append("&").append(f.Key).append("=").append(f.Ours && has(*f.Ours) ? "true" : "false");
    url += "&collectStats=false";
    url += std::string("&problem=") + (regression ? "regression" : "classification");
    url += std::string("&initZero=") + (c.Network.Init == InitScheme::Zeros ? "true" : "false");
    url += "&hideText=false";
    link.Url = std::move(url);
    return link;
}

} // namespace nnplay
