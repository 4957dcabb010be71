// scenario.cpp: reading scenario files and writing step traces.
#include "core/io/scenario.hpp"

#include "core/io/json_fields.hpp"
#include "core/nn/backprop.hpp"
#include "core/nn/perceptron.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

namespace nnplay {

using json = nlohmann::json;

namespace {
[[noreturn]] void Fail(const std::string& field, const std::string& what) {
    throw UserError(field + ": " + what);
}

const json& Require(const json& obj, const char* key, const std::string& path) {
    if (!obj.is_object()) Fail(path, "expected an object");
    const auto it = obj.find(key);
    if (it == obj.end()) Fail(path.empty() ? key : path + "." + key, "is missing");
    return *it;
}

double Number(const json& v, const std::string& path) {
    if (!v.is_number()) Fail(path, "expected a number, got " + std::string(v.type_name()));
    const double x = v.get<double>();
    if (!std::isfinite(x)) Fail(path, "must be finite");
    return x;
}

// A scenario writes its counts as integers: 3.0 is refused like 2.5.
// 64 bits everywhere: a seed goes up to 2^53, and `long` has 32 bits in WebAssembly.
int64_t Integer(const json& v, const std::string& path, int64_t lo, int64_t hi) {
    if (!v.is_number_integer()) Fail(path, "expected a whole number, got " + v.dump()); // unsigned included
    const std::optional<int64_t> x = ExactWholeNumber<int64_t>(v);
    if (!x || *x < lo || *x > hi)
        Fail(path,
             "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + v.dump());
    return *x;
}

std::string String(const json& v, const std::string& path) {
    if (!v.is_string()) Fail(path, "expected a string, got " + v.dump());
    return v.get<std::string>();
}

const json& Array(const json& v, const std::string& path, size_t expected, const char* what) {
    if (!v.is_array()) Fail(path, "expected an array of " + std::to_string(expected) + " " + what);
    if (v.size() != expected)
        Fail(path, "expected " + std::to_string(expected) + " " + what + ", got " + std::to_string(v.size()));
    return v;
}

double Optional(const json& obj, const char* key, const std::string& path, double fallback) {
    const auto it = obj.find(key);
    return it == obj.end() ? fallback : Number(*it, Child(path, key));
}

struct LayerJson {
    LayerSpec Spec;
    const json* Weights = nullptr;
    const json* Biases = nullptr;
};

void ParseNetwork(const json& root, Scenario& s) {
    const json& net = Require(root, "network", "");
    const int inputs = int(Integer(Require(net, "inputs", "network"), "network.inputs", 1, kMaxInputs));
    const json& layers = Require(net, "layers", "network");
    if (!layers.is_array() || layers.empty()) Fail("network.layers", "expected a non-empty array of layers");
    std::vector<LayerJson> parsed;
    bool any_weights = false, all_weights = true;
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::string path = Item("network.layers", l);
        const json& layer = layers[l];
        LayerJson lj;
        lj.Spec.Units = int(Integer(Require(layer, "units", path), path + ".units", 1, kMaxUnits));
        lj.Spec.Act = ParseActivation(String(Require(layer, "activation", path), path + ".activation"),
                                      path + ".activation");
        if (layer.contains("weights")) lj.Weights = &layer["weights"];
        if (layer.contains("biases")) lj.Biases = &layer["biases"];
        if ((lj.Weights == nullptr) != (lj.Biases == nullptr))
            Fail(path, "give both weights and biases, or neither (to draw them from init)");
        any_weights |= lj.Weights != nullptr;
        all_weights &= lj.Weights != nullptr;
        parsed.push_back(lj);
    }
    if (any_weights && !all_weights)
        Fail("network.layers", "either every layer gives weights and biases, or none does");
    std::vector<LayerSpec> specs;
    for (const LayerJson& lj : parsed)
        specs.push_back(lj.Spec);
    s.Network = Mlp(inputs, specs);
    if (all_weights) {
        for (int l = 0; l < s.Network.NumLayers(); ++l) {
            const std::string path = Item("network.layers", size_t(l));
            const LayerShape& shape = s.Network.Layer(l);
            const json& w = Array(*parsed[size_t(l)].Weights, path + ".weights", size_t(shape.Out),
                                  "rows (one per unit of the layer)");
            for (int j = 0; j < shape.Out; ++j) {
                const std::string row_path = Item(path + ".weights", size_t(j));
                const json& row = Array(w[size_t(j)], row_path, size_t(shape.In),
                                        l == 0 ? "numbers (one per input)"
                                               : "numbers (one per unit of the previous layer)");
                for (int i = 0; i < shape.In; ++i)
                    s.Network.W(l)(j, i) = Number(row[size_t(i)], Item(row_path, size_t(i)));
            }
            const json& b = Array(*parsed[size_t(l)].Biases, path + ".biases", size_t(shape.Out),
                                  "numbers (one per unit of the layer)");
            for (int j = 0; j < shape.Out; ++j)
                s.Network.B(l)(j) = Number(b[size_t(j)], Item(path + ".biases", size_t(j)));
        }
        return;
    }
    const json* init = net.contains("init") ? &net["init"] : root.contains("init") ? &root["init"] : nullptr;
    if (!init)
        Fail("network.init",
             "is missing: without weights and biases the network needs {\"scheme\": ..., \"seed\": N}");
    const InitScheme scheme = ParseInitScheme(
        String(Require(*init, "scheme", "network.init"), "network.init.scheme"), "network.init.scheme");
    const int64_t seed =
        init->contains("seed") ? Integer((*init)["seed"], "network.init.seed", 0, int64_t(1) << 53) : 1;
    Rng rng{uint64_t(seed)};
    InitializeParams(s.Network, scheme, rng);
}

void ParseOptimizerSection(const json& root, Scenario& s) {
    const json& opt = Require(root, "optimizer", "");
    if (!opt.is_object())
        Fail("optimizer", "expected an object like {\"name\": \"sgd\", \"learning_rate\": 0.5}");
    OptimizerSettings& o = s.Optimizer;
    o.Kind = ParseOptimizer(String(Require(opt, "name", "optimizer"), "optimizer.name"), "optimizer.name");
    o.LearningRate = Number(Require(opt, "learning_rate", "optimizer"), "optimizer.learning_rate");
    o.Momentum = Optional(opt, "momentum", "optimizer", 0.9);
    o.Beta1 = Optional(opt, "beta1", "optimizer", 0.9);
    o.Beta2 = Optional(opt, "beta2", "optimizer", 0.999);
    o.Epsilon = Optional(opt, "epsilon", "optimizer", 1e-8);
    CheckOptimizerSettings(o, "optimizer");
    if (o.Kind == OptimizerKind::Perceptron &&
        (s.Network.NumLayers() != 1 || s.Network.OutputActivation() != Activation::Step))
        Fail("optimizer.name", "the perceptron rule trains a single layer of step units only");
}

void ParseBatch(const json& root, Scenario& s) {
    const json& batch = Require(root, "batch", "");
    const json& inputs = Require(batch, "inputs", "batch");
    const json& targets = Require(batch, "targets", "batch");
    if (inputs.is_array() && inputs.size() > size_t(kMaxScenarioSamples))
        Fail("batch.inputs", "at most " + std::to_string(kMaxScenarioSamples) +
                                 " samples (a lecture's batch), got " + std::to_string(inputs.size()));
    if (!inputs.is_array() || inputs.empty()) Fail("batch.inputs", "expected a non-empty array of samples");
    Array(targets, "batch.targets", inputs.size(), "rows (one per sample of batch.inputs)");
    const int n_in = s.Network.Inputs(), n_out = s.Network.Outputs();
    s.Inputs.resize(n_in, Eigen::Index(inputs.size()));
    s.Targets.resize(n_out, Eigen::Index(inputs.size()));
    for (size_t k = 0; k < inputs.size(); ++k) {
        const std::string ip = Item("batch.inputs", k), tp = Item("batch.targets", k);
        const json& in = Array(inputs[k], ip, size_t(n_in), "numbers (network.inputs)");
        const json& t = Array(targets[k], tp, size_t(n_out), "numbers (one per output unit)");
        for (int i = 0; i < n_in; ++i)
            s.Inputs(i, Eigen::Index(k)) = Number(in[size_t(i)], Item(ip, size_t(i)));
        for (int j = 0; j < n_out; ++j)
            s.Targets(j, Eigen::Index(k)) = Number(t[size_t(j)], Item(tp, size_t(j)));
    }
}

// Any matrix as [row][column]. The trace writes weights as they are, (out, in) -> [j][i], and
// per-sample values transposed, (units, samples) -> [sample][unit].
template <class M> json Table(const M& m) {
    json out = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.push_back(m(r, c));
        out.push_back(row);
    }
    return out;
}

json Rows(const Eigen::MatrixXd& m) {
    return Table(m.transpose());
}

json Vector(ConstVectorMap v) {
    json out = json::array();
    for (Eigen::Index j = 0; j < v.size(); ++j)
        out.push_back(v(j));
    return out;
}
} // namespace

Scenario ParseScenario(const std::string& text) {
    json root;
    try {
        root = ParseJsonText(text);
    } catch (const UserError& e) {
        throw UserError(std::string("scenario: ") + e.what());
    }
    return ParseScenarioJson(root);
}

Scenario ParseScenarioJson(const json& root) {
    if (!root.is_object()) Fail("scenario", "expected a JSON object at the top level");
    Scenario s;
    if (root.contains("name") && root["name"].is_string()) s.Name = root["name"].get<std::string>();
    ParseNetwork(root, s);
    if (root.contains("speed_limit")) s.SpeedLimit = PaceField(root["speed_limit"], "speed_limit");
    s.LossKind = ParseLoss(String(Require(root, "loss", ""), "loss"), "loss");
    if (root.contains("reduction"))
        s.Reduce = ParseReduction(String(root["reduction"], "reduction"), "reduction");
    CheckLossActivation(s.LossKind, s.Network.OutputActivation(),
                        "network.layers[" + std::to_string(s.Network.NumLayers() - 1) + "].activation");
    if (root.contains("regularization")) {
        const json& reg = root["regularization"];
        s.Reg.Kind =
            ParseRegularization(String(Require(reg, "kind", "regularization"), "regularization.kind"));
        s.Reg.Rate = Number(Require(reg, "rate", "regularization"), "regularization.rate");
        if (s.Reg.Rate < 0) Fail("regularization.rate", "must be >= 0");
    }
    ParseOptimizerSection(root, s);
    ParseBatch(root, s);
    if (root.contains("expected")) s.Expected = root["expected"];
    return s;
}

Scenario LoadScenarioFile(const std::string& path) {
    const json root = ReadJsonFile(path); // refusals name the path already
    try {
        return ParseScenarioJson(root);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

std::vector<std::string> ScenarioWarnings(const Scenario& s) {
    std::vector<std::string> out;
    if (s.Optimizer.Kind == OptimizerKind::Perceptron) return out;
    for (int l = 0; l < s.Network.NumLayers(); ++l)
        if (s.Network.Layer(l).Act == Activation::Step)
            out.push_back("network.layers[" + std::to_string(l) +
                          "] uses step units: their derivative is 0, so no gradient flows through them and "
                          "backpropagation leaves every weight before them unchanged");
    return out;
}

json TraceStep(const Mlp& net, const UpdateWalkthrough& w) {
    json layers = json::array();
    for (int l = 0; l < net.NumLayers(); ++l) {
        const LayerShape& L = net.Layer(l);
        const auto matrix = [&](const std::vector<double>& p) {
            return ConstMatrixMap(p.data() + L.WeightOffset, L.Out, L.In);
        };
        const auto vector = [&](const std::vector<double>& p) {
            return ConstVectorMap(p.data() + L.BiasOffset, L.Out);
        };
        layers.push_back({{"z", Rows(w.Z[size_t(l)])},
                          {"a", Rows(w.A[size_t(l)])},
                          {"delta", Rows(w.Delta[size_t(l)])},
                          {"grad_weights", Table(matrix(w.Grads))},
                          {"grad_biases", Vector(vector(w.Grads))},
                          {"new_weights", Table(matrix(w.NewParams))},
                          {"new_biases", Vector(vector(w.NewParams))}});
    }
    return {{"loss", w.Loss}, {"layers", layers}};
}

double TraceNumbersPerStep(const Scenario& s) {
    const double samples = double(s.Inputs.cols());
    double n = 1; // the loss
    for (int l = 0; l < s.Network.NumLayers(); ++l) {
        const double in = s.Network.Layer(l).In, out = s.Network.Layer(l).Out;
        n += 3 * samples * out + 2 * in * out + 2 * out; // z, a, delta; gradients and new weights; biases
    }
    return n;
}

ScenarioRun RunScenario(Scenario& s, int steps, const std::function<void(json)>& emit) {
    ScenarioRun run;
    const TrainConfig config = ScenarioConfig(s);
    Optimizer optimizer;
    const ConstMatrixMap X(s.Inputs.data(), s.Inputs.rows(), s.Inputs.cols());
    for (int step = 0; step < steps; ++step) {
        const UpdateWalkthrough w = WalkThroughUpdate(s.Network, X, s.Targets, config, optimizer, {});
        if (!w.Finite) {
            run.Diverged = true;
            run.Message =
                "update " + std::to_string(step + 1) + " would make " +
                (std::isfinite(w.Loss) ? std::string("a gradient or a weight") : std::string("the loss")) +
                " infinite or not a number (the inputs, weights or learning rate are too large for a "
                "double); "
                "the trace stops before it, the last finite weights are kept";
            return run;
        }
        emit(TraceStep(s.Network, w));
        s.Network.Params() = w.NewParams;
        optimizer = w.StateAfter;
        ++run.Steps;
    }
    return run;
}

json RunScenario(Scenario& s, int steps) {
    json trace = {{"steps", json::array()}};
    const ScenarioRun run =
        RunScenario(s, steps, [&](json step) { trace["steps"].push_back(std::move(step)); });
    if (run.Diverged) trace["diverged"] = {{"at_step", run.Steps + 1}, {"message", run.Message}};
    return trace;
}

TrainConfig ScenarioConfig(const Scenario& s) {
    TrainConfig c;
    c.LossKind = s.LossKind;
    c.Reduce = s.Reduce;
    c.Reg = s.Reg;
    c.Optimizer = s.Optimizer;
    return c;
}

UpdateWalkthrough WalkThroughFirstUpdate(Scenario& s, const TrainConfig& config) {
    return WalkThroughUpdate(s.Network, ConstMatrixMap(s.Inputs.data(), s.Inputs.rows(), s.Inputs.cols()),
                             s.Targets, config, Optimizer{}, {});
}

} // namespace nnplay
